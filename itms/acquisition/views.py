"""Chapter 4 screens: what the generic pages cannot do — starting a step from the project page, the RFP editor,
findings and reflections, the legal checklist, the evaluation workspace, the draw, the scoring page, exports.

Every POST calls one function of ``itms.acquisition.actions`` (or a workflow step); a refusal comes back as a
Korean message, changes nothing, and is logged by the action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from itms.core.action_views import answer, form_action, form_errors
from itms.core.errors import Forbidden
from itms.core.exports import xlsx_response
from itms.core.korean import josa
from itms.governance.choices import AttendanceStatus
from itms.governance.models import Membership
from itms.projects.models import Project

from . import actions, documents, forms
from .actions import draws as draw_actions
from .actions import evaluation as evaluation_actions
from .actions.common import is_it_planning, is_security_officer, is_sponsor
from .actions.deliberation import composition_problems, deliberated
from .actions.ordering import checks_done, may_review
from .actions.rfp import self_check_complete
from .actions.scoring import missing, sheet_of
from .actions.security import security_cleared
from .choices import (
    ConsultationState,
    DrawState,
    EvaluationState,
    ItemKind,
    OrderingState,
    RfpState,
    SecurityReviewState,
)
from .consultation import assess, suggested_agencies
from .error_codes import AcquisitionErrors as E
from .models import (
    Allowance,
    ConsultationResult,
    Evaluation,
    EvaluationItem,
    EvaluatorDraw,
    Expert,
    OrderingCheck,
    OrderingRequest,
    PreConsultation,
    Proposal,
    Rfp,
    RfpSection,
    RfpSelfCheck,
    RfpTemplate,
    SecurityFinding,
    SecurityReview,
    TaskDeliberation,
)


def _visible(model, request, pk):
    obj = model.objects.restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return obj


def _file(content: bytes, content_type: str, filename: str) -> HttpResponse:
    from django.utils.http import content_disposition_header

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def _call(request, url: str, call, success: str):
    try:
        call()
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success=success)


# --- starting a step from the project page (spine.py) ------------------------------------------------------------
STARTS = {
    "consultation": lambda user, project: actions.start_consultation(actor=user, project=project),
    "rfp": lambda user, project: actions.create_rfp(actor=user, project=project),
    "security": lambda user, project: actions.start_security_review(actor=user, project=project),
    "deliberation": lambda user, project: actions.start_deliberation(actor=user, project=project),
    "ordering": lambda user, project: _start_ordering(user, project),
}


def _start_ordering(user, project):
    rfp = project.rfps.order_by("-created_at").first()
    if rfp is None:
        raise ValidationError("제안요청서(안)을 먼저 작성하십시오.")
    return actions.create_ordering(actor=user, rfp=rfp)


@login_required
@require_POST
def start(request, what: str):
    if what not in STARTS:
        raise Http404
    project = _visible(Project, request, request.POST.get("project") or 0)
    url = project.get_absolute_url()
    try:
        record = STARTS[what](request.user, project)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return HttpResponseRedirect(record.get_absolute_url())


# --- 사전협의 (a11) -------------------------------------------------------------------------------------------------
def consultation_context(record: PreConsultation, request) -> dict:
    sponsor = is_sponsor(request.user, record.project) or is_it_planning(request.user)
    return {
        "assessment": assess(record),
        "suggested": suggested_agencies(record.project),
        "results": record.results.select_related("reflected_by"),
        "can_reflect": sponsor and record.state in (ConsultationState.REPLIED, ConsultationState.ANSWERED),
        "reflection_form": forms.ReflectionForm(),
    }


@login_required
@require_POST
def consultation_reflect(request, pk: int):
    result = _visible(ConsultationResult, request, pk)
    form = forms.ReflectionForm(request.POST)
    return form_action(
        request,
        result.consultation.get_absolute_url(),
        form,
        lambda data: actions.reflect_result(actor=request.user, result=result, reflection=data["reflection"]),
        "반영 내용을 적었습니다 (제11조제2항).",
    )


# --- 보안성 검토 (a12) ---------------------------------------------------------------------------------------------
def security_context(review: SecurityReview, request) -> dict:
    sponsor = is_sponsor(request.user, review.project) or is_it_planning(request.user)
    return {
        "findings": review.findings.select_related("reflected_by"),
        "can_add_finding": is_security_officer(request.user) and review.state == SecurityReviewState.REQUESTED,
        "can_reflect": sponsor and review.state == SecurityReviewState.NOTIFIED,
        "finding_form": forms.FindingForm(),
        "reflection_form": forms.ReflectionForm(),
        "cleared": security_cleared(review.project),
    }


@login_required
@require_POST
def finding_add(request, pk: int):
    review = _visible(SecurityReview, request, pk)
    form = forms.FindingForm(request.POST)
    return form_action(
        request,
        review.get_absolute_url(),
        form,
        lambda data: actions.add_finding(
            actor=request.user, review=review, source=data["source"], finding=data["finding"]
        ),
        "검토 의견을 적었습니다 (제12조제2항).",
    )


@login_required
@require_POST
def finding_reflect(request, pk: int):
    finding = _visible(SecurityFinding, request, pk)
    form = forms.ReflectionForm(request.POST)
    return form_action(
        request,
        finding.review.get_absolute_url(),
        form,
        lambda data: actions.reflect_finding(actor=request.user, finding=finding, reflection=data["reflection"]),
        "반영 내용을 적었습니다 (제12조제3항).",
    )


# --- 과업심의 (a13) ------------------------------------------------------------------------------------------------
def deliberation_context(record: TaskDeliberation, request) -> dict:
    body = record.body or actions.route(record.project, record.kind)
    rfp = record.rfp
    return {
        "routed": body,
        "composition": composition_problems(body) if body else [],
        "scope_changed": bool(rfp and record.scope_fingerprint and rfp.fingerprint() != record.scope_fingerprint),
        "can_extend": record.requested_by_contractor
        and record.state != "answered"
        and (is_sponsor(request.user, record.project) or is_it_planning(request.user)),
        "extension_form": forms.ExtensionForm(),
    }


@login_required
@require_POST
def deliberation_extend(request, pk: int):
    record = _visible(TaskDeliberation, request, pk)
    form = forms.ExtensionForm(request.POST)
    return form_action(
        request,
        record.get_absolute_url(),
        form,
        lambda data: actions.extend_contractor_answer(
            actor=request.user, deliberation=record, days=data["days"], consent=data["consent"]
        ),
        "결과 통보 기간을 연장했습니다.",
    )


@login_required
def contractor_request(request, pk: int):
    """계약상대자의 과업심의 요청 (소프트웨어 진흥법 제50조): a vendor assigned to the project files it."""
    project = _visible(Project, request, pk)
    form = forms.ContractorRequestForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, f"입력 내용을 확인하십시오: {form_errors(form)}")
        else:
            try:
                record = actions.contractor_request(
                    actor=request.user,
                    project=project,
                    kind=form.cleaned_data["kind"],
                    content=form.cleaned_data["content"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, "과업심의 개최를 요청했습니다. 14일 이내에 결과와 조치계획을 통보받습니다.")
                return HttpResponseRedirect(record.get_absolute_url())
    return render(request, "acquisition/contractor_request.html", {"project": project, "form": form})


# --- 제안요청서 (a14.1) --------------------------------------------------------------------------------------------
def template_context(template: RfpTemplate, request) -> dict:
    return {"is_keeper": is_it_planning(request.user), "versions": RfpTemplate.objects.filter(name=template.name)}


@login_required
@require_POST
def template_publish(request, pk: int):
    template = _visible(RfpTemplate, request, pk)
    return _call(
        request,
        template.get_absolute_url(),
        lambda: actions.publish_template(actor=request.user, template=template),
        "양식을 등재했습니다. 이제 이 판으로 제안요청서를 작성합니다 (제14조제1항).",
    )


@login_required
@require_POST
def template_new_version(request, pk: int):
    template = _visible(RfpTemplate, request, pk)
    try:
        new = actions.new_template_version(actor=request.user, template=template)
    except ValidationError as error:
        return answer(request, template.get_absolute_url(), error=" ".join(error.messages))
    messages.success(request, f"{josa(str(new), '을/를')} 만들었습니다. 고친 뒤 등재하십시오.")
    return HttpResponseRedirect(new.get_absolute_url())


def rfp_context(rfp: Rfp, request) -> dict:
    editable = rfp.state == RfpState.DRAFT and (is_sponsor(request.user, rfp.project) or is_it_planning(request.user))
    requirements = list(
        rfp.requirements.select_related("category").order_by("category__order", "category__code", "seq")
    )
    counts: dict = {}
    for r in requirements:
        counts[r.category] = counts.get(r.category, 0) + 1
    return {
        "sections": rfp.sections.order_by("order"),
        "requirements": requirements,
        "counts": sorted(counts.items(), key=lambda pair: (pair[0].order, pair[0].code)),
        "checks": rfp.self_checks.order_by("pk"),
        "self_check": self_check_complete(rfp),
        "editable": editable,
        "requirement_form": forms.RequirementAddForm(),
        "fingerprint": rfp.fingerprint(),
        "deliberated": deliberated(rfp),
    }


@login_required
def section_edit(request, pk: int):
    """The browser editor of one chapter: htmx swaps the chapter for its form, and the form back for the text."""
    section = _visible(RfpSection, request, pk)
    rfp = section.rfp
    if request.method == "POST":
        form = forms.SectionForm(request.POST)
        error = ""
        if form.is_valid():
            try:
                actions.update_section(
                    actor=request.user,
                    section=section,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                )
            except ValidationError as refusal:
                error = " ".join(refusal.messages)
        else:
            error = f"입력 내용을 확인하십시오: {form_errors(form)}"
        if not request.htmx:
            return answer(request, rfp.get_absolute_url(), error=error, success="" if error else "저장했습니다.")
        section.refresh_from_db()
        return render(
            request,
            "acquisition/partials/rfp_section.html",
            {"section": section, "editable": True, "error": error, "saved": not error},
        )
    if request.GET.get("cancel"):
        return render(request, "acquisition/partials/rfp_section.html", {"section": section, "editable": True})
    if not (is_sponsor(request.user, rfp.project) or is_it_planning(request.user)) or rfp.state != RfpState.DRAFT:
        raise Forbidden(E.RFP_ORDERED if rfp.state != RfpState.DRAFT else E.SPONSOR_ONLY)
    form = forms.SectionForm(initial={"title": section.title, "body": section.body})
    return render(request, "acquisition/partials/rfp_section_form.html", {"section": section, "form": form})


@login_required
@require_POST
def requirement_add(request, pk: int):
    rfp = _visible(Rfp, request, pk)
    form = forms.RequirementAddForm(request.POST)

    def add(data):
        data = dict(data)
        actions.add_requirement(actor=request.user, rfp=rfp, category=data.pop("category"), **data)

    return form_action(request, rfp.get_absolute_url() + "#requirements", form, add, "요구사항을 추가했습니다.")


@login_required
@require_POST
def self_check_answer(request, pk: int):
    check = _visible(RfpSelfCheck, request, pk)
    form = forms.SelfCheckForm(request.POST)
    return form_action(
        request,
        check.rfp.get_absolute_url() + "#self-check",
        form,
        lambda data: actions.answer_self_check(
            actor=request.user, check=check, answer=data["answer"], note=data["note"]
        ),
        "점검 결과를 적었습니다.",
    )


@login_required
def rfp_export(request, pk: int, fmt: str):
    rfp = _visible(Rfp, request, pk)
    if fmt == "pdf":
        return _file(documents.rfp_pdf(rfp), "application/pdf", f"{rfp.project.code}-RFP.pdf")
    if fmt == "hwpx":
        return _file(documents.rfp_hwpx(rfp), "application/hwp+zip", f"{rfp.project.code}-RFP.hwpx")
    raise Http404


# --- 발주 (a14) ---------------------------------------------------------------------------------------------------
def ordering_context(request_row: OrderingRequest, request) -> dict:
    reviewer = may_review(request.user, request_row)
    return {
        "checks": request_row.checks.select_related("checked_by").order_by("pk"),
        "can_check": reviewer and request_row.state == OrderingState.REQUESTED,
        "check_form": forms.CheckForm(),
        "checks_done": checks_done(request_row),
        "self_ordered": request_row.self_ordered,
        "evaluations": request_row.evaluations.all(),
        "can_evaluate": request_row.state == OrderingState.ORDERED
        and not request_row.evaluations.exists()
        and evaluation_actions.conducts_any(request.user),
    }


@login_required
@require_POST
def ordering_check(request, pk: int):
    check = _visible(OrderingCheck, request, pk)
    form = forms.CheckForm(request.POST)
    return form_action(
        request,
        check.request.get_absolute_url() + "#checks",
        form,
        lambda data: actions.set_check(actor=request.user, check=check, result=data["result"], note=data["note"]),
        "발주요건 검토 결과를 적었습니다 (제14조제2항).",
    )


@login_required
def restructure(request):
    """정보화사업의 통합·분리 (a14.3), by a 정보화부서장."""
    from .actions.ordering import is_it_head

    if request.user.kind != "staff" and not request.user.is_superuser:
        raise PermissionDenied("기관 직원만 볼 수 있는 화면입니다.")
    projects = Project.objects.restrict(request.user, "view").order_by("-start_year", "name")
    form = forms.RestructureForm(request.POST or None, projects=projects)
    allowed = is_it_head(request.user)
    if request.method == "POST":
        if not allowed:
            raise Forbidden(E.IT_HEAD_ONLY)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["kind"] == "merge":
                    done = actions.merge_projects(
                        actor=request.user,
                        sources=data["sources"],
                        name=data["name"],
                        code=data["code"],
                        reason=data["reason"],
                    )
                else:
                    sources = list(data["sources"])
                    if len(sources) != 1:
                        raise ValidationError(E.RESTRUCTURE_SOURCES.message)
                    done = actions.split_project(
                        actor=request.user, source=sources[0], parts=data["parts"], reason=data["reason"]
                    )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, f"사업을 {done.get_kind_display()}했습니다. 이전·이후 사업이 함께 기록됩니다."
                )
                return HttpResponseRedirect(done.get_absolute_url())
        else:
            messages.error(request, f"입력 내용을 확인하십시오: {form_errors(form)}")
    return render(request, "acquisition/restructure.html", {"form": form, "allowed": allowed})


# --- 전문가 명부 (a15.7) ---------------------------------------------------------------------------------------------
@login_required
def expert_pool(request):
    if not request.user.has_perm("acquisition.view_expert"):
        raise PermissionDenied("전문가 명부를 볼 권한이 없습니다.")
    status = actions.pool_status()
    from .actions.experts import stale_before

    before, _months = stale_before()
    stale = Expert.objects.filter(confirmed_on__lt=before).order_by("confirmed_on")[:50]
    return render(
        request,
        "acquisition/expert_pool.html",
        {"status": status, "stale": stale, "can_edit": request.user.has_perm("acquisition.change_expert")},
    )


# --- 제안서 평가 (a15, a16) -------------------------------------------------------------------------------------------
@login_required
def evaluation_start(request, pk: int):
    ordering = _visible(OrderingRequest, request, pk)
    rfp = ordering.rfp
    initial = {
        "title": f"{ordering.project.name} 제안서 기술평가",
        "estimated_price": rfp.budget * 10 // 11,
        "evaluation_at": timezone.localtime() + timezone.timedelta(days=14),
    }
    form = forms.EvaluationStartForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                evaluation = actions.create_evaluation(
                    actor=request.user,
                    project=ordering.project,
                    ordering_request=ordering,
                    unit=data["unit"],
                    kind=data["kind"],
                    title=data["title"],
                    evaluation_at=data["evaluation_at"],
                    place=data["place"],
                    estimated_price=data["estimated_price"],
                    planned_price=data["planned_price"],
                    price_basis=data["price_basis"],
                    committee_size=data["committee_size"],
                    pass_rule=data["pass_rule"] or "threshold",
                    required_fields=data["required_fields"],
                )
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(request, "제안서 평가를 준비했습니다. 제안서와 평가 항목을 확인하십시오.")
                return HttpResponseRedirect(evaluation.get_absolute_url())
        else:
            messages.error(request, f"입력 내용을 확인하십시오: {form_errors(form)}")
    size, basis = evaluation_actions.size_from_table(initial["estimated_price"])
    return render(
        request,
        "acquisition/evaluation_start.html",
        {"ordering": ordering, "form": form, "table_size": size, "size_basis": basis},
    )


def evaluation_context(evaluation: Evaluation, request) -> dict:
    user = request.user
    conductor = evaluation_actions.is_conductor(user, evaluation)
    members = (
        list(
            Membership.objects.filter(body_id=evaluation.body_id)
            .select_related("user")
            .order_by("-is_chair", "basis", "pk")
        )
        if evaluation.body_id
        else []
    )
    attendance = {}
    tally = None
    if evaluation.meeting_id:
        attendance = {a.membership_id: a for a in evaluation.meeting.attendance.all()}
        from itms.governance.actions.votes import meeting_tally

        tally = meeting_tally(evaluation.meeting)
    proposals = list(evaluation.proposals.select_related("company").prefetch_related("quantitative_scores"))
    items = list(evaluation.items.order_by("order"))
    quantitative_items = [i for i in items if i.kind == ItemKind.QUANTITATIVE]
    grid = [
        (
            p,
            [
                (i, next((q for q in p.quantitative_scores.all() if q.item_id == i.pk), None))
                for i in quantitative_items
            ],
        )
        for p in proposals
    ]
    sheets = list(evaluation.sheets.select_related("evaluator", "membership").order_by("label"))
    my_sheet = next((s for s in sheets if s.evaluator_id == user.pk), None)
    draw = evaluation.draws.order_by("-number").first()
    size, basis = evaluation_actions.size_from_table(evaluation.estimated_price)
    return {
        "conductor": conductor,
        "members": [(m, attendance.get(m.pk)) for m in members],
        "tally": tally,
        "proposals": proposals,
        "items": items,
        "items_total": evaluation_actions.items_total(evaluation),
        "grid": grid,
        "sheets": [(s, missing(s)) for s in sheets] if conductor else [],
        "my_sheet": my_sheet,
        "draw": draw,
        "table_empty": size is None,
        "size_basis": basis,
        "internal_form": forms.InternalEvaluatorForm(),
        "quantitative_form": forms.QuantitativeForm(),
        "results": evaluation.results.select_related("proposal__company").order_by("rank", "pk")
        if evaluation.is_locked
        else [],
        "intact": evaluation_actions.result_intact(evaluation) if evaluation.is_locked else None,
        "allowances": Allowance.objects.filter(evaluation=evaluation).select_related("evaluator") if conductor else [],
        "travel_form": forms.TravelForm(),
        "can_edit_items": conductor and evaluation.state == EvaluationState.DRAFT,
        "selecting": evaluation.state == EvaluationState.SELECTING,
        "formed": evaluation.state == EvaluationState.FORMED,
        "in_session": evaluation.state == EvaluationState.IN_SESSION,
        "present_states": (AttendanceStatus.PRESENT, AttendanceStatus.PROXY),
    }


def _evaluation_post(request, pk: int, call, success: str, anchor: str = ""):
    evaluation = _visible(Evaluation, request, pk)
    url = evaluation.get_absolute_url() + anchor
    try:
        call(evaluation)
    except ValidationError as error:
        return answer(request, url, error=" ".join(error.messages))
    return answer(request, url, success=success)


@login_required
@require_POST
def evaluation_internal(request, pk: int):
    form = forms.InternalEvaluatorForm(request.POST)
    if not form.is_valid():
        return answer(request, reverse("acquisition:evaluation_detail", args=[pk]), error=form_errors(form))
    return _evaluation_post(
        request,
        pk,
        lambda e: actions.designate_internal(actor=request.user, evaluation=e, user=form.cleaned_data["user"]),
        "내부 평가위원을 지정했습니다.",
        "#committee",
    )


@login_required
@require_POST
def evaluation_chair(request, pk: int, membership_id: int):
    def choose(evaluation):
        membership = Membership.objects.filter(pk=membership_id, body_id=evaluation.body_id).first()
        if membership is None:
            raise Http404
        actions.choose_chair(actor=request.user, evaluation=evaluation, membership=membership)

    return _evaluation_post(request, pk, choose, "위원장을 선정했습니다 (제15조제2항).", "#committee")


@login_required
@require_POST
def evaluation_attendance(request, pk: int, membership_id: int):
    present = request.POST.get("present") == "1"

    def record(evaluation):
        membership = Membership.objects.filter(pk=membership_id, body_id=evaluation.body_id).first()
        if membership is None or evaluation.meeting_id is None:
            raise Http404
        actions.record_attendance(actor=request.user, evaluation=evaluation, membership=membership, present=present)

    return _evaluation_post(request, pk, record, "출석을 기록했습니다.", "#committee")


@login_required
@require_POST
def evaluation_open(request, pk: int):
    reason = request.POST.get("reason", "")
    return _evaluation_post(
        request,
        pk,
        lambda e: actions.open_session(actor=request.user, evaluation=e, reason=reason),
        "평가위원회를 개회했습니다. 평가위원이 채점할 수 있습니다 (제15조제5항).",
    )


@login_required
@require_POST
def evaluation_quantitative(request, pk: int, proposal_id: int, item_id: int):
    form = forms.QuantitativeForm(request.POST)

    def save(evaluation):
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        proposal = Proposal.objects.filter(pk=proposal_id, evaluation=evaluation).first()
        item = EvaluationItem.objects.filter(pk=item_id, evaluation=evaluation).first()
        if proposal is None or item is None:
            raise Http404
        actions.set_quantitative(
            actor=request.user,
            proposal=proposal,
            item=item,
            score=form.cleaned_data["score"],
            evidence=form.cleaned_data["evidence"],
        )

    return _evaluation_post(request, pk, save, "정량 점수를 입력했습니다.", "#quantitative")


@login_required
@require_POST
def allowance_travel(request, pk: int):
    allowance = Allowance.objects.filter(pk=pk).select_related("evaluation").first()
    if (
        allowance is None
        or not Evaluation.objects.restrict(request.user, "view").filter(pk=allowance.evaluation_id).exists()
    ):
        raise Http404
    form = forms.TravelForm(request.POST)
    return form_action(
        request,
        allowance.evaluation.get_absolute_url() + "#allowances",
        form,
        lambda data: actions.set_travel(actor=request.user, allowance=allowance, amount=data["amount"]),
        "여비를 적었습니다 (제15조제6항).",
    )


# --- the scoring page (a15.8, a15.9) ----------------------------------------------------------------------------------
@login_required
def score(request, pk: int):
    """An evaluator's own sheet, tablet-sized; every score is saved as it is typed."""
    evaluation = _visible(Evaluation, request, pk)
    sheet = sheet_of(request.user, evaluation)
    if sheet is None:
        raise Forbidden(E.SCORE_NOT_EVALUATOR)
    proposals = list(evaluation.proposals.select_related("company").order_by("pk"))
    items = list(evaluation.items.filter(kind=ItemKind.QUALITATIVE).order_by("order"))
    saved = {(s.proposal_id, s.item_id): s.score for s in sheet.scores.all()}
    cards = [
        (p, [(i, saved.get((p.pk, i.pk))) for i in items], sum(saved.get((p.pk, i.pk)) or 0 for i in items))
        for p in proposals
    ]
    return render(
        request,
        "acquisition/score.html",
        {
            "evaluation": evaluation,
            "sheet": sheet,
            "cards": cards,
            "missing": missing(sheet),
            "open": evaluation.state == EvaluationState.IN_SESSION and not sheet.is_submitted,
            "maximum": sum(i.points for i in items),
        },
    )


