"""The inventory as the directive asks for it (a2.0.4, a2.0.5, a29.2, a29.3): hardware and software of every
system, kept by the asset officer of each scope, with type-specific mandatory attributes, licences, O&M coverage
and assignment to people."""

import json

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from itms.accounts.models import OrgUnit
from itms.regulation.models import Obligation, ObligationStatus
from itms.resources.actions import assets as actions
from itms.resources.choices import AssetStatus, RelationKind
from itms.resources.factories import AssetFactory, SoftwareFactory, unit
from itms.resources.models import (
    Asset,
    AssetAssignment,
    AssetAttributeValue,
    AssetRelation,
    AssetType,
    AttributeDefinition,
    InformationSystem,
    Licence,
)
from itms.resources.tests.test_inventory_objects import _api, _server_form

pytestmark = pytest.mark.django_db


# --- a2.0.4: hardware and software in one inventory ------------------------------------------------------------------
def test_a2_0_4_hardware_software_of_each_system_in_one_inventory(client_of):
    unipass = InformationSystem.objects.get(code="UP-IMP")
    kinds = {
        a.asset_type.category for a in Asset.objects.filter(system__parent__code="UNIPASS").select_related("asset_type")
    }
    assert kinds == {"hw"}
    software = Asset.objects.filter(asset_type__code__in=["OS", "DBMS", "MIDDLEWARE"], system__code="UNIPASS")
    assert software.count() >= 4
    # installed on the subsystem's servers, each relation counted against the product's licences
    oracle = Asset.objects.get(name="Oracle Database Enterprise Edition")
    installed = AssetRelation.objects.filter(source=oracle, kind=RelationKind.INSTALLED_ON)
    assert installed.filter(target_asset__system=unipass).exists()
    assert sum(lic.quantity for lic in oracle.licences.all()) >= installed.count()
    client = client_of("asset")
    assert client.get("/resources/assets/?category=sw").status_code == 200
    response = client.get("/resources/assets/?category=hw&system=" + str(unipass.pk))
    assert "UNI-PASS 수입통관" in response.content.decode()


# --- a29.3.3: mandatory attributes, defined as data ------------------------------------------------------------------
def test_a29_3_3_an_administrator_adds_a_mandatory_attribute_without_code_and_the_form_then_asks_for_it(client_of):
    server = AssetType.objects.get(code="SERVER")
    before = Asset.objects.filter(asset_type=server, missing_attributes__gt=0).count()
    response = client_of("sysadmin").post(
        "/resources/attribute-definitions/add/",
        {
            "asset_type": server.pk,
            "name": "전원 이중화",
            "key": "dual_power",
            "value_type": "boolean",
            "required": "on",
            "order": 9,
        },
    )
    assert response.status_code == 302
    # Every server registered before now lacks it: the 현행화 dashboard counts them (a29.3.3).
    assert Asset.objects.filter(asset_type=server, missing_attributes__gt=0).count() > before
    client = client_of("asset")
    form = client.get(f"/resources/assets/add/?asset_type={server.pk}").content.decode()
    assert "attributes__dual_power" in form and "전원 이중화" in form
    refused = client.post("/resources/assets/add/", _server_form("T-NEW-DP"))
    assert refused.status_code == 400
    assert "'전원 이중화'를 입력하십시오" in " ".join(refused.context["form"].errors["attributes"])
    saved = client.post("/resources/assets/add/", _server_form("T-NEW-DP", attributes__dual_power="예"))
    assert saved.status_code == 302
    asset = Asset.objects.get(tag="T-NEW-DP")
    assert asset.attributes["dual_power"] is True and asset.missing_attributes == 0


