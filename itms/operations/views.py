"""Chapter 6 screens the generic views cannot give: the operated systems with how each is run (a24), the IT
department's dashboard and priority queue (a25.4), a request's review page (a25.2, a25.5), an SLA with its monthly
chart and the measuring form (a26.2) — POST actions answering through ``itms.core.action_views``."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itms.accounts.directory import roles_of
from itms.accounts.models import OrgUnit
from itms.accounts.roles import Role
from itms.core.action_views import answer, form_errors, run
from itms.core.formats import format_date
from itms.regulation.rules import param
from itms.resources.models import InformationSystem, MaintenanceContract, SystemStatus

from . import actions, forms
from .choices import MonthState, RequestState, SlaState
from .models import (
    Incident,
    MaintenanceRequest,
    MaintenanceWindow,
    OperationArrangement,
    ServiceLevelAgreement,
    ServiceRequest,
    SlaMonth,
)
from .models.scopes import vendor_systems
from .reference import ARCHITECTURE_CHECKLIST

OPEN_STATES = (
    RequestState.SUBMITTED,
    RequestState.FORWARDED,
    RequestState.REVIEWED,
    RequestState.ADJUSTING,
    RequestState.DELIBERATING,
    RequestState.ACCEPTED,
)
AGE_BUCKETS = ((7, "7일 이내"), (30, "8~30일"), (90, "31~90일"), (None, "90일 넘음"))


def _systems_for(user):
    """The operated systems a user may see here: a vendor only those of its own contracts (a24.3, a17.3)."""
    if getattr(user, "kind", "") == "vendor":
        return InformationSystem.objects.filter(pk__in=vendor_systems(user))
    if not user.has_perm("operations.view_incident"):
        raise PermissionDenied("운영 정보를 볼 권한이 없습니다.")
    return InformationSystem.objects.all()


def _it_units(user) -> list[OrgUnit]:
    ids = {g.unit_id for g in roles_of(user) if g.role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF)}
    return list(OrgUnit.objects.filter(pk__in=ids).order_by("code"))


# --- operated systems (a24) ---------------------------------------------------------------------------------------
@login_required
def systems(request):
    qs = (
        _systems_for(request.user)
        .filter(status=SystemStatus.OPERATING)
        .select_related("operating_unit", "organization")
        .prefetch_related("arrangements", "maintenance_contracts__supplier")
        .annotate(incident_count=Count("incidents", distinct=True))
        .order_by("code")
    )
    takeovers = {t.system_id: t for t in _takeovers(qs)}
    rows = [{"system": s, "takeover": takeovers.get(s.pk)} for s in qs]
    return render(request, "operations/systems.html", {"rows": rows})


def _takeovers(systems_qs):
    from .models import SystemTakeover

    return SystemTakeover.objects.filter(system__in=systems_qs)


@login_required
def system_detail(request, pk: int):
    system = _systems_for(request.user).select_related("operating_unit", "organization").filter(pk=pk).first()
    if system is None:
        raise Http404("자료를 찾을 수 없습니다.")
    today = timezone.localdate()
    contracts = list(
        MaintenanceContract.objects.filter(systems=system)
        .select_related("supplier", "managing_unit")
        .annotate(asset_count=Count("assets", distinct=True), system_count=Count("systems", distinct=True))
        .order_by("-ends_on")
    )
    if getattr(request.user, "kind", "") == "vendor":
        contracts = [c for c in contracts if c.supplier_id == request.user.company_id]
    context = {
        "system": system,
        "arrangements": OperationArrangement.objects.filter(system=system).select_related("contract", "unit"),
        "contracts": contracts,
        "takeover": getattr(system, "takeover", None) if hasattr(system, "takeover") else None,
        "incidents": Incident.objects.filter(system=system).order_by("-started_at")[:10],
        "windows": MaintenanceWindow.objects.filter(system=system, ends_at__gte=timezone.now()).order_by("starts_at")[
            :5
        ],
        "requests": MaintenanceRequest.objects.restrict(request.user, "view")
        .filter(system=system, state__in=OPEN_STATES)
        .order_by("priority", "-created_at")[:10],
        "today": today,
    }
    return render(request, "operations/system_detail.html", context)


# --- the IT department's dashboard ----------------------------------------------------------------------------------
def _officials_only(request, permission: str, what: str) -> None:
    """An IT department's overview is the agency's: officials with the permission (a vendor sees its own records)."""
    user = request.user
    if not user.has_perm(permission) or not (getattr(user, "kind", "") == "staff" or user.is_superuser):
        raise PermissionDenied(f"{what} 볼 권한이 없습니다.")


@login_required
def dashboard(request):
    _officials_only(request, "operations.view_incident", "운영 현황을")
    units = list(OrgUnit.objects.filter(is_it_department=True).order_by("code"))
    mine = _it_units(request.user)
    chosen = request.GET.get("unit") or (str(mine[0].pk) if mine else (str(units[0].pk) if units else ""))
    unit = next((u for u in units if str(u.pk) == chosen), None)
    context = {"units": units, "unit": unit}
    if unit is not None:
        context.update(_dashboard(unit, request.user))
    return render(request, "operations/dashboard.html", context)


def _dashboard(unit: OrgUnit, user) -> dict:
    now = timezone.now()
    today = timezone.localdate()
    month_start = dt.datetime.combine(today.replace(day=1), dt.time.min, tzinfo=timezone.get_current_timezone())
    systems_qs = InformationSystem.objects.filter(operating_unit=unit, status=SystemStatus.OPERATING)
    requests = MaintenanceRequest.objects.restrict(user, "view").filter(
        system__operating_unit=unit, state__in=OPEN_STATES
    )
    ages = [{"label": label, "count": 0} for _, label in AGE_BUCKETS]
    for created in requests.values_list("created_at", flat=True):
        age = (now - created).days
        index = next(i for i, (upper, _) in enumerate(AGE_BUCKETS) if upper is None or age <= upper)
        ages[index]["count"] += 1
    incidents = Incident.objects.filter(system__operating_unit=unit, started_at__gte=month_start)
    slas = []
    for sla in ServiceLevelAgreement.objects.filter(contract__managing_unit=unit).select_related("contract"):
        latest = sla.months.order_by("-month").first()
        slas.append({"sla": sla, "latest": latest})
    return {
        "system_count": systems_qs.count(),
        "ages": ages,
        "open_requests": requests.count(),
        "by_state": requests.values("state").annotate(n=Count("pk")).order_by("state"),
        "incidents_month": incidents.count(),
        "incidents_open": Incident.objects.filter(system__operating_unit=unit, restored_at__isnull=True).count(),
        "incidents_major": incidents.filter(is_major=True).count(),
        "by_severity": incidents.values("severity").annotate(n=Count("pk")).order_by("severity"),
        "requests_overdue": ServiceRequest.objects.filter(
            system__operating_unit=unit, completed_at__isnull=True, due_at__lt=now
        ).count(),
        "slas": slas,
        "month_label": f"{today.year}. {today.month}.",
        "queue": actions.queue_of(unit)[:10],
    }


# --- the priority queue (a25.4) -------------------------------------------------------------------------------------
@login_required
def queue(request):
    _officials_only(request, "operations.view_maintenancerequest", "유지관리 우선순위를")
    units = _it_units(request.user) or list(OrgUnit.objects.filter(is_it_department=True).order_by("code"))
    chosen = request.GET.get("unit")
    unit = next((u for u in units if str(u.pk) == chosen), units[0] if units else None)
    items = []
    if unit is not None:
        items = list(
            actions.queue_of(unit).filter(pk__in=MaintenanceRequest.objects.restrict(request.user, "view").values("pk"))
        )
    may_order = unit is not None and actions.it_head(request.user, unit)
    return render(
        request, "operations/queue.html", {"units": units, "unit": unit, "items": items, "may_order": may_order}
    )


@login_required
@require_POST
def queue_move(request, pk: int):
    item = MaintenanceRequest.objects.restrict(request.user, "view").select_related("system").filter(pk=pk).first()
    if item is None:
        raise Http404("자료를 찾을 수 없습니다.")
    url = reverse("operations:queue") + f"?unit={item.system.operating_unit_id}"
    form = forms.QueueMoveForm(request.POST)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    position = form.cleaned_data["position"]
    return run(
        request,
        url,
        lambda: actions.move_in_queue(item, position, actor=request.user),
        f"'{item.title}'의 우선순위를 {position}위로 정했습니다.",
    )


# --- a request's review page (a25.2, a25.5) -------------------------------------------------------------------------
def request_context(obj: MaintenanceRequest, request) -> dict:
    threshold = int(param("interlinked_functions_threshold").value)
    return {
        "threshold": threshold,
        "needs_architecture": obj.interlinked_functions >= threshold,
        "checklist_size": len(ARCHITECTURE_CHECKLIST),
        "functions": list(obj.functions.all()),
    }


# --- an SLA: its months, chart and the measuring form (a26.2) -------------------------------------------------------
def sla_context(sla: ServiceLevelAgreement, request) -> dict:
    indicators = list(sla.indicators.all())
    months = list(sla.months.order_by("month"))
    may_measure = sla.state == SlaState.IN_FORCE and actions.it_member(request.user, sla.contract.managing_unit)
    return {
        "indicators": indicators,
        "total_weight": sum(i.weight for i in indicators),
        "may_measure": may_measure,
        "measure_form": forms.MeasureForm(indicators=indicators) if may_measure else None,
        "measure_url": reverse("operations:sla_measure", args=[sla.pk]),
        "chart": {
            "labels": [f"{m.month.year}. {m.month.month}." for m in months],
            "scores": [float(m.score) for m in months],
            "availability": [float(_availability(m)) if _availability(m) is not None else None for m in months],
            "grades": [m.grade for m in months],
        },
        "contract_period": f"{format_date(sla.contract.starts_on)} ~ {format_date(sla.contract.ends_on)}",
        "disputed": [m for m in months if m.state == MonthState.DISPUTED],
        "report_years": list(range(sla.contract.starts_on.year, sla.contract.ends_on.year + 1)),
    }


def _availability(month: SlaMonth):
    if not month.planned_hours:
        return None
    return round((month.planned_hours - month.downtime_hours) / month.planned_hours * 100, 2)


@login_required
@require_POST
def sla_measure(request, pk: int):
    sla = ServiceLevelAgreement.objects.restrict(request.user, "view").select_related("contract").filter(pk=pk).first()
    if sla is None:
        raise Http404("자료를 찾을 수 없습니다.")
    form = forms.MeasureForm(request.POST, indicators=list(sla.indicators.all()))
    url = sla.get_absolute_url()
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    month = form.cleaned_data["month"]
    return run(
        request,
        url,
        lambda: actions.compute_month(sla, month, actor=request.user, values=form.values()),
        f"{month.year}. {month.month}. 서비스수준을 산정했습니다.",
    )


# --- the yearly report (a26.2) --------------------------------------------------------------------------------------
def _visible_sla(request, pk: int) -> ServiceLevelAgreement:
    """The SLA if the user may see it: the managing IT department, the officials, the vendor its own contract's."""
    sla = (
        ServiceLevelAgreement.objects.restrict(request.user, "view")
        .select_related("contract__supplier", "contract__managing_unit")
        .filter(pk=pk)
        .first()
    )
    if sla is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return sla


