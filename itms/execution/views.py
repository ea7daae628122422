"""Chapter 5 screens the generic views cannot give: the contract's workspace (progress, Gantt, S-curve,
deliverables, tests, audit, inspection), the vendor's portal (a17.3), the 정보기획담당관's overview (a17.5), the
missing-deliverable report, the traceability matrix, and the POST actions — each answering through
``itms.core.action_views``."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itms.core import gate
from itms.core import verdicts as verdicts_form
from itms.core.action_views import answer, form_action, form_errors, run
from itms.core.exports import Column, Kind, xlsx_bytes, xlsx_response

from . import actions, forms
from .actions.inspection import current_round, final_set_missing
from .choices import ContractState, DeliverableState, ItemVerdict, PlanBasis, PlanState, Verdict
from .models import Contract, Defect, Deliverable, ExecutionPlan, InspectionRound, WorkPackage


def _visible(model_or_queryset, request, pk):
    queryset = model_or_queryset if hasattr(model_or_queryset, "restrict") else model_or_queryset.objects
    obj = queryset.restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return obj


def _may_see_contracts(request) -> None:
    """Pages over contracts open only to those the policy lets see contracts at all (officials, contractors); an
    external expert, invited to evaluations and consultations only, is refused (a17.3)."""
    if not request.user.has_perm("execution.view_contract"):
        raise PermissionDenied("계약을 볼 권한이 없습니다.")


def _packages(contract):
    return list(contract.work_packages.prefetch_related("predecessors").order_by("planned_start", "code"))


def progress_block(contract: Contract, packages=None) -> dict:
    packages = packages if packages is not None else _packages(contract)
    today = timezone.localdate()
    on = min(max(today, contract.start_date), contract.end_date)
    return {
        "packages": packages,
        "planned": actions.progress.planned_percent(contract, on, packages),
        "actual": actions.progress.actual_percent(contract, packages),
        "delayed": actions.delayed(contract, today, packages),
        "gantt": actions.gantt_tasks(packages),
        "scurve": actions.s_curve(contract, packages),
        "tolerance": actions.progress.tolerance(today),
    }


# --- the contract's workspace ---------------------------------------------------------------------------------
def contract_context(contract: Contract, request) -> dict:
    user = request.user
    project = contract.project
    packages = _packages(contract)
    deliverables = list(
        contract.deliverables.select_related("type", "document")
        .annotate(version_count=Count("document__versions"))  # the versions column: one query, not one a row
        .order_by("type__order", "title")
    )
    sponsor = actions.is_sponsor(user, project)
    context = {
        "progress": progress_block(contract, packages),
        "deliverables": deliverables,
        "deliverable_counts": {
            "required": sum(d.required for d in deliverables),
            "submitted": sum(d.state in (DeliverableState.SUBMITTED, DeliverableState.ACCEPTED) for d in deliverables),
            "accepted": sum(d.state == DeliverableState.ACCEPTED for d in deliverables),
        },
        "final_missing": final_set_missing(contract),
        "plan": getattr(contract, "execution_plan", None),
        "tests": list(contract.test_runs.order_by("started_on")),
        "acceptance_tests": list(contract.acceptance_tests.select_related("it_unit").order_by("-requested_on")),
        "audit": getattr(contract, "system_audit", None),
        "inspection": current_round(contract),
        "issues": list(contract.issues.filter(resolved_on__isnull=True).order_by("-raised_on")[:10]),
        "reports": list(contract.progress_reports.order_by("-period_end")[:5]),
        "changes": list(contract.change_requests.order_by("-created_at")[:5]),
        "may_request_acceptance": sponsor
        and contract.state
        in (ContractState.IN_PROGRESS, ContractState.COMPLETION_NOTIFIED, ContractState.CORRECTION_REQUESTED),
        "acceptance_form": forms.AcceptanceRequestForm(
            initial={"it_unit": contract.it_unit_id, "inspection_due": contract.end_date}
        ),
        "may_grant": actions.is_it_planning(user),
        "grant_form": forms.AccessGrantForm(initial={"start": contract.start_date, "end": contract.end_date}),
        "participants": list(project.participants.select_related("user").order_by("role", "user__name")),
        "may_report": actions.is_contractor(user, project) and contract.state == ContractState.IN_PROGRESS,
        "portal_url": reverse("execution:portal_contract", args=[contract.pk]),
        "trace_url": reverse("execution:traceability", args=[contract.pk]),
    }
    # The page links every row it lists: one visibility query per kind of row, not one per row (a contractor's
    # scope is a query; 60 deliverables were 60).
    for key in ("deliverables", "tests", "acceptance_tests", "issues", "reports", "changes"):
        gate.note_visible(user, context[key])
    return context


def deliverable_context(deliverable: Deliverable, request) -> dict:
    user = request.user
    project = deliverable.contract.project
    may_upload = (actions.is_contractor(user, project) or actions.is_sponsor(user, project)) and (
        deliverable.state != DeliverableState.ACCEPTED
    )
    versions = list(deliverable.document.versions.order_by("-number")) if deliverable.document_id else []
    return {
        "may_upload": may_upload,
        "upload_form": forms.UploadForm(),
        "versions": versions,
        "allowed": ", ".join(t.upper() for t in deliverable.contract.file_types),
        "upload_url": reverse("execution:deliverable_upload", args=[deliverable.pk]),
    }


def plan_context(plan: ExecutionPlan, request) -> dict:
    """a18.2: the plan beside the RFP, the proposal and the contract; the sponsor's verdicts in one form."""
    source = actions.plans.sources(plan)
    rows = actions.plans.comparison(plan, source)
    items = [item for row in rows for item in row.items.values()]
    return {
        "comparison": rows,
        # Each column's header links the record it is read from, where the user may open it.
        "comparison_bases": [(basis, label, source.get(basis)) for basis, label in PlanBasis.choices],
        "verdict_choices": Verdict.choices,
        "may_review": plan.state == PlanState.SUBMITTED
        and bool(items)
        and gate.allows(request.user, "change", items[0]),
        "review_url": reverse("execution:plan_review", args=[plan.pk]),
    }


