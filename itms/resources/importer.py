"""Importing assets from a spreadsheet (XLSX, CSV) or from the bulk API: every row checked, then all saved or none.

The same checks as the asset form — ``Asset.clean()`` (mandatory attributes by type, a29.3.3; no write-off
without a reason; the maintaining unit is an IT department) — plus what only a batch can check: natural keys that
must exist (asset type, unit and system codes …), tags and serial numbers that must be new (in the database and
in the file), licence quantities against the installations the file declares, and the user's scope. Each refusal
names the row, the column and why, in Korean. Nothing is written unless every row passes.

Built for 100,000 rows within 60 s on two cores (bench/import_assets.py): every lookup table is read once, no
query per row, and the rows are written in batches — assets, their typed attribute index (ADR 0016), relations,
licences and one change-log entry per asset (the change log the form would have written).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from itms.accounts.models import Company, OrgUnit, User
from itms.core.korean import josa

from . import attributes
from .choices import AssetStatus, LicenceKind, RelationKind
from .error_codes import ResourcesErrors as E
from .models import (
    Asset,
    AssetAttributeValue,
    AssetRelation,
    AssetType,
    InformationSystem,
    Licence,
    Location,
    MaintenanceContract,
)
from .models.assets import add_years, asset_rules
from .xlsx import excel_date

MAX_ROWS = 200_000
MAX_REPORTED_ERRORS = 1_000
PROGRESS_EVERY = 2_000
BATCH = 2_000
LIST_SPLIT = re.compile(r"[,;\n]+")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False


def _label(name: str) -> str:
    return str(Asset._meta.get_field(name).verbose_name)


COLUMNS = [
    Column("tag", _label("tag"), True),
    Column("name", _label("name"), True),
    Column("asset_type", _label("asset_type"), True),
    Column("org_unit", _label("org_unit"), True),
    Column("status", _label("status")),
    Column("system", _label("system")),
    Column("officer", _label("officer")),
    Column("manufacturer", _label("manufacturer")),
    Column("model_name", _label("model_name")),
    Column("serial_number", _label("serial_number")),
    Column("version", _label("version")),
    Column("acquired_on", _label("acquired_on")),
    Column("acquisition_cost", _label("acquisition_cost")),
    Column("useful_life_years", _label("useful_life_years")),
    Column("support_ends_on", _label("support_ends_on")),
    Column("location", _label("location")),
    Column("rack", _label("rack")),
    Column("rack_unit", _label("rack_unit")),
    Column("supplier", _label("supplier")),
    Column("project", _label("project")),
    Column("is_om_target", _label("is_om_target")),
    Column("maintenance_contract", _label("maintenance_contract")),
    Column("maintained_by", _label("maintained_by")),
    Column("note", _label("note")),
    Column("installed_on", "설치 장비(자산번호)"),
    Column("runs_on", "실행 장비(자산번호)"),
    Column("part_of", "구성 대상(자산번호)"),
    Column("licence_quantity", "라이선스 수량"),
    Column("licence_expires_on", "라이선스 만료일"),
]
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
TEXT_LIMITS = {
    name: Asset._meta.get_field(name).max_length
    for name in ("tag", "name", "manufacturer", "model_name", "serial_number", "version", "rack", "rack_unit")
}
RELATION_COLUMNS = {
    "installed_on": RelationKind.INSTALLED_ON,
    "runs_on": RelationKind.RUNS_ON,
    "part_of": RelationKind.PART_OF,
}


@dataclass
class RowError:
    row: int  # the spreadsheet's row number (header = 1), or the position in the API list (from 1)
    column: str  # the column as the file names it (Korean), or the API key
    message: str

    def text(self) -> str:
        return f"{self.row}행 {self.column}: {self.message}" if self.column else f"{self.row}행: {self.message}"

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


class FileRefused(ValidationError):
    """The file as a whole cannot be read (type, size, encoding, header): nothing was checked row by row."""


@dataclass
class Prepared:
    """One checked row: the asset's column values (by attname), its type, relations and licence."""

    row: int
    values: dict
    asset_type: AssetType
    unit_name: str
    relations: dict[str, list[str]] = field(default_factory=dict)
    licence: tuple[int, dt.date | None] | None = None
    pk: int | None = None

    @property
    def tag(self) -> str:
        return self.values["tag"]


