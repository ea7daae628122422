"""Chapter 8 screens the generic views cannot give: the asset's actions, the type-specific attribute inputs, labels,
the import job, the 실사 checklist and discrepancies, the 현행화 dashboard and the O&M coverage report."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from itms.accounts.models import OrgUnit, User
from itms.core import gate, registry
from itms.core.action_views import answer, form_errors
from itms.core.errors import CoreErrors, Forbidden
from itms.core.exports import xlsx_response
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.core.views import ObjectListView

from . import forms
from .actions import assets as asset_actions
from .actions import audits as audit_actions
from .actions import imports as import_actions
from .choices import (
    HARDWARE_KINDS,
    LABEL_SIZES,
    RESOLUTIONS_FOR,
    CheckResult,
    ImportStatus,
    InventoryAuditState,
    Resolution,
)
from .importer import FileRefused, template_workbook
from .labels import labels_pdf
from .models import (
    Asset,
    AssetAssignment,
    AssetImportJob,
    AuditDiscrepancy,
    InventoryAudit,
)

ASSET = "resources.asset"


def _object(label: str, request, pk: int, action: str = "view"):
    return gate.fetch(request.user, registry.get(label), action, pk)


# --- the asset list and detail ---------------------------------------------------------------------------------------
class AssetListView(ObjectListView):
    """The generic list, with a button that prints the labels of what is listed."""

    template_name = "resources/asset_list.html"


def asset_context(asset: Asset, request) -> dict:
    user = request.user
    can_change = gate.allows(user, "change", asset)
    current = asset.assignments.filter(ends_on__isnull=True).select_related("holder", "holder_unit").first()
    return {
        "attribute_rows": asset.attribute_rows(),
        "can_act": can_change,
        "assign_form": forms.AssignForm(prefix="assign"),
        "dispose_form": forms.DisposeForm(prefix="dispose"),
        "current_assignment": current,
        "may_acknowledge": bool(current and current.holder_id == user.pk and current.acknowledged_at is None),
        "covered_by": asset.covered_by(),
        "label_url": reverse("resources:asset_labels") + f"?pk={asset.pk}",
        "is_software": asset.asset_type.kind not in HARDWARE_KINDS,
    }


@login_required
@require_GET
def attribute_fields(request):
    """The inputs of the attributes the chosen asset type defines (htmx, when the type changes on the form)."""
    object_type = registry.get(ASSET)
    if not (
        request.user.has_perm(object_type.permission("add")) or request.user.has_perm(object_type.permission("change"))
    ):
        raise Forbidden(CoreErrors.NOT_PERMITTED)
    form = forms.AssetForm(initial={"asset_type": request.GET.get("asset_type") or None})
    widget = form.fields["attributes"].widget
    values = {k.removeprefix(widget.prefix): v for k, v in request.GET.items() if k.startswith(widget.prefix)}
    return HttpResponse(widget.render("attributes", values))


def _asset_url(asset) -> str:
    return asset.get_absolute_url()


@login_required
@require_POST
def asset_assign(request, pk):
    asset = _object(ASSET, request, pk, "change")
    form = forms.AssignForm(request.POST, prefix="assign")
    url = _asset_url(asset)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    data = form.cleaned_data
    holder = User.objects.filter(username=data["holder"]).first() if data["holder"] else None
    unit = OrgUnit.objects.filter(code=data["holder_unit"]).first() if data["holder_unit"] else None
    if data["holder"] and holder is None:
        return answer(request, url, error=f"'{data['holder']}' 사용자가 없습니다.")
    if data["holder_unit"] and unit is None:
        return answer(request, url, error=f"부서코드 '{data['holder_unit']}'에 해당하는 부서가 없습니다.")
    try:
        assignment = asset_actions.assign_asset(
            asset=asset,
            actor=request.user,
            holder=holder,
            holder_unit=unit,
            starts_on=data["starts_on"],
            note=data["note"],
        )
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    who = assignment.holder.name if assignment.holder_id else assignment.holder_unit.name
    return answer(request, url, success=f"{who}에게 지급했습니다.")


@login_required
@require_POST
def asset_return(request, pk):
    asset = _object(ASSET, request, pk, "change")
    url = _asset_url(asset)
    try:
        asset_actions.return_asset(asset=asset, actor=request.user)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success="반납 처리했습니다.")


@login_required
@require_POST
def asset_dispose(request, pk):
    asset = _object(ASSET, request, pk, "change")
    url = _asset_url(asset)
    form = forms.DisposeForm(request.POST, prefix="dispose")
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    try:
        asset_actions.dispose_asset(asset=asset, actor=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success="불용 처리했습니다.")


@login_required
@require_POST
def asset_verify(request, pk):
    asset = _object(ASSET, request, pk, "change")
    url = _asset_url(asset)
    asset_actions.verify_asset(asset=asset, actor=request.user)
    return answer(request, url, success=f"{format_date(timezone.localdate())} 현재 기록이 맞음을 확인했습니다.")


def assignment_context(assignment: AssetAssignment, request) -> dict:
    return {
        "may_acknowledge": assignment.holder_id == request.user.pk
        and assignment.acknowledged_at is None
        and assignment.ends_on is None
    }


@login_required
@require_POST
def assignment_acknowledge(request, pk):
    assignment = _object("resources.assetassignment", request, pk)
    url = assignment.get_absolute_url()
    try:
        asset_actions.acknowledge_assignment(assignment=assignment, actor=request.user)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success="수령을 확인했습니다.")


# --- labels ------------------------------------------------------------------------------------------------------------
MAX_LABELS = 1_000


@login_required
@require_GET
def asset_labels(request):
    """Labels with a QR code of the asset tag, as a PDF sheet: one asset (?pk=) or the list as filtered."""
    object_type = registry.get(ASSET)
    gate.require_permission(request.user, object_type, "view")
    queryset = object_type.base_queryset().restrict(request.user, "view")
    if request.GET.get("pk", "").isdigit():
        queryset = queryset.filter(pk=request.GET["pk"])
    elif {k for k in request.GET if k not in ("size", "page", "sort", "per_page")}:
        filterset = object_type.filterset(request.GET, queryset=queryset, request=request)
        queryset = filterset.qs if filterset.is_valid() else queryset.none()
    else:
        # A sheet of every asset of the agency is never what anyone prints: choose what to label first.
        return HttpResponseBadRequest(f"라벨을 인쇄할 자산을 거르십시오 (한 번에 {MAX_LABELS:,}건까지).")
    size = request.GET.get("size") if request.GET.get("size") in LABEL_SIZES else "l7160"
    assets = list(queryset.select_related("org_unit").order_by("tag")[: MAX_LABELS + 1])
    if not assets:
        raise Http404("라벨을 만들 자산이 없습니다.")
    truncated = len(assets) > MAX_LABELS
    response = HttpResponse(labels_pdf(assets[:MAX_LABELS], size), content_type="application/pdf")
    response["Content-Disposition"] = "inline; filename*=UTF-8''asset-labels.pdf"
    if truncated:
        response["X-Labels-Truncated"] = str(MAX_LABELS)
    return response


# --- import ----------------------------------------------------------------------------------------------------------
@login_required
def asset_import(request):
    """Upload a file; it is checked row by row in the background and shown as a preview before anything is saved."""
    object_type = registry.get(ASSET)
    gate.require_permission(request.user, object_type, "add")
    if request.GET.get("template") == "xlsx":
        return xlsx_response(template_workbook(), "정보자산-가져오기-양식.xlsx")
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_actions.create_job(upload=form.cleaned_data["file"], actor=request.user)
        except FileRefused as refused:
            form.add_error("file", refused.messages)
        else:
            import_actions.start_validation(job=job)
            return HttpResponseRedirect(job.get_absolute_url())
    recent = AssetImportJob.objects.filter(created_by=request.user).order_by("-created_at")[:5]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "resources/asset_import.html",
        {"form": form, "recent": recent, "list_url": reverse("resources:asset_list")},
        status=status,
    )


def import_job_context(job: AssetImportJob, request) -> dict:
    done, total, percent = import_actions.progress_of(job)
    return {
        "job": job,
        "done": done,
        "total": total,
        "percent": percent,
        "may_commit": job.status == ImportStatus.READY and job.created_by_id == request.user.pk,
    }


@login_required
@require_GET
def import_job_progress(request, pk):
    job = _object("resources.assetimportjob", request, pk)
    context = import_job_context(job, request)
    response = render(request, "resources/partials/import_progress.html", context)
    if not job.is_running:
        response["HX-Refresh"] = "true"  # the job has ended: the whole page shows its result
    return response


@login_required
@require_POST
def import_job_commit(request, pk):
    job = _object("resources.assetimportjob", request, pk)
    url = job.get_absolute_url()
    try:
        import_actions.start_import(job=job, actor=request.user)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success="가져오기를 시작했습니다.")


# --- 실사 ------------------------------------------------------------------------------------------------------------
def _discrepancy_rows(audit: InventoryAudit, limit: int = 200):
    return (
        AuditDiscrepancy.objects.filter(item__audit=audit)
        .select_related("item__asset", "resolved_by")
        .order_by("-resolution", "pk")  # "open" sorts after the other codes alphabetically; reversed: open first
    )[:limit]


def audit_context(audit: InventoryAudit, request) -> dict:
    counts = audit.counts()
    return {
        "counts": counts,
        "progress": int(counts["checked"] * 100 / counts["total"]) if counts["total"] else 0,
        "discrepancies": _discrepancy_rows(audit),
        "is_officer": audit.is_officer(request.user),
        "in_progress": audit.state == InventoryAuditState.IN_PROGRESS,
        "scope": [
            ("대상 부서", list(audit.scope_units.all())),
            ("대상 자산 유형", list(audit.scope_types.all())),
            ("대상 정보시스템", list(audit.scope_systems.all())),
            ("실사 담당 직위", list(audit.officers.all())),
        ],
        "resolve_form": forms.ResolveForm(),
        "report_available": audit.state in (InventoryAuditState.CLOSED, InventoryAuditState.REPORTED),
    }


def _audit(request, pk) -> InventoryAudit:
    return _object("resources.inventoryaudit", request, pk)


PENDING_PAGE = 30


@login_required
@require_GET
def audit_checklist(request, pk):
    """The officer's checklist on a phone (375 px): look an asset up by its tag, typed or scanned, and record it."""
    audit = _audit(request, pk)
    pending = audit.items.filter(result=CheckResult.PENDING).select_related("asset__location", "asset__asset_type")
    location = request.GET.get("location", "").strip()
    if location:
        pending = pending.filter(
            Q(asset__location__room__icontains=location) | Q(asset__location__building__icontains=location)
        )
    context = {
        "audit": audit,
        "counts": audit.counts(),
        "pending": list(pending.order_by("asset__location__building", "asset__rack", "asset__tag")[:PENDING_PAGE]),
        "location": location,
        "is_officer": audit.is_officer(request.user),
        "in_progress": audit.state == InventoryAuditState.IN_PROGRESS,
        "new_form": forms.NewAssetFoundForm(prefix="new"),
        "card": _card(audit, request.GET.get("tag", ""), request.user),
        "tag": request.GET.get("tag", ""),
        "recent": audit.items.exclude(result=CheckResult.PENDING)
        .filter(checked_by=request.user)
        .select_related("asset")
        .order_by("-checked_at")[:5],
    }
    response = render(request, "resources/audit_checklist.html", context)
    # The camera reads QR codes here (BarcodeDetector), on this page only.
    response["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
    return response


def _card(audit: InventoryAudit, tag: str, user) -> dict | None:
    """The asset a tag names, for the checklist without JavaScript (?tag=…): the same card as the lookup."""
    tag = (tag or "").strip()
    if not tag:
        return None
    item, asset = audit_actions.find(audit, tag, user)
    return {"tag": tag, "item": item, "asset": asset, "in_scope": item is not None}


@login_required
@require_GET
def audit_lookup(request, pk):
    """The card of one asset, found by the tag an officer typed or scanned (htmx partial)."""
    audit = _audit(request, pk)
    tag = request.GET.get("tag", "").strip()
    item, asset = audit_actions.find(audit, tag, request.user)
    context = {
        "audit": audit,
        "tag": tag,
        "item": item,
        "asset": asset,
        "in_scope": item is not None,
        "is_officer": audit.is_officer(request.user),
        "in_progress": audit.state == InventoryAuditState.IN_PROGRESS,
        "new_form": forms.NewAssetFoundForm(prefix="new", initial={"observed_tag": tag}),
    }
    # An unknown tag is an answer too (htmx swaps 2xx only): the card offers to record an unregistered asset.
    return render(request, "resources/partials/audit_card.html", context)


def _checklist_url(audit) -> str:
    return reverse("resources:audit_checklist", kwargs={"pk": audit.pk})


@login_required
@require_POST
def audit_check(request, pk):
    audit = _audit(request, pk)
    url = request.POST.get("next") or _checklist_url(audit)
    if not url.startswith("/"):
        url = _checklist_url(audit)
    form = forms.CheckForm(request.POST)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    data = form.cleaned_data
    asset = Asset.objects.filter(pk=data["asset"]).first()
    if asset is None:
        return answer(request, url, error="자산을 찾을 수 없습니다.")
    try:
        item = audit_actions.record_check(
            audit=audit,
            actor=request.user,
            asset=asset,
            result=data["result"],
            difference=data["difference"],
            observed_location=data["observed_location"],
            note=data["note"],
        )
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success=f"{asset.tag}: {josa(item.get_result_display(), '으로/로')} 기록했습니다.")


