"""The workflows of Chapter 4: 사전협의, 보안성 검토, 과업심의, 제안요청서, 발주 의뢰, 평가위원 추출, 제안서 평가.

Each guard cites its clause; the engine is the only writer of every state here (ADR 0015).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from itms.accounts.directory import holders
from itms.accounts.roles import Role
from itms.core.errors import Refused
from itms.core.formats import format_date
from itms.notifications.actions import notify
from itms.regulation import legal_calendar
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import param
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from .actions import common, deliberation, draws, evaluation, ordering, security
from .actions.consultation import add_results
from .actions.rfp import self_check_complete
from .choices import (
    ConsultationState,
    DeliberationState,
    DrawState,
    EvaluationState,
    FormationException,
    OrderingState,
    RfpState,
    SecurityReviewState,
)
from .consultation import assess
from .error_codes import AcquisitionErrors as E
from .models import Evaluation, EvaluatorDraw, OrderingRequest, PreConsultation, Rfp, SecurityReview, TaskDeliberation

SPONSOR = "사업추진부서"
CONDUCTOR = "평가를 맡은 정보화부서"
REVIEWER = "정보기획담당관(소속·산하기관 사업은 그 기관의 정보화부서장)"
TEXT = {"widget": forms.Textarea(attrs={"rows": 3})}
DATE = {"widget": forms.DateInput(attrs={"type": "date"})}


def _sponsor(user, record) -> bool:
    return common.is_sponsor(user, record.project)


def _stamp(*fields: str, actor_field: str = ""):
    def effect(record, ctx):
        for field in fields:
            setattr(record, field, timezone.now())
        names = list(fields)
        if actor_field:
            setattr(record, actor_field, ctx["actor"])
            names.append(actor_field)
        record.save(update_fields=[*names, "updated_at"])

    return effect


def _save(**mapping: str):
    """Keeps what the actor entered in the step's form: record field ← form field."""

    def effect(record, ctx):
        for field, key in mapping.items():
            setattr(record, field, ctx["data"].get(key))
        record.save(update_fields=[*mapping, "updated_at"])

    return effect


def _tell(role: Role, *, unit=None, title, body: str = ""):
    """Notify the holders of a role (of a unit) about the record."""

    def effect(record, ctx):
        target_unit = unit(record) if callable(unit) else unit
        for holder in holders(role, target_unit):
            notify(recipient=holder.user, title=title(record), url=record.get_absolute_url(), body=body)

    return effect


def _sponsor_head(record):
    return record.project.sponsor_unit


# --- 사전협의 (a11) ------------------------------------------------------------------------------------------------
class ApplyForm(forms.Form):
    applied_on = forms.DateField(label="신청일", initial=timezone.localdate, **DATE)


class ReplyForm(forms.Form):
    reply_on = forms.DateField(label="회신일", **DATE)
    summary = forms.CharField(label="협의 결과 요지", **TEXT)
    results = forms.CharField(label="반영할 협의 결과 (한 줄에 하나)", required=False, **TEXT)


class ObjectionForm(forms.Form):
    objection_on = forms.DateField(label="이의 제기일", **DATE)
    objection = forms.CharField(label="이의 내용", **TEXT)


class AnswerForm(forms.Form):
    answer_on = forms.DateField(label="이의 회신일", **DATE)
    summary = forms.CharField(label="이의 회신 요지", **TEXT)
    results = forms.CharField(label="추가·변경된 협의 결과 (한 줄에 하나)", required=False, **TEXT)


def _applies(record, ctx) -> bool:
    return assess(record).applies


def _keep_assessment(record, ctx) -> None:
    record.assessment = assess(record).text()
    record.save(update_fields=["assessment", "updated_at"])


def _applied(record, ctx) -> None:
    record.applied_on, record.applied_by = ctx["data"]["applied_on"], ctx["actor"]
    record.save(update_fields=["applied_on", "applied_by", "updated_at"])
    open_obligation(
        kind="pre_consultation_reply",
        subject=record,
        start=record.applied_on,
        owed_to_unit=record.project.sponsor_unit,
        actor=ctx["actor"],
        title=f"사전협의 결과 회신 (행정안전부): {record.project}",
    )


def _replied(record, ctx) -> None:
    data = ctx["data"]
    record.reply_on, record.reply_summary = data["reply_on"], data["summary"]
    record.save(update_fields=["reply_on", "reply_summary", "updated_at"])
    add_results(record, data.get("results") or "")
    meet_obligation(kind="pre_consultation_reply", subject=record, actor=ctx["actor"], at=_at(record.reply_on))
    open_obligation(
        kind="pre_consultation_objection",
        subject=record,
        start=record.reply_on,
        owed_by_unit=record.project.sponsor_unit,
        actor=ctx["actor"],
        title=f"사전협의 결과 이의 제기 기한: {record.project}",
    )


