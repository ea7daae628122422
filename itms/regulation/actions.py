"""Actions of the regulation engine that change state (views, API and commands call these)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date

from .error_codes import RegulationErrors
from .models import Parameter, ParameterValue
from .models.parameters import display_value

CHANGE_PERMISSION = "regulation.change_parameter"


def change_parameter(*, actor, parameter: Parameter, value, effective_from: dt.date, reason: str) -> ParameterValue:
    """Gives ``parameter`` a new value from ``effective_from`` on (a new ParameterValue; none is edited).

    The value is checked against the parameter's unit, the change is chained as PARAMETER_CHANGED with
    the parameter's clause ids and pack version, and decisions already taken keep the value they used
    (they store their reading). Only the 정보기획담당관 (a8.2) and superusers may change the rule pack.
    """
    from itms.audit.chain import record_event
    from itms.audit.models import LegalEventKind

    if actor is None or not actor.has_perm(CHANGE_PERMISSION, parameter):
        raise Forbidden(RegulationErrors.PARAMETER_WHO)
    reason = (reason or "").strip()
    if not reason:
        raise Refused(RegulationErrors.PARAMETER_REASON, field="reason")
    if not isinstance(effective_from, dt.date) or isinstance(effective_from, dt.datetime):
        raise Refused(RegulationErrors.PARAMETER_DATE, field="effective_from")
    value = parameter.validate_value(value)
    with transaction.atomic():
        # Serialises concurrent changes of one parameter (the unique date is checked under the lock).
        parameter = (
            Parameter.objects.select_for_update(no_key=True, of=("self",)).select_related("pack").get(pk=parameter.pk)
        )
        pack = parameter.pack
        today = timezone.localdate()
        if effective_from < today:
            raise Refused(RegulationErrors.PARAMETER_PAST, field="effective_from")
        if effective_from < pack.effective_from or (pack.repealed_on and effective_from >= pack.repealed_on):
            raise Refused(RegulationErrors.PARAMETER_OUTSIDE_PACK, field="effective_from", pack=pack.version_label)
        if parameter.values.filter(effective_from=effective_from).exists():
            raise Refused(RegulationErrors.PARAMETER_SAME_DAY, field="effective_from", day=format_date(effective_from))
        previous = parameter.value_on(effective_from)
        new = ParameterValue.objects.create(
            parameter=parameter, value=value, effective_from=effective_from, reason=reason[:300], changed_by=actor
        )
        record_event(
            kind=LegalEventKind.PARAMETER_CHANGED,
            actor=actor,
            subject=parameter,
            summary=(
                f"규정 값 변경: {parameter.name} {display_value(parameter.unit, previous.value if previous else None)}"
                f" → {display_value(parameter.unit, value)} ({format_date(effective_from)}부터)"
            ),
            payload={
                "parameter": parameter.key,
                "value_id": new.pk,
                "previous": previous.value if previous else None,
                "previous_value_id": previous.pk if previous else None,
                "value": value,
                "unit": parameter.unit,
                "effective_from": effective_from.isoformat(),
                "reason": reason,
            },
            clause_ids=parameter.clause_ids,
            pack_version=pack.version_label,
        )
    return new
