"""Actions of the regulation engine that change state (views, API and commands call these)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from itms.core.formats import format_date

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
        raise PermissionDenied("규정 값을 변경할 권한이 없습니다.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "변경 사유를 입력하십시오."})
    if not isinstance(effective_from, dt.date) or isinstance(effective_from, dt.datetime):
        raise ValidationError({"effective_from": "적용 시작일을 날짜로 입력하십시오."})
    value = parameter.validate_value(value)
    with transaction.atomic():
        # Serialises concurrent changes of one parameter (the unique date is checked under the lock).
        parameter = (
            Parameter.objects.select_for_update(no_key=True, of=("self",)).select_related("pack").get(pk=parameter.pk)
        )
        pack = parameter.pack
        today = timezone.localdate()
        if effective_from < today:
            raise ValidationError(
                {"effective_from": "지난 날부터 적용할 수 없습니다. 이미 내려진 결정은 그때의 값으로 남습니다."}
            )
        if effective_from < pack.effective_from or (pack.repealed_on and effective_from >= pack.repealed_on):
            raise ValidationError({"effective_from": f"{pack.version_label}가 시행되는 기간 안의 날짜여야 합니다."})
        if parameter.values.filter(effective_from=effective_from).exists():
            raise ValidationError(
                {
                    "effective_from": f"{format_date(effective_from)}부터 적용되는 값이 이미 있습니다. "
                    "다른 적용 시작일을 정하십시오 (등록된 값은 고치지 않습니다)."
                }
            )
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