def test_a29_3_3_a_big_types_assets_are_recounted_after_the_commit_not_in_the_administrators_request(
    client_of, monkeypatch, django_capture_on_commit_callbacks
):
    """A type with more assets than REFRESH_IN_TRANSACTION is recomputed in the background once the new
    definition is saved; the counts then agree with the definitions (a29.3.3)."""
    from itms.resources.models import assets as asset_models

    monkeypatch.setattr(asset_models, "REFRESH_IN_TRANSACTION", 0)
    server = AssetType.objects.get(code="SERVER")
    before = Asset.objects.filter(asset_type=server, missing_attributes__gt=0).count()
    definition = {
        "asset_type": server.pk,
        "name": "전원 이중화",
        "key": "dual_power",
        "value_type": "boolean",
        "order": 9,
    }
    with django_capture_on_commit_callbacks(execute=False) as pending:
        response = client_of("sysadmin").post("/resources/attribute-definitions/add/", {**definition, "required": "on"})
        assert response.status_code == 302
        assert Asset.objects.filter(asset_type=server, missing_attributes__gt=0).count() == before  # not yet
    for callback in pending:
        callback()
    every = Asset.objects.filter(asset_type=server).count()
    assert Asset.objects.filter(asset_type=server, missing_attributes__gt=0).count() == every


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("attributes__cpu_cores", "", "'CPU 코어 수'를 입력하십시오"),
        ("attributes__cpu_cores", "열여섯", "'CPU 코어 수'를 숫자로 입력하십시오"),
        ("attributes__role", "메일", "허용되지 않은 값"),
    ],
)
def test_a29_3_3_a_bad_attribute_is_refused_in_korean_on_the_form_and_the_api_and_nothing_is_saved(
    client_of, unchanged, field, value, message
):
    data = _server_form("T-BAD-ATTR", **{field: value})
    client = client_of("asset")
    with unchanged():
        form = client.post("/resources/assets/add/", data)
        api = client.post("/api/resources/assets/", json.dumps(_api(data)), content_type="application/json")
    assert form.status_code == 400 and message in " ".join(form.context["form"].errors["attributes"])
    assert api.status_code == 400 and message in json.dumps(api.json(), ensure_ascii=False)


def test_a29_3_3_attributes_are_stored_typed_and_filtered_through_their_index(client_of):
    small = AssetFactory(
        attributes={"role": "WEB", "hostname": "h-small", "ip_address": "10.9.9.1", "cpu_cores": 4, "memory_gb": "16"}
    )
    large = AssetFactory(
        attributes={"role": "DB", "hostname": "h-large", "ip_address": "10.9.9.2", "cpu_cores": 96, "memory_gb": 1024}
    )
    assert small.attributes["memory_gb"] == 16  # stored as a number, whatever came in
    memory = AttributeDefinition.objects.get(asset_type__code="SERVER", key="memory_gb")
    assert AssetAttributeValue.objects.get(asset=large, definition=memory).value_number == 1024
    client = client_of("asset")
    listed = client.get(f"/resources/assets/?attribute={memory.pk}&value=%3E%3D+1000").content.decode()
    assert large.tag in listed and small.tag not in listed
    host = AttributeDefinition.objects.get(asset_type__code="SERVER", key="hostname")
    api = client.get(f"/api/resources/assets/?attribute={host.pk}&value=h-small").json()
    assert [row["tag"] for row in api["results"]] == [small.tag]
    # An edit re-indexes: the old value no longer matches.
    large.attributes = {**large.attributes, "memory_gb": 512}
    large.save()
    assert large.tag not in client.get(f"/resources/assets/?attribute={memory.pk}&value=%3E%3D+1000").content.decode()


# --- a29.3: licences, relations ----------------------------------------------------------------------------------------
def test_a29_3_a_licence_count_below_the_installations_that_use_it_is_refused(client_of, unchanged):
    software = SoftwareFactory()
    licence = Licence.objects.create(software=software, quantity=2)
    servers = AssetFactory.create_batch(3)
    client = client_of("asset")
    for server in servers[:2]:
        response = client.post(
            "/resources/asset-relations/add/",
            {"source": software.pk, "kind": "installed_on", "target_asset": server.pk},
        )
        assert response.status_code == 302
    with unchanged():
        third = client.post(
            "/resources/asset-relations/add/",
            {"source": software.pk, "kind": "installed_on", "target_asset": servers[2].pk},
        )
        fewer = client.post(
            f"/resources/licences/{licence.pk}/edit/",
            {"software": software.pk, "kind": "perpetual", "metric": "installation", "quantity": 1},
        )
        deleted = client.delete(f"/api/resources/licences/{licence.pk}/")
    assert third.status_code == 400
    assert "라이선스 수량(2)이 설치 수(3)보다 적습니다" in " ".join(third.context["form"].errors["source"])
    assert fewer.status_code == 400
    assert "라이선스 수량(1)이 설치 수(2)보다 적습니다" in " ".join(fewer.context["form"].errors["quantity"])
    assert deleted.status_code == 409 and deleted.json()["clause"] == "a29.3"


def test_a29_3_relations_keep_to_their_meaning(client_of):
    server, other = AssetFactory(), AssetFactory()
    software = SoftwareFactory()
    client = client_of("asset")
    wrong_way = client.post(
        "/resources/asset-relations/add/", {"source": server.pk, "kind": "installed_on", "target_asset": software.pk}
    )
    assert wrong_way.status_code == 400 and "소프트웨어 자산에서 하드웨어 자산으로만" in wrong_way.content.decode()
    client.post("/resources/asset-relations/add/", {"source": server.pk, "kind": "part_of", "target_asset": other.pk})
    cycle = client.post(
        "/resources/asset-relations/add/", {"source": other.pk, "kind": "part_of", "target_asset": server.pk}
    )
    assert cycle.status_code == 400 and "순환" in cycle.content.decode()


