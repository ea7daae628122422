"""The approved plan for year Y, for the national plans (a10): structured XLSX and an HWPX summary."""

from __future__ import annotations

import io

import openpyxl
from django.db.models import Sum
from openpyxl.styles import Alignment, Font, PatternFill

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
    plans = list(approved_plans(cycle))
    years = _years(plans)
    lines = {
        (line["project_id"], line["year"]): line["amount"]
        for line in BudgetLine.objects.filter(project__in=[p.project_id for p in plans])
        .values("project_id", "year")
        .annotate(amount=Sum("amount"))
    }
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = f"{cycle.year}년도 정보화사업"
    header = [
        "우선순위",
        "사업코드",
        "사업명",
        "추진기관",
        "사업추진부서",
        "사업유형",
        "사업기간",
        "총사업비(원)",
        "심의 조정 예산(원)",
        *[f"{year}년 예산(원)" for year in years],
        "신기술",
        "심의일",
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for plan in plans:
        project = plan.project
        sheet.append(
            [
                plan.priority_rank,
                project.code,
                project.name,
                project.organization.name,
                project.sponsor_unit.name,
                project.get_kind_display(),
                f"{project.start_year}-{project.end_year}",
                project.total_budget,
                plan.approved_budget,
                *[lines.get((project.pk, year)) for year in years],
                "예" if project.is_new_technology else "아니오",
                plan.decided_at.date() if plan.decided_at else None,
            ]
        )
    for column, width in zip("ABCDEFGHI", (8, 14, 40, 16, 18, 12, 11, 16, 16), strict=True):
        sheet.column_dimensions[column].width = width
    money_columns = [8, 9, *range(10, 10 + len(years))]
    for row in sheet.iter_rows(min_row=2):
        for index in money_columns:
            row[index - 1].number_format = "#,##0"
    sheet.append([])
    sheet.append(["근거", f"「관세행정 정보화 추진에 관한 훈령」 제10조: {lookup('a10').text}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