@login_required
@require_POST
def audit_new(request, pk):
    audit = _audit(request, pk)
    url = _checklist_url(audit)
    form = forms.NewAssetFoundForm(request.POST, prefix="new")
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    try:
        audit_actions.record_new_asset(audit=audit, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success="미등록 자산으로 기록했습니다. 실사 화면에서 등록하거나 처리하십시오.")


@login_required
@require_POST
def audit_mark_missing(request, pk):
    audit = _audit(request, pk)
    url = audit.get_absolute_url()
    try:
        n = audit_actions.mark_remaining_missing(audit=audit, actor=request.user)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success=f"확인하지 않은 자산 {n:,}건을 미발견으로 기록했습니다.")


@login_required
@require_GET
def audit_report(request, pk, fmt):
    """The campaign's result as XLSX or PDF (a29.3.3); the copies sent with the report are its documents."""
    from .reports import audit_report_pdf, audit_report_xlsx

    audit = _audit(request, pk)
    if audit.state not in (InventoryAuditState.CLOSED, InventoryAuditState.REPORTED):
        raise Http404("실사가 끝난 뒤에 결과 보고서를 내려받을 수 있습니다.")
    stem = f"정보자산실사-{audit.starts_on.year}-{audit.pk:04d}"
    if fmt == "xlsx":
        return xlsx_response(audit_report_xlsx(audit), f"{stem}.xlsx")
    if fmt == "pdf":
        response = HttpResponse(audit_report_pdf(audit), content_type="application/pdf")
        response["Content-Disposition"] = f"inline; filename*=UTF-8''{stem}.pdf"
        return response
    raise Http404("알 수 없는 형식입니다.")


