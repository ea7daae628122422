"""The yearly SLA report of an O&M contract (a26.2): page, typed XLSX and official PDF, worked from the formulas.

Worked example (one system, 24 h a day, the starter indicators, manual values at target; payment table set to
A −1 %, D −2 % of the monthly fee 1,200,000,000원 ÷ 12 = 100,000,000원):

| month | service desk | availability | score | grade | adjustment |
|---|---|---|---|---|---|
| 2026. 1. | nothing | 100 % (band 0) | 100 | S | 0원 |
| 2026. 2. | S1 outage 3.6 h (672 h) | (672 − 3.6) ÷ 672 = 99.46 % → band 1, 30 × 0.8 = 24 | 94 | A | −1,000,000원 |
| 2026. 3. | S2 outage 8.64 h (744 h) | 98.84 % → band 2, 30 × 0.6 = 18; on time 0 % → 15 × 0.2 = 3 | 76 | D | −2,000,000원 |

The year: 3 months measured, mean score (100 + 94 + 76) ÷ 3 = 90.00, adjustments −3,000,000원.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from itms.documents.official import plain_text
from itms.operations import actions, reports
from itms.operations import factories as f
from itms.operations.choices import Severity
from itms.regulation.models import Parameter, ParameterValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_sla(demo):
    parameter = Parameter.objects.get(key="sla_payment_percent")
    rows = [{"grade": g, "percent": {"A": -1, "D": -2}.get(g, 0)} for g in "SABCD"]
    ParameterValue.objects.create(parameter=parameter, value=rows, effective_from=dt.date(2026, 1, 1), reason="시험")
    cache.clear()
    system = f.system()
    sla = f.sla(f.contract([system]), signed=True)
    f.incident(system, day=dt.date(2026, 2, 10), hours=3.6, severity=Severity.S1)
    f.incident(system, day=dt.date(2026, 3, 3), hours=8.64, severity=Severity.S2)
    for number in (1, 2, 3):
        actions.compute_month(sla, dt.date(2026, number, 1), actor=f.admin(), values=f.manual_values(sla))
    return sla


@pytest.mark.clause("a26.2")
def test_a26_2_year_report_totals_from_the_worked_example(year_sla):
    report = reports.year_report(year_sla, 2026)
    assert len(report.rows) == 12 and len(report.measured) == 3
    got = [(r.label, r.record.score, r.record.grade, r.record.payment_adjustment) for r in report.measured]
    assert got == [
        ("2026. 1.", Decimal("100.00"), "S", 0),
        ("2026. 2.", Decimal("94.00"), "A", -1_000_000),
        ("2026. 3.", Decimal("76.00"), "D", -2_000_000),
    ]
    feb = report.rows[1]
    availability = next(i for i in report.indicators if i.kind == "availability")
    assert feb.values[availability.pk] == Decimal("99.46") and feb.points[availability.pk] == Decimal("24.00")
    assert report.mean_score == Decimal("90.00") and report.total_adjustment == -3_000_000
    assert report.grade_counts() == {"A": 1, "D": 1, "S": 1}


@pytest.mark.clause("a26.2")
def test_a26_2_year_xlsx_cells_are_typed_and_hold_no_formula(year_sla, client_of):
    response = client_of("security").get(reverse("operations:sla_year_export", args=[year_sla.pk, 2026, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    headers = [c.value for c in sheet[1]]
    score, grade, percent, money = (headers.index(h) for h in ("총점", "등급", "대가 조정률(%)", "대가 조정액(원)"))
    feb = list(sheet[3])
    assert feb[0].value == "2026. 2." and feb[1].value == "산정"
    assert feb[score].data_type == "n" and feb[score].value == 94
    assert feb[grade].value == "A" and feb[percent].value == -1 and feb[money].value == -1_000_000
    assert feb[money].number_format != "General"  # money shown with separators
    april = [c.value for c in sheet[5]]
    assert april[1] == "측정 없음" and april[score] is None
    total = list(sheet[14])
    assert total[0].value == "2026년" and total[1].value == "측정 3개월"
    assert total[score].data_type == "n" and total[score].value == 90
    assert total[money].data_type == "n" and total[money].value == -3_000_000


@pytest.mark.clause("a26.2")
def test_a26_2_year_pdf_is_an_official_document_with_number_and_signatures(year_sla, client_of):
    doc = reports.year_document(reports.year_report(year_sla, 2026))
    text = plain_text(doc)
    contract = year_sla.contract
    assert text.startswith("관세청\n2026년 서비스수준 측정 결과 보고")
    assert f"문서번호: 서비스수준-2026-{contract.number}" in text
    assert "평균 총점: 90.00점" in text and "대가 조정액 합계: -3,000,000원" in text
    assert "2026. 3. | 산정 | 76.00 | D | -2.00 | -2,000,000원" in text
    assert "구분 | 직위 | 성명 | 서명" in text and f"확인 (위탁운영업체) | {contract.supplier}" in text
    response = client_of("security").get(reverse("operations:sla_year_export", args=[year_sla.pk, 2026, "pdf"]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


@pytest.mark.clause("a26.2")
def test_a26_2_year_page_for_the_it_department_and_the_vendor_not_another_vendor(year_sla, client_of):
    url = reverse("operations:sla_year", args=[year_sla.pk, 2026])
    page = client_of("security").get(url).content.decode()
    assert "90.00점" in page and "-3,000,000원" in page and 'data-testid="sla-year"' in page
    assert client_of("vendor").get(url).status_code == 200  # its own contract's figures
    assert client_of("vendor2").get(url).status_code == 404
    assert client_of("security").get(reverse("operations:sla_year", args=[year_sla.pk, 2027])).status_code == 404
    detail = client_of("security").get(year_sla.get_absolute_url()).content.decode()
    assert url in detail