def test_a29_3_an_assets_history_holds_its_relations_licences_and_assignments_deletions_included(client_of):
    """An asset's whole history (a29.3: records kept current and traceable): besides its own fields, the
    relations from and to it, its licences and its assignments, each entry saying which record it concerns."""
    server, other = AssetFactory(), AssetFactory()
    software = SoftwareFactory()
    client = client_of("asset")
    client.post("/resources/asset-relations/add/", {"source": server.pk, "kind": "part_of", "target_asset": other.pk})
    relation = server.relations.get()
    client.post(f"/resources/asset-relations/{relation.pk}/delete/")
    client.post(
        "/resources/licences/add/",
        {"software": software.pk, "kind": "perpetual", "metric": "installation", "quantity": 7},
    )
    client.post(f"/resources/assets/{server.pk}/assign/", {"assign-holder_unit": "KCS-SOT"})
    assert not server.relations.exists() and software.licences.get().quantity == 7

    def history(asset):
        return client.get(f"/resources/assets/{asset.pk}/history/").content.decode()

    about = '<div class="small text-secondary">'
    page = history(server)
    assert page.count(about + "자산 관계 ") == 2  # created, then deleted
    assert "삭제" in page and about + "자산 지급 이력 " in page and "사용 부서" in page
    assert history(other).count(about + "자산 관계 ") == 2  # the relation's target sees it too
    licence_page = history(software)
    assert licence_page.count(about + "라이선스 ") == 1 and "<td>7</td>" in licence_page
    assert about + "자산 관계 " not in licence_page


# --- a2.0.5, a29.2, a17.3: who keeps which records ----------------------------------------------------------------------
def test_a2_0_5_the_asset_officer_keeps_the_assets_of_their_scope_only(client_of, unchanged):
    client = client_of("asset")  # 정보자산 담당자 of 시스템운영팀
    icn = Asset.objects.get(tag="ICN-SV-00001")
    assert client.get(icn.get_absolute_url()).status_code == 404
    with unchanged():
        outside = client.post(
            "/resources/assets/add/",
            _server_form(
                "T-ICN-1", org_unit=unit("ICN-CIM").pk, system=InformationSystem.objects.get(code="ICN-TRV").pk
            ),
        )
    assert outside.status_code == 400 and "담당 범위" in outside.content.decode()
    assert client.post("/resources/assets/add/", _server_form("T-SOT-1")).status_code == 302


def test_a29_2_an_it_department_registers_changes_of_the_systems_it_operates(client_of):
    client = client_of("itdept")  # 데이터담당관: operates the big-data platform, not UNI-PASS's 수입통관
    node = Asset.objects.get(tag="KCS-SV-B0001")
    data = {
        **_server_form(node.tag),
        "name": node.name,
        "org_unit": node.org_unit_id,
        "system": node.system_id,
        "attributes__memory_gb": "768",
    }
    assert client.post(f"/resources/assets/{node.pk}/edit/", data).status_code == 302
    assert LogEntry.objects.get_for_object(node).filter(action=LogEntry.Action.UPDATE).exists()
    unipass_server = Asset.objects.get(tag="KCS-SV-00001")
    assert client.get(f"/resources/assets/{unipass_server.pk}/edit/").status_code == 404


def test_a17_3_a_vendor_sees_only_the_assets_of_the_projects_they_are_assigned_to(client_of):
    client = client_of("vendor")  # UNI-PASS 운영·유지관리 사업의 PM
    assert client.get(Asset.objects.get(tag="KCS-SV-00001").get_absolute_url()).status_code == 200
    assert client.get(Asset.objects.get(tag="KCS-SV-B0001").get_absolute_url()).status_code == 404
    assert client.get("/resources/assets/add/").status_code == 403
    tags = {row["tag"] for row in client.get("/api/resources/assets/?page_size=500").json()["results"]}
    assert "KCS-SV-00001" in tags and "KCS-SV-B0001" not in tags and "KCS-PC-00001" not in tags


def test_an_official_sees_the_assets_handed_to_them_and_the_cio_reads_everything_without_writing(client_of):
    sponsor = client_of("sponsor")
    tags = {row["tag"] for row in sponsor.get("/api/resources/assets/").json()["results"]}
    assert tags and all(tag.startswith(("KCS-PC-", "KCS-NB-")) for tag in tags)
    cio = client_of("cio")
    assert cio.get("/resources/assets/?tag=KCS-SV-B0001").status_code == 200
    assert cio.get("/resources/assets/add/").status_code == 403


