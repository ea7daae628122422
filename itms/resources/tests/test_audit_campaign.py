"""정보자산 실사 (a29.3.2) and its result to the 정보기획담당관 (a29.3.3): a campaign from opening to report."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from itms.accounts.models import Position
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Refused
from itms.documents.models import Document
from itms.notifications.models import Notification
from itms.regulation.models import Obligation, ObligationStatus
from itms.resources.actions import audits as actions
from itms.resources.choices import AssetStatus, CheckResult, InventoryAuditState, Resolution
from itms.resources.factories import AssetFactory, unit
from itms.resources.models import Asset, AssetType, AuditDiscrepancy, InventoryAudit, InventoryAuditItem

pytestmark = pytest.mark.django_db
OFFICER_POSITION = {"unit__code": "KCS-SOT", "title": "정보자산 담당 주무관"}


def _transition(client, audit, name, data=None):
    return client.post(
        f"/api/workflow/resources/inventoryaudit/{audit.pk}/{name}/",
        json.dumps({"data": data or {}}),
        content_type="application/json",
    )


@pytest.fixture
def audit(client_of):
    """A campaign over the backup equipment of 시스템운영팀, opened by the 정보기획담당관."""
    response = client_of("itplan").post(
        "/resources/inventory-audits/add/",
        {
            "title": "백업 장비 실사",
            "unit": unit("KCS-SOT").pk,
            "scope_units": [unit("KCS-SOT").pk],
            "scope_types": [AssetType.objects.get(code="BACKUP").pk],
            "officers": [Position.objects.get(**OFFICER_POSITION).pk],
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    return InventoryAudit.objects.get(title="백업 장비 실사")


def test_a29_3_2_starting_lists_every_om_target_in_scope_and_opens_the_report_owed_to_the_it_planning_officer(
    client_of, user_of, audit
):
    response = _transition(client_of("itplan"), audit, "start")
    assert response.status_code == 200, response.content
    audit.refresh_from_db()
    assert audit.state == InventoryAuditState.IN_PROGRESS
    assert set(audit.items.values_list("asset__tag", flat=True)) == {"KCS-BK-00001", "KCS-BK-00002"}
    duty = Obligation.objects.get(kind="inventory_audit_report", subject_id=audit.pk, status=ObligationStatus.OPEN)
    assert duty.owed_by_role == "asset_officer" and duty.owed_by_unit.code == "KCS-SOT"
    assert duty.owed_to_role == "it_planning_officer" and "a29.3.3" in duty.clause_ids
    assert duty.due_date >= audit.ends_on + dt.timedelta(days=14)  # inventory_audit_report_days, rolled past holidays
    assert Notification.objects.filter(recipient=user_of("asset"), title__contains="실사 담당").exists()
    event = LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION, subject_id=str(audit.pk)).latest("seq")
    assert event.clause_ids == ["a29.3.2"]
    # Started: its scope and period are fixed.
    assert client_of("itplan").get(f"/resources/inventory-audits/{audit.pk}/edit/").status_code == 403


def test_a29_3_2_a_campaign_without_officers_or_assets_in_scope_does_not_start(client_of, unchanged):
    empty = InventoryAudit.objects.create(
        title="빈 실사", unit=unit("KCS-SOT"), starts_on=timezone.localdate(), ends_on=timezone.localdate()
    )
    empty.scope_types.set([AssetType.objects.create(code="EMPTY", name="빈 유형", kind="hw_other")])
    client = client_of("itplan")
    with unchanged():
        response = _transition(client, empty, "start")
    assert response.status_code == 409
    assert {g["clause"] for g in response.json()["guards"]} == {"a29.3.2", "a29.3.1"}


def test_a29_3_2_officers_record_found_differs_missing_and_new_on_the_checklist(client_of, user_of, unchanged, audit):
    _transition(client_of("itplan"), audit, "start")
    client = client_of("asset")
    first, second = Asset.objects.get(tag="KCS-BK-00001"), Asset.objects.get(tag="KCS-BK-00002")
    page = client.get(f"/resources/inventory-audits/{audit.pk}/checklist/")
    assert page.status_code == 200 and "camera=(self)" in page["Permissions-Policy"]
    card = client.get(f"/resources/inventory-audits/{audit.pk}/lookup/?tag=KCS-BK-00001", HTTP_HX_REQUEST="true")
    assert card.status_code == 200 and "UNI-PASS 백업 장비 1" in card.content.decode()
    unknown = client.get(f"/resources/inventory-audits/{audit.pk}/lookup/?tag=NO-SUCH")
    assert unknown.status_code == 200 and "등록 자산이 없습니다" in unknown.content.decode()
    client.post(f"/resources/inventory-audits/{audit.pk}/check/", {"asset": first.pk, "result": "found"})
    first.refresh_from_db()
    assert first.verified_on == timezone.localdate()  # a29.3: checked on site = current
    itstaff = client_of("itstaff")
    with unchanged():
        no_difference = client.post(
            f"/resources/inventory-audits/{audit.pk}/check/", {"asset": second.pk, "result": "differs"}
        )
        stranger = itstaff.post(
            f"/resources/inventory-audits/{audit.pk}/check/", {"asset": second.pk, "result": "found"}
        )
    assert no_difference.status_code == 303
    assert stranger.status_code == 404  # 데이터담당관 is neither an officer nor in scope
    client.post(
        f"/resources/inventory-audits/{audit.pk}/check/",
        {"asset": second.pk, "result": "differs", "difference": "제1전산실 B03으로 옮겨져 있음"},
    )
    client.post(f"/resources/inventory-audits/{audit.pk}/new/", {"new-observed_name": "라벨 없는 테이프 장비"})
    counts = audit.counts()
    assert (counts[CheckResult.FOUND], counts[CheckResult.DIFFERS], counts[CheckResult.NEW]) == (1, 1, 1)
    assert counts["open"] == 2


def test_a29_3_2_the_checklist_shows_and_records_only_assets_on_it_or_within_the_officers_reach(
    client_of, user_of, unchanged, audit
):
    """A tag typed on the checklist is no way round the asset list's scope: an asset neither on the campaign nor
    visible to the officer answers as unknown, and recording it is refused, on the screen and through the API."""
    _transition(client_of("itplan"), audit, "start")
    officer = user_of("asset")
    beyond = Asset.objects.exclude(pk__in=Asset.objects.restrict(officer, "view").values("pk")).first()
    assert beyond is not None and beyond.org_unit.code != "KCS-SOT"
    client = client_of("asset")
    card = client.get(f"/resources/inventory-audits/{audit.pk}/lookup/?tag={beyond.tag}").content.decode()
    assert "등록 자산이 없습니다" in card and beyond.name not in card
    with unchanged():
        screen = client.post(
            f"/resources/inventory-audits/{audit.pk}/check/", {"asset": beyond.pk, "result": "found"}, follow=True
        )
        api = client.post(
            f"/api/resources/inventory-audits/{audit.pk}/check/",
            {"tag": beyond.tag, "result": "found"},
            content_type="application/json",
        )
    assert "조회할 수 있는 범위 밖" in screen.content.decode()
    assert api.status_code == 404 and api.json()["code"] == "resources.unknown_tag"
    # An asset of the officer's own scope found on site joins the campaign, though outside its asset types.
    own = Asset.objects.restrict(officer, "view").exclude(pk__in=audit.items.values("asset_id")).first()
    card = client.get(f"/resources/inventory-audits/{audit.pk}/lookup/?tag={own.tag}").content.decode()
    assert own.name in card
    actions.record_check(audit=audit, actor=officer, asset=own, result=CheckResult.FOUND)
    assert audit.items.filter(asset=own).exists()


def test_a29_3_2_what_was_not_found_by_the_end_is_recorded_missing_each_in_the_change_log(client_of, user_of, audit):
    """At the end of the visit the officer records every asset not yet checked as missing, at once; each item
    and each discrepancy it opens is in the change log with the officer, as the items listed at the start are."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    _transition(client_of("itplan"), audit, "start")
    officer = user_of("asset")
    items = ContentType.objects.get_for_model(InventoryAuditItem)
    listed = LogEntry.objects.filter(content_type=items, action=LogEntry.Action.CREATE, actor=user_of("itplan"))
    assert set(audit.items.values_list("pk", flat=True)) <= set(listed.values_list("object_id", flat=True))
    first = Asset.objects.get(tag="KCS-BK-00001")
    actions.record_check(audit=audit, actor=officer, asset=first, result=CheckResult.FOUND)
    response = client_of("asset").post(f"/resources/inventory-audits/{audit.pk}/mark-missing/", follow=True)
    assert "확인하지 않은 자산 1건을 미발견으로 기록했습니다" in response.content.decode()
    missing = audit.items.get(asset__tag="KCS-BK-00002")
    assert missing.result == CheckResult.MISSING and missing.checked_by == officer
    discrepancy = AuditDiscrepancy.objects.get(item=missing)
    assert discrepancy.kind == CheckResult.MISSING and discrepancy.is_open
    entry = LogEntry.objects.get(content_type=items, object_id=missing.pk, action=LogEntry.Action.UPDATE)
    assert entry.actor == officer and entry.changes["result"] == ["pending", "missing"]
    assert LogEntry.objects.get_for_object(discrepancy).get().actor == officer


