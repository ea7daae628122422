"""Loading a directive text into a RulePack with its clause tree (idempotent)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from .clauses import CURRENT_TEXT
from .models import Clause, Parameter, ParameterValue, RulePack
from .models.parameters import validate_value
from .parser import parse


@transaction.atomic
def load_rule_pack(text: str) -> RulePack:
    parsed = parse(text)
    if parsed.number is None or parsed.issued is None:
        raise ValueError("훈령 번호와 발령일을 원문 머리말에서 찾을 수 없습니다.")
    own = next((a for a in parsed.amendments if a.number == parsed.number), None)
    effective = (own.effective if own and own.effective else None) or parsed.issued
    pack, created = RulePack.objects.get_or_create(
        number=parsed.number,
        defaults={
            "title": parsed.title,
            "issued_on": dt.date(*parsed.issued),
            "effective_from": dt.date(*effective),
            "source_text": text,
            "amendments": [
                {
                    "number": a.number,
                    "issued": dt.date(*a.issued).isoformat(),
                    "effective": dt.date(*a.effective).isoformat() if a.effective else None,
                }
                for a in parsed.amendments
            ],
        },
    )
    load_parameters(pack)
    labels = {c.label for c in parsed.clauses}
    if (
        not created
        and pack.source_text == text
        and pack.clauses.count() == len(parsed.clauses)
        and set(pack.clauses.values_list("label", flat=True)) == labels  # e.g. "제8조제5항" once "제8조제5항"
    ):
        return pack
    if pack.source_text != text:
        # A corrected text of the same 훈령 (a typo, a wrapped line): the clause rows follow it.
        pack.source_text = text
        pack.save(update_fields=["source_text", "updated_at"])
    pack.clauses.all().delete()
    by_id: dict[str, Clause] = {}
    for position, c in enumerate(parsed.clauses, start=1):
        clause = Clause.objects.create(
            pack=pack,
            clause_id=c.id,
            label=c.label,
            title=c.title,
            text=c.text,
            level=c.level,
            chapter=c.chapter,
            chapter_title=parsed.chapters.get(c.chapter, ""),
            parent=by_id.get(c.parent_id),
            position=position,
        )
        by_id[c.id] = clause
    # Earlier packs end when this one takes effect.
    RulePack.objects.filter(effective_from__lt=pack.effective_from, repealed_on__isnull=True).update(
        repealed_on=pack.effective_from
    )
    return pack


def load_parameters(pack: RulePack) -> None:
    """Adds the pack's shipped parameters that are missing; values edited since are kept."""
    from .packs import PACK_PARAMETERS

    for spec in PACK_PARAMETERS.get(pack.number, []):
        parameter, created = Parameter.objects.get_or_create(
            pack=pack,
            key=spec.key,
            defaults={
                "name": spec.name,
                "unit": spec.unit,
                "clause_ids": list(spec.clause_ids),
                "description": spec.description,
                "source": spec.source,
                "confidence": spec.confidence,
                "choices": list(spec.choices),
            },
        )
        if created:
            ParameterValue.objects.create(
                parameter=parameter,
                value=validate_value(spec.unit, spec.value, spec.choices),
                effective_from=pack.effective_from,
                reason=f"{pack.version_label} 시행",
            )


def ensure_current_pack(**kwargs) -> None:
    """post_migrate hook: every database (including the tests') carries the directive in force."""
    load_rule_pack(CURRENT_TEXT.read_text(encoding="utf-8"))
