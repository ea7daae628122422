"""A full 정보화추진위원회 meeting walked in the browser (issue 4): convene, agenda, quorum, votes, minutes.

The secretary (``itplan``) convenes a meeting of the demo committee, adds an agenda item,
distributes the agenda, records attendance (first too few: 개회 is blocked citing 제4조제8항),
opens the meeting, runs a vote and closes it with an effect, closes the meeting and writes the
minutes; the chair (``cio``) confirms them and the secretary locks them; the PDF and HWPX
download. The projector panel and a member's 내 회의 (``security``) are photographed too.
Every role has its own browser context in the one chromium; every page is checked for requests
leaving the machine, console errors and failed requests. Screenshots:
artifacts/screenshots/test_full_committee_meeting/.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from itms.governance.models import Body, Meeting, Minutes
from itms.projects.models import Project
from itms.testing.browser import login, needs_chromium, shot, watch
from itms.testing.matrix import walked_on

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium, walked_on("sqlite")]

COMMITTEE = "정보화추진위원회"
CHAIR = "김정민"  # cio
PRESENT_FIRST = ["김정민", "이서연"]  # 2 of 9: below the quorum
PRESENT_THEN = ["윤서진", "최민수", "서현우"]  # 5 of 9 with the chair: the quorum
# The secretary records the other members' votes; 이서연 (the secretary's own seat) votes with 내 표결.
VOTES = {"김정민": "찬성", "윤서진": "찬성", "최민수": "반대", "서현우": "기권"}
ABSENT = "임재원"  # airport_it, not recorded as present


def submit(page, button, *, expect_error: bool = False) -> str:
    """Click a submit button, wait for the page it leads to, return the flash message shown."""
    with page.expect_navigation():
        button.click()
    alerts = page.locator(".alert-danger[role=alert]")
    if expect_error:
        assert alerts.count(), f"{page.url}: 거절 메시지가 보이지 않습니다"
        return alerts.first.inner_text()
    assert not alerts.count(), f"{page.url}: {alerts.all_inner_texts()}"
    success = page.locator(".alert-success[role=alert]")
    return success.first.inner_text() if success.count() else ""


def transition(page, name: str):
    """The enabled button of a workflow transition on the page's 진행 상태 panel."""
    return page.locator(f'#workflow-panel [data-transition="{name}"] form button[type=submit]').first


def state(page) -> str:
    return page.locator("#workflow-panel [data-testid=state]").inner_text().strip()


def attend(page, name: str, status: str = "출석") -> None:
    rows = page.locator("[data-testid=attendance] form.list-group-item")
    row = rows.filter(has=page.locator("span.me-auto", has_text=name))  # the proxy list names everyone
    row.locator("select[name=status]").select_option(label=status)
    assert "출석을 기록했습니다" in submit(page, row.get_by_role("button", name="저장"))