def _at(day):
    import datetime as dt

    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))


def _objection_open(record, ctx) -> bool:
    from itms.regulation.models import Obligation

    window = Obligation.objects.open().filter(kind="pre_consultation_objection", subject_id=record.pk).first()
    return window is not None and timezone.localdate() <= window.due_date


def _objected(record, ctx) -> None:
    data = ctx["data"]
    record.objection_on, record.objection = data["objection_on"], data["objection"]
    record.save(update_fields=["objection_on", "objection", "updated_at"])
    meet_obligation(kind="pre_consultation_objection", subject=record, actor=ctx["actor"], note="이의 제기")
    open_obligation(
        kind="pre_consultation_answer",
        subject=record,
        start=record.objection_on,
        owed_to_unit=record.project.sponsor_unit,
        actor=ctx["actor"],
        title=f"사전협의 이의 회신 (행정안전부): {record.project}",
    )


def _answered(record, ctx) -> None:
    data = ctx["data"]
    record.answer_on, record.answer_summary = data["answer_on"], data["summary"]
    record.save(update_fields=["answer_on", "answer_summary", "updated_at"])
    add_results(record, data.get("results") or "")
    meet_obligation(kind="pre_consultation_answer", subject=record, actor=ctx["actor"], at=_at(record.answer_on))


def _all_results_reflected(record, ctx) -> bool:
    return not record.results.filter(reflected_at__isnull=True).exists()


def _consultation_reflected(record, ctx) -> None:
    record.reflected_at = timezone.now()
    record.save(update_fields=["reflected_at", "updated_at"])
    meet_obligation(kind="pre_consultation_objection", subject=record, actor=ctx["actor"], note="이의 없이 결과 반영")


C = ConsultationState
IT_PLANNING = (Role.IT_PLANNING_OFFICER,)
PreConsultation.workflow = Workflow(
    states=dict(ConsultationState.choices),
    transitions=[
        Transition(
            "conclude_not_required",
            "대상 아님으로 종결",
            source=(C.DRAFT,),
            target=C.NOT_REQUIRED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(
                Guard(
                    "a11.1",
                    "판정 근거상 사전협의 대상입니다. 종결하지 말고 정보기획담당관에게 신청하십시오.",
                    lambda r, ctx: not _applies(r, ctx),
                ),
            ),
            effects=(_keep_assessment,),
            clause_ids=("a11.1",),
            button="outline-secondary",
        ),
        Transition(
            "apply",
            "사전협의 신청",
            source=(C.DRAFT,),
            target=C.APPLIED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(Guard("a11.2", "판정 근거상 사전협의 대상이 아닙니다: '대상 아님으로 종결'하십시오.", _applies),),
            form=ApplyForm,
            effects=(
                _keep_assessment,
                _applied,
                _tell(
                    Role.IT_PLANNING_OFFICER,
                    title=lambda r: f"사전협의 신청: {r.project}",
                    body="사업추진부서가 사전협의를 신청했습니다. 「전자정부 성과관리 지침」에 따라 행정안전부와 협의하십시오 (제11조제2항).",
                ),
            ),
            clause_ids=("a11.1", "a11.2"),
        ),
        Transition(
            "record_reply",
            "협의 결과 회신 기록",
            source=(C.APPLIED,),
            target=C.REPLIED,
            roles=IT_PLANNING,
            form=ReplyForm,
            effects=(
                _replied,
                _tell(Role.DEPARTMENT_HEAD, unit=_sponsor_head, title=lambda r: f"사전협의 결과 회신: {r.project}"),
            ),
            clause_ids=("a11.2",),
        ),
        Transition(
            "object",
            "이의 제기",
            source=(C.REPLIED,),
            target=C.OBJECTED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(Guard("a11.2", "이의 제기 기간(협의 결과를 통보받은 날부터 15일)이 지났습니다.", _objection_open),),
            form=ObjectionForm,
            effects=(_objected,),
            clause_ids=("a11.2",),
            button="outline-warning",
        ),
        Transition(
            "record_answer",
            "이의 회신 기록",
            source=(C.OBJECTED,),
            target=C.ANSWERED,
            roles=IT_PLANNING,
            form=AnswerForm,
            effects=(_answered,),
            clause_ids=("a11.2",),
        ),
        Transition(
            "reflect",
            "협의 결과 반영 완료",
            source=(C.REPLIED, C.ANSWERED),
            target=C.REFLECTED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(Guard("a11.2", "협의 결과마다 어떻게 반영했는지 적어야 합니다.", _all_results_reflected),),
            effects=(_consultation_reflected,),
            clause_ids=("a11.1", "a11.2"),
        ),
    ],
)