def defect_context(defect: Defect, request) -> dict:
    return {
        "may_transfer": actions.defects.may_transfer(request.user, defect),
        "transfer_url": reverse("execution:defect_to_request", args=[defect.pk]),
    }


def inspection_context(inspection: InspectionRound, request) -> dict:
    items = list(inspection.items.order_by("kind", "pk"))
    counts = {v: sum(i.verdict == v for i in items) for v in ItemVerdict.values}
    return {
        "items": items,
        "counts": counts,
        "report_pdf": reverse("execution:inspection_report", args=[inspection.pk, "pdf"]),
        "report_hwpx": reverse("execution:inspection_report", args=[inspection.pk, "hwpx"]),
        "may_check": gate.allows(request.user, "change", items[0]) if items else False,
        "item_verdicts": ItemVerdict.choices,
        "check_url": reverse("execution:inspection_check", args=[inspection.pk]),
    }


# --- the vendor's portal (a17.3) ------------------------------------------------------------------------------
@login_required
def portal(request):
    """The contracts of the projects the user is assigned to (a vendor sees only theirs, a17.3)."""
    _may_see_contracts(request)
    contracts = list(
        Contract.objects.restrict(request.user, "view").select_related("project", "company").order_by("-signed_on")[:50]
    )
    if len(contracts) == 1 and request.user.kind == "vendor":
        return portal_contract(request, contracts[0].pk)
    return render(request, "execution/portal.html", {"contracts": contracts})


def _clamp(day: dt.date, contract: Contract) -> dt.date:
    return min(max(day, contract.start_date), contract.end_date)


@login_required
def portal_contract(request, pk: int):
    contract = _visible(Contract.objects.select_related("project", "company"), request, pk)
    packages = _packages(contract)
    deliverables = list(contract.deliverables.select_related("type", "document").order_by("type__order", "title"))
    may_report = actions.is_contractor(request.user, contract.project) and contract.state == ContractState.IN_PROGRESS
    reports = list(contract.progress_reports.order_by("-period_end")[:10])
    plan = getattr(contract, "execution_plan", None)
    for rows in (deliverables, reports, [plan]):
        gate.note_visible(request.user, rows)  # the page's links: one query per kind of row
    today = timezone.localdate()
    week_start = today - dt.timedelta(days=today.weekday())
    return render(
        request,
        "execution/portal_contract.html",
        {
            "contract": contract,
            "progress": progress_block(contract, packages),
            "deliverables": deliverables,
            "may_report": may_report,
            "report_form": forms.ProgressReportForm(
                initial={
                    "kind": "weekly",
                    "period_start": _clamp(week_start, contract),
                    "period_end": _clamp(week_start + dt.timedelta(days=4), contract),
                }
            ),
            "report_url": reverse("execution:progress_report", args=[contract.pk]),
            "wbs_add_url": reverse("execution:workpackage_add") + f"?contract={contract.pk}",
            "plan": plan,
            "upload_form": forms.UploadForm(),
            "allowed": ", ".join(t.upper() for t in contract.file_types),
            "may_upload": actions.is_contractor(request.user, contract.project),
            "reports": reports,
        },
    )


