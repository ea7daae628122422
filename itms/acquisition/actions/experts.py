"""전문가 명부 (a15.7): how the list stands against the rule (50 or more, kept current)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from itms.core.formats import format_date
from itms.regulation.rules import param

from ..models import Expert, ExpertExclusion


@dataclass(frozen=True)
class PoolStatus:
    total: int
    usable: int
    minimum: int
    stale: int
    stale_before: dt.date
    months: int

    @property
    def warnings(self) -> list[str]:
        found = []
        if self.usable < self.minimum:
            found.append(
                f"위촉할 수 있는 전문가가 {self.usable}명입니다. 전문가명부는 {self.minimum}명 이상이어야 합니다 "
                "(제15조제7항)."
            )
        if self.stale:
            found.append(
                f"{self.stale}명의 정보를 {self.months}개월 넘게({format_date(self.stale_before)} 이전) 확인하지 "
                "않았습니다. 최신의 자료로 유지하십시오 (제15조제7항)."
            )
        return found


def stale_before(on: dt.date | None = None) -> tuple[dt.date, int]:
    on = on or timezone.localdate()
    months = int(param("expert_pool_stale_months", on).value)
    year, month = divmod(on.month - 1 - months, 12)
    day = min(on.day, 28)
    return dt.date(on.year + year, month + 1, day), months


def pool_status(on: dt.date | None = None) -> PoolStatus:
    on = on or timezone.localdate()
    before, months = stale_before(on)
    restricted = ExpertExclusion.objects.filter(ExpertExclusion.active_on(on)).values("expert_id")
    experts = Expert.objects.all()
    usable = experts.filter(is_available=True).exclude(pk__in=restricted).exclude(unavailable_until__gte=on)
    return PoolStatus(
        total=experts.count(),
        usable=usable.count(),
        minimum=int(param("expert_pool_minimum", on).value),
        stale=experts.filter(confirmed_on__lt=before).count(),
        stale_before=before,
        months=months,
    )
