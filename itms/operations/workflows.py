"""The workflows of Chapter 6, each guard citing its clause: the maintenance request from the business user to the
IT department's queue or a new project (a25), the SLA signed when its weights sum to 100 (a26.2), a month's figures
reported to the vendor, disputed and confirmed (a26.2), and a diagnosis finding closed with its result (a26.1)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from itms.accounts.roles import Role
from itms.core.errors import Refused
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import param
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from .actions import common as who
from .actions.requests import add_to_queue, convert_to_project, remove_from_queue
from .choices import (
    FindingState,
    MonthState,
    Proposal,
    RequestState,
    SlaState,
)
from .error_codes import OperationsErrors as E
from .models import ArchitectureCheck, DiagnosisFinding, MaintenanceRequest, ServiceLevelAgreement, SlaMonth
from .reference import ARCHITECTURE_CHECKLIST

S = RequestState
REQUESTER = "요청 부서 직원"
DEPT_HEAD = "요청 부서의 장"
IT_HEAD = "시스템을 운영하는 정보화부서장"
IT_DEPT = "시스템을 운영하는 정보화부서"


# --- forms the steps ask for -------------------------------------------------------------------------------------
class OpinionForm(forms.Form):
    opinion = forms.CharField(label="검토 의견", widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(forms.Form):
    overlap_note = forms.CharField(label="기존 기능과의 중복성 검토", widget=forms.Textarea(attrs={"rows": 3}))
    change_scope = forms.CharField(label="시스템 변경 범위", widget=forms.Textarea(attrs={"rows": 3}))
    workload_days = forms.DecimalField(label="개발 업무량(인일)", min_value=0, max_digits=7, decimal_places=1)
    interlinked_functions = forms.IntegerField(label="상호 연계된 기능 수", min_value=0, initial=0)
    exceeds_scope = forms.BooleanField(label="유지관리 범위를 넘는 개발 업무량", required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="사유", widget=forms.Textarea(attrs={"rows": 3}))


class AdjustForm(forms.Form):
    proposal = forms.ChoiceField(label="조정 제안", choices=Proposal.choices)
    reason = forms.CharField(label="조정 내용·사유", widget=forms.Textarea(attrs={"rows": 3}))


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label="상정할 실무협의회·위원회 회의", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.governance.choices import BodyKind, MeetingState
        from itms.governance.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__kind__in=(BodyKind.COUNCIL, BodyKind.COMMITTEE),
            state__in=(MeetingState.CONVENED, MeetingState.DISTRIBUTED),
        ).select_related("body")


class DoneForm(forms.Form):
    completed_on = forms.DateField(label="완료일")


# --- 유지관리 요청 (a25) ------------------------------------------------------------------------------------------
def _in_requesting_unit(user, request) -> bool:
    return who.in_unit(user, request.requesting_unit)


def _head(user, request) -> bool:
    return who.heads(user, request.requesting_unit)


def _it_head(user, request) -> bool:
    return who.it_head(user, request.system.operating_unit_id)


def _it_member(user, request) -> bool:
    return who.it_member(user, request.system.operating_unit_id)


def _filled(*fields):
    return lambda r, ctx: all((getattr(r, f) or "").strip() for f in fields)


def _submitted(request, ctx) -> None:
    if request.requested_by_id is None:
        request.requested_by = ctx["actor"]
        request.save(update_fields=["requested_by", "updated_at"])
    who.notify_later(
        who.head_users(request.requesting_unit),
        f"유지관리 요청 검토: {request.title}",
        request.get_absolute_url(),
        "부서에서 요청한 정보시스템 유지관리사항을 검토한 후 정보화부서장에게 요청하십시오 (제25조제1항).",
        f"mreq-submitted-{request.pk}",
    )


def _forwarded(request, ctx) -> None:
    request.head_opinion = ctx["data"]["opinion"]
    request.forwarded_at = timezone.now()
    request.save(update_fields=["head_opinion", "forwarded_at", "updated_at"])
    obligation = open_obligation(
        kind="maintenance_review",
        subject=request,
        owed_by_unit=request.system.operating_unit,
        start=timezone.localdate(),
        actor=ctx["actor"],
    )
    who.notify_later(
        who.head_users(request.system.operating_unit, who.Role.IT_DEPARTMENT_HEAD),
        f"유지관리 요청 접수: {request.title}",
        request.get_absolute_url(),
        f"{request.requesting_unit}에서 요청했습니다. 중복성·변경 범위·업무량을 검토하여 "
        f"{obligation.due_date:%Y. %-m. %-d.}까지 결정하십시오 (제25조제2항).",
        f"mreq-forwarded-{request.pk}",
    )


def _returned(request, ctx) -> None:
    request.head_opinion = ctx["data"]["reason"]
    request.save(update_fields=["head_opinion", "updated_at"])


def _threshold(request) -> int:
    return int(param("interlinked_functions_threshold").value)


def _needs_architecture(request) -> bool:
    return request.interlinked_functions >= _threshold(request)


def _reviewed(request, ctx) -> None:
    data = ctx["data"]
    for field in ("overlap_note", "change_scope", "workload_days", "interlinked_functions", "exceeds_scope"):
        setattr(request, field, data[field])
    request.reviewed_at = timezone.now()
    request.reviewed_by = ctx["actor"]
    request.save()
    if _needs_architecture(request):
        for code, item in ARCHITECTURE_CHECKLIST:
            ArchitectureCheck.objects.get_or_create(request=request, code=code, defaults={"item": item})


def _architecture_done(request, ctx) -> bool:
    if not _needs_architecture(request):
        return True
    checks = list(request.architecture_checks.all())
    return len(checks) >= len(ARCHITECTURE_CHECKLIST) and all(c.conforms for c in checks)


def _deliverables_registered(request, ctx) -> bool:
    if not _needs_architecture(request):
        return True
    from django.contrib.contenttypes.models import ContentType

    from itms.documents.models import Document

    return Document.objects.filter(
        subject_type=ContentType.objects.get_for_model(request), subject_id=request.pk
    ).exists()


def _decided(request, ctx, reason: str = "") -> None:
    request.decided_at = timezone.now()
    if reason:
        request.decision_reason = reason
    request.save(update_fields=["decided_at", "decision_reason", "updated_at"])
    meet_obligation(kind="maintenance_review", subject=request, actor=ctx["actor"])
    users = [u for u in (request.requested_by,) if u is not None]
    who.notify_later(
        users + who.head_users(request.requesting_unit),
        f"유지관리 요청 결과: {request.title} — {request.get_state_display()}",
        request.get_absolute_url(),
        request.decision_reason,
        f"mreq-decided-{request.pk}-{request.state}",
    )


def _accepted(request, ctx) -> None:
    add_to_queue(request)
    _decided(request, ctx)


def _rejected(request, ctx) -> None:
    _decided(request, ctx, ctx["data"]["reason"])


def _adjusting(request, ctx) -> None:
    request.proposal = ctx["data"]["proposal"]
    request.decision_reason = ctx["data"]["reason"]
    request.save(update_fields=["proposal", "decision_reason", "updated_at"])
    meet_obligation(kind="maintenance_review", subject=request, actor=ctx["actor"])
    who.notify_later(
        who.head_users(request.requesting_unit),
        f"유지관리 요청 조정 협의: {request.title}",
        request.get_absolute_url(),
        f"정보화부서의 제안: {request.get_proposal_display()} — {request.decision_reason} (제25조제3항). "
        "동의하지 않으면 실무협의회·위원회에서 조정합니다 (제25조제6항).",
        f"mreq-adjusting-{request.pk}",
    )


def _converted(request, ctx) -> None:
    convert_to_project(request, actor=ctx["actor"])
    _decided(request, ctx)


def _place_on_agenda(request, ctx) -> None:
    """Through the committee engine's public action (governance.actions.add_agenda_item): a25.6."""
    from itms.governance.actions import add_agenda_item
    from itms.governance.choices import BodyKind, CommitteeAgendaKind, CouncilAgendaKind

    meeting = ctx["data"]["meeting"]
    kind = CouncilAgendaKind.MAINTENANCE_SCOPE if meeting.body.kind == BodyKind.COUNCIL else CommitteeAgendaKind.OTHER
    item = add_agenda_item(
        actor=ctx["actor"],
        meeting=meeting,
        kind=kind,
        title=f"유지관리사항 조정: {request.title} ({request.system})",
        subject=request,
        proposing_unit=request.system.operating_unit,
        description=(
            f"요청 부서: {request.requesting_unit}\n정보화부서 제안: {request.get_proposal_display()} — "
            f"{request.decision_reason}\n업무부서와 협의되지 않아 추진방법 조정을 심의합니다 (제25조제6항제1호)."
        ),
    )
    request.agenda_item = item
    request.save(update_fields=["agenda_item", "updated_at"])


