"""Exports a spreadsheet user can use (issue 10 item 7) and that cannot run anything (issue 11 item 7, OWASP).

Every list page exports through ``itms.core.exports``: typed cells from the model fields and column classes,
a sheet set up to print, and text that starts like a formula written as text.
"""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db.models import Q

from itms.core import exports
from itms.core.exports import Column, Kind
from itms.governance.models import Meeting
from itms.projects.factories import ProjectFactory, ProjectParticipantFactory
from itms.projects.models import Project
from itms.projects.tables import ProjectParticipantTable, ProjectTable

pytestmark = pytest.mark.django_db

PAYLOAD = "=cmd|' /C calc'!A0"
PROJECTS = "/projects/projects/"


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV에 UTF-8 BOM이 없습니다 (Excel이 한글을 깨뜨립니다)"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _column(sheet, header: str) -> int:
    return next(c.column for c in sheet[1] if c.value == header)


def _row(sheet, column: int, value) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == value)


# --- the project list through its real URL --------------------------------------------------------------------


def test_project_list_xlsx_has_typed_cells_and_a_printable_sheet(client_of):
    project = ProjectFactory(name="수출입 통관 빅데이터 분석", total_budget=1_234_000_000, is_new_technology=True)
    response = client_of("itplan").get(PROJECTS, {"_export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert "attachment" in response["Content-Disposition"]
    sheet = _sheet(response.content)
    headers = [c.value for c in sheet[1]]
    assert "사업명" in headers and "총사업비" in " ".join(headers) and "작업" not in headers
    row = _row(sheet, _column(sheet, "사업코드"), project.code)
    money = sheet.cell(row, _column(sheet, str(Project._meta.get_field("total_budget").verbose_name)))
    assert money.value == 1_234_000_000 and isinstance(money.value, int)
    assert money.number_format == '#,##0"원"'
    assert sheet.cell(row, _column(sheet, str(Project._meta.get_field("is_new_technology").verbose_name))).value == "예"
    assert sheet.cell(row, _column(sheet, "사업유형")).value == project.get_kind_display()  # the label, not the key
    year = sheet.cell(row, _column(sheet, "사업 시작연도"))
    assert year.value == 2027 and year.data_type == "n"
    # A sheet set up for a person: bold frozen header, filter, widths, A4 landscape one page wide.
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    assert sheet.auto_filter.ref.startswith("A1:")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.title == "정보화사업"
    name_width = sheet.column_dimensions[openpyxl.utils.get_column_letter(_column(sheet, "사업명"))].width
    assert name_width >= exports.display_width("수출입 통관 빅데이터 분석"), "한글은 두 칸으로 셉니다"


def test_project_list_csv_is_utf8_with_bom_and_typed(client_of):
    project = ProjectFactory(total_budget=500_000_000, is_new_technology=False)
    response = client_of("itplan").get(PROJECTS, {"_export": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = _csv(response.content)
    header = rows[0]
    ours = next(r for r in rows if project.code in r)
    assert ours[header.index("사업명")] == project.name
    assert ours[header.index(str(Project._meta.get_field("total_budget").verbose_name))] == "500000000"
    assert ours[header.index(str(Project._meta.get_field("is_new_technology").verbose_name))] == "아니요"


def test_export_contains_only_the_rows_the_user_may_see(client_of, user_of):
    """A vendor sees only the projects it is assigned to (a17.3), in the export as on the page."""
    assigned = ProjectFactory(name="배정된 사업")
    ProjectParticipantFactory(project=assigned, user=user_of("vendor"))
    hidden = ProjectFactory(name="배정되지 않은 사업")
    sheet = _sheet(client_of("vendor").get(PROJECTS, {"_export": "xlsx"}).content)
    codes = [sheet.cell(r, _column(sheet, "사업코드")).value for r in range(2, sheet.max_row + 1)]
    visible = set(Project.objects.restrict(user_of("vendor"), "view").values_list("code", flat=True))
    assert assigned.code in codes and hidden.code not in codes
    assert set(codes) == visible


def test_export_follows_the_filter_and_says_so_when_nothing_matches(client_of):
    ProjectFactory(name="전자통관 고도화")
    sheet = _sheet(client_of("itplan").get(PROJECTS, {"_export": "xlsx", "q": "전자통관 고도화"}).content)
    assert [sheet.cell(r, _column(sheet, "사업명")).value for r in range(2, sheet.max_row + 1)] == ["전자통관 고도화"]
    empty = _sheet(client_of("itplan").get(PROJECTS, {"_export": "xlsx", "q": "없는 사업명 zzz"}).content)
    assert empty["A2"].value == "조건에 맞는 자료가 없습니다." and empty.max_row == 2
    assert empty.freeze_panes == "A2"
    rows = _csv(client_of("itplan").get(PROJECTS, {"_export": "csv", "q": "없는 사업명 zzz"}).content)
    assert rows[1][0] == "조건에 맞는 자료가 없습니다." and len(rows) == 2


# --- formula injection (issue 11 item 7) ----------------------------------------------------------------------


def test_a_project_named_like_a_formula_is_inert_in_xlsx_and_csv(client_of):
    """OWASP CSV injection: '=cmd|' /C calc'!A0' must not become a formula or a DDE call."""
    ProjectFactory(name=PAYLOAD, code="T-INJ-1")
    ProjectFactory(name="+SUM(1,2)", code="T-INJ-2")
    ProjectFactory(name="@HYPERLINK(x)", code="T-INJ-3")
    ProjectFactory(name="-2+3", code="T-INJ-4")
    client = client_of("itplan")
    sheet = _sheet(client.get(PROJECTS, {"_export": "xlsx"}).content)
    names = _column(sheet, "사업명")
    for code, name in [
        ("T-INJ-1", PAYLOAD),
        ("T-INJ-2", "+SUM(1,2)"),
        ("T-INJ-3", "@HYPERLINK(x)"),
        ("T-INJ-4", "-2+3"),
    ]:
        cell = sheet.cell(_row(sheet, _column(sheet, "사업코드"), code), names)
        assert cell.data_type == "s" and cell.value == name, f"{name!r}이(가) 수식으로 저장되었습니다"
        assert cell.quotePrefix
    rows = _csv(client.get(PROJECTS, {"_export": "csv"}).content)
    header = rows[0]
    by_code = {r[header.index("사업코드")]: r[header.index("사업명")] for r in rows[1:]}
    assert by_code["T-INJ-1"] == "'" + PAYLOAD
    assert by_code["T-INJ-2"] == "'+SUM(1,2)" and by_code["T-INJ-3"] == "'@HYPERLINK(x)"
    assert by_code["T-INJ-4"] == "'-2+3"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", PAYLOAD])
def test_every_formula_trigger_is_written_as_text(text):
    content = exports.xlsx_bytes([Column("값")], [[text]], title="시험")
    cell = _sheet(content)["A2"]
    assert cell.data_type == "s" and cell.value == text
    assert _csv(exports.csv_bytes([Column("값")], [[text]]))[1][0] == "'" + text


def test_genuine_negative_numbers_stay_numbers():
    columns = [Column("증감", Kind.INTEGER), Column("금액", Kind.NUMBER)]
    sheet = _sheet(exports.xlsx_bytes(columns, [[-5, -1.5]], title="시험"))
    assert sheet["A2"].value == -5 and sheet["A2"].data_type == "n"
    assert sheet["B2"].value == -1.5 and sheet["B2"].data_type == "n"
    assert _csv(exports.csv_bytes(columns, [[-5, -1.5]]))[1] == ["-5", "-1.5"]


# --- dates, datetimes and booleans come from the fields -------------------------------------------------------


def test_dates_are_dates_with_a_korean_format(user_of):
    participant = ProjectParticipantFactory(start_date=dt.date(2026, 12, 31), end_date=None)
    table = ProjectParticipantTable(type(participant).objects.filter(pk=participant.pk))
    sheet = _sheet(exports.export_table(table, "xlsx", "사업 참여자").content)
    cell = sheet.cell(2, _column(sheet, "참여 시작일"))
    assert isinstance(cell.value, dt.datetime) and cell.value.date() == dt.date(2026, 12, 31)
    assert cell.is_date and cell.number_format == exports.DATE_FORMAT
    assert sheet.cell(2, _column(sheet, "참여 종료일")).value is None  # no end date: an empty cell, not "None"
    rows = _csv(exports.export_table(table, "csv", "사업 참여자").content)
    assert "2026-12-31" in rows[1]


def test_datetimes_are_local_datetimes_with_time(client_of):
    meeting = Meeting.objects.filter(~Q(scheduled_at=None)).order_by("pk").first()
    response = client_of("itplan").get("/governance/meetings/", {"_export": "xlsx"})
    assert response.status_code == 200
    sheet = _sheet(response.content)
    column = _column(sheet, str(Meeting._meta.get_field("scheduled_at").verbose_name))
    cells = [sheet.cell(r, column) for r in range(2, sheet.max_row + 1)]
    from django.utils import timezone

    local = timezone.localtime(meeting.scheduled_at).replace(tzinfo=None, microsecond=0)
    assert local in [c.value for c in cells]
    assert all(c.is_date and c.number_format == exports.DATETIME_FORMAT for c in cells)
    late = _column(sheet, "안건 배포 지연")
    assert {sheet.cell(r, late).value for r in range(2, sheet.max_row + 1)} <= {"예", "아니요"}


def test_column_kinds_come_from_fields_and_column_classes():
    kinds = {c.name: c.column.kind for c in exports.table_columns(ProjectTable(Project.objects.none()))}
    assert kinds == {
        "code": Kind.TEXT,
        "name": Kind.TEXT,
        "organization": Kind.TEXT,
        "sponsor_unit": Kind.TEXT,
        "kind": Kind.TEXT,  # choices: the label
        "start_year": Kind.INTEGER,
        "end_year": Kind.INTEGER,
        "total_budget": Kind.MONEY,
        "is_new_technology": Kind.BOOLEAN,
        "stage": Kind.TEXT,
    }


def test_hangul_counts_double_in_column_widths():
    assert exports.display_width("사업명") == 6 and exports.display_width("abc") == 3
