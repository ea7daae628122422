"""The approved plan for year Y, for the national plans (a10): structured XLSX and an HWPX summary."""

from __future__ import annotations

import io

from django.db.models import Sum
from django.utils import timezone

from itms.core.exports import Column, Kind, xlsx_bytes
from itms.core.formats import format_date, format_won
from itms.projects.models import BudgetLine
from itms.regulation.clauses import lookup

from .models import PlanningCycle, PlanState, ProjectPlan


def approved_plans(cycle: PlanningCycle):
    return (
        ProjectPlan.objects.filter(cycle=cycle, state=PlanState.APPROVED)
        .select_related("project__sponsor_unit", "project__organization")
        .order_by("priority_rank", "project__name")
    )


def _years(plans) -> list[int]:
    years = set()
    for plan in plans:
        years.update(range(plan.project.start_year, plan.project.end_year + 1))
    return sorted(years)


def national_plan_xlsx(cycle: PlanningCycle) -> bytes:
    """One typed row per approved plan (money in 원, the decision date a date), fit to print (itms.core.exports)."""
    plans = list(approved_plans(cycle))
    years = _years(plans)
    lines = {
        (line["project_id"], line["year"]): line["amount"]
        for line in BudgetLine.objects.filter(project__in=[p.project_id for p in plans])
        .values("project_id", "year")
        .annotate(amount=Sum("amount"))
    }
    columns = [
        Column("우선순위", Kind.INTEGER, 8),
        Column("사업코드", width=14),
        Column("사업명", width=40),
        Column("추진기관", width=16),
        Column("사업추진부서", width=18),
        Column("사업유형", width=12),
        Column("사업기간", width=11),
        Column("총사업비", Kind.MONEY, 18),
        Column("심의 조정 예산", Kind.MONEY, 18),
        *[Column(f"{year}년 예산", Kind.MONEY, 18) for year in years],
        Column("신기술", Kind.BOOLEAN, 8),
        Column("심의일", Kind.DATE, 16),
    ]
    rows = [
        [
            plan.priority_rank,
            plan.project.code,
            plan.project.name,
            plan.project.organization.name,
            plan.project.sponsor_unit.name,
            plan.project.get_kind_display(),
            f"{plan.project.start_year}-{plan.project.end_year}",
            plan.project.total_budget,
            plan.approved_budget,
            *[lines.get((plan.project.pk, year)) for year in years],
            plan.project.is_new_technology,
            timezone.localtime(plan.decided_at).date() if plan.decided_at else None,
        ]
        for plan in plans
    ]
    note = f"근거: 「관세행정 정보화 추진에 관한 훈령」 제10조: {lookup('a10').text}"
    return xlsx_bytes(columns, rows, title=f"{cycle.year}년도 정보화사업", notes=[note])


def national_plan_hwpx(cycle: PlanningCycle) -> bytes:
    from hwpx.document import HwpxDocument

    plans = list(approved_plans(cycle))
    total = sum(plan.approved_budget or 0 for plan in plans)
    doc = HwpxDocument.new()
    doc.add_heading(f"{cycle.year}년도 관세청 정보화사업 계획 (요약)", level=1)
    doc.add_paragraph(
        f"심의 완료 사업 {len(plans)}건, 조정 예산 합계 {format_won(total)}. "
        "지능정보사회 실행계획 및 전자정부 추진계획 반영용 (훈령 제10조)."
    )
    table = doc.add_table(len(plans) + 1, 5)
    for col, header in enumerate(["순위", "사업명", "사업추진부서", "유형", "조정 예산"]):
        table.set_cell_text(0, col, header)
    for row, plan in enumerate(plans, start=1):
        values = [
            str(plan.priority_rank or "-"),
            plan.project.name,
            plan.project.sponsor_unit.name,
            plan.project.get_kind_display(),
            format_won(plan.approved_budget),
        ]
        for col, value in enumerate(values):
            table.set_cell_text(row, col, value)
    if cycle.detailed_plan_due:
        doc.add_paragraph(f"세부계획 제출 기한(통보): {format_date(cycle.detailed_plan_due)}")
    buffer = io.BytesIO()
    doc.save_to_stream(buffer)
    return buffer.getvalue()