# --- 보안성 검토 (a12) ---------------------------------------------------------------------------------------------
class SecurityResultForm(forms.Form):
    result_summary = forms.CharField(label="검토 결과 요지", **TEXT)
    nis_consulted_on = forms.DateField(label="국가정보원 협의일", **DATE)
    nis_summary = forms.CharField(label="국가정보원 협의 내용", **TEXT)


class VerifyForm(forms.Form):
    note = forms.CharField(label="확인·점검 의견", **TEXT)


def _security_requested(review, ctx) -> None:
    review.requested_at, review.requested_by = timezone.now(), ctx["actor"]
    review.save(update_fields=["requested_at", "requested_by", "updated_at"])
    open_obligation(
        kind="security_review_result",
        subject=review,
        start=timezone.localdate(),
        owed_to_unit=review.project.sponsor_unit,
        actor=ctx["actor"],
        title=f"보안성 검토 결과 통보: {review.project}",
    )


def _security_notified(review, ctx) -> None:
    data = ctx["data"]
    review.result_summary, review.nis_consulted_on, review.nis_summary = (
        data["result_summary"],
        data["nis_consulted_on"],
        data["nis_summary"],
    )
    review.notified_at, review.reviewed_by = timezone.now(), ctx["actor"]
    review.save(
        update_fields=["result_summary", "nis_consulted_on", "nis_summary", "notified_at", "reviewed_by", "updated_at"]
    )
    meet_obligation(kind="security_review_result", subject=review, actor=ctx["actor"])


def _all_findings_reflected(review, ctx) -> bool:
    return not review.findings.filter(reflected_at__isnull=True).exists()


def _security_verified(review, ctx) -> None:
    review.verified_at, review.verified_by, review.verification_note = timezone.now(), ctx["actor"], ctx["data"]["note"]
    review.save(update_fields=["verified_at", "verified_by", "verification_note", "updated_at"])


SR = SecurityReviewState
SECURITY = (Role.SECURITY_OFFICER,)
SecurityReview.workflow = Workflow(
    states=dict(SecurityReviewState.choices),
    transitions=[
        Transition(
            "request",
            "보안성 검토 신청",
            source=(SR.DRAFT,),
            target=SR.REQUESTED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(
                Guard(
                    "a12.1",
                    "보안성 검토를 받을 제안요청서(안)을 붙여야 신청할 수 있습니다.",
                    lambda review, ctx: review.rfp_id is not None,
                ),
            ),
            effects=(
                _security_requested,
                _tell(
                    Role.SECURITY_OFFICER,
                    title=lambda r: f"보안성 검토 신청: {r.project}",
                    body="제안요청서(안)의 보안성 검토 신청이 들어왔습니다 (제12조제1항).",
                ),
            ),
            clause_ids=("a12.1",),
        ),
        Transition(
            "notify_result",
            "검토 결과 통보",
            source=(SR.REQUESTED,),
            target=SR.NOTIFIED,
            roles=SECURITY,
            form=SecurityResultForm,
            effects=(
                _security_notified,
                _tell(Role.DEPARTMENT_HEAD, unit=_sponsor_head, title=lambda r: f"보안성 검토 결과 통보: {r.project}"),
            ),
            clause_ids=("a12.2",),
        ),
        Transition(
            "verify",
            "반영 여부 확인·점검",
            source=(SR.NOTIFIED,),
            target=SR.VERIFIED,
            roles=SECURITY,
            guards=(
                Guard("a12.3", "사업추진부서가 모든 검토 의견의 반영 내용을 적어야 합니다.", _all_findings_reflected),
            ),
            form=VerifyForm,
            effects=(_security_verified,),
            clause_ids=("a12.3", "a12.4"),
        ),
    ],
)


# --- 과업심의 (a13) ------------------------------------------------------------------------------------------------
def _sponsor_or_contractor(user, record) -> bool:
    if record.requested_by_contractor:
        return deliberation.is_contractor(user, record.project) or common.is_sponsor(user, record.project)
    return common.is_sponsor(user, record.project)


def _routed(record, ctx) -> bool:
    return deliberation.route(record.project, record.kind) is not None


def _composition_ok(record, ctx) -> bool:
    body = deliberation.route(record.project, record.kind)
    return body is None or not deliberation.composition_problems(body)