def discrepancy_context(discrepancy: AuditDiscrepancy, request) -> dict:
    audit = discrepancy.item.audit
    choices = RESOLUTIONS_FOR.get(CheckResult(discrepancy.kind), ())
    form = forms.ResolveForm(initial={"resolution": choices[0] if choices else None})
    form.fields["resolution"].choices = [(c.value, c.label) for c in choices]
    item = discrepancy.item
    register_url = ""
    if discrepancy.kind == CheckResult.NEW:
        initial = {"tag": item.observed_tag, "name": item.observed_name, "serial_number": item.observed_serial}
        register_url = reverse("resources:asset_add") + "?" + "&".join(f"{k}={v}" for k, v in initial.items() if v)
    return {
        "audit": audit,
        "item": item,
        "form": form,
        "may_resolve": discrepancy.is_open
        and audit.state == InventoryAuditState.IN_PROGRESS
        and audit.is_officer(request.user),
        "register_url": register_url,
        "edit_url": reverse("resources:asset_edit", kwargs={"pk": item.asset_id}) if item.asset_id else "",
    }


@login_required
@require_POST
def discrepancy_resolve(request, pk):
    discrepancy = _object("resources.auditdiscrepancy", request, pk)
    url = request.POST.get("next") or discrepancy.get_absolute_url()
    if not url.startswith("/"):
        url = discrepancy.get_absolute_url()
    form = forms.ResolveForm(request.POST)
    if not form.is_valid():
        return answer(request, url, error=f"입력 내용을 확인하십시오: {form_errors(form)}")
    data = form.cleaned_data
    registered = None
    if data["registered_tag"]:
        registered = Asset.objects.filter(tag=data["registered_tag"].strip()).first()
        if registered is None:
            return answer(
                request, url, error=f"자산번호 '{data['registered_tag']}'의 자산이 없습니다. 먼저 등록하십시오."
            )
    try:
        audit_actions.resolve_discrepancy(
            discrepancy=discrepancy,
            actor=request.user,
            resolution=data["resolution"],
            note=data["note"],
            registered_asset=registered,
        )
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success=f"{josa(Resolution(data['resolution']).label, '으로/로')} 처리했습니다.")