@login_required
@require_POST
def progress_report(request, pk: int):
    contract = _visible(Contract.objects.select_related("project"), request, pk)
    url = reverse("execution:portal_contract", args=[contract.pk])
    form = forms.ProgressReportForm(request.POST)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    entries = []
    for package in contract.work_packages.all():
        raw = request.POST.get(f"wp-{package.pk}", "").strip()
        if raw == "":
            continue
        try:
            percent = int(raw)
        except ValueError:
            return answer(request, url, error=f"'{package.name}'의 진척률은 숫자로 적으십시오.")
        entries.append(actions.EntryInput(package, percent, request.POST.get(f"reason-{package.pk}", "")))
    data = form.cleaned_data
    return run(
        request,
        url,
        lambda: actions.report_progress(actor=request.user, contract=contract, entries=entries, **data),
        "진척을 보고했습니다.",
    )


@login_required
@require_POST
def deliverable_upload(request, pk: int):
    deliverable = _visible(Deliverable.objects.select_related("contract__project"), request, pk)
    form = forms.UploadForm(request.POST, request.FILES)
    back = request.POST.get("next") or deliverable.get_absolute_url()
    if not back.startswith("/"):
        back = deliverable.get_absolute_url()
    return form_action(
        request,
        back,
        form,
        lambda data: actions.upload_deliverable(
            actor=request.user, deliverable=deliverable, upload=data["file"], note=data["note"]
        ),
        "산출물을 등록했습니다.",
    )


@login_required
@require_POST
def plan_review(request, pk: int):
    """The comparison table's verdicts, saved together (a18.2)."""
    plan = _visible(ExecutionPlan.objects.select_related("contract__project"), request, pk)
    verdicts = verdicts_form.read(request.POST, plan.review_items.values_list("pk", flat=True))
    return run(
        request,
        plan.get_absolute_url(),
        lambda: actions.plans.review(actor=request.user, plan=plan, verdicts=verdicts),
        "검토 결과를 저장했습니다.",
    )


@login_required
@require_POST
def inspection_check(request, pk: int):
    """The inspector's verdicts on every item of a round in one form (a22)."""
    inspection = _visible(InspectionRound.objects.select_related("contract__project"), request, pk)
    values = verdicts_form.read(request.POST, inspection.items.values_list("pk", flat=True))
    return run(
        request,
        inspection.get_absolute_url(),
        lambda: actions.inspection.check_items(actor=request.user, inspection=inspection, verdicts=values),
        "검사 결과를 저장했습니다.",
    )


@login_required
@require_POST
def defect_to_request(request, pk: int):
    """A 요구변경 taken in during the defect period becomes the sponsor's maintenance request (a23.1, a25.1)."""
    defect = _visible(Defect.objects.select_related("contract__project"), request, pk)
    try:
        made = actions.defects.to_maintenance_request(actor=request.user, defect=defect)
    except ValidationError as error:
        return answer(request, defect.get_absolute_url(), error=" ".join(error.messages))
    return answer(
        request,
        made.get_absolute_url(),
        success="유지관리 요청 초안을 만들었습니다. 내용을 확인하고 부서장 검토를 요청하십시오 (제25조제1항).",
    )


@login_required
@require_POST
def acceptance_request(request, pk: int):
    contract = _visible(Contract.objects.select_related("project"), request, pk)
    form = forms.AcceptanceRequestForm(request.POST)
    return form_action(
        request,
        contract.get_absolute_url(),
        form,
        lambda data: actions.request_acceptance_test(actor=request.user, contract=contract, **data),
        "정보화부서장에게 인수테스트를 요청했습니다.",
    )


@login_required
@require_POST
def grant_access(request, pk: int):
    contract = _visible(Contract.objects.select_related("project", "company"), request, pk)
    form = forms.AccessGrantForm(request.POST)
    return form_action(
        request,
        contract.get_absolute_url(),
        form,
        lambda data: actions.grant_vendor_access(actor=request.user, contract=contract, **data),
        "사업 참여자에게 접근권한을 주었습니다.",
    )


