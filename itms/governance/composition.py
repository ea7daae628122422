"""Composition checks of a body, as warnings (소프트웨어 진흥법 시행령 제46조 for 과업심의위원회; a4.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from itms.regulation.rules import param

from .choices import BodyKind
from .models import Body


@dataclass(frozen=True)
class Warning:
    clause_id: str
    message: str


def composition_warnings(body: Body, on: dt.date | None = None) -> list[Warning]:
    on = on or timezone.localdate()
    seats = list(body.memberships.active_on(on).voting())
    warnings: list[Warning] = []
    if body.kind == BodyKind.TASK_DELIBERATION:
        low = int(param("task_committee_min_members", on).value)
        high = int(param("task_committee_max_members", on).value)
        share = param("task_committee_external_share", on).fraction
        term = int(param("task_committee_term_years", on).value)
        if not low <= len(seats) <= high:
            warnings.append(
                Warning(
                    "a13.1", f"위원은 위원장을 포함하여 {low}명 이상 {high}명 이하여야 합니다 (현재 {len(seats)}명)."
                )
            )
        external = sum(1 for seat in seats if seat.is_external)
        if seats and not external > len(seats) * share:
            warnings.append(
                Warning("a13.1", f"위원의 과반수는 외부 위원이어야 합니다 (외부 {external}명 / {len(seats)}명).")
            )
        for seat in seats:
            if seat.end_date is None or (seat.end_date - seat.start_date).days > term * 366:
                warnings.append(
                    Warning("a13.1", f"{seat.holder_label(on)}: 위촉위원의 임기는 {term}년입니다 (임기 종료일 확인).")
                )
        if not any(seat.is_chair for seat in seats):
            warnings.append(Warning("a13.1", "위원장을 위원 중에서 호선하여 지정하십시오."))
    if body.kind == BodyKind.COMMITTEE:
        size = int(param("committee_size", on).value)
        if not size - 3 <= len(seats) <= size + 3:
            warnings.append(
                Warning("a4.2", f"위원회는 위원장을 포함하여 {size}인 내외로 구성합니다 (현재 {len(seats)}명).")
            )
        if not any(seat.position_id == body.chair_position_id for seat in seats):
            warnings.append(Warning("a4.1", "위원장(지능정보화책임관) 자리가 위원 명단에 없습니다."))
    if body.kind in (BodyKind.COMMITTEE, BodyKind.COUNCIL) and body.secretary_position_id is None:
        clause = "a4.9" if body.kind == BodyKind.COMMITTEE else "a5.2"
        warnings.append(Warning(clause, "간사 직위를 지정하십시오."))
    return warnings