@login_required
@require_POST
def score_save(request, pk: int):
    evaluation = _visible(Evaluation, request, pk)
    proposal = Proposal.objects.filter(pk=request.POST.get("proposal") or 0, evaluation=evaluation).first()
    item = EvaluationItem.objects.filter(pk=request.POST.get("item") or 0, evaluation=evaluation).first()
    error, status = "", 200
    if proposal is None or item is None:
        error = E.SCORE_ITEM.message
    else:
        try:
            actions.save_score(
                actor=request.user,
                evaluation=evaluation,
                proposal=proposal,
                item=item,
                score=request.POST.get("score", ""),
            )
        except (ValidationError, PermissionDenied) as refusal:
            error = " ".join(getattr(refusal, "messages", [str(refusal)]))
    if not request.htmx:
        return answer(
            request, reverse("acquisition:score", args=[pk]), error=error, success="" if error else "저장했습니다."
        )
    return render(
        request,
        "acquisition/partials/score_status.html",
        {"error": error, "at": timezone.localtime()},
        status=status,
    )


@login_required
@require_POST
def score_submit(request, pk: int):
    evaluation = _visible(Evaluation, request, pk)
    return _call(
        request,
        reverse("acquisition:score", args=[pk]),
        lambda: actions.submit_sheet(actor=request.user, evaluation=evaluation),
        "평가표를 제출했습니다. 제출한 뒤에는 고칠 수 없습니다.",
    )


