"""Importing rows of any registered type from CSV or XLSX: all rows or none.

Each row goes through the type's own form (so every model rule and Korean message applies),
foreign keys may be given by a natural key (``import_lookups``: field → lookup field, e.g. a
department by its code), and the whole file is saved in one transaction that also checks each
row against the user's scope — one bad row and nothing is saved.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction

from .registry import ObjectType

MAX_ROWS = 20_000


@dataclass
class ImportResult:
    created: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(upload) -> list[dict[str, str]]:
    """The uploaded file as dicts keyed by its header row (CSV in UTF-8 or XLSX)."""
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = openpyxl.load_workbook(upload, read_only=True, data_only=True).active
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError("XLSX 파일을 읽을 수 없습니다. 엑셀에서 다시 저장해 보십시오.") from error
        rows = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError("CSV 파일은 UTF-8로 저장해야 합니다.") from error
        rows = [[v.strip() for v in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ValidationError("CSV 또는 XLSX 파일만 가져올 수 있습니다.")
    rows = [row for row in rows if any(row)]
    if len(rows) < 2:
        raise ValidationError("머리행과 한 행 이상의 자료가 있어야 합니다.")
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError(f"한 번에 {MAX_ROWS:,}행까지 가져올 수 있습니다.")
    header = rows[0]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]


def import_rows(object_type: ObjectType, rows: list[dict[str, str]], *, user) -> ImportResult:
    form_class = object_type.form
    names = _column_names(object_type)
    result = ImportResult()
    forms = []
    for number, row in enumerate(rows, start=2):
        data = {}
        for column, value in row.items():
            field_name = names.get(column.strip())
            if field_name is None:
                continue
            data[field_name] = _resolve(object_type, field_name, value, result, number)
        form = form_class(data)
        if form.is_valid():
            forms.append((number, form))
        else:
            for field_name, messages in form.errors.items():
                label = form.fields[field_name].label if field_name in form.fields else "행"
                result.errors.extend(f"{number}행 {label}: {message}" for message in messages)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            allowed = object_type.base_queryset().restrict(user, "add")
            for number, form in forms:
                obj = form.save()
                if not allowed.filter(pk=obj.pk).exists():
                    result.errors.append(f"{number}행: 이 내용으로 등록할 권한이 없습니다 (담당 범위 밖).")
            if result.errors:
                raise ValidationError("rollback")
            result.created = len(forms)
    except ValidationError:
        result.created = 0
    return result


def _column_names(object_type: ObjectType) -> dict[str, str]:
    """Header → form field: the field's name or its Korean label both work."""
    names = {}
    for name in object_type.import_fields:
        names[name] = name
        names[str(object_type.model._meta.get_field(name).verbose_name)] = name
    return names


def _resolve(object_type: ObjectType, field_name: str, value: str, result: ImportResult, number: int):
    lookup = object_type.import_lookups.get(field_name)
    if not lookup or value == "":
        return value
    model = object_type.model._meta.get_field(field_name).related_model
    match = model._default_manager.filter(**{lookup: value}).values_list("pk", flat=True).first()
    if match is None:
        result.errors.append(
            f"{number}행 {object_type.model._meta.get_field(field_name).verbose_name}: "
            f"'{value}'에 해당하는 자료가 없습니다."
        )
        return ""
    return str(match)


def template_workbook(object_type: ObjectType) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = str(object_type.verbose_name)[:31]
    sheet.append([str(object_type.model._meta.get_field(n).verbose_name) for n in object_type.import_fields])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
