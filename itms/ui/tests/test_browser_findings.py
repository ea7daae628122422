"""What KCS staff met in chapters 2–3, checked again in a real chromium (issue 10, points 1, 4 and 10).

1. After API 문서 is opened (which generates or reads the schema), list pages of the same server stay Korean.
4. A meeting convened fewer than 7 days ahead warns the secretary when it is convened (제4조제10항), not only at
   distribution, and the meeting's page keeps saying so.
10. A vendor's portfolio has no internal "늦은 부서" board, and every link a vendor is shown opens.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from itms.governance.choices import BodyKind
from itms.governance.models import Body, Meeting
from itms.testing.browser import login, needs_chromium, shot

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]

HANGUL = re.compile(r"[가-힣]")


def test_point_1_list_filters_stay_korean_after_the_api_documents_are_opened(page, page_log):
    login(page, "sponsor")
    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title", has_text="정보화관리시스템 API").wait_for()
    page.goto("/projects/projects/")
    labels = [text.strip() for text in page.locator("form label").all_inner_texts() if text.strip()]
    assert len(labels) >= 3, labels
    english = [label for label in labels if not HANGUL.search(label)]
    assert english == [], f"영어로 바뀐 필터 이름: {english}"
    assert "단계" in labels or any(label.startswith("단계") for label in labels), labels
    page_log.assert_clean()


def test_point_4_a4_10_convening_less_than_seven_days_ahead_warns_when_convened(page, page_log):
    committee = Body.objects.get(kind=BodyKind.COMMITTEE)
    when = timezone.localtime() + dt.timedelta(days=3)
    login(page, "itplan")  # the committee's secretary (간사)
    page.goto(f"/governance/bodies/{committee.pk}/convene/")
    page.fill("input[name=title]", "긴급 정보화추진위원회")
    page.fill("input[name=scheduled_at]", when.strftime("%Y-%m-%dT14:00"))
    page.fill("input[name=place]", "정부대전청사 1동 회의실")
    with page.expect_navigation():
        page.locator(".page-body form button[type=submit]").click()
    meeting = Meeting.objects.get(body=committee, title="긴급 정보화추진위원회")
    assert urlsplit(page.url).path == meeting.get_absolute_url()
    warning = page.locator(".alert-warning", has_text="제4조제10항").first
    assert "안건 배포 기한" in warning.inner_text() and "늦어진 사유" in warning.inner_text()
    shot(page, "convene-short-notice")
    page.reload()  # said again on the meeting's own page, not only once after convening
    assert "제4조제10항" in page.locator("[data-testid=short-notice]").inner_text()
    page_log.assert_clean()


def test_point_10_a17_3_a_vendor_sees_no_late_board_and_every_link_it_is_shown_opens(page, page_log):
    login(page, "vendor")
    page.goto("/planning/portfolio/")
    assert page.locator("[data-testid=late-board]").count() == 0
    assert "늦은 부서" not in page.locator("body").inner_text()
    hrefs = page.eval_on_selector_all(
        "main a[href], .page-body a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    local = sorted({h for h in hrefs if h.startswith("/") and not h.startswith("//") and "logout" not in h})
    assert local, "포털 화면에 링크가 없습니다"
    dead = []
    for href in local:
        response = page.request.get(href)
        if response.status != 200:
            dead.append(f"{href} → {response.status}")
    assert dead == [], "협력업체에게 열 수 없는 링크가 보입니다:\n" + "\n".join(dead)
    page_log.assert_clean()