@login_required
def evaluation_export(request, pk: int, fmt: str):
    evaluation = _visible(Evaluation, request, pk)
    if not evaluation.is_locked:
        raise Forbidden(E.RESULT_NOT_LOCKED)
    if fmt == "xlsx":
        return xlsx_response(documents.result_xlsx(evaluation), f"{evaluation.project.code}-평가결과.xlsx")
    if fmt == "pdf":
        return _file(documents.result_pdf(evaluation), "application/pdf", f"{evaluation.project.code}-평가결과.pdf")
    raise Http404


# --- the draw (a15.3) -----------------------------------------------------------------------------------------------
def draw_context(draw: EvaluatorDraw, request) -> dict:
    user = request.user
    conductor = evaluation_actions.is_conductor(user, draw.evaluation)
    representative = draw_actions.is_representative(user, draw)
    record = draw_actions.published_record(draw)
    position = draw_actions.next_position(draw) if draw.state == DrawState.REVEALED else None
    return {
        "conductor": conductor,
        "representative": representative,
        "record": record,
        "exclusions": draw.exclusions.select_related("expert").order_by("expert__code"),
        "eligible_now": draw_actions.eligible_codes(draw) if draw.state == DrawState.PREPARING else [],
        "witnesses": draw.witnesses.order_by("seq"),
        "contacts": {c.position: c for c in draw.contacts.select_related("expert")},
        "order": list(enumerate(draw.order, start=1)),
        "names": dict(Expert.objects.filter(code__in=draw.order).values_list("code", "name")) if conductor else {},
        "next_position": position,
        "next_code": draw.order[position - 1] if position else "",
        "exhausted": draw.state == DrawState.REVEALED and position is None and draw.accepted_count < draw.needed,
        "exclusion_form": forms.ExclusionForm(),
        "witness_form": forms.WitnessForm(),
        "contact_form": forms.ContactForm(),
        "problems": draw_actions.verify(draw) if draw.revealed_at else [],
        "can_witness": draw.state == DrawState.COMMITTED
        and (conductor or (representative and not draw.witnesses.filter(user=user).exists())),
    }