def _deliberation_requested(record, ctx) -> None:
    record.body = deliberation.route(record.project, record.kind)
    record.scope_fingerprint = record.rfp.fingerprint() if record.rfp_id else ""
    record.requested_at, record.requested_by = timezone.now(), ctx["actor"]
    record.save(update_fields=["body", "scope_fingerprint", "requested_at", "requested_by", "updated_at"])
    if record.requested_by_contractor:
        open_obligation(
            kind="contractor_deliberation_answer",
            subject=record,
            start=timezone.localdate(),
            owed_by_unit=record.project.sponsor_unit,
            actor=ctx["actor"],
            title=f"계약상대자 과업심의 요청 결과 통보: {record.project}",
        )
    from itms.governance.seats import secretary_of

    secretary = secretary_of(record.body)
    if secretary is not None:
        notify(
            recipient=secretary,
            title=f"과업심의 요청: {record}",
            url=record.get_absolute_url(),
            body=f"{record.body}에 심의 요청이 들어왔습니다. 회의에 안건으로 올리십시오 (제13조제3항).",
        )


class ScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(label="상정할 과업심의위원회 회의", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.governance.choices import BodyKind, MeetingState
        from itms.governance.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__kind=BodyKind.TASK_DELIBERATION, state__in=(MeetingState.CONVENED, MeetingState.DISTRIBUTED)
        ).select_related("body")


def _secretariat(user, record) -> bool:
    from itms.governance.seats import is_secretariat

    return record.body_id is not None and is_secretariat(user, record.body)


def _place_on_agenda(record, ctx) -> None:
    from itms.governance.actions import add_agenda_item

    meeting = ctx["data"]["meeting"]
    if meeting.body_id != record.body_id:
        raise Refused(E.SCOPE_FIELDS, field="meeting")
    item = add_agenda_item(
        actor=ctx["actor"],
        meeting=meeting,
        kind=record.kind,
        title=str(record),
        description=record.content,
        subject=record,
        proposing_unit=record.project.sponsor_unit,
    )
    record.agenda_item = item
    record.save(update_fields=["agenda_item", "updated_at"])


def _decided(record, ctx) -> None:
    resolution = ctx["data"]["resolution"]
    record.decided_at = timezone.now()
    record.decision = f"{resolution.get_outcome_display()}: {resolution.remarks or resolution.explanation}"[:2000]
    record.save(update_fields=["decided_at", "decision", "updated_at"])


class ReflectForm(forms.Form):
    reflection = forms.CharField(label="심의 결과를 제안요청서에 반영한 내용", **TEXT)


def _reflected(record, ctx) -> None:
    rfp = record.rfp or record.project.rfps.order_by("-created_at").first()
    record.reflection = ctx["data"]["reflection"]
    record.reflected_fingerprint = rfp.fingerprint() if rfp else ""
    record.reflected_at = timezone.now()
    record.save(update_fields=["reflection", "reflected_fingerprint", "reflected_at", "updated_at"])


def _has_rfp(record, ctx) -> bool:
    return record.rfp_id is not None or record.project.rfps.exists()


class AnswerContractorForm(forms.Form):
    answer = forms.CharField(label="심의 결과와 조치계획", **TEXT)


def _contractor_answered(record, ctx) -> None:
    record.answer, record.answered_at = ctx["data"]["answer"], timezone.now()
    record.save(update_fields=["answer", "answered_at", "updated_at"])
    meet_obligation(kind="contractor_deliberation_answer", subject=record, actor=ctx["actor"])
    from itms.projects.models import ProjectParticipant

    for participant in ProjectParticipant.objects.active_on().filter(
        project=record.project, user__company_id=record.contractor_company_id
    ):
        notify(
            recipient=participant.user,
            title=f"과업심의 요청 결과 통보: {record.project}",
            url=record.get_absolute_url(),
        )


