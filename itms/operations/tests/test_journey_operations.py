"""Chapter 6 walked in the browser (issue 16, "Done when"): a maintenance request from a business user to the top of
the IT department's priority queue, and an SLA month computed from the service desk's incidents and reported.

Each role works in its own browser context on the demo agency:

- 통관기획과's ``sponsor`` files a request for 수입통관 (UP-IMP), naming the function 수입신고 심사 (a25.1);
- whoever heads it today (the demo's acting head while 직무대행 runs) reviews it and forwards it to the IT department (a25.1);
- 시스템운영팀's head (``security``), who runs UP-IMP, reviews it with the duplicate candidates shown beside it
  (a25.2), accepts it, finds it fourth in the queue after the demo's three accepted requests and puts it first
  (a25.4);
- then, under the O&M contract <year>-UP-OM-01, records an S1 incident that stopped 수입통관 for 3시간 36분 on the
  1st of this month, computes this month's SLA figures from the service desk (a26.2) and opens the measurement:
  the availability's basis names the downtime, the total score, the grade and the payment adjustment are shown;
  the month is reported to the vendor and appears in the contract's yearly report with its chart.

The demo measures every month before this one, so this month is computed here for the first time, while it is in
progress. What the page must show is worked from the records (planned hours − downtime) ÷ planned hours over the
hours gone by, not read back from the code: the downtime includes the 3.6 hours of the incident filed here. (The
first run of this journey computed the month as if all 31 days had passed: 9,672 planned hours on the 4th.) Screenshots: artifacts/screenshots/test_request_to_queue_and_sla_month/.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from itms.accounts.models import OrgUnit
from itms.operations.actions.common import head_users
from itms.operations.choices import MonthState, RequestState, Severity
from itms.operations.models import Incident, MaintenanceRequest, MaintenanceWindow, ServiceLevelAgreement, SlaMonth
from itms.resources.models import InformationSystem, MaintenanceContract
from itms.testing.browser import choose, login, needs_chromium, shot, state, submit, transition
from itms.testing.matrix import walked_on

pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium, walked_on("postgresql")]

TITLE = "수입신고 심사 화면 위험 선별 사유 표시"


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def test_request_to_queue_and_sla_month(page, page_log, open_as):
    """a25.1 → a25.2 → a25.4 in the browser, then a26.2 (and the incident record of a26.3) for this month."""
    imp = InformationSystem.objects.get(code="UP-IMP")
    clp = OrgUnit.objects.get(code="KCS-CLP")
    function = imp.functions.get(name="수입신고 심사")

    # --- a25.1: the business user files the request ---------------------------------------------------------------
    login(page, "sponsor")
    page.goto(reverse("operations:maintenancerequest_add"))
    page.fill("#id_title", TITLE)
    page.fill("#id_description", "수입신고 심사 화면에 위험관리 시스템이 선별한 사유를 함께 보여 준다.")
    page.fill("#id_reason", "심사자가 선별 사유를 따로 조회하느라 심사가 늦다.")
    choose(page, "#id_system", imp.pk, imp.name)
    choose(page, "#id_functions", function.pk, function.name)
    page.select_option("#id_urgency", value="high")
    choose(page, "#id_requesting_unit", clp.pk, clp.name)
    shot(page, "sponsor-request-form")
    submit(page, page.get_by_role("button", name="저장"))
    request = MaintenanceRequest.objects.get(title=TITLE)
    assert page.url.endswith(request.get_absolute_url()), page.url
    submit(page, transition(page, "submit"))
    assert state(page) == RequestState.SUBMITTED.label
    shot(page, "sponsor-submitted")

    # --- a25.1: the head of 통관기획과 forwards it -----------------------------------------------------------------
    head = open_as(head_users(clp)[0].username)  # whoever heads it today: the acting head while 직무대행 runs
    head.goto(request.get_absolute_url())
    head.fill("#id_forward-opinion", "심사 시간 단축에 필요합니다. 검토를 요청합니다.")
    submit(head, transition(head, "forward"))
    assert state(head) == RequestState.FORWARDED.label
    shot(head, "head-forwarded")

    # --- a25.2: the IT department reviews it against the existing functions, then accepts (a25.3) -----------------
    it = open_as("security")
    it.goto(request.get_absolute_url())
    panel = it.locator("[data-testid=similar-panel]")
    panel.wait_for()
    assert panel.is_visible()
    assert "제25조제2항" in it.locator("[data-testid=request-lineage]").inner_text()
    shot(it, "it-review-with-similar-panel", full_page=True)
    it.fill("#id_review-overlap_note", "중복 후보의 위험도 점수 표시 요청과 화면은 같으나 내용이 달라 겹치지 않는다.")
    it.fill("#id_review-change_scope", "수입신고 심사 화면 1개, 위험관리 연계 조회 1개")
    it.fill("#id_review-workload_days", "5")
    it.fill("#id_review-interlinked_functions", "1")
    submit(it, transition(it, "review"))
    assert state(it) == RequestState.REVIEWED.label
    submit(it, transition(it, "accept"))
    assert state(it) == RequestState.ACCEPTED.label
    request.refresh_from_db()
    assert request.state == RequestState.ACCEPTED and request.priority == 4  # after the demo's three

    # --- a25.4: the head of the IT department orders the queue --------------------------------------------------
    it.goto(reverse("operations:queue") + f"?unit={imp.operating_unit_id}")
    rows = it.locator("[data-testid=queue] tbody tr")
    assert rows.count() == 4 and TITLE in rows.nth(3).inner_text()
    it.fill(f"#pos-{request.pk}", "1")
    message = submit(it, rows.nth(3).get_by_role("button", name="옮기기"))
    assert "1위" in message
    rows = it.locator("[data-testid=queue] tbody tr")
    assert TITLE in rows.nth(0).inner_text() and rows.nth(0).locator("td").first.inner_text().strip() == "1"
    assert [r.priority for r in MaintenanceRequest.objects.filter(state=RequestState.ACCEPTED,
                                                                  system__operating_unit=imp.operating_unit)
            .order_by("priority")] == [1, 2, 3, 4]  # fmt: skip
    shot(it, "it-queue-ordered")

    # --- a26.3: the IT department records this month's incident -------------------------------------------------
    today = timezone.localdate()
    first = today.replace(day=1)
    contract = MaintenanceContract.objects.get(number=f"{today.year}-UP-OM-01")
    started, restored = _aware(first, 1), _aware(first, 4, 36)  # 3.6 hours down
    it.goto(reverse("operations:incident_add"))
    it.fill("#id_number", f"INC-{today:%Y%m}-JOURNEY")
    choose(it, "#id_system", imp.pk, imp.name)
    choose(it, "#id_contract", contract.pk, contract.number)
    it.fill("#id_title", "수입신고 접수 서비스 중단 (DB 잠금)")
    it.select_option("#id_severity", value=Severity.S1)
    it.fill("#id_started_at", f"{started:%Y-%m-%dT%H:%M}")
    it.fill("#id_detected_at", f"{started + dt.timedelta(minutes=6):%Y-%m-%dT%H:%M}")
    it.fill("#id_restored_at", f"{restored:%Y-%m-%dT%H:%M}")
    it.check("#id_service_down")
    it.select_option("#id_cause", value="software")
    submit(it, it.get_by_role("button", name="저장"))
    incident = Incident.objects.get(number=f"INC-{today:%Y%m}-JOURNEY")
    assert incident.restored_at - incident.started_at == dt.timedelta(hours=3, minutes=36)

    # --- a26.2: the month computed from the service desk and reported --------------------------------------------
    sla = ServiceLevelAgreement.objects.get(contract=contract)
    assert not SlaMonth.objects.filter(sla=sla, month=first).exists()
    it.goto(sla.get_absolute_url())
    measure = it.locator("[data-testid=sla-measure]")
    measure.locator("input[name=month]").fill(f"{today:%Y-%m-%d}")
    for field in measure.locator("input[name^=value_]").all():
        field.fill("95")
    message = submit(it, measure.get_by_role("button", name="산정"))
    assert f"{first.year}. {first.month}. 서비스수준을 산정했습니다" in message
    record = SlaMonth.objects.get(sla=sla, month=first)
    assert record.state == MonthState.COMPUTED

    # Worked from the records: the month in progress is measured up to the minute of the measurement — every covered
    # system × the hours gone by (24 h a day), less planned windows; the downtime is every service-stopping incident's
    # part in that span, the 3.6 hours filed above among them.
    systems = list(contract.systems.values_list("pk", flat=True))
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    month_end = dt.datetime.combine(
        min((first + dt.timedelta(days=32)).replace(day=1), contract.ends_on + dt.timedelta(days=1)),
        dt.time.min,
        tzinfo=zone,
    )
    end = min(month_end, record.computed_at.replace(second=0, microsecond=0))

    def part(a, b) -> Decimal:
        lo, hi = max(a, start), min(b or end, end)
        return Decimal((hi - lo).total_seconds()) / 3600 if hi > lo else Decimal(0)

    planned = part(start, end) * len(systems) - sum(
        (part(w.starts_at, w.ends_at) for w in MaintenanceWindow.objects.filter(system_id__in=systems)), Decimal(0)
    )
    down = sum(
        (part(i.started_at, i.restored_at) for i in Incident.objects.filter(system_id__in=systems, service_down=True)),
        Decimal(0),
    )
    assert down >= Decimal("3.6")
    availability = ((planned - down) / planned * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)

    it.goto(record.get_absolute_url())
    shot(it, "it-sla-month-computed", full_page=True)
    text = it.locator("body").inner_text()
    assert f"{availability}%" in text, (availability, text)
    assert f"{record.score}" in text and record.grade and record.grade in text
    assert "대가 조정" in text

    # --- reported to the vendor and in the contract's yearly report -----------------------------------------------
    submit(it, transition(it, "report"))
    assert state(it) == MonthState.REPORTED.label
    it.goto(reverse("operations:sla_year", args=[sla.pk, first.year]))
    row = it.locator("[data-testid=sla-year] tbody tr").nth(first.month - 1)
    assert f"{first.year}. {first.month}." in row.inner_text() and "업체 통보" in row.inner_text()
    assert f"{record.score}" in row.inner_text() and record.grade in row.inner_text()
    it.locator("#chart-sla").wait_for()
    shot(it, "it-sla-year-report", full_page=True)
    page_log.assert_clean()
