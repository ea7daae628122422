"""Type-specific mandatory attributes (정보자산 필수속성, a29.3.3): defined as data, checked the same everywhere.

An administrator defines per asset type the attributes its assets carry (``AttributeDefinition``: name, key, type,
unit, required, allowed values). Every path that writes an asset — the form, the API, the file import, the bulk API,
``manage.py import_assets`` — reads and checks the values here, so each refuses the same things with the same
Korean message. How the values are stored (JSON on the asset, typed index rows for filtering) is ADR 0016.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from itms.core.korean import josa

from .choices import AttributeType
from .error_codes import ResourcesErrors as E

TEXT_LIMIT = 200
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TRUE_WORDS = {"예", "y", "yes", "true", "1", "o", "사용", "있음"}
FALSE_WORDS = {"아니요", "아니오", "n", "no", "false", "0", "x", "미사용", "없음"}
DATE_FORMATS = ("%Y-%m-%d", "%Y.%m.%d", "%Y. %m. %d.", "%Y. %m. %d", "%Y/%m/%d")


@dataclass(frozen=True)
class Definition:
    """What the checks need of an ``AttributeDefinition`` (also built from plain rows by the importer)."""

    pk: int
    key: str
    name: str
    value_type: str
    required: bool
    choices: tuple[str, ...] = ()
    unit: str = ""

    @classmethod
    def of(cls, definition) -> Definition:
        return cls(
            definition.pk,
            definition.key,
            definition.name,
            definition.value_type,
            definition.required,
            tuple(definition.choices),
            definition.unit,
        )

    @property
    def label(self) -> str:
        return f"{self.name}({self.unit})" if self.unit else self.name


def parse_date(value) -> dt.date | None:
    """A date as people write it in a spreadsheet: 2026-01-31, 2026.1.31, 2026. 1. 31., a date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)  # the common case, without strptime
        except ValueError:
            pass
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_number(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_boolean(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _what(definition: Definition) -> str:
    return josa(f"'{definition.name}'", "을/를")


def check_value(definition: Definition, value) -> tuple[object, str]:
    """(the stored form of ``value``, "" ) or (None, the Korean reason it is refused). Blank → (None, "")."""
    if _blank(value):
        return None, ""
    kind = definition.value_type
    if kind == AttributeType.NUMBER:
        number = parse_number(value)
        if number is None:
            return None, E.ATTRIBUTE_NUMBER.text(what=_what(definition))
        # JSON keeps numbers; whole numbers stay whole (16, not 16.0).
        return (int(number) if number == number.to_integral_value() else float(number)), ""
    if kind == AttributeType.DATE:
        day = parse_date(value)
        if day is None:
            return None, E.ATTRIBUTE_DATE.text(what=_what(definition))
        return day.isoformat(), ""
    if kind == AttributeType.BOOLEAN:
        flag = parse_boolean(value)
        if flag is None:
            return None, E.ATTRIBUTE_BOOLEAN.text(what=_what(definition))
        return flag, ""
    text = str(value).strip()
    if kind == AttributeType.CHOICE:
        if text not in definition.choices:
            return None, E.ATTRIBUTE_CHOICE.text(
                name=definition.name, value=text, allowed=", ".join(definition.choices)
            )
        return text, ""
    if len(text) > TEXT_LIMIT:
        return None, E.ATTRIBUTE_TOO_LONG.text(what=_what(definition), limit=TEXT_LIMIT)
    return text, ""


def check_attributes(
    definitions: Iterable[Definition], values: Mapping | None, *, allow_unknown: bool = False
) -> tuple[dict, dict[str, str]]:
    """The cleaned values (by key) and the refusals (by key; "" for keys no definition has).

    ``values`` may be keyed by the definitions' keys or names (a spreadsheet header is the name).
    """
    definitions = list(definitions)
    values = dict(values or {})
    by_name = {d.name: d.key for d in definitions}
    keyed = {}
    for key, value in values.items():
        keyed[by_name.get(key, key)] = value
    cleaned: dict = {}
    errors: dict[str, str] = {}
    for definition in definitions:
        value, error = check_value(definition, keyed.pop(definition.key, None))
        if error:
            errors[definition.key] = error
        elif value is None:
            if definition.required:
                errors[definition.key] = E.ATTRIBUTE_MISSING.text(what=_what(definition))
        else:
            cleaned[definition.key] = value
    unknown = [key for key, value in keyed.items() if not _blank(value)]
    if unknown and not allow_unknown:
        errors[""] = E.ATTRIBUTE_UNKNOWN.text(names=", ".join(sorted(map(str, unknown))))
    return cleaned, errors


def missing_count(definitions: Iterable[Definition], values: Mapping | None) -> int:
    """How many required attributes ``values`` lacks (what the 현행화 dashboard counts, a29.3.3)."""
    values = values or {}
    return sum(1 for d in definitions if d.required and _blank(values.get(d.key)))


def index_row(definition: Definition, value) -> tuple[str | None, Decimal | None, dt.date | None] | None:
    """(value_text, value_number, value_date) of one stored value for the typed index (ADR 0016)."""
    if value is None:
        return None
    kind = definition.value_type
    if kind == AttributeType.NUMBER:
        number = parse_number(value)
        return (None, number, None) if number is not None else None
    if kind == AttributeType.DATE:
        day = parse_date(value)
        return (None, None, day) if day is not None else None
    if kind == AttributeType.BOOLEAN:
        return ("예" if value else "아니요"), None, None
    return str(value)[:TEXT_LIMIT], None, None


def display(definition: Definition, value) -> str:
    if value is None or value == "":
        return ""
    if definition.value_type == AttributeType.BOOLEAN:
        return "예" if value else "아니요"
    if definition.value_type == AttributeType.DATE:
        from itms.core.formats import format_date

        day = parse_date(value)
        return format_date(day) if day else str(value)
    if definition.value_type == AttributeType.NUMBER:
        number = parse_number(value)
        text = f"{number:,}" if number is not None else str(value)
        return f"{text} {definition.unit}".strip()
    return f"{value} {definition.unit}".strip()
