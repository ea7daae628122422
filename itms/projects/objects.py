from itms.core.registry import register

from . import filtersets, forms, tables
from .api import serializers
from .models import BudgetLine, Project, ProjectParticipant


def _project_context(project, request):
    from django.db.models import Sum

    from .spine import project_line

    budget = project.budget_lines.aggregate(total=Sum("amount"))["total"]
    # The project's deadlines are in the detail page's 기한 panel (itms.regulation.due), as on every record's page.
    return {
        "line": project_line(project, request.user),
        "budget_mismatch": budget is not None and budget != project.total_budget,
        "budget_lines_total": budget,
    }


register(
    Project,
    documents=True,
    table=tables.ProjectTable,
    filterset=filtersets.ProjectFilterSet,
    form=forms.ProjectForm,
    serializer=serializers.ProjectSerializer,
    menu=("planning", "정보화사업"),
    select_related=("organization", "sponsor_unit"),
    search_choices=True,
    prefetch_related=("co_units", "related_systems", "strategic_tasks", "preceded_by"),
    related=[
        ("연도별 예산", "budget_lines", tables.BudgetLineTable),
        ("사업 참여자", "participants", tables.ProjectParticipantTable),
    ],
    detail_template="projects/project_detail.html",
    detail_context=_project_context,
    detail_fields=[
        "code",
        "name",
        "organization",
        "sponsor_unit",
        "co_units",
        "kind",
        "start_year",
        "end_year",
        "total_budget",
        "funding",
        "funding_body",
        "is_new_technology",
        "stage",
        "related_systems",
        "strategic_tasks",
        "preceded_by",
        "summary",
    ],
)
register(
    BudgetLine,
    table=tables.BudgetLineTable,
    filterset=filtersets.BudgetLineFilterSet,
    form=forms.BudgetLineForm,
    serializer=serializers.BudgetLineSerializer,
    select_related=("project",),
)
register(
    ProjectParticipant,
    table=tables.ProjectParticipantTable,
    filterset=filtersets.ProjectParticipantFilterSet,
    form=forms.ProjectParticipantForm,
    serializer=serializers.ProjectParticipantSerializer,
    menu=("execution", "사업 참여자(업체·전문가)"),
    select_related=("project", "user"),
)
