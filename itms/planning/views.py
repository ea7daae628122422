"""Chapter 3 screens: the cycle board, the records' detail context, starting submissions, adjustments,
the national-plan export (a10) and the portfolio."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itms.core.action_views import answer, form_action, form_errors
from itms.core.errors import Forbidden
from itms.core.korean import josa
from itms.projects.models import Project
from itms.regulation.models import Obligation
from itms.resources.models import SystemFunction

from . import actions, forms
from .error_codes import PlanningErrors
from .models import DetailedPlan, EAReview, OpinionRequest, PlanningCycle, PreReview, ProjectPlan, StrategicPlan
from .national_plan import national_plan_hwpx, national_plan_xlsx
from .workflows import needs_bpr_isp


def _visible(model, request, pk):
    obj = model.objects.restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return obj


# --- the cycle board ---------------------------------------------------------------------------------------------
BOARD_PAGE_SIZE = 50


def cycle_context(cycle: PlanningCycle, request) -> dict:
    user = request.user
    # A large agency starts hundreds of projects a year: the board is read a page at a time.
    page = Paginator(
        Project.objects.restrict(user, "view")
        .filter(start_year=cycle.year)
        .select_related("sponsor_unit")
        .order_by("sponsor_unit__name", "name", "pk"),
        BOARD_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    projects = list(page.object_list)
    by_project = {p.pk: {"project": p} for p in projects}
    for model, key in ((PreReview, "pre_review"), (ProjectPlan, "plan"), (DetailedPlan, "detailed")):
        for record in model.objects.filter(cycle=cycle, project__in=projects):
            by_project[record.project_id][key] = record
    project_type = ContentType.objects.get_for_model(Project)
    obligations = Obligation.objects.filter(
        subject_type=project_type, subject_id__in=by_project, key=f"cycle-{cycle.year}"
    )
    for obligation in obligations:
        by_project[obligation.subject_id][obligation.kind] = obligation
    for row in by_project.values():
        row["cells"] = [
            (row.get(record), row.get(kind))
            for record, kind in (
                ("pre_review", "pre_review_request"),
                ("plan", "plan_submission"),
                ("detailed", "detailed_plan_submission"),
            )
        ]
    sponsorable = Project.objects.restrict(user, "change").filter(start_year=cycle.year)
    return {
        "cycle": cycle,
        "rows": list(by_project.values()),
        "board_page": page,
        "late_board": late_board(cycle),
        "is_it_planning": actions.is_it_planning(user),
        "start_form": forms.StartForm(cycle=cycle, projects=sponsorable, user=user),
        "detailed_form": forms.DetailedStartForm(cycle=cycle, projects=sponsorable, user=user, prefix="detailed"),
        "notice_form": forms.DeadlineNoticeForm(prefix="notice"),
        "can_start": sponsorable.exists() or actions.is_it_planning(user),
    }


def late_board(cycle: PlanningCycle) -> list[dict]:
    """Who is late in this cycle: open overdue obligations and late fulfilments, by owing department.

    The cycle's obligations are those on its subjects: the calendar submissions on the projects starting in the
    cycle's year (actions.enroll_project) and the impact-review replies on its plans' reviews. Each half is read
    through the obligation_subject index (subject_type, subject_id), not by scanning every obligation for its key.
    """
    from .models import ImpactReview

    today = timezone.localdate()
    types = ContentType.objects.get_for_models(Project, ImpactReview)
    fields = ("owed_by_unit__name", "status", "due_date", "closed_at")
    submissions = Obligation.objects.filter(
        subject_type=types[Project],
        subject_id__in=Project.objects.filter(start_year=cycle.year).values("pk"),
        key=f"cycle-{cycle.year}",
    )
    replies = Obligation.objects.filter(
        subject_type=types[ImpactReview],
        subject_id__in=ImpactReview.objects.filter(plan__cycle=cycle).values("pk"),
        kind="impact_review_reply",
    )
    rows = submissions.values_list(*fields).order_by().union(replies.values_list(*fields).order_by(), all=True)
    board: dict = defaultdict(Counter)
    for unit, status, due, closed in rows:
        if status == "open" and due < today:
            board[unit]["overdue"] += 1
        elif status == "met" and closed and timezone.localtime(closed).date() > due:
            board[unit]["late"] += 1
        elif status == "open":
            board[unit]["open"] += 1
    return sorted(
        ({"unit": unit, **counts} for unit, counts in board.items()),
        key=lambda row: (-row.get("overdue", 0), -row.get("late", 0), row["unit"] or ""),
    )


@login_required
def open_cycle(request):
    if not actions.is_it_planning(request.user):
        raise Forbidden(PlanningErrors.CYCLE_OPENER)
    if request.method == "POST":
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, "사업연도를 숫자로 입력하십시오.")
            return render(request, "planning/open_cycle.html", status=400)
        if not 2000 <= year <= 2100:
            messages.error(request, "사업연도가 올바르지 않습니다.")
            return render(request, "planning/open_cycle.html", status=400)
        cycle = actions.open_cycle(actor=request.user, year=year)
        messages.success(
            request,
            f"{josa(str(cycle), '을/를')} 열었습니다. 사업별 제출 기한이 사업추진부서의 할 일로 등록되었습니다.",
        )
        return HttpResponseRedirect(cycle.get_absolute_url())
    return render(request, "planning/open_cycle.html", {"next_year": timezone.localdate().year + 1})


@login_required
@require_POST
def start(request, pk: int, what: str):
    cycle = _visible(PlanningCycle, request, pk)
    projects = Project.objects.restrict(request.user, "change")
    url = cycle.get_absolute_url()
    if what == "detailed":
        form = forms.DetailedStartForm(
            request.POST, cycle=cycle, projects=projects, user=request.user, prefix="detailed"
        )
    else:
        form = forms.StartForm(request.POST, cycle=cycle, projects=projects, user=request.user)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    data, project = form.cleaned_data, form.cleaned_data["project"]
    try:
        if what == "pre-review":
            record = actions.start_pre_review(actor=request.user, cycle=cycle, project=project)
        elif what == "plan":
            record = actions.start_plan(actor=request.user, cycle=cycle, project=project)
        elif what == "detailed":
            record = actions.start_detailed_plan(
                actor=request.user,
                cycle=cycle,
                project=project,
                budget=data["budget"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                scope=data["scope"],
                targets=data["targets"],
            )
        else:
            raise Http404
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return HttpResponseRedirect(record.get_absolute_url())


@login_required
@require_POST
def notify_deadline(request, pk: int):
    cycle = _visible(PlanningCycle, request, pk)
    if not actions.is_it_planning(request.user):
        raise Forbidden(PlanningErrors.NOTICE_WHO)
    form = forms.DeadlineNoticeForm(request.POST, prefix="notice")
    return form_action(
        request,
        cycle.get_absolute_url(),
        form,
        lambda data: actions.notify_detailed_plan_deadline(
            actor=request.user, cycle=cycle, due=data["due"], notice=data["notice"]
        ),
        "세부계획 작성지침과 제출 기한을 통보했습니다.",
    )


# --- a plan and its reviews ----------------------------------------------------------------------------------------
def plan_context(plan: ProjectPlan, request) -> dict:
    project = plan.project
    systems = list(project.related_systems.select_related("operating_unit"))
    functions = SystemFunction.objects.filter(system__in=systems).select_related("system")
    sharing = (
        ProjectPlan.objects.filter(cycle=plan.cycle, project__related_systems__in=systems)
        .exclude(pk=plan.pk)
        .select_related("project")
        .distinct()
    )
    return {
        "systems": systems,
        "functions": functions,
        "sharing_plans": sharing,
        "ea_review": EAReview.objects.filter(plan=plan).first(),
        "needs_bpr_isp": needs_bpr_isp(plan),
        "preceding": project.preceded_by.all(),
    }


def impact_review_context(review, request) -> dict:
    return {"functions": SystemFunction.objects.filter(system__in=review.systems.all()).select_related("system")}


def detailed_plan_context(plan: DetailedPlan, request) -> dict:
    versions = list(plan.versions.select_related("created_by").order_by("number"))
    history = [
        (version, actions.version_diff(previous, version))
        for previous, version in zip([None, *versions[:-1]], versions, strict=True)
    ]
    current = versions[-1] if versions else None
    initial = (
        {f: getattr(current, f) for f in ("budget", "start_date", "end_date", "scope", "targets")} if current else {}
    )
    return {
        "history": list(reversed(history)),
        "current": current,
        "adjust_form": forms.AdjustForm(initial=initial, prefix="adjust"),
        "can_adjust": actions.is_it_planning(request.user) and plan.state in ("submitted", "reviewed"),
    }


@login_required
@require_POST
def adjust(request, pk: int):
    plan = _visible(DetailedPlan, request, pk)
    if not actions.is_it_planning(request.user):
        raise Forbidden(PlanningErrors.ADJUST_WHO)
    form = forms.AdjustForm(request.POST, prefix="adjust")

    def adjust_plan(data):
        changes = dict(data)
        actions.adjust_detailed_plan(actor=request.user, detailed_plan=plan, reason=changes.pop("reason"), **changes)

    return form_action(
        request,
        plan.get_absolute_url(),
        form,
        adjust_plan,
        "세부계획을 조정했습니다. 바뀐 내용은 영향도 검토를 다시 요청합니다 (제9조제3항).",
    )


# --- strategy ----------------------------------------------------------------------------------------------------
def strategic_plan_context(plan: StrategicPlan, request) -> dict:
    return {
        "goals": plan.goals.prefetch_related("tasks__projects"),
        "round_form": forms.OpinionRoundForm(),
        "can_round": actions.is_it_planning(request.user) or request.user.has_perm("planning.change_strategicplan"),
    }


def opinion_context(request_row: OpinionRequest, request) -> dict:
    return {"opinion_form": forms.OpinionForm()}


@login_required
@require_POST
def opinion_round(request, pk: int):
    plan = _visible(StrategicPlan, request, pk)
    form = forms.OpinionRoundForm(request.POST)
    return form_action(
        request,
        plan.get_absolute_url(),
        form,
        lambda data: actions.open_opinion_round(
            actor=request.user, plan=plan, units=data["units"], due_date=data["due_date"]
        ),
        "의견 수렴을 요청했습니다 (제6조제2항).",
    )


@login_required
@require_POST
def opinion_answer(request, pk: int):
    row = _visible(OpinionRequest, request, pk)
    form = forms.OpinionForm(request.POST)
    return form_action(
        request,
        row.get_absolute_url(),
        form,
        lambda data: actions.submit_opinion(actor=request.user, request=row, opinion=data["opinion"]),
        "의견을 제출했습니다.",
    )


# --- national plan (a10) and portfolio --------------------------------------------------------------------------
@login_required
def national_plan(request, pk: int, fmt: str):
    cycle = _visible(PlanningCycle, request, pk)
    if fmt == "xlsx":
        content, content_type = (
            national_plan_xlsx(cycle),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "hwpx":
        content, content_type = national_plan_hwpx(cycle), "application/hwp+zip"
    else:
        raise Http404
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''national-plan-{cycle.year}.{fmt}"
    return response


@login_required
def portfolio(request):
    """Budget by kind and by department, counts by stage, for the projects the user may see."""
    projects = Project.objects.restrict(request.user, "view")
    year = request.GET.get("year")
    if year and year.isdigit():
        projects = projects.filter(start_year__lte=int(year), end_year__gte=int(year))
    by_kind = list(projects.values("kind").annotate(total=Sum("total_budget"), n=Count("pk")).order_by("-total"))
    by_unit = list(
        projects.values("sponsor_unit__name").annotate(total=Sum("total_budget"), n=Count("pk")).order_by("-total")[:15]
    )
    by_stage = list(projects.values("stage").annotate(n=Count("pk")).order_by("stage"))
    kinds = dict(Project._meta.get_field("kind").choices)
    stages = dict(Project._meta.get_field("stage").choices)
    chart = {
        "kind": {
            "labels": [str(kinds.get(r["kind"], r["kind"])) for r in by_kind],
            "values": [r["total"] for r in by_kind],
        },
        "unit": {"labels": [r["sponsor_unit__name"] for r in by_unit], "values": [r["total"] for r in by_unit]},
        "stage": {
            "labels": [str(stages.get(r["stage"], r["stage"])) for r in by_stage],
            "values": [r["n"] for r in by_stage],
        },
    }
    # Who is late is internal: only those who may open the cycles see their boards (not vendors or experts, a17.3).
    cycles = PlanningCycle.objects.restrict(request.user, "view").order_by("-year")[:5]
    return render(
        request,
        "planning/portfolio.html",
        {
            "chart": chart,
            "by_kind": by_kind,
            "by_unit": by_unit,
            "by_stage": by_stage,
            "kinds": kinds,
            "stages": stages,
            "total": projects.aggregate(total=Sum("total_budget"))["total"] or 0,
            "count": projects.count(),
            "boards": [(cycle, late_board(cycle)) for cycle in cycles],
            "year": year or "",
            "list_url": reverse("projects:project_list"),
        },
    )