def _back_to_review(request, ctx) -> None:
    request.proposal = ""
    request.save(update_fields=["proposal", "updated_at"])


def _done(request, ctx) -> None:
    request.completed_on = ctx["data"]["completed_on"]
    request.save(update_fields=["completed_on", "updated_at"])
    remove_from_queue(request)


def _proposes(value):
    return lambda request: request.proposal == value


COUNCIL = "실무협의회·위원회 의결 (제25조제6항)"

MaintenanceRequest.workflow = Workflow(
    related=("system",),
    states=dict(RequestState.choices),
    transitions=[
        Transition(
            "submit",
            "부서장에게 제출",
            source=(S.DRAFT,),
            target=S.SUBMITTED,
            may=_in_requesting_unit,
            actor_label=REQUESTER,
            guards=(Guard("a25.1", "요청 내용과 사유를 적어야 제출할 수 있습니다.", _filled("description", "reason")),),
            effects=(_submitted,),
            clause_ids=("a25.1",),
        ),
        Transition(
            "forward",
            "정보화부서장에게 요청",
            source=(S.SUBMITTED,),
            target=S.FORWARDED,
            may=_head,
            actor_label=DEPT_HEAD,
            form=OpinionForm,
            effects=(_forwarded,),
            clause_ids=("a25.1",),
        ),
        Transition(
            "return_to_requester",
            "요청자에게 되돌림",
            source=(S.SUBMITTED,),
            target=S.DRAFT,
            may=_head,
            actor_label=DEPT_HEAD,
            form=ReasonForm,
            effects=(_returned,),
            clause_ids=("a25.1",),
            button="secondary",
        ),
        Transition(
            "review",
            "중복성·변경 범위·업무량 검토",
            source=(S.FORWARDED,),
            target=S.REVIEWED,
            may=_it_member,
            actor_label=IT_DEPT,
            form=ReviewForm,
            effects=(_reviewed,),
            clause_ids=("a25.2", "a25.5"),
        ),
        Transition(
            "accept",
            "유지관리로 수용",
            source=(S.REVIEWED,),
            target=S.ACCEPTED,
            may=_it_head,
            actor_label=IT_HEAD,
            guards=(
                Guard(
                    "a25.2",
                    "중복성·변경 범위·업무량 검토를 마쳐야 결정합니다.",
                    lambda r, ctx: r.reviewed_at is not None and r.workload_days is not None,
                ),
                Guard(
                    "a25.3",
                    "유지관리 범위를 넘는 개발 업무량입니다: 업무부서와 조정하거나 정보화사업으로 추진하십시오.",
                    lambda r, ctx: not r.exceeds_scope,
                ),
                Guard(
                    "a25.5",
                    "3개 이상(규정 값) 상호 연계된 기능을 개선·신규개발하는 요청입니다: 아키텍처 표준 점검표의 모든 "
                    "항목을 준수로 확인해야 합니다.",
                    _architecture_done,
                ),
                Guard(
                    "a25.5",
                    "3개 이상(규정 값) 상호 연계된 기능을 개선·신규개발하는 요청입니다: 설계서 등 산출물을 이 요청에 "
                    "등록해야 합니다.",
                    _deliverables_registered,
                ),
            ),
            effects=(_accepted,),
            clause_ids=("a25.2", "a25.4"),
        ),
        Transition(
            "reject",
            "반려",
            source=(S.REVIEWED,),
            target=S.REJECTED,
            may=_it_head,
            actor_label=IT_HEAD,
            form=ReasonForm,
            effects=(_rejected,),
            clause_ids=("a25.2",),
            button="danger",
        ),
        Transition(
            "adjust",
            "업무부서와 조정 (조정·사업 전환 제안)",
            source=(S.REVIEWED,),
            target=S.ADJUSTING,
            may=_it_head,
            actor_label=IT_HEAD,
            form=AdjustForm,
            effects=(_adjusting,),
            clause_ids=("a25.3",),
            button="secondary",
        ),
        Transition(
            "agree_adjustment",
            "조정안에 동의 (조정하여 유지관리)",
            source=(S.ADJUSTING,),
            target=S.ACCEPTED,
            may=_head,
            actor_label=DEPT_HEAD,
            when=_proposes(Proposal.ADJUST),
            effects=(_accepted,),
            clause_ids=("a25.3", "a25.4"),
        ),
        Transition(
            "agree_conversion",
            "정보화사업 추진에 동의",
            source=(S.ADJUSTING,),
            target=S.CONVERTED,
            may=_head,
            actor_label=DEPT_HEAD,
            when=_proposes(Proposal.CONVERT),
            effects=(_converted,),
            clause_ids=("a25.3",),
        ),
        Transition(
            "place_on_agenda",
            "실무협의회·위원회 상정 (협의 불성립)",
            source=(S.ADJUSTING,),
            target=S.DELIBERATING,
            roles=(Role.COUNCIL_SECRETARY, Role.COMMITTEE_SECRETARY),
            actor_label="실무협의회·위원회 간사",
            form=AgendaForm,
            effects=(_place_on_agenda,),
            clause_ids=("a25.6", "a5.4.3"),
            button="secondary",
        ),
        Transition(
            "council_adjust",
            "심의 결과: 조정하여 유지관리",
            source=(S.DELIBERATING,),
            target=S.ACCEPTED,
            internal=True,
            via=COUNCIL,
            effects=(_accepted,),
            clause_ids=("a25.6",),
        ),
        Transition(
            "council_convert",
            "심의 결과: 정보화사업으로 추진",
            source=(S.DELIBERATING,),
            target=S.CONVERTED,
            internal=True,
            via=COUNCIL,
            effects=(_converted,),
            clause_ids=("a25.6", "a25.3"),
        ),
        Transition(
            "council_return",
            "심의 결과: 정보화부서 재검토",
            source=(S.DELIBERATING,),
            target=S.REVIEWED,
            internal=True,
            via=COUNCIL,
            effects=(_back_to_review,),
            clause_ids=("a25.6",),
        ),
        Transition(
            "complete",
            "유지관리 완료",
            source=(S.ACCEPTED,),
            target=S.DONE,
            may=_it_member,
            actor_label=IT_DEPT,
            form=DoneForm,
            effects=(_done,),
            clause_ids=("a25.4",),
        ),
    ],
)
register_workflow(MaintenanceRequest)


