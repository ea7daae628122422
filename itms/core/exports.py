"""Spreadsheet exports a spreadsheet user can use, and that cannot run anything.

One mechanism for every list page (``?_export=xlsx|csv``) and for the other workbooks the system writes
(the national plan, a10; the compliance dashboard):

- **Typed cells.** The type of a column comes from the column class (``DateColumn``, ``MoneyColumn``,
  ``BooleanColumn`` in ``itms.core.tables``) or from the model field its accessor reaches (``DateField``,
  ``DateTimeField``, ``MoneyField``, ``BooleanField``, integer fields, fields with choices), never from
  the look of a string. Dates are dates with a Korean number format, money is a whole number with
  ``#,##0"원"``, booleans are 예/아니요, choices are their Korean label.
- **No formula injection** (OWASP "CSV injection"). A text cell that starts with ``= + - @``, a tab or a
  carriage return is written as text: in XLSX as a string cell (never a formula) with Excel's quote
  prefix, in CSV behind a leading ``'``. Numbers are numbers, negative ones too.
- **A sheet fit to print**: bold frozen header row with an autofilter, column widths by display width
  (a Hangul syllable counts two), A4 landscape fitted to one page wide with the header row repeated,
  the list's name as sheet name and print header. An empty export says so in its first data row.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import content_disposition_header
from django_tables2.utils import Accessor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import tables as itms_tables
from .fields import MoneyField

YES, NO = "예", "아니요"
EMPTY_TEXT = "조건에 맞는 자료가 없습니다."
# [$-412] = Korean: (aaa) shows the weekday as 월, 화 … in Excel and LibreOffice alike: 2026. 12. 31.(목)
DATE_FORMAT = "[$-412]yyyy. m. d.(aaa)"
DATETIME_FORMAT = "[$-412]yyyy. m. d.(aaa) hh:mm"
MONEY_FORMAT = '#,##0"원"'
INTEGER_FORMAT = "0"  # years and ranks: 2027, not 2,027
NUMBER_FORMAT = "#,##0.##"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OWASP CSV injection: the characters a spreadsheet reads as the start of a formula or a DDE call.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
MAX_WIDTH = 60
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class Kind(enum.StrEnum):
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    MONEY = "money"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: int | None = None  # in characters; None = fitted to the contents


# --- cell values --------------------------------------------------------------------------------------------


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def inert_csv_text(text: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ' before anything it would evaluate."""
    return f"'{text}" if is_formula_like(text) else text


def typed_value(value: Any, kind: Kind) -> Any:
    """The Python value a cell holds: date, datetime (local, naive), int, Decimal, or text.

    The kind comes from the field or column; a value of another type (a column whose ``value_…`` returns
    text) is written as text rather than forced into a number or a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return YES if value else NO
    if kind in (Kind.DATE, Kind.DATETIME) and isinstance(value, dt.date):
        if isinstance(value, dt.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return value.replace(tzinfo=None, microsecond=0)
        return value
    if kind in (Kind.MONEY, Kind.INTEGER, Kind.NUMBER) and isinstance(value, int | Decimal | float):
        if kind != Kind.NUMBER and (isinstance(value, int) or value == int(value)):
            return int(value)
        return value
    return force_str(value)


def number_format(value: Any, kind: Kind) -> str | None:
    if isinstance(value, dt.datetime):
        return DATETIME_FORMAT
    if isinstance(value, dt.date):
        return DATE_FORMAT
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        return {Kind.MONEY: MONEY_FORMAT, Kind.INTEGER: INTEGER_FORMAT}.get(kind, NUMBER_FORMAT)
    return None


def write_cell(cell, value: Any, kind: Kind = Kind.TEXT) -> None:
    """Writes one typed, injection-safe value into an openpyxl cell."""
    value = typed_value(value, kind)
    if value is None:
        cell.value = None
        return
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never "f": "=cmd|' /C calc'!A0" stays the text it is
        if is_formula_like(value):
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
        return
    cell.value = value
    fmt = number_format(value, kind)
    if fmt:
        cell.number_format = fmt


def csv_value(value: Any, kind: Kind = Kind.TEXT) -> str:
    value = typed_value(value, kind)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return inert_csv_text(value)
    return str(value)


def display_width(text: str) -> int:
    """Characters as a spreadsheet lays them out: a Hangul syllable (East Asian wide) counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown_width(value: Any, kind: Kind) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 22  # 2026. 12. 31.(목) 14:00
    if isinstance(value, dt.date):
        return 16
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        text = f"{value:,}" if kind != Kind.INTEGER else str(value)
        return len(text) + (2 if kind == Kind.MONEY else 0)
    return max((display_width(line) for line in str(value).splitlines()), default=0)


# --- sheets -------------------------------------------------------------------------------------------------


def sheet_title(title: str) -> str:
    return SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "Sheet1"