D = DeliberationState
VIA_COMMITTEE = "과업심의위원회 의결"
TaskDeliberation.workflow = Workflow(
    states=dict(DeliberationState.choices),
    transitions=[
        Transition(
            "request",
            "과업심의 요청",
            source=(D.DRAFT,),
            target=D.REQUESTED,
            may=_sponsor_or_contractor,
            actor_label="사업추진부서(계약상대자의 요청은 그 업체)",
            guards=(
                Guard(
                    "a13.2",
                    "이 사업과 심의 구분을 맡는 과업심의위원회가 없습니다. 지능정보화책임관이 위원회와 심의 대상을 정해야 합니다.",
                    _routed,
                ),
                Guard(
                    "a13.1",
                    "과업심의위원회의 구성이 소프트웨어 진흥법 시행령의 기준(위원 수, 외부 위원 과반수, 호선한 위원장)에 "
                    "맞지 않습니다. 위원회 화면의 경고를 확인하십시오.",
                    _composition_ok,
                ),
                Guard(
                    "a13.3",
                    "과업내용 확정 심의에는 심의할 제안요청서(안)이 있어야 합니다.",
                    lambda r, ctx: r.kind != "task_scope" or r.rfp_id is not None,
                ),
            ),
            effects=(_deliberation_requested,),
            clause_ids=("a13.1", "a13.2", "a13.3"),
        ),
        Transition(
            "schedule",
            "위원회 안건 상정",
            source=(D.REQUESTED,),
            target=D.ON_AGENDA,
            may=_secretariat,
            actor_label="과업심의위원회 간사·위원장",
            form=ScheduleForm,
            effects=(_place_on_agenda,),
            clause_ids=("a13.3",),
        ),
        Transition(
            "decide_passed",
            "위원회 의결 반영(가결)",
            source=(D.ON_AGENDA,),
            target=D.DECIDED,
            internal=True,
            via=VIA_COMMITTEE,
            effects=(_decided,),
            clause_ids=("a13.3",),
        ),
        Transition(
            "decide_rejected",
            "위원회 의결 반영(부결)",
            source=(D.ON_AGENDA,),
            target=D.REJECTED,
            internal=True,
            via=VIA_COMMITTEE,
            effects=(_decided,),
            clause_ids=("a13.3",),
        ),
        Transition(
            "reflect",
            "심의 결과 제안요청서 반영",
            source=(D.DECIDED,),
            target=D.REFLECTED,
            may=_sponsor,
            actor_label=SPONSOR,
            when=lambda r: not r.requested_by_contractor,
            guards=(Guard("a13.4", "심의 결과를 반영할 제안요청서가 있어야 합니다.", _has_rfp),),
            form=ReflectForm,
            effects=(_reflected,),
            clause_ids=("a13.4",),
        ),
        Transition(
            "answer",
            "계약상대자에 결과·조치계획 통보",
            source=(D.REQUESTED, D.ON_AGENDA, D.DECIDED, D.REJECTED),
            target=D.ANSWERED,
            may=_sponsor,
            actor_label=SPONSOR,
            when=lambda r: r.requested_by_contractor,
            form=AnswerContractorForm,
            effects=(_contractor_answered,),
            clause_ids=("a13.3",),
        ),
    ],
)


# --- 제안요청서 (a14.1): ordered by its ordering request only --------------------------------------------------------
def _rfp_ordered(rfp, ctx) -> None:
    rfp.ordered_at = timezone.now()
    rfp.save(update_fields=["ordered_at", "updated_at"])


Rfp.workflow = Workflow(
    states=dict(RfpState.choices),
    transitions=[
        Transition(
            "order",
            "발주",
            source=(RfpState.DRAFT,),
            target=RfpState.ORDERED,
            internal=True,
            via="발주 의뢰의 '발주'",
            effects=(_rfp_ordered,),
            clause_ids=("a14.1",),
        ),
    ],
)


# --- 발주 의뢰 (a14.1, a14.2) ----------------------------------------------------------------------------------------
def _consultation_concluded(request, ctx) -> bool:
    record = PreConsultation.objects.filter(project=request.project).first()
    return record is not None and record.state in (C.NOT_REQUIRED, C.REFLECTED)


def _security_result(request, ctx) -> bool:
    return request.project.security_reviews.filter(state__in=(SR.NOTIFIED, SR.VERIFIED)).exists()


def _security_reflected(request, ctx) -> bool:
    return security.security_cleared(request.project)[0] or not _security_result(request, ctx)


def _deliberation_reflected(request, ctx) -> bool:
    return TaskDeliberation.objects.filter(project=request.project, state=D.REFLECTED).exists()


def _scope_unchanged(request, ctx) -> bool:
    return deliberation.deliberated(request.rfp)[0] or not _deliberation_reflected(request, ctx)


def _registered_template(request, ctx) -> bool:
    return request.rfp.template.is_published


def _self_checked(request, ctx) -> bool:
    return self_check_complete(request.rfp)[0]