def _draw_post(request, pk: int, call, success: str):
    draw = _visible(EvaluatorDraw, request, pk)
    try:
        call(draw)
    except ValidationError as error:
        return answer(request, draw.get_absolute_url(), error=" ".join(error.messages))
    return answer(request, draw.get_absolute_url(), success=success)


@login_required
@require_POST
def draw_exclude(request, pk: int):
    form = forms.ExclusionForm(request.POST)

    def exclude(draw):
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        data = form.cleaned_data
        actions.exclude_expert(
            actor=request.user, draw=draw, expert=data["expert"], reason=data["reason"], detail=data["detail"]
        )

    return _draw_post(request, pk, exclude, "명부에서 제외했습니다.")


@login_required
@require_POST
def draw_readmit(request, pk: int, expert_id: int):
    def readmit(draw):
        expert = Expert.objects.filter(pk=expert_id).first()
        if expert is None:
            raise Http404
        actions.readmit_expert(actor=request.user, draw=draw, expert=expert)

    return _draw_post(request, pk, readmit, "제외를 취소했습니다.")


@login_required
@require_POST
def draw_commit(request, pk: int):
    return _draw_post(
        request,
        pk,
        lambda draw: actions.commit_draw(actor=request.user, draw=draw),
        "명부를 확정하고 봉인했습니다. 참관인이 수를 입력한 뒤 추출합니다.",
    )