@dataclass
class Plan:
    rows: list[Prepared] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    total: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def refuse(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append(RowError(row, column, message))

    def preview(self, limit: int = 20) -> dict:
        by_type: dict[str, int] = {}
        for prepared in self.rows:
            name = prepared.asset_type.name
            by_type[name] = by_type.get(name, 0) + 1
        return {
            "total": self.total,
            "by_type": sorted(by_type.items(), key=lambda kv: -kv[1]),
            "rows": [[p.row, p.tag, p.values["name"], p.asset_type.name, p.unit_name] for p in self.rows[:limit]],
            "relations": sum(len(t) for p in self.rows for t in p.relations.values()),
            "licences": sum(1 for p in self.rows if p.licence),
        }


# --- reading a file -------------------------------------------------------------------------------------------------
def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f}MB"


def check_file(name: str, size: int, head: bytes) -> str:
    """The file's kind ("xlsx" or "csv"), or a Korean refusal naming what is wrong with it."""
    extension = PurePath(name or "").suffix.lower().lstrip(".")
    limit = settings.ITMS_UPLOAD_MAX_BYTES
    if size > limit:
        raise FileRefused(E.IMPORT_TOO_LARGE.text(limit=_megabytes(limit), size=_megabytes(size)))
    if extension == "xlsx":
        if not head.startswith(b"PK\x03\x04"):
            raise FileRefused("파일 내용이 XLSX 형식이 아닙니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장하십시오.")
        return "xlsx"
    if extension == "csv":
        if b"\x00" in head:
            raise FileRefused("CSV 파일이 아닙니다 (글자가 아닌 내용이 있습니다). UTF-8 CSV로 저장하십시오.")
        return "csv"
    raise FileRefused(E.IMPORT_FILE_TYPE.text(name=PurePath(name or "").name or "이름 없음"))


def read_table(path_or_file, name: str) -> tuple[list[str], Iterator[tuple[int, list]], int]:
    """(header, (row number, values) …, an estimate of the data rows) from an XLSX or CSV file."""
    opened = open(path_or_file, "rb") if isinstance(path_or_file, str) else path_or_file  # noqa: SIM115
    opened.seek(0, io.SEEK_END)
    size = opened.tell()
    opened.seek(0)
    kind = check_file(name, size, opened.read(8))
    opened.seek(0)
    if kind == "xlsx":
        from .xlsx import UnreadableWorkbook, read_first_sheet

        try:
            rows, declared = read_first_sheet(opened)
            rows = iter(rows)
            estimate = max(0, declared - 1)
        except UnreadableWorkbook:
            rows, estimate = _openpyxl_rows(opened)
    else:
        estimate = max(0, sum(chunk.count(b"\n") for chunk in iter(lambda: opened.read(1 << 20), b"")) - 1)
        opened.seek(0)
        text = io.TextIOWrapper(opened, encoding="utf-8-sig", newline="")
        rows = _csv_rows(text)
    try:
        header_values = next(rows)
    except StopIteration:
        raise FileRefused("머리행과 한 행 이상의 자료가 있어야 합니다.") from None
    except UnicodeDecodeError as error:
        raise FileRefused("CSV 파일은 UTF-8로 저장해야 합니다 (엑셀: 'CSV UTF-8').") from error
    header = ["" if v is None else str(v).strip() for v in header_values]

    def numbered():
        for number, values in enumerate(rows, start=2):
            if values is None or not any(v not in (None, "") for v in values):
                continue
            yield number, list(values)

    return header, numbered(), estimate


