"""Reading the rule pack: "the value of parameter P on date D", with the version it came from.

    reading = param("impact_review_days", on=received)
    reading.value        # 14
    reading.pack_version # "훈령 제2427호"

Every decision that uses a number stores ``reading.record()`` with it.

A date before the earliest pack has no rule in force and ``param`` refuses it (``RuleNotFound``): no
decision is recorded under a rule that did not exist. Only a display of past records may ask for
``fallback="earliest"`` and gets the earliest pack's value with ``reading.note`` saying so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

from django.core.cache import cache
from django.utils import timezone

from itms.core import exercised, generations
from itms.core.formats import format_date
from itms.core.korean import josa

from .models import Parameter, RulePack


class RuleNotFound(LookupError):
    pass


@dataclass(frozen=True)
class Reading:
    key: str
    name: str
    value: object
    unit: str
    clause_ids: tuple[str, ...]
    pack_number: int
    value_id: int
    effective_from: dt.date
    note: str = ""  # set when the value was not in force on the date asked (fallback="earliest")

    @property
    def pack_version(self) -> str:
        return f"훈령 제{self.pack_number}호"

    @property
    def fraction(self) -> Fraction:
        return Fraction(str(self.value))

    def record(self) -> dict:
        """What a decision stores about the rule it applied."""
        return {
            "parameter": self.key,
            "value": self.value,
            "unit": self.unit,
            "clause_ids": list(self.clause_ids),
            "pack_version": self.pack_version,
            "value_id": self.value_id,
            "effective_from": self.effective_from.isoformat(),
        }


def pack_in_force(on: dt.date | None = None) -> RulePack:
    on = on or timezone.localdate()
    pack = RulePack.objects.in_force_on(on).order_by("-effective_from").first()
    if pack is None:
        raise RuleNotFound(f"{on}에 시행 중인 훈령이 없습니다.")
    return pack


# Readings are cached (a quorum count or a list of deadlines asks for the same few values many times);
# any change to a pack or a value bumps the generation, so no reading outlives the data it came from.
# With the embedded per-process cache, other processes see a change within CACHE_SECONDS at the latest.
CACHE_SECONDS = 60
_GENERATION_KEY = "itms:rules:generation"


def invalidate_readings(**kwargs) -> None:
    generations.bump(_GENERATION_KEY)


def param(key: str, on: dt.date | None = None, *, fallback: Literal["earliest"] | None = None) -> Reading:
    """The value in force on ``on``. With ``fallback="earliest"`` a date before the earliest pack reads
    that pack's value, with a note (for showing past records only, never for a new decision)."""
    exercised.note_from_product("param", key)
    on = on or timezone.localdate()
    cache_key = f"itms:rules:{generations.current(_GENERATION_KEY)}:{key}:{on.isoformat()}"
    reading = cache.get(cache_key)
    if reading is None:
        try:
            reading = _read(key, on)
        except RuleNotFound:
            first = earliest_pack()
            if fallback != "earliest" or first is None or on >= first.effective_from:
                raise
            return _before_first_pack(key, on, first)
        cache.set(cache_key, reading, CACHE_SECONDS)
    return reading


def earliest_pack() -> RulePack | None:
    return RulePack.objects.order_by("effective_from").first()


def _before_first_pack(key: str, on: dt.date, first: RulePack) -> Reading:
    reading = param(key, first.effective_from)
    note = (
        f"{josa(format_date(on), '은/는')} {first.version_label} 시행({format_date(first.effective_from)}) 전입니다. "
        f"그 전의 규정이 등록되어 있지 않아 {first.version_label}의 값으로 계산했습니다."
    )
    return replace(reading, note=note)


def _read(key: str, on: dt.date) -> Reading:
    pack = pack_in_force(on)
    parameter = Parameter.objects.filter(pack=pack, key=key).prefetch_related("values").first()
    if parameter is None:
        raise RuleNotFound(f"훈령 제{pack.number}호에 규정 값 " + josa(f"'{key}'", "이/가") + " 없습니다.")
    value = parameter.value_on(on) or parameter.value_on(pack.effective_from)
    if value is None:
        raise RuleNotFound(f"규정 값 '{key}'에 {format_date(on)}에 적용되는 값이 없습니다.")
    return Reading(
        key,
        parameter.name,
        value.value,
        parameter.unit,
        tuple(parameter.clause_ids),
        pack.number,
        value.pk,
        value.effective_from,
    )