@login_required
@require_POST
def draw_witness(request, pk: int):
    form = forms.WitnessForm(request.POST)

    def enter(draw):
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        data = form.cleaned_data
        actions.enter_witness(
            actor=request.user, draw=draw, number=data["number"], name=data["name"], affiliation=data["affiliation"]
        )

    return _draw_post(request, pk, enter, "참관인 입력값을 기록했습니다.")


@login_required
@require_POST
def draw_reveal(request, pk: int):
    return _draw_post(
        request,
        pk,
        lambda draw: actions.perform_draw(actor=request.user, draw=draw),
        "추출했습니다: 비밀값을 공개하고 교섭 순서를 정했습니다.",
    )


@login_required
@require_POST
def draw_contact(request, pk: int):
    form = forms.ContactForm(request.POST)

    def contact(draw):
        if not form.is_valid():
            raise ValidationError(form_errors(form))
        expert = Expert.objects.filter(code=request.POST.get("code", "")).first()
        actions.record_contact(
            actor=request.user,
            draw=draw,
            outcome=form.cleaned_data["outcome"],
            expert=expert,
            note=form.cleaned_data["note"],
        )

    return _draw_post(request, pk, contact, "교섭 결과를 기록했습니다.")


@login_required
def draw_export(request, pk: int, fmt: str):
    draw = _visible(EvaluatorDraw, request, pk)
    record = draw_actions.published_record(draw)
    if fmt == "json":
        return _file(documents.draw_json(record), "application/json", f"draw-{draw.pk}.json")
    if fmt == "pdf":
        return _file(documents.draw_pdf(draw, record), "application/pdf", f"draw-{draw.pk}.pdf")
    raise Http404