def test_a29_3_2_an_unregistered_find_and_the_end_of_visit_go_through_the_api_too(client_of, user_of, audit):
    _transition(client_of("itplan"), audit, "start")
    api = client_of("asset")
    base = f"/api/resources/inventory-audits/{audit.pk}"
    empty = api.post(f"{base}/new/", {}, content_type="application/json")
    assert empty.status_code == 400 and empty.json()["clause"] == "a29.3.2"
    found = api.post(f"{base}/new/", {"observed_name": "라벨 없는 테이프 장비"}, content_type="application/json")
    assert found.status_code == 201 and found.json()["result"] == CheckResult.NEW
    assert client_of("itstaff").post(f"{base}/mark-missing/").status_code in (403, 404)
    assert api.post(f"{base}/mark-missing/").json() == {"marked_missing": 2}
    assert audit.counts()["open"] == 3


def test_a29_3_2_a_difference_is_resolved_as_updated_only_once_the_record_was_corrected(
    client_of, user_of, unchanged, audit
):
    _transition(client_of("itplan"), audit, "start")
    officer = user_of("asset")
    second = Asset.objects.get(tag="KCS-BK-00002")
    actions.record_check(
        audit=audit, actor=officer, asset=second, result=CheckResult.DIFFERS, difference="제1전산실 B03으로 옮겨짐"
    )
    discrepancy = AuditDiscrepancy.objects.get(item__asset=second)
    with unchanged(), pytest.raises(Refused, match="기록이 실사 확인 뒤에 고쳐지지 않았습니다"):
        actions.resolve_discrepancy(discrepancy=discrepancy, actor=officer, resolution="updated", note="반영")
    second.rack = "B03"
    second.save()
    resolved = actions.resolve_discrepancy(discrepancy=discrepancy, actor=officer, resolution="updated", note="반영")
    assert resolved.resolution == Resolution.UPDATED


