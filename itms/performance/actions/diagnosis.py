"""a28: the year's indicator set as data, the self-scores the responsible units supply (a28.2), the result and
its comparison with the year before."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction

from itms.accounts.models import OrgUnit
from itms.core.errors import Refused

from ..error_codes import PerformanceErrors as E
from ..models import DiagnosisFramework, DiagnosisIndicator, DiagnosisRound, DiagnosisScore

HUNDRED = Decimal(100)


def parse_indicators(text: str) -> list[dict]:
    """'영역 | 지표 번호 | 지표명 | 배점 | 부서 코드' per line; the weights must add up to 100 (a28.1)."""
    rows = []
    units = {u.code: u for u in OrgUnit.objects.all()}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 5 or not all(parts):
            raise Refused(E.FRAMEWORK_LINE, line=number, reason="칸이 다섯 개가 아닙니다")
        area, code, name, weight_text, unit_code = parts
        try:
            weight = Decimal(weight_text)
        except InvalidOperation:
            raise Refused(E.FRAMEWORK_LINE, line=number, reason=f"배점 '{weight_text}'이 숫자가 아닙니다") from None
        if weight <= 0:
            raise Refused(E.FRAMEWORK_LINE, line=number, reason="배점은 0보다 커야 합니다")
        if unit_code not in units:
            raise Refused(E.FRAMEWORK_LINE, line=number, reason=f"부서 코드 '{unit_code}'가 없습니다")
        rows.append({"area": area, "code": code, "name": name, "weight": weight, "responsible_unit": units[unit_code]})
    total = sum((r["weight"] for r in rows), Decimal(0))
    if total != HUNDRED:
        raise Refused(E.WEIGHTS, total=f"{total.normalize():f}")
    return rows


@transaction.atomic
def load_framework(*, year: int, title: str, text: str, source: str = "") -> DiagnosisFramework:
    """Loads (or replaces, before its round has started) the indicator set of ``year``; nothing is saved on a
    refusal."""
    rows = parse_indicators(text)
    framework, _ = DiagnosisFramework.objects.get_or_create(year=year, defaults={"title": title, "source": source})
    if DiagnosisRound.objects.filter(framework=framework).exclude(state="draft").exists():
        raise Refused(E.FRAMEWORK_LOCKED)
    framework.title, framework.source = title, source
    framework.save()
    framework.indicators.all().delete()
    DiagnosisIndicator.objects.bulk_create(DiagnosisIndicator(framework=framework, **r) for r in rows)
    return framework


def open_scores(round_: DiagnosisRound) -> list[DiagnosisScore]:
    existing = set(round_.scores.values_list("indicator_id", flat=True))
    DiagnosisScore.objects.bulk_create(
        DiagnosisScore(round=round_, indicator=i) for i in round_.framework.indicators.all() if i.pk not in existing
    )
    return list(round_.scores.select_related("indicator__responsible_unit"))


def result(round_: DiagnosisRound) -> dict:
    """Score per area and in total (a28.1)."""
    areas: dict[str, dict] = {}
    for score in round_.scores.select_related("indicator"):
        area = areas.setdefault(score.indicator.area, {"weight": Decimal(0), "score": Decimal(0), "missing": 0})
        area["weight"] += score.indicator.weight
        if score.score is None:
            area["missing"] += 1
        else:
            area["score"] += score.score
    total = sum((a["score"] for a in areas.values()), Decimal(0))
    return {"areas": areas, "total": total, "missing": sum(a["missing"] for a in areas.values())}


def comparison(round_: DiagnosisRound) -> list[dict]:
    """Year over year, per area and in total, with the year before's round where there is one."""
    now = result(round_)
    previous_round = DiagnosisRound.objects.filter(framework__year=round_.year - 1).select_related("framework").first()
    before = result(previous_round) if previous_round else None
    rows = []
    for area, values in now["areas"].items():
        prior = before["areas"].get(area) if before else None
        rows.append(
            {
                "area": area,
                "weight": values["weight"],
                "score": values["score"],
                "previous": prior["score"] if prior else None,
                "change": values["score"] - prior["score"] if prior else None,
            }
        )
    rows.append(
        {
            "area": "합계",
            "weight": sum((r["weight"] for r in rows), Decimal(0)),
            "score": now["total"],
            "previous": before["total"] if before else None,
            "change": now["total"] - before["total"] if before else None,
        }
    )
    return rows