# --- 현행화 dashboard (a29.1, a29.2, a29.3) ------------------------------------------------------------------------------
@login_required
@require_GET
def currency(request):
    from .currency import dashboard

    gate.require_permission(request.user, registry.get(ASSET), "view")
    data = dashboard(request.user)
    return render(request, "resources/currency.html", data)


# --- O&M coverage (a29.3.1) --------------------------------------------------------------------------------------------
@login_required
@require_GET
def coverage(request):
    from .reports import coverage_filters, coverage_xlsx, om_targets

    object_type = registry.get(ASSET)
    gate.require_permission(request.user, object_type, "view")
    assets = om_targets().filter(pk__in=object_type.model.objects.restrict(request.user, "view").values("pk"))
    today = timezone.localdate()
    if request.GET.get("_export") == "xlsx":
        return xlsx_response(coverage_xlsx(assets, today), f"운영유지관리-대상-식별-{today.isoformat()}.xlsx")
    sections = coverage_filters(today)
    counts = assets.aggregate(
        total=Count("pk"), **{key: Count("pk", filter=condition) for key, (_t, condition, _c) in sections.items()}
    )
    by_unit = defaultdict(lambda: defaultdict(int))
    for row in (
        assets.values("org_unit__name")
        .annotate(**{key: Count("pk", filter=condition) for key, (_t, condition, _c) in sections.items()})
        .order_by("org_unit__name")
    ):
        by_unit[row["org_unit__name"]] = row
    list_url = reverse("resources:asset_list")
    links = {
        "uncovered": f"{list_url}?is_om_target=true&coverage=none",
        "life": f"{list_url}?is_om_target=true&life=past",
        "support": f"{list_url}?is_om_target=true&support=past",
        "support_soon": f"{list_url}?is_om_target=true&support=active",
    }
    rows = [
        {"key": key, "title": title, "clause": clause, "count": counts[key], "url": links[key]}
        for key, (title, _condition, clause) in sections.items()
    ]
    return render(
        request,
        "resources/coverage.html",
        {
            "rows": rows,
            "total": counts["total"],
            "by_unit": list(by_unit.values()),
            "today": today,
            "keys": list(sections),
        },
    )