def _ordering_requested(request, ctx) -> None:
    request.requested_at, request.requested_by = timezone.now(), ctx["actor"]
    request.save(update_fields=["requested_at", "requested_by", "updated_at"])
    if request.self_ordered:
        unit = request.project.organization.units.filter(is_it_department=True).first()
        owed = {"owed_by_unit": unit, "owed_by_role": Role.IT_DEPARTMENT_HEAD} if unit else {}
    else:
        owed = {"owed_by_role": Role.IT_PLANNING_OFFICER}
    if owed:
        open_obligation(
            kind="ordering_review",
            subject=request,
            start=timezone.localdate(),
            owed_to_unit=request.project.sponsor_unit,
            actor=ctx["actor"],
            title=f"발주요건 검토: {request.project}",
            **owed,
        )
    if not request.self_ordered:
        for holder in holders(Role.IT_PLANNING_OFFICER):
            notify(recipient=holder.user, title=f"발주 의뢰: {request.project}", url=request.get_absolute_url())


def _may_review(user, request) -> bool:
    return ordering.may_review(user, request)


def _checks_done(request, ctx) -> bool:
    return ordering.checks_done(request)[0]


def _reviewed(request, ctx) -> None:
    request.reviewed_at, request.reviewed_by = timezone.now(), ctx["actor"]
    request.save(update_fields=["reviewed_at", "reviewed_by", "updated_at"])
    meet_obligation(kind="ordering_review", subject=request, actor=ctx["actor"])


class ReturnForm(forms.Form):
    reason = forms.CharField(label="보완 요청 사유", **TEXT)


def _returned(request, ctx) -> None:
    request.return_reason = ctx["data"]["reason"]
    request.save(update_fields=["return_reason", "updated_at"])
    meet_obligation(kind="ordering_review", subject=request, actor=ctx["actor"], note="보완 요청")


def _revised(request, ctx) -> None:
    request.checks.update(result="", note="", checked_by=None, checked_at=None)


class OrderForm(forms.Form):
    notice_number = forms.CharField(label="입찰공고번호", max_length=50)
    notice_on = forms.DateField(label="입찰공고일", **DATE)
    proposal_due_on = forms.DateField(label="제안서 제출 마감일", **DATE)


def _ordered(request, ctx) -> None:
    data = ctx["data"]
    days = int(param("tender_notice_short_days" if request.urgent else "tender_notice_days").value)
    latest = legal_calendar.backward(data["proposal_due_on"], days, strict=True).date
    if data["notice_on"] > latest:
        raise Refused(
            E.TENDER_NOTICE,
            field="notice_on",
            days=days,
            due=format_date(data["proposal_due_on"]),
            latest=format_date(latest),
        )
    request.notice_number, request.notice_on, request.proposal_due_on = (
        data["notice_number"],
        data["notice_on"],
        data["proposal_due_on"],
    )
    request.ordered_at = timezone.now()
    request.save(update_fields=["notice_number", "notice_on", "proposal_due_on", "ordered_at", "updated_at"])
    # The request handed back carries its RFP as ordered (the transition saves a fresh row, not request.rfp).
    request.rfp = Rfp.workflow.execute(request.rfp, "order", actor=ctx["actor"], internal=True)


OS = OrderingState
OrderingRequest.workflow = Workflow(
    states=dict(OrderingState.choices),
    transitions=[
        Transition(
            "request",
            "발주 의뢰",
            source=(OS.DRAFT,),
            target=OS.REQUESTED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(
                Guard(
                    "a11.1",
                    "사전협의 대상 여부를 판정하고, 대상이면 협의 결과를 반영해야 발주를 의뢰할 수 있습니다.",
                    _consultation_concluded,
                ),
                Guard("a12.1", "보안성 검토 결과가 통보되어야 발주를 의뢰할 수 있습니다.", _security_result),
                Guard(
                    "a12.3",
                    "보안성 검토 의견을 모두 반영하고 반영 내용을 적어야 발주를 의뢰할 수 있습니다.",
                    _security_reflected,
                ),
                Guard(
                    "a13.3",
                    "발주 전에 과업심의위원회의 심의·의결을 거쳐 그 결과를 반영해야 합니다.",
                    _deliberation_reflected,
                ),
                Guard(
                    "a13.4",
                    "심의 결과를 반영한 뒤 과업내용·사업기간·금액이 바뀌었습니다. 변경된 과업내용을 다시 심의받으십시오.",
                    _scope_unchanged,
                ),
                Guard(
                    "a14.1", "정보화관리시스템에 등재된 양식으로 작성한 제안요청서여야 합니다.", _registered_template
                ),
                Guard("a14.1", "SW 법령 자가점검을 마치고 미준수 항목이 없어야 합니다.", _self_checked),
            ),
            effects=(_ordering_requested,),
            clause_ids=("a14.1",),
        ),
        Transition(
            "review",
            "발주요건 검토 완료",
            source=(OS.REQUESTED,),
            target=OS.REVIEWED,
            may=_may_review,
            actor_label=REVIEWER,
            guards=(Guard("a14.2", "모든 발주요건을 검토하고 부적합한 요건이 없어야 합니다.", _checks_done),),
            effects=(_reviewed,),
            clause_ids=("a14.2",),
        ),
        Transition(
            "return_request",
            "보완 요청",
            source=(OS.REQUESTED, OS.REVIEWED),
            target=OS.RETURNED,
            may=_may_review,
            actor_label=REVIEWER,
            form=ReturnForm,
            effects=(_returned,),
            clause_ids=("a14.2",),
            button="outline-warning",
        ),
        Transition(
            "revise",
            "보완하여 다시 작성",
            source=(OS.RETURNED,),
            target=OS.DRAFT,
            may=_sponsor,
            actor_label=SPONSOR,
            effects=(_revised,),
            clause_ids=("a14.1",),
            button="outline-secondary",
        ),
        Transition(
            "order",
            "발주 (입찰공고)",
            source=(OS.REVIEWED,),
            target=OS.ORDERED,
            may=_may_review,
            actor_label=REVIEWER,
            form=OrderForm,
            effects=(_ordered,),
            clause_ids=("a14.1", "a14.4"),
        ),
    ],
)


