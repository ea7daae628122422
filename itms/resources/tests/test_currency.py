"""현행화 (a29): the dashboard of what is registered and current — projects' documents (a29.1), resources changed in
operation (a29.2), the asset lists (a29.3, a29.3.3) — the 소속·산하기관 subsystems (a24.4), labels, the demo."""

import io

import pytest
from django.utils import timezone

from itms.accounts.models import Organization, OrgUnit
from itms.documents.models import Document, DocumentKind
from itms.projects.models import Project
from itms.resources.demo import build_demo_resources
from itms.resources.labels import sheets
from itms.resources.models import Asset, InformationSystem
from itms.testing.fingerprint import changed_tables, db_fingerprint

pytestmark = pytest.mark.django_db


def test_a29_the_currency_dashboard_answers_each_row_with_its_clause(client_of):
    response = client_of("asset").get("/resources/currency/")
    assert response.status_code == 200
    page = response.content.decode()
    for clause in ("제29조제1항", "제29조제2항", "제29조제3항", "제29조제3항제3호", "제24조제4항"):
        assert clause in page, clause
    totals = response.context["totals"]
    assert totals["incomplete"] >= 4  # the switches registered before 관리 IP was mandatory (a29.3.3)
    assert totals["stale"] > 0  # records not verified within asset_verification_months (a29.3)
    assert response.context["chart"]["units"]["labels"]  # drawn with Chart.js from a JSON block, as the portfolio
    # The figures are the officer's own records counted: what they may see, written-off ones aside.
    from itms.accounts.models import User
    from itms.resources.choices import HARDWARE_KINDS, AssetStatus

    mine = Asset.objects.restrict(User.objects.get(username="asset"), "view").exclude(status=AssetStatus.DISPOSED)
    assert totals["total"] == mine.count() and totals["incomplete"] == mine.filter(missing_attributes__gt=0).count()
    assert totals["hardware"] == mine.filter(asset_type__kind__in=HARDWARE_KINDS).count()
    by_unit = response.context["by_unit_type"]
    assert sum(r["total"] for r in by_unit) == mine.count()  # fewer than 60 unit-type pairs here: every one shown
    assert "currency-data" in page and "/static/resources/currency.js" in page


def test_a29_1_projects_past_a_stage_without_their_documents_are_listed_by_sponsoring_department(client_of):
    dashboard = client_of("itplan").get("/resources/currency/").context
    missing = dashboard["projects"]["missing"]
    assert missing["사업계획서"] >= 1  # demo projects at the plan stage have no plan document yet
    project = Project.objects.filter(stage__in=["plan", "deliberated", "detailed_plan"]).first()
    before = missing["사업계획서"]
    Document.objects.create(subject=project, project=project, title="사업계획서", kind=DocumentKind.PLAN)
    after = client_of("itplan").get("/resources/currency/").context["projects"]["missing"]["사업계획서"]
    assert after == before - 1


def test_a29_2_an_operating_system_without_registered_assets_is_flagged_for_its_it_department(client_of):
    InformationSystem.objects.create(
        name="신규 운영 시스템",
        code="NEW-OPS",
        purpose="자산 등록 전",
        organization=Organization.objects.get(code="KCS"),
        operating_unit=OrgUnit.objects.get(code="KCS-AIT"),
        status="operating",
    )
    rows = client_of("itplan").get("/resources/currency/").context["systems"]
    ait = next(row for row in rows if row["operating_unit__name"] == "인공지능혁신팀")
    assert ait["without_assets"] >= 1


def test_a24_4_a_subsystem_of_an_affiliate_is_registered_with_its_operation_and_security_policy(client_of, unchanged):
    parent = InformationSystem.objects.get(code="ICN-TRV")
    data = {
        "name": "세관 자체 개발 통계 서브시스템",
        "code": "ICN-STAT",
        "purpose": "여행자 통관 통계",
        "organization": Organization.objects.get(code="ICN").pk,
        "operating_unit": OrgUnit.objects.get(code="ICN-CIM").pk,
        "parent": parent.pk,
        "status": "operating",
        "developed_by_affiliate": "on",
    }
    client = client_of("airport_it")
    with unchanged():
        refused = client.post("/resources/information-systems/add/", data)
    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert "운영 정책을 등록해야 합니다 (제24조제4항)" in errors["operation_policy"][0]
    assert "보안 정책을 등록해야 합니다" in errors["security_policy"][0]
    saved = client.post(
        "/resources/information-systems/add/",
        {**data, "operation_policy": "평일 주간 운영", "security_policy": "내부망 전용, 분기별 접근 기록 점검"},
    )
    assert saved.status_code == 302
    assert InformationSystem.objects.get(code="ICN-STAT").developed_by_affiliate
    demo = InformationSystem.objects.get(code="ICN-SMART")
    assert demo.operation_policy and demo.security_policy and demo.parent.code == "ICN-TRV"


def test_a29_3_2_labels_carry_the_tag_as_a_qr_code_on_standard_sheets(client_of):
    asset = Asset.objects.get(tag="KCS-SC-00001")
    client = client_of("asset")
    one = client.get(f"/resources/assets/labels.pdf?pk={asset.pk}")
    assert one.status_code == 200 and one["Content-Type"] == "application/pdf" and one.content.startswith(b"%PDF")
    filtered = client.get("/resources/assets/labels.pdf?asset_type=" + str(asset.asset_type_id) + "&size=l7651")
    assert filtered.status_code == 200
    assert client.get("/resources/assets/labels.pdf").status_code == 400  # choose what to label first
    geometry, pages = sheets(list(Asset.objects.order_by("tag")[:25]), "l7160")
    assert [len(p) for p in pages] == [21, 4] and ".p20 " in geometry["css"]
    import base64

    svg = base64.b64decode(pages[0][0]["qr"].split(",", 1)[1]).decode()
    assert svg.startswith("<?xml") and "<svg" in svg


def test_the_asset_list_exports_what_it_shows(client_of):
    import openpyxl

    response = client_of("asset").get("/resources/assets/?category=hw&_export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "자산번호" and sheet.max_row > 50


def test_seeding_the_demo_again_changes_nothing():
    before = db_fingerprint()
    build_demo_resources(today=timezone.localdate())
    assert changed_tables(before, db_fingerprint()) == []