def test_full_committee_meeting(page, page_log, open_as):
    body = Body.objects.get(name=COMMITTEE)
    project = Project.objects.get(code="2027-CLP-001")
    day = timezone.localdate() + dt.timedelta(days=10)

    # --- the secretary convenes a meeting 10 days ahead --------------------------------------------------------
    login(page, "itplan")
    page.goto(body.get_absolute_url())
    shot(page, "committee")
    with page.expect_navigation():
        page.get_by_role("link", name="회의 소집").click()
    page.fill("#id_title", "2027년도 신기술 사업 심의")
    page.fill("#id_scheduled_at", f"{day:%Y-%m-%d}T14:00")
    page.fill("#id_place", "정부대전청사 관세청 소회의실")
    shot(page, "convene-form")
    assert "소집했습니다" in submit(page, page.get_by_role("button", name="소집"))
    meeting = Meeting.objects.filter(body=body).latest("pk")
    assert urlsplit(page.url).path == meeting.get_absolute_url()
    assert state(page) == "소집"
    shot(page, "convened")

    # --- an agenda item, then the agenda distributed (a4.9, a4.10) ----------------------------------------------
    page.select_option("#id_item-kind", label="신기술을 활용한 정보화 추진")
    page.fill("#id_item-title", project.name)
    page.fill("#id_item-description", "엑스레이 영상 인공지능 판독의 기술검증 결과와 2027년 시범 도입 계획")
    # The project select lists no project until searched: the typeahead asks the projects API as one types.
    assert page.locator("#id_item-project option").count() == 1
    page.get_by_label("대상 정보화사업 찾기").fill(project.code)
    page.locator("#id_item-project option", has_text=project.name).wait_for(state="attached")
    shot(page, "agenda-project-typeahead")
    page.select_option("#id_item-project", label=project.name)
    assert "안건을 추가했습니다" in submit(page, page.get_by_role("button", name="추가", exact=True))
    item = page.locator("[data-testid=agenda-item]").filter(has_text=project.name)
    assert item.count() == 1
    shot(page, "agenda-item-added")
    submit(page, transition(page, "distribute"))
    assert state(page) == "안건 배포"
    assert "기한 내" in page.locator("[data-testid=distribution]").inner_text()
    shot(page, "agenda-distributed")

    # --- too few present: 개회 is blocked, citing 제4조제8항 -------------------------------------------------------
    for name in PRESENT_FIRST:
        attend(page, name)
    assert "미달" in page.locator("[data-testid=quorum-card]").inner_text()
    opening = page.locator('#workflow-panel [data-transition="open"]')
    assert opening.locator("button[disabled]").count() == 1
    reasons = opening.locator("[data-testid=blocked-reasons]").inner_text()
    assert "재적위원 과반수가 출석해야" in reasons and "제4조제8항" in reasons, reasons
    opening.scroll_into_view_if_needed()
    shot(page, "open-blocked-no-quorum")

    # --- a majority with the chair: the meeting opens -----------------------------------------------------------
    for name in PRESENT_THEN:
        attend(page, name)
    quorum = page.locator("[data-testid=quorum-card]")
    assert "출석 5명" in quorum.inner_text() and "충족" in quorum.inner_text(), quorum.inner_text()
    quorum.scroll_into_view_if_needed()
    shot(page, "quorum-reached")
    # The meeting is scheduled ahead of today: opening it now needs the recorded reason (a4.10).
    page.fill("#id_open-reason", "위원 전원의 동의로 예정일 전에 개회")
    submit(page, transition(page, "open"))
    assert state(page) == "회의 중"
    shot(page, "in-session")

    # --- the vote: opened, cast, closed with an effect ----------------------------------------------------------
    submit(page, item.get_by_role("button", name="표결 시작"))
    assert "표결 중" in item.locator(".card-title").inner_text()
    assert "표결을 기록했습니다" in submit(page, item.get_by_role("button", name="찬성", exact=True))  # 내 표결
    record = item.locator("form").filter(has_text="위원 표 기록")
    # Only present members (or their proxies) are offered; the server refuses others anyway (unit tests).
    offered = record.locator("select[name=membership] option").all_inner_texts()
    assert ABSENT not in offered, offered
    for name, choice in VOTES.items():
        record.locator("select[name=membership]").select_option(label=name)
        record.locator("select[name=choice]").select_option(label=choice)
        assert "표결을 기록했습니다" in submit(page, record.get_by_role("button", name="기록"))
    assert "찬성 3, 반대 1, 기권 1" in item.locator("[data-testid=tally]").inner_text()
    item.scroll_into_view_if_needed()
    shot(page, "votes-recorded")
    closing = item.locator("form").filter(has=page.get_by_role("button", name="표결 마감·의결 기록"))
    closing.locator("select[name=close-effect]").select_option(label="수정 의결 (예산·우선순위 조정)")
    closing.locator("input[name=close-priority_rank]").fill("1")
    closing.locator("input[name=close-adjusted_budget]").fill("800000000")
    closing.locator("textarea[name=close-remarks]").fill("시범 범위를 인천공항 1개 검사장으로 줄여 예산을 조정한다.")
    assert "의결을 기록했습니다" in submit(page, closing.get_by_role("button", name="표결 마감·의결 기록"))
    outcome = item.locator("[data-testid=outcome]").inner_text()
    assert "가결" in outcome and "수정 의결" in outcome, outcome
    arithmetic = item.locator("[data-testid=tally]").inner_text()
    assert "재적 9명, 출석 5명" in arithmetic and "의결정족수 찬성 3명" in arithmetic and "가결" in arithmetic
    item.scroll_into_view_if_needed()
    shot(page, "vote-closed-outcome")

    # --- the projector panel (opened in a new tab from the workspace) -------------------------------------------
    with page.context.expect_page() as popup:
        page.get_by_role("link", name="실시간 현황").click()
    live = popup.value
    watch(live, page, page_log)
    live.wait_for_load_state()
    assert urlsplit(live.url).path == f"{meeting.get_absolute_url()}live/"
    assert live.locator("[data-testid=present]").inner_text().strip() == "5"
    assert live.locator("[data-testid=quorum]").inner_text().strip() == "성원"
    shot(live, "live-panel")
    live.close()

    # --- 폐회 and the minutes ---------------------------------------------------------------------------------------
    submit(page, transition(page, "close"))
    assert state(page) == "종료"
    assert "회의록 초안을 작성했습니다" in submit(page, page.get_by_role("button", name="회의록 작성"))
    minutes_card = page.locator("[data-testid=minutes-card]")
    assert "초안" in minutes_card.inner_text()
    minutes_card.scroll_into_view_if_needed()
    shot(page, "minutes-drafted")
    minutes = Minutes.objects.get(meeting=meeting)

    # --- the chair confirms them -----------------------------------------------------------------------------------
    chair = open_as("cio")
    chair.goto(meeting.get_absolute_url())
    with chair.expect_navigation():
        chair.locator("[data-testid=minutes-card]").get_by_role("link", name="초안").click()
    assert urlsplit(chair.url).path == minutes.get_absolute_url()
    shot(chair, "chair-sees-draft-minutes")
    submit(chair, transition(chair, "confirm"))
    assert state(chair) == "위원장 확인"
    shot(chair, "chair-confirmed-minutes")

    # --- the secretary locks them, and both files download ----------------------------------------------------------
    page.goto(minutes.get_absolute_url())
    submit(page, transition(page, "lock"))
    assert state(page) == "확정(잠금)"
    shot(page, "minutes-locked")
    page.goto(meeting.get_absolute_url())
    minutes_card = page.locator("[data-testid=minutes-card]")
    assert "확정(잠금)" in minutes_card.inner_text()
    minutes_card.scroll_into_view_if_needed()
    shot(page, "workspace-minutes-locked")
    for label, content_type, magic in (("PDF", "application/pdf", b"%PDF"), ("HWPX", "application/hwp+zip", b"PK")):
        href = minutes_card.get_by_role("link", name=label, exact=True).get_attribute("href")
        response = page.request.get(href)
        assert response.status == 200, f"{label} {href} → {response.status}"
        assert response.headers["content-type"] == content_type, response.headers
        assert "attachment" in response.headers["content-disposition"]
        assert response.body().startswith(magic), f"{label}: {response.body()[:8]!r}"
        with page.expect_download() as download:
            minutes_card.get_by_role("link", name=label, exact=True).click()
        assert download.value.suggested_filename.endswith(f"_회의록.{label.lower()}"), download.value.suggested_filename
    notice = minutes_card.get_by_role("link", name=project.sponsor_unit.name)  # 심의결과 통보 (a4.9)
    response = page.request.get(notice.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf", response.headers

    # --- a member who is not the secretary: 내 회의 -----------------------------------------------------------------
    member = open_as("security")
    member.goto("/governance/my-meetings/")
    assert member.locator("h1.page-title").inner_text().strip() == "내 회의"
    listed = member.locator(".list-group-item").filter(has_text=str(meeting))
    assert listed.count() == 1 and "종료" in listed.inner_text()
    shot(member, "member-my-meetings")
    with member.expect_navigation():
        listed.click()
    assert member.locator("[data-testid=attendance]").count() == 0  # not the secretariat: no attendance form
    assert member.get_by_role("button", name="회의록 작성").count() == 0
    shot(member, "member-sees-meeting")

    page_log.assert_clean()