def _openpyxl_rows(opened) -> tuple[Iterator, int]:
    """A workbook the fast reader does not know: openpyxl reads it (slowly, but it reads anything Excel writes)."""
    import openpyxl

    opened.seek(0)
    try:
        book = openpyxl.load_workbook(opened, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileRefused("XLSX 파일을 읽을 수 없습니다. 엑셀에서 다시 저장해 보십시오.") from error
    sheet = book.worksheets[0]
    return sheet.iter_rows(values_only=True), max(0, (sheet.max_row or 1) - 1)


def _csv_rows(text) -> Iterator[list[str]]:
    try:
        yield from csv.reader(text)
    except UnicodeDecodeError as error:
        raise FileRefused("CSV 파일은 UTF-8로 저장해야 합니다 (엑셀: 'CSV UTF-8').") from error


# --- checking --------------------------------------------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


class AssetImporter:
    """One import: ``plan = importer.check(header, rows)``, then ``importer.write(plan)`` if ``plan.ok``."""

    def __init__(self, *, user, today: dt.date | None = None, progress: Callable[[int, int], None] | None = None):
        self.user = user
        self.today = today or timezone.localdate()
        self.progress = progress or (lambda done, total: None)
        self._load()

    def _load(self) -> None:
        self.types = {}
        for asset_type in AssetType.objects.filter(is_active=True).prefetch_related("attribute_definitions"):
            asset_type.__dict__["definitions"] = [
                attributes.Definition.of(d) for d in sorted(asset_type.attribute_definitions.all(), key=_order)
            ]
            self.types[asset_type.code.lower()] = asset_type
            self.types[asset_type.name.lower()] = asset_type
        self.life_years = {t.pk: t.useful_life() for t in set(self.types.values())}
        self.attribute_keys = {t.pk: {d.key for d in t.definitions} for t in set(self.types.values())}
        self.attribute_names = {}
        for asset_type in set(self.types.values()):
            for definition in asset_type.definitions:
                self.attribute_names.setdefault(definition.name, definition.key)
                self.attribute_names.setdefault(definition.key, definition.key)
        self.units = {u.code.lower(): u for u in OrgUnit.objects.filter(is_active=True)}
        self.systems = {s.code.lower(): s for s in InformationSystem.objects.select_related("operating_unit")}
        self.locations = {loc.code.lower(): loc for loc in Location.objects.all()}
        self.contracts = {c.number.lower(): c for c in MaintenanceContract.objects.all()}
        self.companies = {}
        for company in Company.objects.all():
            self.companies[company.business_number] = company
            self.companies.setdefault(company.name.lower(), company)
        from itms.projects.models import Project

        self.projects = {code.lower(): pk for pk, code in Project.objects.values_list("pk", "code")}
        self.users = {name.lower(): pk for pk, name in User.objects.values_list("pk", "username")}
        self.existing_tags = dict(Asset.objects.values_list("tag", "asset_type__kind"))
        self.existing_serials = set(Asset.objects.exclude(serial_number="").values_list("serial_number", flat=True))
        self.statuses = {}
        for value, label in AssetStatus.choices:
            if value != AssetStatus.DISPOSED:
                self.statuses[value] = value
                self.statuses[str(label)] = value
        self.scope = self._scope()

    def _scope(self) -> set[int] | None:
        """The units whose assets this user may add (None: any)."""
        from itms.accounts.policy import grants_for

        if self.user is None or self.user.is_superuser:
            return None
        units: set[int] = set()
        for scope, granted in grants_for(self.user, "resources.add_asset"):
            if scope == "all":
                return None
            if scope == "own_unit":
                units |= granted
        return units

    # --- the header --------------------------------------------------------------------------------------------
    def columns_of(self, header: list[str], plan: Plan) -> list[tuple[int, str, str]]:
        """(index, kind "field"/"attribute", key) per column; unknown and missing columns are refused (row 1)."""
        by_label = {}
        for column in COLUMNS:
            by_label[column.label] = column.key
            by_label[column.key] = column.key
        mapped, seen = [], set()
        for index, raw in enumerate(header):
            name = raw.strip().rstrip("*").strip()
            if not name:
                continue
            if name in by_label:
                key, kind = by_label[name], "field"
            elif name in self.attribute_names:
                key, kind = self.attribute_names[name], "attribute"
            else:
                plan.refuse(1, raw, "알 수 없는 열입니다. 양식의 열 이름(또는 자산 유형의 속성명)을 쓰십시오.")
                continue
            if (kind, key) in seen:
                plan.refuse(1, raw, "같은 열이 두 번 있습니다.")
                continue
            seen.add((kind, key))
            mapped.append((index, kind, key))
        for column in COLUMNS:
            if column.required and ("field", column.key) not in seen:
                plan.refuse(1, column.label, "꼭 있어야 하는 열이 없습니다.")
        return mapped

    # --- rows --------------------------------------------------------------------------------------------------------
    def check_file_rows(self, header: list[str], rows: Iterable[tuple[int, list]], estimate: int = 0) -> Plan:
        plan = Plan()
        columns = self.columns_of(header, plan)
        if not plan.ok:
            return plan
        labels = {(kind, key): header[index].strip().rstrip("*").strip() for index, kind, key in columns}

        def records():
            for number, values in rows:
                fields, attrs = {}, {}
                for index, kind, key in columns:
                    value = values[index] if index < len(values) else None
                    (fields if kind == "field" else attrs)[key] = value
                yield number, fields, attrs

        return self._check(records(), plan, estimate, lambda kind, key: labels.get((kind, key), key))

    def check_records(self, records: list[dict]) -> Plan:
        """The bulk API: a list of objects with the form's keys and ``attributes`` (by key or name)."""
        plan = Plan()

        def rows():
            for number, record in enumerate(records, start=1):
                if not isinstance(record, dict):
                    plan.refuse(number, "", "객체(JSON object)여야 합니다.")
                    continue
                fields = {k: v for k, v in record.items() if k != "attributes"}
                unknown = sorted(set(fields) - set(COLUMN_BY_KEY))
                if unknown:
                    plan.refuse(number, unknown[0], "알 수 없는 항목입니다.")
                    continue
                attrs = record.get("attributes") or {}
                if not isinstance(attrs, dict):
                    plan.refuse(number, "attributes", "속성명(또는 키)과 값의 객체여야 합니다.")
                    continue
                yield number, fields, attrs

        return self._check(rows(), plan, len(records), lambda kind, key: "attributes" if kind == "attribute" else key)

    def _check(self, records, plan: Plan, estimate: int, label_of) -> Plan:
        in_file_tags: dict[str, tuple[int, str]] = {}
        in_file_serials: dict[str, int] = {}
        processed = 0
        for number, fields, attrs in records:
            processed += 1
            if processed > MAX_ROWS:
                plan.refuse(number, "", f"한 번에 {MAX_ROWS:,}행까지 가져올 수 있습니다. 파일을 나누십시오.")
                break
            prepared = self._row(number, fields, attrs, plan, label_of, in_file_tags, in_file_serials)
            if prepared is not None:
                plan.rows.append(prepared)
            if processed % PROGRESS_EVERY == 0:
                self.progress(processed, max(estimate, processed))
        plan.total = processed
        if processed == 0 and plan.ok:
            plan.refuse(2, "", "가져올 행이 없습니다.")
        self._check_relations(plan, in_file_tags, label_of)
        self.progress(processed, processed)
        return plan

    def _row(self, number, fields, attrs, plan, label_of, in_file_tags, in_file_serials) -> Prepared | None:
        failed = plan.error_count

        def refuse(key: str, message: str, kind: str = "field") -> None:
            plan.refuse(number, label_of(kind, key), message)

        value = {key: _text(fields.get(key)) for key in COLUMN_BY_KEY}
        for column in COLUMNS:
            if column.required and not value[column.key]:
                refuse(column.key, f"{josa(column.label, '을/를')} 입력하십시오.")
        for key, limit in TEXT_LIMITS.items():
            if len(value[key]) > limit:
                refuse(key, f"{limit}자 이내로 입력하십시오.")
        tag = value["tag"]
        if tag:
            if tag in self.existing_tags:
                refuse("tag", f"이미 등록된 자산번호입니다 ('{tag}').")
            elif tag in in_file_tags:
                refuse("tag", f"파일의 {in_file_tags[tag][0]}행과 자산번호가 같습니다 ('{tag}').")
        serial = value["serial_number"]
        if serial:
            if serial in self.existing_serials:
                refuse("serial_number", f"이미 등록된 일련번호입니다 ('{serial}').")
            elif serial in in_file_serials:
                refuse("serial_number", f"파일의 {in_file_serials[serial]}행과 일련번호가 같습니다 ('{serial}').")
            else:
                in_file_serials[serial] = number
        asset_type = self.types.get(value["asset_type"].lower()) if value["asset_type"] else None
        if value["asset_type"] and asset_type is None:
            refuse(
                "asset_type", f"알 수 없는 자산 유형입니다 ('{value['asset_type']}'). 유형 코드나 유형명을 쓰십시오."
            )
        unit = self._lookup(self.units, "org_unit", value, refuse, "부서코드")
        system = self._lookup(self.systems, "system", value, refuse, "정보시스템 코드")
        location = self._lookup(self.locations, "location", value, refuse, "위치 코드")
        contract = self._lookup(self.contracts, "maintenance_contract", value, refuse, "계약번호")
        maintained_by = self._lookup(self.units, "maintained_by", value, refuse, "부서코드")
        supplier = None
        if value["supplier"]:
            supplier = self.companies.get(value["supplier"]) or self.companies.get(value["supplier"].lower())
            if supplier is None:
                refuse(
                    "supplier", f"등록되지 않은 업체입니다 ('{value['supplier']}'). 사업자등록번호나 업체명을 쓰십시오."
                )
        project_id = self._lookup(self.projects, "project", value, refuse, "사업코드")
        officer_id = self._lookup(self.users, "officer", value, refuse, "사용자 아이디")
        status = AssetStatus.IN_USE
        if value["status"]:
            status = self.statuses.get(value["status"])
            if status is None:
                allowed = ", ".join(str(label) for v, label in AssetStatus.choices if v != AssetStatus.DISPOSED)
                what = josa(f"'{value['status']}'", "은/는")
                refuse("status", f"{what} 상태로 쓸 수 없습니다. 쓸 수 있는 값: {allowed}")
        dates = {}
        for key in ("acquired_on", "support_ends_on", "licence_expires_on"):
            raw = fields.get(key)
            if value[key]:
                day = excel_date(raw) or attributes.parse_date(raw if isinstance(raw, dt.date) else value[key])
                if day is None:
                    refuse(key, f"날짜 형식이 올바르지 않습니다 ('{value[key]}'). 2026-01-31처럼 입력하십시오.")
                dates[key] = day
        numbers = {}
        for key, low, high in (
            ("acquisition_cost", 0, 10**15),
            ("useful_life_years", 1, 50),
            ("licence_quantity", 0, 10**9),
        ):
            if value[key]:
                parsed = attributes.parse_number(value[key])
                if parsed is None or parsed != parsed.to_integral_value() or not low <= parsed <= high:
                    refuse(key, f"{low:,}부터 {high:,}까지의 정수로 입력하십시오 ('{value[key]}').")
                else:
                    numbers[key] = int(parsed)
        om_target = True
        if value["is_om_target"]:
            flag = attributes.parse_boolean(value["is_om_target"])
            if flag is None:
                refuse("is_om_target", "예 또는 아니요로 입력하십시오.")
            else:
                om_target = flag
        if unit is not None and self.scope is not None:
            in_scope = unit.pk in self.scope or (system is not None and system.operating_unit_id in self.scope)
            if not in_scope:
                refuse("org_unit", f"'{unit.name}' 부서의 자산을 등록할 권한이 없습니다 (담당 범위 밖).")
        relations = {}
        for key in RELATION_COLUMNS:
            tags = [t.strip() for t in LIST_SPLIT.split(value[key]) if t.strip()]
            if tags:
                relations[key] = tags
        if asset_type is None:
            if tag:
                in_file_tags.setdefault(tag, (number, None))  # a later row with the same tag is still a duplicate
            return None
        # The type's attributes: checked as the form checks them (a29.3.3).
        if tag:
            in_file_tags[tag] = (number, asset_type.kind)
        definitions = asset_type.definitions
        for d in definitions:
            if d.value_type == "date" and (day := excel_date(attrs.get(d.key))) is not None:
                attrs[d.key] = day  # a date cell: Excel keeps the serial day
        cleaned, problems = attributes.check_attributes(definitions, attrs, allow_unknown=True)
        for key, message in problems.items():
            refuse(key, message, "attribute")
        names = self.attribute_keys[asset_type.pk]
        for key in sorted(k for k, v in attrs.items() if k not in names and v not in (None, "")):
            refuse(key, f"'{asset_type.name}' 유형에 없는 속성입니다. 이 열은 비우십시오.", "attribute")
        licence = None
        installed = len(relations.get("installed_on", []))
        if installed or "licence_quantity" in numbers:
            if not asset_type.is_software:
                key = "installed_on" if installed else "licence_quantity"
                refuse(key, "설치 장비와 라이선스 수량은 소프트웨어 자산에만 적습니다.")
            elif asset_type.licence_required and numbers.get("licence_quantity", 0) < installed:
                refuse(
                    "licence_quantity",
                    E.LICENCE_SHORT.text(licensed=numbers.get("licence_quantity", 0), installed=installed),
                )
            if "licence_quantity" in numbers:
                licence = (numbers["licence_quantity"], dates.get("licence_expires_on"))
        # The form's one-row rules, word for word (Asset.clean runs the same function).
        for key, message in asset_rules(
            status=status,
            disposal_reason="",
            acquired_on=dates.get("acquired_on"),
            maintained_by=maintained_by,
            today=self.today,
        ).items():
            refuse(key, message)
        if plan.error_count != failed:
            return None
        acquired = dates.get("acquired_on")
        years = numbers.get("useful_life_years") or self.life_years.get(asset_type.pk)
        values = {
            "tag": tag,
            "name": value["name"],
            "asset_type_id": asset_type.pk,
            "status": status,
            "org_unit_id": unit.pk,
            "officer_id": officer_id,
            "system_id": system.pk if system else None,
            "manufacturer": value["manufacturer"],
            "model_name": value["model_name"],
            "serial_number": serial,
            "version": value["version"],
            "acquired_on": acquired,
            "acquisition_cost": numbers.get("acquisition_cost"),
            "useful_life_years": numbers.get("useful_life_years"),
            "life_ends_on": add_years(acquired, years) if acquired and years else None,
            "support_ends_on": dates.get("support_ends_on"),
            "location_id": location.pk if location else None,
            "rack": value["rack"],
            "rack_unit": value["rack_unit"],
            "supplier_id": supplier.pk if supplier else None,
            "project_id": project_id,
            "is_om_target": om_target,
            "maintenance_contract_id": contract.pk if contract else None,
            "maintained_by_id": maintained_by.pk if maintained_by else None,
            "attributes": cleaned,
            "missing_attributes": attributes.missing_count(definitions, cleaned),
            "note": value["note"],
            "disposal_reason": "",
        }
        return Prepared(number, values, asset_type, unit.name, relations, licence)

    def _lookup(self, table: dict, key: str, value: dict, refuse, what: str):
        raw = value[key]
        if not raw:
            return None
        found = table.get(raw.lower())
        if found is None:
            label = COLUMN_BY_KEY[key].label
            refuse(
                key, f"알 수 없는 {what}입니다 ('{raw}'). {josa(label, '은/는')} {josa(what, '으로/로')} 적으십시오."
            )
        return found

    def _check_relations(self, plan: Plan, in_file: dict[str, tuple[int, str]], label_of) -> None:
        """Relation targets: tags of assets registered before or in this file, of the right category."""
        from .choices import category_of

        def kind_of(tag: str) -> str | None:
            if tag in in_file:
                return in_file[tag][1]
            return self.existing_tags.get(tag)

        for prepared in plan.rows:
            for key, tags in prepared.relations.items():
                for tag in tags:
                    kind = kind_of(tag)
                    label = label_of("field", key)
                    if kind is None:
                        plan.refuse(prepared.row, label, f"'{tag}'에 해당하는 자산이 없습니다.")
                    elif tag == prepared.tag:
                        plan.refuse(prepared.row, label, E.RELATION_SELF.message)
                    elif key in ("installed_on", "runs_on") and category_of(kind) != "hw":
                        what = josa(f"'{tag}'", "은/는")
                        plan.refuse(prepared.row, label, f"{what} 하드웨어 자산이 아닙니다.")

    # --- writing ---------------------------------------------------------------------------------------------------
    def write(self, plan: Plan, *, request_id: str = "") -> int:
        """Saves every prepared row in one transaction: assets, attribute index, relations, licences, change log.

        Rows are written in batches of plain tuples (COPY on PostgreSQL, executemany on SQLite), not one model
        instance each: 100,000 rows with their ~500,000 index rows and 100,000 change-log entries fit the budget.
        """
        if not plan.ok:
            raise ValidationError("검증을 통과하지 못한 가져오기는 저장하지 않습니다.")
        total = len(plan.rows)
        now = timezone.now()
        columns = [*ASSET_COLUMNS, "created_at", "updated_at"]
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # The default page cache (2 MB) thrashes on the indexes of 100,000 new rows; this connection only.
                cursor.execute("PRAGMA cache_size = -262144")
        with transaction.atomic():
            ids = _allocate_ids(Asset, total)
            for prepared, pk in zip(plan.rows, ids, strict=True):
                prepared.pk = pk
            written = 0
            for start in range(0, total, BATCH):
                chunk = plan.rows[start : start + BATCH]
                index = []
                for prepared in chunk:
                    stored = prepared.values["attributes"]
                    for definition in prepared.asset_type.definitions:
                        typed = attributes.index_row(definition, stored.get(definition.key))
                        if typed is not None:
                            index.append((prepared.pk, definition.pk, *typed))
                    # Serialised once: the same text goes into the row and into its change-log entry.
                    prepared.values["attributes"] = json.dumps(stored, ensure_ascii=False)
                _insert(
                    Asset,
                    ["id", *columns],
                    ([p.pk, *(p.values[c] for c in ASSET_COLUMNS), now, now] for p in chunk),
                )
                _insert(
                    AssetAttributeValue,
                    ["asset_id", "definition_id", "value_text", "value_number", "value_date"],
                    index,
                )
                self._log_assets(chunk, request_id, now)
                written += len(chunk)
                self.progress(written, total)
            self._write_relations_and_licences(plan, now)
        return written

    def _write_relations_and_licences(self, plan: Plan, now) -> None:
        tags = {t for p in plan.rows for ts in p.relations.values() for t in ts}
        in_file = {p.tag: p.pk for p in plan.rows}
        existing = tags - set(in_file)
        ids = {**dict(Asset.objects.filter(tag__in=existing).values_list("tag", "pk")), **in_file} if tags else {}
        relations, licences = [], []
        for prepared in plan.rows:
            for key, targets in prepared.relations.items():
                for tag in dict.fromkeys(targets):
                    relations.append(
                        AssetRelation(source_id=prepared.pk, kind=RELATION_COLUMNS[key], target_asset_id=ids[tag])
                    )
            if prepared.licence is not None:
                quantity, expires = prepared.licence
                licences.append(
                    Licence(
                        software_id=prepared.pk,
                        quantity=quantity,
                        expires_on=expires,
                        kind=LicenceKind.SUBSCRIPTION if expires else LicenceKind.PERPETUAL,
                        note="가져오기로 등록",
                    )
                )
        # Licences first: a relation "installed on" never exists without the licences that allow it.
        Licence.objects.bulk_create(licences, batch_size=BATCH)
        AssetRelation.objects.bulk_create(relations, batch_size=BATCH)
        self._log_objects(licences, now)
        self._log_objects(relations, now)

    def _log_assets(self, chunk: list[Prepared], request_id: str, now) -> None:
        """One "created" change-log entry per asset, with its values, as the form's save would have written."""
        content_type = ContentType.objects.get_for_model(Asset).pk
        actor = getattr(self.user, "pk", None)
        rows = []
        for prepared in chunk:
            changes = {}
            for column, value in prepared.values.items():
                if value is None or value == "" or value == "{}":
                    continue
                changes[LOG_NAMES[column]] = ["None", value if value.__class__ is str else _log_value(value)]
            rows.append(
                (
                    content_type,
                    str(prepared.pk),
                    prepared.pk,
                    f"{prepared.tag} {prepared.values['name']}"[:500],
                    LogEntry.Action.CREATE,
                    "",
                    changes,
                    actor,
                    request_id or None,
                    now,
                    LOG_SOURCE,
                )
            )
        _insert(LogEntry, LOG_COLUMNS, rows)

    def _log_objects(self, objects: list, now) -> None:
        if not objects:
            return
        model = type(objects[0])
        content_type = ContentType.objects.get_for_model(model).pk
        actor = getattr(self.user, "pk", None)
        fields = [f for f in model._meta.concrete_fields if f.name not in ("id", "created_at", "updated_at")]
        rows = []
        for obj in objects:
            changes = {
                f.name: ["None", _log_value(getattr(obj, f.attname))]
                for f in fields
                if getattr(obj, f.attname) not in (None, "")
            }
            label = f"{model._meta.verbose_name} {obj.pk}"
            rows.append((content_type, str(obj.pk), obj.pk, label, LogEntry.Action.CREATE, "", changes, actor, None,
                         now, LOG_SOURCE))  # fmt: skip
        _insert(LogEntry, LOG_COLUMNS, rows)


ASSET_COLUMNS = [
    "tag",
    "name",
    "asset_type_id",
    "status",
    "org_unit_id",
    "officer_id",
    "system_id",
    "manufacturer",
    "model_name",
    "serial_number",
    "version",
    "acquired_on",
    "acquisition_cost",
    "useful_life_years",
    "life_ends_on",
    "support_ends_on",
    "location_id",
    "rack",
    "rack_unit",
    "supplier_id",
    "project_id",
    "is_om_target",
    "maintenance_contract_id",
    "maintained_by_id",
    "attributes",
    "missing_attributes",
    "note",
    "disposal_reason",
]
LOG_NAMES = {c: c.removesuffix("_id") for c in ASSET_COLUMNS}
LOG_COLUMNS = [
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "cid",
    "timestamp",
    "additional_data",
]
LOG_SOURCE = json.dumps({"source": "정보자산 가져오기"}, ensure_ascii=False)


def _log_value(value) -> str:
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _sqlite_converter(field):
    """What SQLite stores for a date, datetime or decimal, as Django writes it (one conversion per distinct value)."""
    if isinstance(field, models.DateTimeField):
        cache: dict = {}

        def to_db(value):
            if value not in cache:
                cache[value] = connection.ops.adapt_datetimefield_value(value)
            return cache[value]

        return to_db
    if isinstance(field, models.DateField):
        return dt.date.isoformat
    if isinstance(field, models.DecimalField):
        return lambda value: format(value, "f")
    return None


def _allocate_ids(model, count: int) -> list[int]:
    """Primary keys for ``count`` new rows, taken inside the import's transaction.

    PostgreSQL hands them out from the table's sequence (safe beside other writers); SQLite's transaction already
    holds the database's one write lock (IMMEDIATE, ADR 0010), so the next ids after the highest are free.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [model._meta.db_table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - the model's own table
        first = cursor.fetchone()[0] + 1
    return list(range(first, first + count))


def _insert(model, columns: list[str], rows: Iterable) -> None:
    """Plain rows into the model's table: COPY on PostgreSQL, executemany on SQLite (values converted per column)."""
    meta = model._meta
    fields = [meta.get_field(c) for c in columns]  # by name or attname ("org_unit_id")
    names = [f.column for f in fields]
    table = connection.ops.quote_name(meta.db_table)
    column_list = ", ".join(connection.ops.quote_name(n) for n in names)
    json_columns = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
    postgres = connection.vendor == "postgresql"
    convert = [] if postgres else [(i, _sqlite_converter(f)) for i, f in enumerate(fields) if _sqlite_converter(f)]
    with connection.cursor() as cursor:
        if postgres:
            with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    row = list(row)
                    for i in json_columns:
                        if row[i].__class__ is not str:  # not serialised by the caller yet
                            row[i] = json.dumps(row[i], ensure_ascii=False, default=str)
                    copy.write_row(row)
            return
        prepared = []
        for row in rows:
            row = list(row)
            for i in json_columns:
                if row[i].__class__ is not str:
                    row[i] = json.dumps(row[i], ensure_ascii=False, default=str)
            for i, to_db in convert:
                if row[i] is not None:
                    row[i] = to_db(row[i])
            prepared.append(row)
        if prepared:
            placeholders = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608 - the model's columns
            cursor.executemany(sql, prepared)


def _order(definition) -> tuple[int, int]:
    return definition.order, definition.pk


# --- the template a user fills in -------------------------------------------------------------------------------------
def template_workbook() -> bytes:
    """The header every file starts with (fixed columns, then every type's attributes) and a sheet of the codes."""
    from itms.core.exports import Column as Col
    from itms.core.exports import new_workbook, workbook_bytes, write_sheet

    types = list(AssetType.objects.filter(is_active=True).prefetch_related("attribute_definitions"))
    attribute_names = list(
        dict.fromkeys(d.name for t in types for d in sorted(t.attribute_definitions.all(), key=_order))
    )
    book = new_workbook("정보자산 가져오기 양식")
    header = [f"{c.label}*" if c.required else c.label for c in COLUMNS] + attribute_names
    write_sheet(book.active, [Col(h) for h in header], [], title="정보자산", empty_text=None)
    guide = []
    for asset_type in types:
        for d in sorted(asset_type.attribute_definitions.all(), key=_order):
            allowed = " / ".join(d.choices)
            guide.append(
                [
                    asset_type.code,
                    asset_type.name,
                    d.name,
                    d.key,
                    d.get_value_type_display(),
                    d.unit,
                    "필수" if d.required else "",
                    allowed,
                ]
            )
        if not asset_type.attribute_definitions.all():
            guide.append([asset_type.code, asset_type.name, "", "", "", "", "", ""])
    write_sheet(
        book.create_sheet(),
        [Col(h) for h in ("유형 코드", "유형명", "속성명(열 이름)", "속성 키", "형식", "단위", "필수", "허용 값")],
        guide,
        title="유형별 필수속성",
        notes=[
            "자산 유형은 유형 코드나 유형명, 부서는 부서코드, 정보시스템은 시스템 코드, 공급업체는 사업자등록번호나 "
            "업체명, 유지관리 계약은 계약번호, 설치 위치는 위치 코드로 적습니다. 날짜는 2026-01-31처럼 적습니다.",
            "설치 장비·실행 장비·구성 대상은 자산번호를 쉼표로 나누어 적습니다. 라이선스 관리 소프트웨어는 "
            "라이선스 수량이 설치 장비 수보다 적을 수 없습니다.",
            "한 행이라도 오류가 있으면 아무것도 저장하지 않습니다 (전부 또는 전무).",
        ],
    )
    return workbook_bytes(book)