@login_required
def sla_year(request, pk: int, year: int):
    from . import reports

    sla = _visible_sla(request, pk)
    if year not in reports.years_of(sla):
        raise Http404("계약기간 밖의 연도입니다.")
    report = reports.year_report(sla, year)
    measured = [r.record for r in report.measured]
    chart = {
        "labels": [f"{m.month.year}. {m.month.month}." for m in measured],
        "scores": [float(m.score) for m in measured],
        "availability": [float(a) if (a := _availability(m)) is not None else None for m in measured],
        "grades": [m.grade for m in measured],
    }
    context = {"sla": sla, "report": report, "years": reports.years_of(sla), "chart": chart}
    return render(request, "operations/sla_year.html", context)


@login_required
def sla_year_export(request, pk: int, year: int, fmt: str):
    from django.http import HttpResponse

    from itms.core.exports import xlsx_response
    from itms.documents.official import to_pdf

    from . import reports

    sla = _visible_sla(request, pk)
    if year not in reports.years_of(sla):
        raise Http404("계약기간 밖의 연도입니다.")
    report = reports.year_report(sla, year)
    name = f"서비스수준-{year}-{sla.contract.number}"
    if fmt == "xlsx":
        return xlsx_response(reports.year_xlsx(report), f"{name}.xlsx")
    if fmt != "pdf":
        raise Http404("지원하지 않는 형식입니다.")
    response = HttpResponse(to_pdf(reports.year_document(report)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sla-{year}-{sla.pk}.pdf"'
    return response