# --- a29.3.4: assignment and acknowledgement ---------------------------------------------------------------------------
def test_a29_3_4_an_asset_handed_to_a_person_is_acknowledged_by_them_alone(client_of, user_of, unchanged):
    pc = Asset.objects.get(tag="KCS-PC-90011")  # a spare PC in the store
    officer = client_of("asset")
    response = officer.post(f"/resources/assets/{pc.pk}/assign/", {"assign-holder": "itstaff"})
    assert response.status_code == 302
    assignment = AssetAssignment.objects.get(asset=pc, ends_on__isnull=True)
    assert assignment.holder == user_of("itstaff") and assignment.holder_unit.code == "KCS-DAT"
    duty = Obligation.objects.get(
        kind="asset_acknowledgement", subject_id=assignment.pk, owed_by_user=user_of("itstaff")
    )
    assert duty.status == ObligationStatus.OPEN and duty.clause_ids == ["a29.3.4"]
    sponsor = client_of("sponsor")
    with unchanged():
        someone_else = sponsor.post(f"/resources/asset-assignments/{assignment.pk}/acknowledge/")
    assert someone_else.status_code in (303, 404)
    holder = client_of("itstaff")
    assert holder.get(pc.get_absolute_url()).status_code == 200  # they see what they hold (scope "self")
    assert holder.post(f"/resources/asset-assignments/{assignment.pk}/acknowledge/").status_code == 302
    assignment.refresh_from_db()
    duty.refresh_from_db()
    assert assignment.acknowledged_at is not None and duty.status == ObligationStatus.MET
    # Handing it on ends the first assignment: the history keeps both.
    officer.post(f"/resources/assets/{pc.pk}/assign/", {"assign-holder_unit": "KCS-CLP"})
    assert AssetAssignment.objects.filter(asset=pc).count() == 2
    assert AssetAssignment.objects.get(pk=assignment.pk).ends_on == timezone.localdate()