# --- 서비스수준협약 (a26.2) ----------------------------------------------------------------------------------------
def _sla_it(user, sla) -> bool:
    return who.it_member(user, sla.contract.managing_unit_id)


def _signed(sla, ctx) -> None:
    from .actions.common import add_months

    if sla.signed_on is None:
        sla.signed_on = timezone.localdate()
        sla.save(update_fields=["signed_on", "updated_at"])
    months = int(param("service_diagnosis_months").value)  # the value in force when the SLA is signed
    open_obligation(
        kind="service_level_diagnosis",
        subject=sla.contract,
        owed_by_unit=sla.contract.managing_unit,
        due=add_months(sla.contract.starts_on, months) - dt.timedelta(days=1),
        explanation=f"계약 시작일부터 {months}개월 안 (규정 값 service_diagnosis_months, 제26조제1항)",
        actor=ctx["actor"],
    )


def _weights_sum_to_100(sla, ctx) -> bool:
    """The panel shows the guard as blocking; taking the step (the engine's ctx names the transition) is refused
    with the actual total, so the user and the API client read how far off the weights are (a26.2)."""
    total = sla.total_weight
    if total == 100:
        return True
    if "transition" in ctx:
        raise Refused(E.SLA_WEIGHTS, total=total)
    return False


ServiceLevelAgreement.workflow = Workflow(
    related=("contract",),
    states=dict(SlaState.choices),
    transitions=[
        Transition(
            "sign",
            "협약 체결",
            source=(SlaState.DRAFT,),
            target=SlaState.IN_FORCE,
            may=_sla_it,
            actor_label="계약을 관리하는 정보화부서",
            guards=(
                Guard("a26.2", "지표를 하나 이상 정해야 협약을 체결합니다.", lambda s, ctx: s.indicators.exists()),
                Guard(
                    "a26.2",
                    "지표 가중치의 합이 100점이어야 협약을 체결합니다 (지표 목록의 가중치 합계를 확인하십시오).",
                    _weights_sum_to_100,
                ),
            ),
            effects=(_signed,),
            clause_ids=("a26.2", "a24.3"),
        ),
    ],
)
register_workflow(ServiceLevelAgreement)


