"""The 2027 planning cycle walked in the browser by its three roles (issue 5).

The sponsor (``sponsor``, 통관기획과) opens the 2027 cycle board, starts the plan of
2027-CLP-001 (AI X-ray, a new-technology project), fills its 11 sections on the edit page and
submits it: one impact review per IT department running a related system. The heads of those
departments (``security`` for 시스템운영팀's UP-SRV, ``airport_it`` for 인천공항 ICN-TRV) reply on
the review's page, the sponsor records the reflection, and the 정보기획담당관 (``itplan``) starts
the EA review, fills it, sees 실무협의회 상정 blocked by 제7조 (no preceding study), holds the plan
with a reason, resumes it, gives the reason and places it on the demo council meeting's agenda.
The project page shows the step line. Every role has its own browser context in the one chromium.
Screenshots: artifacts/screenshots/test_planning_cycle_three_roles/.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from itms.governance.models import Meeting
from itms.planning.models import PlanningCycle, ProjectPlan
from itms.projects.models import Project
from itms.testing.browser import login, needs_chromium, shot, state, submit, transition
from itms.testing.matrix import walked_on

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium, walked_on("sqlite")]

PROJECT = "2027-CLP-001"
# The two IT departments running the project's related systems (planning/demo.py, resources/demo.py).
REVIEWERS = {"security": "시스템운영팀", "airport_it": "전산정보관리과"}


def blocked(page, name: str) -> str:
    """The blocked reasons shown under a transition's disabled button."""
    row = page.locator(f'#workflow-panel [data-transition="{name}"]')
    assert row.locator("button[disabled]").count() == 1, f"{name}: 버튼이 막혀 있지 않습니다"
    return row.locator("[data-testid=blocked-reasons]").inner_text()


def click_link(page, link) -> None:
    with page.expect_navigation():
        link.click()


