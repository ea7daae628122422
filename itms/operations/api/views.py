"""API actions of Chapter 6 beyond the generic endpoints: measuring an SLA month (a26.2) — the same action, write
gate and coded refusals as the SLA page's 산정 button."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from itms.audit.context import bind_actor
from itms.core import gate, registry
from itms.core.errors import Refused

from .. import actions
from ..error_codes import OperationsErrors as E
from ..models import ServiceLevelAgreement
from .serializers import SlaMonthSerializer


class SlaMeasureView(APIView):
    """월별 서비스수준 산정: ``{"month": "2026-06-01", "values": {"<지표 id 또는 종류>": 값}}``.

    The month is any day of it; ``values`` gives the indicators the service desk does not compute (backups, security
    checks, key staff, satisfaction), keyed by the indicator's id or its kind (``backup``, ``key_staff`` …). The
    answer is the measured month (201 the first time, 200 when a month still 산정 is computed again); a refusal is
    ``{code, message, clause}``: outside the contract, SLA not in force, month reported or confirmed, a value
    missing (400/409), not the managing IT department (403), an SLA the user cannot see (404).
    """

    permission_classes = [IsAuthenticated]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bind_actor(request.user)

    def post(self, request, pk: int):
        object_type = registry.get("operations.servicelevelagreement")
        try:
            sla = gate.fetch(request.user, object_type, "view", pk)
        except Http404 as missing:
            raise NotFound("자료를 찾을 수 없습니다.") from missing
        month = _month(request.data.get("month"))
        values = _values(sla, request.data.get("values") or {})
        existed = sla.months.filter(month=month.replace(day=1)).exists()
        record = actions.compute_month(sla, month, actor=request.user, values=values)
        body = SlaMonthSerializer(record, context={"request": request}).data
        body["measurements"] = [
            {
                "indicator": m.indicator_id,
                "kind": m.indicator.kind,
                "label": m.indicator.label,
                "value": None if m.value is None else str(m.value),
                "level": str(m.level),
                "points": str(m.points),
                "source": m.source,
                "basis": m.basis,
            }
            for m in record.measurements.select_related("indicator")
        ]
        return Response(body, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


def _month(raw) -> dt.date:
    try:
        return dt.date.fromisoformat(str(raw or "")[:10])
    except ValueError as error:
        raise Refused(E.MONTH_FORMAT, field="month", value=raw if raw not in (None, "") else "빈 값") from error


def _values(sla: ServiceLevelAgreement, raw) -> dict:
    if not isinstance(raw, dict):
        raise Refused(E.VALUES_FORMAT, field="values")
    indicators = list(sla.indicators.all())
    by_key = {str(i.pk): i for i in indicators} | {i.kind: i for i in indicators}
    values = {}
    for key, value in raw.items():
        indicator = by_key.get(str(key))
        if indicator is None:
            raise Refused(E.VALUES_UNKNOWN, field="values", key=key)
        values[indicator.pk] = value
    return values