# --- 월별 측정: 통보, 이의, 확정 (a26.2) ----------------------------------------------------------------------------
class DisputeForm(forms.Form):
    reason = forms.CharField(label="이의 내용 (지표와 근거)", widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label="이의 처리 결과", widget=forms.Textarea(attrs={"rows": 4}))


def _month_it(user, month) -> bool:
    return who.it_member(user, month.sla.contract.managing_unit_id)


def _month_it_head(user, month) -> bool:
    return who.it_head(user, month.sla.contract.managing_unit_id)


def _month_vendor(user, month) -> bool:
    return who.vendor_of(user, month.sla.contract)


def _reported(month, ctx) -> None:
    who.notify_later(
        who.vendor_users(month.sla.contract),
        f"서비스수준 측정 결과 통보: {month}",
        month.get_absolute_url(),
        f"총점 {month.score}점, {month.grade}등급. 측정값에 이의가 있으면 이 화면에서 제기하십시오 (제26조제2항).",
        f"slamonth-reported-{month.pk}-{month.computed_at:%s}",
    )


def _disputed(month, ctx) -> None:
    month.dispute_reason = ctx["data"]["reason"]
    month.save(update_fields=["dispute_reason", "updated_at"])
    who.notify_later(
        who.head_users(month.sla.contract.managing_unit, who.Role.IT_DEPARTMENT_HEAD),
        f"서비스수준 측정 이의: {month}",
        month.get_absolute_url(),
        month.dispute_reason,
        f"slamonth-disputed-{month.pk}-{timezone.now():%s}",
    )