def test_planning_cycle_three_roles(page, page_log, open_as):
    project = Project.objects.get(code=PROJECT)
    cycle = PlanningCycle.objects.get(year=2027)
    council_meeting = Meeting.objects.get(body__name="정보화실무협의회", title="2027년도 사업계획 실무 검토")
    assert not ProjectPlan.objects.filter(cycle=cycle, project=project).exists()
    assert {s.operating_unit.name for s in project.related_systems.all()} == set(REVIEWERS.values())

    # --- the sponsor: the cycle board, a plan started for the AI X-ray project ---------------------------------
    login(page, "sponsor")
    page.goto("/planning/planning-cycles/")
    click_link(page, page.get_by_role("link", name=str(cycle)))
    assert urlsplit(page.url).path == cycle.get_absolute_url()
    board = page.locator("[data-testid=cycle-board]")
    row = board.locator("tbody tr").filter(has_text=project.name)
    assert row.locator("td").nth(2).inner_text().startswith("미작성")
    shot(page, "sponsor-cycle-board")
    # The project select lists no project until searched (hundreds start in a year): type, then choose.
    page.locator("#id_project").locator("xpath=..").locator("[data-search-input]").fill(project.code)
    page.locator("#id_project option", has_text=project.name).wait_for(state="attached")
    page.select_option("#id_project", label=project.name)
    click_link(page, page.get_by_role("button", name="사업계획서 작성"))
    plan = ProjectPlan.objects.get(cycle=cycle, project=project)
    assert urlsplit(page.url).path == plan.get_absolute_url()
    assert state(page) == "작성 중"
    reasons = blocked(page, "submit")
    assert "'1. 정보화사업의 필요성 및 기대효과'를 작성해야 제출할 수 있습니다." in reasons, reasons
    shot(page, "sponsor-plan-started-submit-blocked")

    # --- the 11 sections on the edit page, then submitted: the impact reviews are requested --------------------
    click_link(page, page.get_by_role("link", name="수정"))
    for field in ProjectPlan.SECTIONS:
        label = ProjectPlan._meta.get_field(field).verbose_name
        page.fill(f"#id_{field}", f"{label}: 엑스레이 영상 AI 판독 시범사업 (통관기획과 작성)")
    save = page.get_by_role("button", name="저장")
    save.scroll_into_view_if_needed()
    shot(page, "sponsor-plan-edit-filled")
    assert "수정했습니다" in submit(page, save)
    shot(page, "sponsor-plan-saved")
    submit(page, transition(page, "submit"))
    assert state(page) == "영향도 검토 중"
    reviews_table = page.locator(".card").filter(has=page.locator(".card-title", has_text="영향도 검토")).last
    for unit in REVIEWERS.values():
        assert unit in reviews_table.inner_text(), reviews_table.inner_text()
    reviews_table.scroll_into_view_if_needed()
    shot(page, "sponsor-plan-submitted-impact-reviews")

    # --- each IT department head replies on the review's page, reached from 내 할 일 --------------------------------
    for username, unit in REVIEWERS.items():
        head = open_as(username)
        task = head.locator("[data-testid=my-tasks] .list-group-item").filter(has_text=f"{project.name} ({unit})")
        assert "영향도 검토 회신" in task.inner_text()
        shot(head, f"{username}-home-task")
        click_link(head, task.locator("[data-testid=task-subject]"))
        assert state(head) == "검토 요청"
        head.fill("#id_reply-reply", f"{unit}: 관련 시스템의 판독 기록 기능과 연계 필요. 기능 중복 없음.")
        shot(head, f"{username}-impact-review-reply")
        submit(head, transition(head, "reply"))
        assert state(head) == "회신"
        shot(head, f"{username}-impact-review-replied")

    # --- the sponsor reflects both replies in the plan ---------------------------------------------------------------
    for unit in REVIEWERS.values():
        page.goto(plan.get_absolute_url())
        click_link(page, page.locator(".card table a").filter(has_text=unit).first)
        assert state(page) == "회신"
        page.fill("#id_reflect-reflection", f"{unit} 회신에 따라 연계 방안을 사업계획 2·5항에 반영")
        submit(page, transition(page, "reflect"))
        assert state(page) == "반영 완료"
        shot(page, f"sponsor-reflected-{unit}")
    page.goto(cycle.get_absolute_url())
    assert project.name in board.inner_text()
    shot(page, "sponsor-cycle-board-after-submit")

    # --- the 정보기획담당관: EA review, blocked by 제7조, hold, resume, council ---------------------------------------
    itplan = open_as("itplan")
    itplan.goto(plan.get_absolute_url())
    submit(itplan, transition(itplan, "begin_ea_review"))
    assert state(itplan) == "정보기술아키텍처 검토"
    reasons = blocked(itplan, "to_council")
    assert "사업 추진의 효과성" in reasons and "제7조" in reasons, reasons
    shot(itplan, "itplan-ea-review-started")

    click_link(itplan, itplan.get_by_role("link", name="EA 검토서 보기·작성"))
    ea_url = urlsplit(itplan.url).path
    click_link(itplan, itplan.get_by_role("link", name="수정"))
    itplan.fill("#id_effectiveness", "여행자 휴대품 판독 시간 단축과 위해물품 적발률 향상 효과가 구체적이다.")
    itplan.fill("#id_duplication", "감시(위해물품 차단) 시스템의 판독 기록 기능과 중복 없이 연계한다.")
    itplan.fill("#id_feasibility_budget", "시범 규모 대비 9억원은 적정하나 학습 데이터 구축비를 분리 관리한다.")
    save = itplan.get_by_role("button", name="저장")
    save.scroll_into_view_if_needed()
    shot(itplan, "itplan-ea-review-edit")
    assert "수정했습니다" in submit(itplan, save)
    itplan.goto(plan.get_absolute_url())
    reasons = blocked(itplan, "to_council")
    assert "신기술 사업은 연구용역·ISP·시범사업·기술검증 등 선행 사업이나 그렇지 않은 사유가 있어야 합니다." in reasons
    assert "제7조" in reasons and "효과성" not in reasons, reasons
    shot(itplan, "itplan-council-blocked-a7")

    itplan.fill("#id_hold-reason", "신기술 사업의 선행 기술검증 결과가 없어 보완 전까지 보류 (제8조제7항)")
    submit(itplan, transition(itplan, "hold"))
    assert state(itplan) == "보류"
    assert "선행 기술검증" in itplan.locator(".page-body").inner_text()  # the reason is on the plan page
    shot(itplan, "itplan-plan-on-hold")
    itplan.goto(project.get_absolute_url())
    assert itplan.locator('[data-testid=project-line] [data-status="blocked"]').count() >= 1
    itplan.locator("[data-testid=project-line]").scroll_into_view_if_needed()
    shot(itplan, "itplan-project-line-on-hold")

    itplan.goto(plan.get_absolute_url())
    # A hold lifts with its reason (a8.7).
    itplan.fill("#id_resume-reason", "선행 기술검증 결과(2026. 11.)를 받아 보완함")
    submit(itplan, transition(itplan, "resume"))
    assert state(itplan) == "정보기술아키텍처 검토"
    shot(itplan, "itplan-plan-resumed")
    itplan.goto(f"{ea_url}edit/")
    itplan.fill(
        "#id_new_tech_justification",
        "2026년 관세국경관리연수원 실증(PoC) 결과로 갈음하며, 본 사업 자체가 시범사업 규모로 한정된다.",
    )
    assert "수정했습니다" in submit(itplan, itplan.get_by_role("button", name="저장"))
    itplan.goto(plan.get_absolute_url())
    itplan.select_option("#id_to_council-meeting", label=str(council_meeting))
    shot(itplan, "itplan-to-council-ready")
    submit(itplan, transition(itplan, "to_council"))
    assert state(itplan) == "실무협의회 상정"
    shot(itplan, "itplan-plan-on-council-agenda")

    itplan.goto(council_meeting.get_absolute_url())
    agenda = itplan.locator("[data-testid=agenda-item]").filter(has_text=str(plan))
    assert agenda.count() == 1
    agenda.scroll_into_view_if_needed()
    shot(itplan, "council-meeting-agenda")

    # --- the project page: the step line ------------------------------------------------------------------------------
    page.goto(project.get_absolute_url())
    line = page.locator("[data-testid=project-line]")
    text = line.inner_text()
    assert "영향도 검토 회신 2/2" in text and "실무협의회 상정" in text, text
    line.scroll_into_view_if_needed()
    shot(page, "sponsor-project-step-line")

    page_log.assert_clean()