def write_sheet(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    empty_text: str | None = EMPTY_TEXT,
    notes: Sequence[str] = (),
) -> Worksheet:
    """Header, typed rows, widths, freeze, filter and print setup on one worksheet.

    ``notes`` are lines written under the table after one blank row (e.g. the clause an export rests on).
    """
    sheet.title = sheet_title(title)
    widths = [display_width(c.header) + 2 for c in columns]
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        write_cell(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row_number = 1
    for row in rows:
        row_number += 1
        for index, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=index)
            write_cell(cell, value, column.kind)
            widths[index - 1] = max(widths[index - 1], _shown_width(cell.value, column.kind) + 2)
    if row_number == 1 and empty_text:
        write_cell(sheet.cell(row=2, column=1), empty_text)
        row_number = 2
    for index, column in enumerate(columns, start=1):
        width = column.width or min(max(widths[index - 1], 6), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A1:{last}{max(row_number, 2)}"
    sheet.freeze_panes = "A2"
    if notes:
        row_number += 1
        for note in notes:
            row_number += 1
            write_cell(sheet.cell(row=row_number, column=1), note)
    _print_setup(sheet, title)
    return sheet


def _print_setup(sheet: Worksheet, title: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.oddHeader.center.text = str(title).replace("&", "&&")
    sheet.oddFooter.center.text = "&P / &N"


def new_workbook(title: str) -> Workbook:
    book = Workbook()
    book.properties.title = str(title)
    book.properties.creator = "정보화관리시스템"
    return book


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, title: str, notes: Sequence[str] = ()
) -> bytes:
    book = new_workbook(title)
    write_sheet(book.active, columns, rows, title=title, notes=notes)
    return workbook_bytes(book)


def csv_bytes(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, empty_text: str | None = EMPTY_TEXT
) -> bytes:
    """UTF-8 with a BOM (so Excel reads Hangul), typed values in plain form, formula-like text made inert."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_value(c.header) for c in columns])
    empty = True
    for row in rows:
        empty = False
        writer.writerow([csv_value(value, column.kind) for column, value in zip(columns, row, strict=True)])
    if empty and empty_text:
        writer.writerow([empty_text, *([""] * (len(columns) - 1))])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    return _attachment(content, XLSX_TYPE, filename)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


# --- django-tables2 tables ----------------------------------------------------------------------------------

# Column classes whose own ``value()`` is only a text form of the field: the export reads the field itself.
TYPED_COLUMNS = (
    itms_tables.DateColumn,
    itms_tables.MoneyColumn,
    tables.BooleanColumn,
    tables.DateColumn,
    tables.DateTimeColumn,
)
RAW_KINDS = (Kind.DATE, Kind.DATETIME, Kind.MONEY, Kind.INTEGER, Kind.NUMBER, Kind.BOOLEAN)


def model_field(model, accessor: str) -> models.Field | None:
    """The model field an accessor (``project__sponsor_unit__name``) ends on, or None if any step is not one."""
    field = None
    for bit in Accessor(accessor).bits:
        if model is None:  # a step past a plain field: a property or a method, not a field
            return None
        if bit == "pk":
            field = model._meta.pk
        else:
            try:
                field = model._meta.get_field(bit)
            except Exception:  # FieldDoesNotExist, or a property
                return None
        model = field.related_model if field.is_relation else None
    return field


def field_kind(field: models.Field | None) -> Kind:
    if field is None or field.is_relation:
        return Kind.TEXT
    if isinstance(field, MoneyField):
        return Kind.MONEY
    if field.choices:
        return Kind.TEXT  # the label (get_FOO_display), through the table
    if isinstance(field, models.DateTimeField):
        return Kind.DATETIME
    if isinstance(field, models.DateField):
        return Kind.DATE
    if isinstance(field, models.BooleanField):
        return Kind.BOOLEAN
    if isinstance(field, models.IntegerField):
        return Kind.INTEGER
    if isinstance(field, models.DecimalField | models.FloatField):
        return Kind.NUMBER
    return Kind.TEXT


@dataclass(frozen=True)
class TableColumn:
    name: str
    column: Column
    accessor: str
    raw: bool  # read the field through the accessor (typed), not the table's text value


def table_columns(table: tables.Table, exclude: Sequence[str] = ("actions",)) -> list[TableColumn]:
    """The page's columns in order, each with the kind its class or model field gives it."""
    model = getattr(table._meta, "model", None)
    result = []
    for bound in table.columns.iterall():
        if bound.name in exclude or bound.column.exclude_from_export:
            continue
        column = bound.column
        field = model_field(model, str(bound.accessor)) if model else None
        kind = field_kind(field)
        if isinstance(column, itms_tables.MoneyColumn):
            kind = Kind.MONEY
        elif isinstance(column, tables.DateTimeColumn):
            kind = Kind.DATETIME
        elif isinstance(column, itms_tables.DateColumn | tables.DateColumn):
            kind = Kind.DATETIME if kind == Kind.DATETIME else Kind.DATE
        elif isinstance(column, tables.BooleanColumn):
            kind = Kind.BOOLEAN
        # A table's own value_/render_ method, or a column class with its own value(), says what the cell is.
        custom = hasattr(table, f"value_{bound.name}") or hasattr(table, f"render_{bound.name}")
        plain = type(column) is tables.Column or isinstance(column, TYPED_COLUMNS)
        raw = not custom and plain and kind in RAW_KINDS
        header = force_str(bound.header)
        result.append(TableColumn(bound.name, Column(header, kind), str(bound.accessor), raw))
    return result


def table_rows(table: tables.Table, columns: Sequence[TableColumn]) -> Iterable[list[Any]]:
    for row in table.rows:
        values = []
        for column in columns:
            if column.raw:
                value = Accessor(column.accessor).resolve(row.record, quiet=True)
            else:
                value = row.get_cell_value(column.name)
            values.append(value)
        yield values


def export_table(table: tables.Table, export_format: str, title: str) -> HttpResponse:
    """The list as the user filtered it, as XLSX or CSV (the ``actions`` column left out)."""
    columns = table_columns(table)
    specs = [c.column for c in columns]
    rows = table_rows(table, columns)
    filename = f"{title}_{timezone.localdate().isoformat()}.{export_format}"
    if export_format == "xlsx":
        return xlsx_response(xlsx_bytes(specs, rows, title=title), filename)
    if export_format == "csv":
        return _attachment(csv_bytes(specs, rows), "text/csv; charset=utf-8", filename)
    raise ValueError(f"unknown export format: {export_format}")