def test_a29_3_2_closing_waits_until_everything_is_checked_and_every_discrepancy_resolved(
    client_of, user_of, unchanged, audit
):
    _transition(client_of("itplan"), audit, "start")
    officer = user_of("asset")
    first, second = Asset.objects.get(tag="KCS-BK-00001"), Asset.objects.get(tag="KCS-BK-00002")
    actions.record_check(audit=audit, actor=officer, asset=first, result=CheckResult.FOUND)
    client = client_of("asset")
    with unchanged():
        unchecked = _transition(client, audit, "close")
    assert unchecked.status_code == 409 and unchecked.json()["guards"][0]["clause"] == "a29.3.2"
    assert "확인하지 않은 자산" in unchecked.json()["message"]
    assert client.post(f"/resources/inventory-audits/{audit.pk}/mark-missing/").status_code == 302
    with unchanged():
        unresolved = _transition(client, audit, "close")
    assert "처리하지 않은 불일치" in unresolved.json()["message"]
    missing = AuditDiscrepancy.objects.get(item__asset=second)
    with unchanged():
        wrong = client.post(f"/api/resources/audit-discrepancies/{missing.pk}/resolve/", {"resolution": "registered"})
        no_reason = client.post(
            f"/api/resources/audit-discrepancies/{missing.pk}/resolve/", {"resolution": "written_off"}
        )
    assert wrong.status_code == 400 and no_reason.status_code == 400
    response = client.post(
        f"/resources/audit-discrepancies/{missing.pk}/resolve/",
        {"resolution": "written_off", "note": "2025년 교체 때 반출, 반출 대장 확인"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == AssetStatus.DISPOSED and "반출" in second.disposal_reason
    assert _transition(client, audit, "close").status_code == 200
    event = LegalEvent.objects.filter(kind=LegalEventKind.TRANSITION, subject_id=str(audit.pk)).latest("seq")
    assert "실사 종료" in event.summary and event.clause_ids == ["a29.3.2"]


def test_a29_3_2_an_unregistered_asset_is_registered_or_carried_over(client_of, user_of, audit):
    _transition(client_of("itplan"), audit, "start")
    officer = user_of("asset")
    item = actions.record_new_asset(audit=audit, actor=officer, observed_tag="NEW-TAPE-1", observed_name="테이프 장비")
    found = AssetFactory(tag="NEW-TAPE-1")
    discrepancy = actions.resolve_discrepancy(
        discrepancy=item.discrepancy, actor=officer, resolution=Resolution.REGISTERED, registered_asset=found
    )
    item.refresh_from_db()
    assert discrepancy.resolution == Resolution.REGISTERED and item.asset == found
    other = actions.record_new_asset(audit=audit, actor=officer, observed_name="출처 모를 모니터")
    with pytest.raises(Exception, match="처리 내용"):
        actions.resolve_discrepancy(discrepancy=other.discrepancy, actor=officer, resolution=Resolution.CARRIED_OVER)
    carried = actions.resolve_discrepancy(
        discrepancy=other.discrepancy,
        actor=officer,
        resolution=Resolution.CARRIED_OVER,
        note="소유 부서 확인 중, 다음 실사로",
    )
    assert carried.resolution == Resolution.CARRIED_OVER


def test_a29_3_3_the_result_is_reported_with_xlsx_and_pdf_and_the_duty_is_met(client_of, user_of, audit):
    _transition(client_of("itplan"), audit, "start")
    officer = user_of("asset")
    for item in audit.items.all():
        actions.record_check(audit=audit, actor=officer, asset=item.asset, result=CheckResult.FOUND)
    client = client_of("asset")
    assert _transition(client, audit, "close").status_code == 200
    assert client.get(f"/resources/inventory-audits/{audit.pk}/report.xlsx").status_code == 200
    assert _transition(client_of("itplan"), audit, "report").status_code == 403  # the asset officer reports
    assert _transition(client, audit, "report").status_code == 200
    audit.refresh_from_db()
    assert audit.state == InventoryAuditState.REPORTED and audit.reported_at is not None
    documents = Document.objects.filter(subject_id=audit.pk, subject_type__model="inventoryaudit")
    assert sorted(d.latest.filename.rsplit(".", 1)[1] for d in documents) == ["pdf", "xlsx"]
    pdf = next(d for d in documents if d.latest.filename.endswith(".pdf")).latest
    assert pdf.file.read().startswith(b"%PDF")
    duty = Obligation.objects.get(kind="inventory_audit_report", subject_id=audit.pk)
    assert duty.status == ObligationStatus.MET
    assert Notification.objects.filter(recipient=user_of("itplan"), title__contains="실사 결과 통보").exists()


def test_a29_3_3_the_report_names_the_result_and_every_discrepancy():
    from itms.documents.official import plain_text
    from itms.resources.reports import audit_report_document

    demo = InventoryAudit.objects.get(title__endswith="정보보호 장비 방문 실사")
    text = plain_text(audit_report_document(demo))
    assert "정보기획담당관" in text and "불일치" in text and "미등록 자산 발견" in text
    assert "제29조제3항제3호" in text


def test_a29_3_2_the_api_records_a_check_by_tag(client_of):
    demo = InventoryAudit.objects.get(title__endswith="정보보호 장비 방문 실사")
    pending = demo.items.filter(result=CheckResult.PENDING).select_related("asset").first()
    client = client_of("asset")
    response = client.post(
        f"/api/resources/inventory-audits/{demo.pk}/check/", {"tag": pending.asset.tag, "result": "found"}
    )
    assert response.status_code == 200 and response.json()["result"] == "found"
    unknown = client.post(f"/api/resources/inventory-audits/{demo.pk}/check/", {"tag": "NOPE-1", "result": "found"})
    assert unknown.status_code == 404 and "NOPE-1" in unknown.json()["message"]


def test_a29_3_2_the_asset_officer_runs_the_demo_campaign_to_its_report_in_the_browser_pages(client_of):
    """Done when: an asset officer can run a whole 실사 campaign on the demo data (through the pages they use)."""
    demo = InventoryAudit.objects.get(title__endswith="정보보호 장비 방문 실사")
    client = client_of("asset")
    assert client.get(demo.get_absolute_url()).status_code == 200
    for item in InventoryAuditItem.objects.filter(audit=demo, result=CheckResult.PENDING).select_related("asset"):
        card = client.get(f"/resources/inventory-audits/{demo.pk}/checklist/?tag={item.asset.tag}")
        assert item.asset.tag in card.content.decode()
        client.post(f"/resources/inventory-audits/{demo.pk}/check/", {"asset": item.asset_id, "result": "found"})
    for discrepancy in AuditDiscrepancy.objects.filter(item__audit=demo, resolution=Resolution.OPEN):
        page = client.get(discrepancy.get_absolute_url())
        assert page.status_code == 200 and page.context["may_resolve"]
        resolution = "updated" if discrepancy.kind == "differs" else "carried_over"
        if resolution == "updated":  # the record is corrected to what was found on site, then resolved
            asset = discrepancy.item.asset
            corrected = client.patch(
                f"/api/resources/assets/{asset.pk}/",
                json.dumps({"note": f"실사 반영: {discrepancy.item.difference}"[:300]}),
                content_type="application/json",
            )
            assert corrected.status_code == 200, corrected.content
        response = client.post(
            f"/resources/audit-discrepancies/{discrepancy.pk}/resolve/",
            {"resolution": resolution, "note": "현장 확인 결과를 반영함"},
        )
        assert response.status_code == 302
    for name in ("close", "report"):
        response = client.post(f"/regulation/workflow/resources/inventoryaudit/{demo.pk}/{name}/")
        assert response.status_code in (302, 303), response.content
    demo.refresh_from_db()
    assert demo.state == InventoryAuditState.REPORTED
    assert client.get(f"/resources/inventory-audits/{demo.pk}/report.pdf").status_code == 200