def _answered(month, ctx) -> None:
    month.dispute_answer = ctx["data"]["answer"]
    month.save(update_fields=["dispute_answer", "updated_at"])


SlaMonth.workflow = Workflow(
    related=("sla__contract",),
    states=dict(MonthState.choices),
    transitions=[
        Transition(
            "report",
            "업체에 통보",
            source=(MonthState.COMPUTED,),
            target=MonthState.REPORTED,
            may=_month_it,
            actor_label="계약을 관리하는 정보화부서",
            effects=(_reported,),
            clause_ids=("a26.2",),
        ),
        Transition(
            "dispute",
            "측정값 이의 제기",
            source=(MonthState.REPORTED,),
            target=MonthState.DISPUTED,
            may=_month_vendor,
            actor_label="이 계약의 위탁운영업체",
            form=DisputeForm,
            effects=(_disputed,),
            clause_ids=("a26.2",),
            button="secondary",
        ),
        Transition(
            "answer",
            "이의 처리 (다시 산정)",
            source=(MonthState.DISPUTED,),
            target=MonthState.COMPUTED,
            may=_month_it,
            actor_label="계약을 관리하는 정보화부서",
            form=AnswerForm,
            effects=(_answered,),
            clause_ids=("a26.2",),
        ),
        Transition(
            "confirm",
            "측정 확정",
            source=(MonthState.REPORTED,),
            target=MonthState.CONFIRMED,
            may=_month_it_head,
            actor_label="계약을 관리하는 정보화부서장",
            clause_ids=("a26.2",),
        ),
    ],
)
register_workflow(SlaMonth)


# --- 진단 개선 과제 (a26.1) ----------------------------------------------------------------------------------------
class CloseForm(forms.Form):
    result = forms.CharField(label="조치 결과", widget=forms.Textarea(attrs={"rows": 3}))
    closed_on = forms.DateField(label="조치 완료일")


def _finding_it(user, finding) -> bool:
    return who.it_member(user, finding.diagnosis.contract.managing_unit_id)


def _closed(finding, ctx) -> None:
    finding.result = ctx["data"]["result"]
    finding.closed_on = ctx["data"]["closed_on"]
    finding.save(update_fields=["result", "closed_on", "updated_at"])


DiagnosisFinding.workflow = Workflow(
    related=("diagnosis__contract",),
    states=dict(FindingState.choices),
    transitions=[
        Transition(
            "close",
            "개선 조치 완료",
            source=(FindingState.OPEN,),
            target=FindingState.CLOSED,
            may=_finding_it,
            actor_label="계약을 관리하는 정보화부서",
            form=CloseForm,
            effects=(_closed,),
            clause_ids=("a26.1",),
        ),
    ],
)
register_workflow(DiagnosisFinding)