@login_required
def inspection_report(request, pk: int, fmt: str):
    """검사조서 (a22) as PDF or HWPX."""
    from itms.documents.official import to_hwpx, to_pdf

    inspection = _visible(InspectionRound.objects.select_related("contract__project", "contract__company"), request, pk)
    if request.user.kind != "staff" and not request.user.is_superuser:
        raise PermissionDenied("검사조서는 관세청 직원이 봅니다.")
    doc = actions.inspection_report(inspection)
    if fmt == "pdf":
        content, content_type = to_pdf(doc), "application/pdf"
    elif fmt == "hwpx":
        content, content_type = to_hwpx(doc), "application/hwp+zip"
    else:
        raise Http404("지원하지 않는 형식입니다.")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="inspection-{inspection.pk}.{fmt}"'
    return response


# --- the 정보기획담당관's overview (a17.5) -----------------------------------------------------------------------
DASHBOARD_PAGE = 50


@login_required
def dashboard(request):
    """Every project's progress and the registration status of its deliverables (a17.5), a page at a time."""
    if not request.user.has_perm("execution.view_contract") or (
        request.user.kind != "staff" and not request.user.is_superuser
    ):
        raise PermissionDenied("사업관리 현황은 관세청 직원이 봅니다.")
    contracts = (
        Contract.objects.restrict(request.user, "view").select_related("project", "company").order_by("end_date", "pk")
    )
    state = request.GET.get("state")
    if state in ContractState.values:
        contracts = contracts.filter(state=state)
    page = Paginator(contracts, DASHBOARD_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # The deliverable counts of this page's contracts only (counted for every contract before the page was cut,
    # the page query took 129 ms at scale 1.0).
    counts = {
        row["contract_id"]: row
        for row in Deliverable.objects.filter(contract__in=rows)
        .order_by()
        .values("contract_id")
        .annotate(
            required=Count("pk", filter=Q(required=True)),
            submitted=Count("pk", filter=Q(state__in=(DeliverableState.SUBMITTED, DeliverableState.ACCEPTED))),
        )
    }
    for contract in rows:
        contract.required = counts.get(contract.pk, {}).get("required", 0)
        contract.submitted = counts.get(contract.pk, {}).get("submitted", 0)
    gate.note_visible(request.user, rows)  # the links to contracts and projects: a query each, not one per row
    gate.note_visible(request.user, [c.project for c in rows])
    packages = WorkPackage.objects.filter(contract__in=rows).order_by()
    by_contract: dict[int, list] = {}
    for p in packages:
        by_contract.setdefault(p.contract_id, []).append(p)
    today = timezone.localdate()
    for contract in rows:
        mine = by_contract.get(contract.pk, [])
        on = min(max(today, contract.start_date), contract.end_date)
        contract.planned_now = actions.progress.planned_percent(contract, on, mine)
        contract.actual_now = actions.progress.actual_percent(contract, mine)
        contract.delayed_count = len(actions.delayed(contract, today, mine))
    return render(
        request,
        "execution/dashboard.html",
        {"page": page, "rows": rows, "states": ContractState.choices, "state": state or ""},
    )


@login_required
def missing_deliverables(request):
    """Required deliverables not yet submitted, those past their date first (a17.2, a17.5)."""
    _may_see_contracts(request)
    contracts = Contract.objects.restrict(request.user, "view")
    rows = actions.missing(contracts)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    listed = list(page.object_list)
    gate.note_visible(request.user, listed)  # one query for the page's links, not one per row
    return render(request, "execution/missing.html", {"page": page, "rows": listed, "today": timezone.localdate()})


@login_required
def traceability(request, pk: int):
    """요구사항 → 설계 → 시험 → 결과 (a20.1): on screen, or as XLSX (?_export=xlsx)."""
    contract = _visible(Contract.objects.select_related("project"), request, pk)
    rows = actions.traceability(contract)
    if request.GET.get("_export") == "xlsx":
        columns = [
            Column("요구사항 ID"),
            Column("요구사항명"),
            Column("유효"),
            Column("설계 추적"),
            Column("시험 ID"),
            Column("시험명"),
            Column("결과"),
            Column("수행일", Kind.DATE),
        ]
        data = [
            [
                r["requirement"].code,
                r["requirement"].title,
                "예" if r["requirement"].is_active else "아니오",
                r["design"],
                r["case"].code if r["case"] else "",
                r["case"].title if r["case"] else "",
                r["result"],
                r["executed_on"],
            ]
            for r in rows
        ]
        content = xlsx_bytes(columns, data, title="요구사항 추적표", notes=[f"{contract} — 제20조제1항"])
        return xlsx_response(content, f"traceability-{contract.number}.xlsx")
    untested = sum(1 for r in rows if r["case"] is None)
    return render(request, "execution/traceability.html", {"contract": contract, "rows": rows, "untested": untested})
