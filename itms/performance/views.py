"""Chapter 7 screens the generic views cannot give: the measurement's workspace (target list, each formula next to
its inputs, the decision rule), the dashboard with its charts (score history per system, cost against usage,
portfolio by decision), the documents, and the proposal of a year's round — answering through
``itms.core.action_views``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itms.accounts.directory import roles_of
from itms.accounts.roles import Role
from itms.core.action_views import form_action
from itms.core.exports import xlsx_response
from itms.regulation.rules import param

from . import actions, forms, reports
from .actions.measurement import current_score
from .choices import Band, Outcome, RetirementException, RetirementTrigger
from .models import CostYear, DiagnosisRound, MeasurementRound, MeasurementTarget


def _visible(queryset, request, pk):
    obj = queryset.restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return obj


def _plans(user) -> bool:
    return user.is_superuser or any(g.role == Role.IT_PLANNING_OFFICER for g in roles_of(user))


# --- detail pages -------------------------------------------------------------------------------------------------
def round_context(round_: MeasurementRound, request) -> dict:
    targets = list(
        round_.targets.restrict(request.user, "view")
        .select_related("system__operating_unit", "follow_up_project")
        .order_by("-included", "system__code")
    )
    min_years = (round_.criteria or {}).get("min_operating_years", {})
    return {
        "targets": targets,
        "included": sum(t.included for t in targets),
        "min_years": min_years,
        "rule_text": reports.rule_text(),
    }


def target_context(target: MeasurementTarget, request) -> dict:
    live = current_score(target)
    stored = target.computation or None
    return {
        "live": live,
        "stored": stored,
        "cost_years": list(target.cost_years.order_by("year")),
        "functions": list(target.function_usages.order_by("name")),
        "indicators": list(target.indicators.order_by("kind", "name")),
        "plan": getattr(target, "plan", None),
        "exceptions": [RetirementException(v).label for v in target.exceptions if v in RetirementException.values],
        "triggers": [RetirementTrigger(v).label for v in target.triggers if v in RetirementTrigger.values],
        "rule_text": reports.rule_text(),
    }


def diagnosis_context(round_: DiagnosisRound, request) -> dict:
    return {
        "scores": list(round_.scores.restrict(request.user, "view").select_related("indicator__responsible_unit")),
        "comparison": actions.comparison(round_),
        "missing": actions.result(round_)["missing"],
    }


# --- the 정보기획담당관's overview and charts ----------------------------------------------------------------------
def _chart_data(rounds: list[MeasurementRound], targets: list[MeasurementTarget]) -> dict:
    years = [r.year for r in sorted(rounds, key=lambda r: r.year)]
    history: dict[str, dict[int, float | None]] = {}
    for t in targets:
        if t.included:
            history.setdefault(t.system.name, {})[t.round.year] = float(t.total) if t.total is not None else None
    latest = max(rounds, key=lambda r: r.year) if rounds else None
    scatter, portfolio = [], {}
    for t in targets:
        if latest is None or t.round_id != latest.pk or not t.included:
            continue
        figures = {c.year: c for c in t.cost_years.all()}
        now = figures.get(latest.year)
        if now is not None and now.usage_scale:
            scatter.append({"label": t.system.name, "x": now.usage_scale, "y": now.om_cost})
        label = str(Outcome(t.outcome).label) if t.outcome else "결정 전"
        portfolio[label] = portfolio.get(label, 0) + 1
    return {
        "years": years,
        "history": [{"label": name, "values": [by_year.get(y) for y in years]} for name, by_year in history.items()],
        "scatter": scatter,
        "portfolio": {"labels": list(portfolio), "values": list(portfolio.values())},
        "latest": latest.year if latest else None,
    }


@login_required
def dashboard(request):
    """Score history per system, cost against usage of every measured system, the portfolio by decision."""
    if not request.user.has_perm("performance.view_measurementtarget"):
        raise PermissionDenied("성과측정을 볼 권한이 없습니다.")
    rounds = list(MeasurementRound.objects.restrict(request.user, "view").order_by("year"))
    latest = rounds[-1] if rounds else None
    # Every target of every year at scale (≈ 1,700): only the columns the charts read, and the latest year's costs
    # (the stored computations and the systems' other columns made this page 0.9 s at scale 1.0).
    targets = list(
        MeasurementTarget.objects.restrict(request.user, "view")
        .filter(round__in=rounds)
        .select_related("round", "system")
        .only("round__year", "system__name", "system__code", "included", "total", "band", "outcome")
        .prefetch_related(
            Prefetch("cost_years", queryset=CostYear.objects.filter(year=latest.year if latest else None))
        )
        .order_by("system__code", "round__year")
    )
    bands = {b.value: 0 for b in Band}
    for t in targets:
        if latest and t.round_id == latest.pk and t.band:
            bands[t.band] += 1
    return render(
        request,
        "performance/dashboard.html",
        {
            "rounds": rounds,
            "latest": latest,
            "chart": _chart_data(rounds, targets),
            "bands": [(Band(k).label, v) for k, v in bands.items()],
            "may_propose": _plans(request.user),
            "propose_form": forms.ProposeForm(initial={"year": timezone.localdate().year}),
            "diagnoses": list(DiagnosisRound.objects.restrict(request.user, "view").select_related("framework")),
            "min_years": param("performance_min_operating_years").value,
        },
    )


@login_required
@require_POST
def propose(request):
    """a27.1: the year's target list proposed from the register (the 정보기획담당관 then confirms it)."""
    if not _plans(request.user):
        raise PermissionDenied("성과측정 대상은 정보기획담당관이 선정합니다 (제27조제1항).")
    form = forms.ProposeForm(request.POST)
    created = {}

    def call(data):
        created["round"] = actions.propose_round(data["year"], actor=request.user)

    response = form_action(
        request, reverse("performance:dashboard"), form, call, "측정 대상을 제안했습니다. 목록을 확인하고 확정하십시오."
    )
    if "round" in created:
        response["Location"] = created["round"].get_absolute_url()
        if response.has_header("HX-Redirect"):
            response["HX-Redirect"] = created["round"].get_absolute_url()
    return response


# --- documents ----------------------------------------------------------------------------------------------------
def _staff_only(request) -> None:
    if request.user.kind != "staff" and not request.user.is_superuser:
        raise PermissionDenied("성과측정 결과 문서는 관세청 직원이 봅니다.")


@login_required
def round_summary(request, pk: int, fmt: str):
    from itms.documents.official import to_pdf

    round_ = _visible(MeasurementRound.objects, request, pk)
    _staff_only(request)
    if fmt == "xlsx":
        return xlsx_response(reports.summary_xlsx(round_), f"성과측정-{round_.year}.xlsx")
    if fmt != "pdf":
        raise Http404("지원하지 않는 형식입니다.")
    response = HttpResponse(to_pdf(reports.summary_document(round_)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="performance-{round_.year}.pdf"'
    return response


@login_required
def target_report(request, pk: int):
    from itms.documents.official import to_pdf

    target = _visible(MeasurementTarget.objects.select_related("round", "system__operating_unit"), request, pk)
    _staff_only(request)
    response = HttpResponse(to_pdf(reports.target_document(target)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="performance-{target.round.year}-{target.pk}.pdf"'
    return response


@login_required
def diagnosis_report(request, pk: int):
    from itms.documents.official import to_pdf

    round_ = _visible(DiagnosisRound.objects.select_related("framework"), request, pk)
    _staff_only(request)
    response = HttpResponse(to_pdf(reports.diagnosis_document(round_)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="diagnosis-{round_.year}.pdf"'
    return response