# --- 평가위원 추출 (a15.3) -------------------------------------------------------------------------------------------
def _conductor(user, record) -> bool:
    target = record.evaluation if isinstance(record, EvaluatorDraw) else record
    return evaluation.is_conductor(user, target)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="사유", max_length=300)


DS = DrawState
EvaluatorDraw.workflow = Workflow(
    states=dict(DrawState.choices),
    transitions=[
        Transition(
            "commit",
            "명부 확정·봉인",
            source=(DS.PREPARING,),
            target=DS.COMMITTED,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard(
                    "a15.3",
                    "제외하고 남은 전문가가 선정할 외부 평가위원 수보다 많아야 합니다 (평가위원 수와 내부 위원을 확인).",
                    draws.enough_eligible,
                ),
            ),
            effects=(draws.commit,),
            clause_ids=("a15.3",),
        ),
        Transition(
            "reveal",
            "무작위 추출 (비밀값 공개)",
            source=(DS.COMMITTED,),
            target=DS.REVEALED,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard("a15.3", "참관인이 봉인 뒤에 입력한 수가 있어야 추출할 수 있습니다.", draws.enough_witnesses),
            ),
            effects=(draws.reveal,),
            clause_ids=("a15.3",),
        ),
        Transition(
            "complete",
            "선정 완료",
            source=(DS.REVEALED,),
            target=DS.COMPLETED,
            internal=True,
            via="필요한 수의 수락",
            effects=(_stamp("completed_at"),),
            clause_ids=("a15.3",),
        ),
        Transition(
            "abandon",
            "추출 무효",
            source=(DS.PREPARING, DS.COMMITTED, DS.REVEALED),
            target=DS.FAILED,
            may=_conductor,
            actor_label=CONDUCTOR,
            form=ReasonForm,
            effects=(draws.voided,),
            clause_ids=("a15.3",),
            button="outline-danger",
        ),
        Transition(
            "fail",
            "추출 무효 (정족수 미달 연기)",
            source=(DS.COMPLETED, DS.REVEALED, DS.COMMITTED, DS.PREPARING),
            target=DS.FAILED,
            internal=True,
            via="평가위원회 연기 (제15조제5항)",
            effects=(draws.voided,),
            clause_ids=("a15.5",),
        ),
    ],
)


# --- 제안서 평가 (a15, a16) --------------------------------------------------------------------------------------------
class DelegationForm(forms.Form):
    delegated_on = forms.DateField(label="조달청 위임일", **DATE)
    reference = forms.CharField(label="위임 문서번호", max_length=100)
    note = forms.CharField(label="위임 내용", required=False, **TEXT)


class FormationForm(forms.Form):
    exception = forms.ChoiceField(
        label="5일 전까지 구성하지 못한 사유 (늦은 경우)",
        choices=[("", "—"), *FormationException.choices],
        required=False,
    )
    exception_detail = forms.CharField(label="사유 내용", max_length=300, required=False)