def test_a29_3_4_the_api_assigns_returns_verifies_and_writes_off_as_the_screen_does(client_of, user_of, unchanged):
    """Each step of an asset's life through the API calls the screen's action: the same refusals, coded."""
    pc = Asset.objects.get(tag="KCS-PC-90011")  # a spare PC in the store
    api = client_of("asset")
    base = f"/api/resources/assets/{pc.pk}"
    itdept = client_of("itdept")
    with unchanged():
        nobody = api.post(f"{base}/assign/", {"holder": "no-such-user"}, content_type="application/json")
        no_holder = api.post(f"{base}/assign/", {}, content_type="application/json")
        not_held = api.post(f"{base}/return/")
        stranger = itdept.post(f"{base}/verify/")
    assert nobody.status_code == 400 and "'no-such-user' 사용자가 없습니다" in str(nobody.json())
    assert no_holder.status_code == 400 and no_holder.json()["clause"] == "a29.3.4"
    assert not_held.status_code == 409 and not_held.json()["code"] == "resources.not_assigned"
    assert stranger.status_code in (403, 404)
    assigned = api.post(f"{base}/assign/", {"holder": "itstaff"}, content_type="application/json")
    assert assigned.status_code == 201
    assignment = AssetAssignment.objects.get(pk=assigned.json()["id"])
    assert (
        assignment.holder == user_of("itstaff")
        and Obligation.objects.filter(
            kind="asset_acknowledgement", subject_id=assignment.pk, status=ObligationStatus.OPEN
        ).exists()
    )
    acknowledged = client_of("itstaff").post(f"/api/resources/asset-assignments/{assignment.pk}/acknowledge/")
    assert acknowledged.status_code == 200
    assert api.post(f"{base}/return/").json()["ends_on"] == timezone.localdate().isoformat()
    assert api.post(f"{base}/verify/").json()["verified_on"] == timezone.localdate().isoformat()
    with unchanged():
        no_reason = api.post(f"{base}/dispose/", {"reason": ""}, content_type="application/json")
    assert no_reason.status_code == 400
    disposed = api.post(f"{base}/dispose/", {"reason": "내용연수 경과, 수리 불가"}, content_type="application/json")
    assert disposed.status_code == 200 and disposed.json()["status"] == AssetStatus.DISPOSED
    with unchanged():
        again = api.post(f"{base}/assign/", {"holder": "itstaff"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["clause"].startswith("a29.3")


def test_a29_3_a_write_off_needs_a_reason_and_freezes_the_record(client_of, unchanged):
    asset = AssetFactory()
    client = client_of("asset")
    with unchanged():
        client.post(f"/resources/assets/{asset.pk}/dispose/", {"dispose-reason": ""})
    assert (
        client.post(f"/resources/assets/{asset.pk}/dispose/", {"dispose-reason": "고장, 수리 불가"}).status_code == 302
    )
    asset.refresh_from_db()
    assert asset.status == AssetStatus.DISPOSED and asset.disposal_reason == "고장, 수리 불가"
    response = client.patch(
        f"/api/resources/assets/{asset.pk}/", json.dumps({"name": "x"}), content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["clause"] == "a29.3.2"
    status_only = client.post("/resources/assets/add/", _server_form("T-DISP", status="disposed"))
    assert status_only.status_code == 400  # only the write-off (with its reason) makes an asset 불용


# --- a29.3.1: O&M coverage -----------------------------------------------------------------------------------------------
def test_a29_3_1_the_coverage_report_lists_assets_without_maintenance_past_service_life_or_support(client_of):
    client = client_of("itplan")
    page = client.get("/resources/coverage/")
    assert page.status_code == 200
    rows = {row["key"]: row["count"] for row in page.context["rows"]}
    assert rows["uncovered"] >= 6  # the big-data nodes: their contract ended last year
    assert rows["life"] > 0  # UNI-PASS servers bought in 2015 (내용연수 6년, rule-pack table)
    assert rows["support"] > 0  # RHEL 7.9: support ended 2024-06-30
    uncovered = client.get("/resources/assets/?is_om_target=true&coverage=none").content.decode()
    assert "KCS-SV-B0001" in uncovered and "KCS-SV-00001" not in uncovered
    report = client.get("/resources/coverage/?_export=xlsx")
    assert report.status_code == 200 and report["Content-Type"].startswith("application/vnd.openxmlformats")
    node = Asset.objects.get(tag="KCS-SV-B0001")
    assert node.covered_by() == ""
    assert "운영·유지관리" in Asset.objects.get(tag="KCS-SV-00001").covered_by()


def test_a29_3_1_service_life_comes_from_the_rule_pack_table_unless_the_type_or_asset_says_otherwise():
    import datetime as dt

    server = AssetFactory(acquired_on=dt.date(2020, 3, 1))
    assert server.life_ends_on == dt.date(2026, 3, 1)  # 서버 6년 (asset_useful_life_years)
    server.useful_life_years = 8
    server.save()
    assert server.life_ends_on == dt.date(2028, 3, 1)


# --- a29.3: records not verified in time ----------------------------------------------------------------------------------
def test_a29_3_records_not_verified_within_the_cycle_become_the_asset_officers_duty_until_current(user_of):
    sot = OrgUnit.objects.get(code="KCS-SOT")
    result = actions.check_currency()
    duty = Obligation.objects.get(kind="asset_currency", subject_id=sot.pk, status=ObligationStatus.OPEN)
    assert duty.owed_by_role == "asset_officer" and duty.owed_by_unit == sot and duty.clause_ids == ["a29.3"]
    assert Obligation.objects.owed_by(user_of("asset")).filter(pk=duty.pk).exists()
    assert result.uncovered > 0  # the big-data assets: no asset officer covers 데이터담당관
    again = actions.check_currency()
    assert again.opened == [] and Obligation.objects.filter(kind="asset_currency", subject_id=sot.pk).count() == 1
    covering = actions.officer_units()
    stale = actions.stale_assets().filter(org_unit__in=[u for u, o in covering.items() if o == sot.pk])
    officer = user_of("asset")
    for asset in stale:
        actions.verify_asset(asset=asset, actor=officer)
    assert sot.pk in actions.check_currency().met
    duty.refresh_from_db()
    assert duty.status == ObligationStatus.MET


def test_a29_3_the_currency_check_runs_every_morning_before_the_sweep():
    """The duty of a29.3 opens without anyone running a command: beat runs the check daily, before the 06:00
    obligation sweep, so a duty opened today is in that day's reminders."""
    from django.conf import settings

    from itms.resources.tasks import check_asset_currency_task

    sot = OrgUnit.objects.get(code="KCS-SOT")
    Obligation.objects.filter(kind="asset_currency").delete()  # the demo's build ran the check already
    result = check_asset_currency_task.delay().get()
    assert sot.pk in result["opened"] and result["today"] == timezone.localdate().isoformat()
    entry = settings.CELERY_BEAT_SCHEDULE["check-asset-currency"]
    sweep = settings.CELERY_BEAT_SCHEDULE["run-obligation-sweep"]["schedule"]
    assert entry["task"] == check_asset_currency_task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({5}, {45}) and sweep.hour == {6}