class PostponeForm(forms.Form):
    evaluation_at = forms.DateTimeField(
        label="연기한 평가 일시", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def clean_evaluation_at(self):
        value = self.cleaned_data["evaluation_at"]
        if value <= timezone.now():
            raise forms.ValidationError(E.POSTPONE_DATE.message)
        return value


class NoticeForm(forms.Form):
    reference = forms.CharField(label="조달청 통보 문서번호", max_length=100)


EV = EvaluationState
OVERRIDERS = (Role.IT_DEPARTMENT_HEAD, Role.IT_PLANNING_OFFICER)
Evaluation.workflow = Workflow(
    states=dict(EvaluationState.choices),
    transitions=[
        Transition(
            "delegate",
            "조달청에 평가 위임",
            source=(EV.DRAFT,),
            target=EV.DELEGATED,
            may=_conductor,
            actor_label=CONDUCTOR,
            form=DelegationForm,
            effects=(evaluation.delegate,),
            clause_ids=("a15.1",),
            button="outline-secondary",
        ),
        Transition(
            "start_selection",
            "평가위원 선정 시작",
            source=(EV.DRAFT,),
            target=EV.SELECTING,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard("a15.2", "사업규모별 평가위원 수를 정해야 합니다.", evaluation.size_set),
                Guard(
                    "a15.9",
                    "평가 항목 배점의 합이 기술 배점 한도와 같고 정성 항목이 하나 이상 있어야 합니다.",
                    evaluation.items_add_up,
                ),
                Guard(
                    "a15.3",
                    "제안서(입찰 업체)를 먼저 등록해야 이해관계자를 명부에서 뺄 수 있습니다.",
                    evaluation.proposals_registered,
                ),
                Guard("a16", "적합성평가는 단독 응찰한 제안서 하나만 평가합니다.", evaluation.sole_bidder),
            ),
            effects=(evaluation.start_selection,),
            clause_ids=("a15.1", "a15.2", "a15.3"),
        ),
        Transition(
            "form_committee",
            "평가위원회 구성",
            source=(EV.SELECTING,),
            target=EV.FORMED,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard("a15.3", "외부 평가위원 추출·교섭을 마쳐야 합니다.", evaluation.draw_completed),
                Guard("a15.2", "평가위원이 정한 수만큼 있어야 합니다.", evaluation.size_met),
                Guard("a15.2", "평가위원 중에서 위원장을 한 명 선정해야 합니다.", evaluation.chair_chosen),
                Guard(
                    "a15.4",
                    "기술평가일부터 5일 전까지 구성해야 합니다. 사업의 긴급성·보안·특수성 사유가 있으면 그 사유를 적고 "
                    "예외로 구성하십시오.",
                    evaluation.lead_time_kept,
                    override_roles=OVERRIDERS,
                ),
            ),
            form=FormationForm,
            effects=(evaluation.form_committee,),
            clause_ids=("a15.2", "a15.4"),
        ),
        Transition(
            "begin",
            "평가 시작",
            source=(EV.FORMED,),
            target=EV.IN_SESSION,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard(
                    "a15.5",
                    "평가위원회가 개회(평가인원의 3분의 2 이상 출석)해야 평가를 시작할 수 있습니다.",
                    evaluation.in_session,
                ),
            ),
            clause_ids=("a15.5",),
        ),
        Transition(
            "postpone",
            "정족수 미달로 연기 (위원 새로 선정)",
            source=(EV.FORMED,),
            target=EV.SELECTING,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard(
                    "a15.5",
                    "출석을 기록한 결과 정족수(평가인원의 3분의 2 이상)에 미달할 때만 연기합니다.",
                    evaluation.quorum_failed,
                ),
            ),
            form=PostponeForm,
            effects=(evaluation.postpone,),
            clause_ids=("a15.5",),
            button="outline-warning",
        ),
        Transition(
            "lock",
            "평가결과 확정(잠금)",
            source=(EV.IN_SESSION,),
            target=EV.LOCKED,
            may=_conductor,
            actor_label=CONDUCTOR,
            guards=(
                Guard("a15.8", "출석한 평가위원이 모두 평가표를 제출해야 합니다.", evaluation.sheets_submitted),
                Guard(
                    "a15.9",
                    "모든 제안서의 정량 항목 점수를 근거와 함께 입력해야 합니다.",
                    evaluation.quantitative_complete,
                ),
                Guard(
                    "a16",
                    "적합성평가의 적합 여부를 평가위원회가 의결해야 합니다 (과반수 기준).",
                    evaluation.majority_decided,
                ),
            ),
            effects=(evaluation.lock,),
            clause_ids=("a15.8", "a15.9"),
        ),
        Transition(
            "notify_procurement",
            "평가결과 조달청 통보",
            source=(EV.LOCKED,),
            target=EV.NOTIFIED,
            may=_conductor,
            actor_label=CONDUCTOR,
            form=NoticeForm,
            effects=(evaluation.notify,),
            clause_ids=("a15.8",),
        ),
    ],
)

for model in (PreConsultation, SecurityReview, TaskDeliberation, Rfp, OrderingRequest, EvaluatorDraw, Evaluation):
    register_workflow(model)
