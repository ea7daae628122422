"""The workflows of Chapter 5: execution plan (a18), contract from completion notice to the end of the defect period
(a20–a23), acceptance test (a20.3), deliverable review (a17.2), change of scope (a13.3) — each guard citing its
clause. The project's stage follows these records (spine.py)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from itms.core.formats import format_date
from itms.core.korean import josa
from itms.regulation import legal_calendar
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import param
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from . import actions
from .actions.inspection import REQUIRED_TESTS, current_round, final_audit_open, final_set_missing, tests_recorded
from .choices import (
    AcceptanceState,
    ChangeState,
    ContractState,
    DeliverableState,
    InspectionOutcome,
    ItemVerdict,
    PlanAspect,
    PlanBasis,
    PlanState,
    Severity,
    Verdict,
)
from .models import (
    AcceptanceTest,
    ChangeRequest,
    Contract,
    Deliverable,
    ExecutionPlan,
    PlanReviewItem,
    SecurityFinding,
)
from .models.contracts import add_months

SPONSOR = "사업추진부서"
CONTRACTOR = "사업수행업체 (이 사업에 배정된 PM·투입인력)"
IT_HEAD = "인수테스트를 요청받은 정보화부서장"


def _today() -> dt.date:
    return timezone.localdate()


def _sponsor(user, record) -> bool:
    return actions.is_sponsor(user, record.project)


def _contractor(user, record) -> bool:
    return actions.is_contractor(user, record.project)


def _notify(users, title: str, url: str, body: str, key: str) -> None:
    from django.db import transaction

    from itms.notifications.actions import notify

    def send():
        for user in users:
            notify(recipient=user, title=title, url=url, body=body, dedupe_key=f"{key}-{user.pk}")

    transaction.on_commit(send)


def _sponsor_heads(project):
    from itms.accounts.directory import holders
    from itms.accounts.roles import Role

    return [h.user for h in holders(Role.DEPARTMENT_HEAD, project.sponsor_unit)]


def _contractors(project):
    from itms.projects.models import ProjectParticipant

    from .models.scopes import CONTRACTOR_ROLES

    return [
        p.user
        for p in ProjectParticipant.objects.active_on()
        .filter(project=project, role__in=CONTRACTOR_ROLES)
        .select_related("user")
    ]


# --- 사업수행계획서 (a18) --------------------------------------------------------------------------------------
def _filled(field: str):
    return lambda obj, ctx: bool((getattr(obj, field) or "").strip())


PLAN_GUARDS = tuple(
    Guard(
        "a18.1",
        josa(f"'{ExecutionPlan._meta.get_field(field).verbose_name}'", "을/를") + " 작성해야 제출할 수 있습니다.",
        _filled(field),
    )
    for field in ExecutionPlan.SECTIONS
)


def _plan_submitted(plan: ExecutionPlan, ctx) -> None:
    plan.revision += 1
    plan.submitted_at = timezone.now()
    if plan.kickoff_on is None:
        plan.kickoff_on = _today()
    plan.save(update_fields=["revision", "submitted_at", "kickoff_on", "updated_at"])
    for aspect in PlanAspect.values:
        for basis in PlanBasis.values:
            item, created = PlanReviewItem.objects.get_or_create(plan=plan, aspect=aspect, basis=basis)
            if not created and item.verdict != Verdict.PENDING:
                item.verdict = Verdict.PENDING  # a revised plan is reviewed afresh (a18.2)
                item.save(update_fields=["verdict", "updated_at"])
    meet_obligation(kind="kickoff_submission", subject=plan.contract, actor=ctx["actor"])
    _notify(
        _sponsor_heads(plan.project),
        f"사업수행계획서 제출: {plan.project}",
        plan.get_absolute_url(),
        f"{plan.revision}차 제출. 제안요청서·제안서·계약서와 부합한지 검토하십시오 (제18조제2항).",
        f"plan-{plan.pk}-{plan.revision}",
    )


def _all_reviewed(plan, ctx) -> bool:
    return not plan.review_items.filter(verdict=Verdict.PENDING).exists()


def _all_conform(plan, ctx) -> bool:
    return plan.review_items.exists() and not plan.review_items.exclude(verdict=Verdict.CONFORMS).exists()


def _some_deficient(plan, ctx) -> bool:
    return plan.review_items.filter(verdict=Verdict.DEFICIENT).exists()


class RevisionForm(forms.Form):
    reason = forms.CharField(label="수정 요구 내용", widget=forms.Textarea(attrs={"rows": 3}))


def _revision_requested(plan: ExecutionPlan, ctx) -> None:
    plan.revision_request = ctx["data"]["reason"]
    plan.save(update_fields=["revision_request", "updated_at"])
    _notify(
        _contractors(plan.project),
        f"사업수행계획서 수정 요구: {plan.project}",
        plan.get_absolute_url(),
        ctx["data"]["reason"][:300],
        f"plan-revision-{plan.pk}-{plan.revision}",
    )


def _plan_approved(plan: ExecutionPlan, ctx) -> None:
    plan.approved_at = timezone.now()
    plan.save(update_fields=["approved_at", "updated_at"])
    actions.build_checklist(plan.contract)  # the deliverable checklist follows the approved deliverable plan (a17.2)


ExecutionPlan.workflow = Workflow(
    states=dict(PlanState.choices),
    transitions=[
        Transition(
            "submit",
            "사업수행계획서 제출",
            source=(PlanState.DRAFT, PlanState.REVISION_REQUESTED),
            target=PlanState.SUBMITTED,
            may=_contractor,
            actor_label=CONTRACTOR,
            guards=PLAN_GUARDS,
            effects=(_plan_submitted,),
            clause_ids=("a18.1",),
        ),
        Transition(
            "request_revision",
            "수정 요구",
            source=(PlanState.SUBMITTED,),
            target=PlanState.REVISION_REQUESTED,
            may=_sponsor,
            actor_label=SPONSOR,
            form=RevisionForm,
            guards=(
                Guard("a18.2", "'미흡'으로 검토한 항목이 있어야 수정을 요구합니다 (제18조제2항).", _some_deficient),
            ),
            effects=(_revision_requested,),
            button="warning",
            clause_ids=("a18.2",),
        ),
        Transition(
            "approve",
            "사업수행계획서 승인",
            source=(PlanState.SUBMITTED,),
            target=PlanState.APPROVED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(
                Guard(
                    "a18.2",
                    "모든 항목을 제안요청서·제안서·계약서와 비교하여 검토해야 합니다 (제18조제2항).",
                    _all_reviewed,
                ),
                Guard(
                    "a18.2", "미흡한 항목이 남아 있으면 승인하지 않고 수정을 요구합니다 (제18조제2항).", _all_conform
                ),
            ),
            effects=(_plan_approved,),
            clause_ids=("a18.2",),
        ),
    ],
)
register_workflow(ExecutionPlan)


# --- the contract: completion notice → inspection → handover → end of the defect period (a20–a23) -----------
def _completion_notified(contract: Contract, ctx) -> None:
    contract.completion_notified_on = _today()
    contract.save(update_fields=["completion_notified_on", "updated_at"])
    actions.open_round(contract, actor=ctx["actor"])
    _notify(
        _sponsor_heads(contract.project),
        f"완료계 접수 — 14일 안에 검사: {contract.project}",
        contract.get_absolute_url(),
        "사업수행업체가 완료를 통지했습니다. 받은 날부터 14일 이내에 검사하십시오 (제22조, 국가계약법 시행령 제55조).",
        f"completion-{contract.pk}-{contract.inspections.count()}",
    )


def _items_all_done(contract, ctx) -> bool:
    inspection = current_round(contract)
    return inspection is not None and not inspection.items.exclude(verdict=ItemVerdict.DONE).exists()


def _items_checked(contract, ctx) -> bool:
    inspection = current_round(contract)
    return inspection is not None and not inspection.items.filter(verdict=ItemVerdict.PENDING).exists()


def _test_guard(kind, label) -> Guard:
    return Guard(
        "a20.2",
        f"검사를 완료하기 전에 {josa(label, '을/를')} 실시하여 이상 없음을 기록해야 합니다 (제20조제2항).",
        lambda contract, ctx: tests_recorded(contract, kind),
    )


def acceptance_requested_in_time(contract: Contract, on: dt.date | None = None) -> bool:
    """a20.3: an acceptance test was asked for at least 14 (clear) days before the inspection completes (``on``)."""
    on = on or _today()
    days = int(param("acceptance_test_lead_days", on).value)
    strict = param("acceptance_test_counting", on).value == "strict"
    latest = legal_calendar.backward(on, days, strict=strict).date
    return contract.acceptance_tests.filter(requested_on__lte=latest).exists()


def _no_open_high_findings(contract, ctx) -> bool:
    return not SecurityFinding.objects.filter(
        diagnosis__contract=contract, severity=Severity.HIGH, remediated_on__isnull=True
    ).exists()


def _operation_plan(contract, ctx) -> bool:
    return bool(contract.operation_plan.strip())


INSPECTION_GUARDS = (
    Guard(
        "a22",
        "검사 항목을 모두 '이행'으로 확인해야 합격으로 처리합니다. 미이행·부분 이행이 있으면 보완을 요구하십시오 (제22조).",
        _items_all_done,
    ),
    *(_test_guard(kind, label) for kind, label in REQUIRED_TESTS.items()),
    Guard(
        "a20.3",
        "검사를 완료하기 최소 14일 전까지 정보화부서장에게 인수테스트를 요청해야 합니다: 인수테스트를 요청하지 않았거나 "
        "요청한 지 14일이 지나지 않았습니다 (제20조제3항).",
        lambda contract, ctx: acceptance_requested_in_time(contract),
    ),
    Guard(
        "a21.1",
        "종료단계 감리를 마치고 지적사항의 시정조치가 모두 확인되어야 검사를 완료합니다 (제21조, 정보시스템 감리기준).",
        lambda contract, ctx: not final_audit_open(contract),
    ),
    Guard(
        "a17.6",
        "위험도 '상'인 보안약점이 조치되지 않았습니다: 조치한 뒤 검사를 완료합니다 (제17조제6항, 소프트웨어 개발보안 가이드).",
        _no_open_high_findings,
    ),
    Guard("a23.1", "구축용역을 완료하기 전까지 시스템 운영방안을 수립해야 합니다 (제23조제1항).", _operation_plan),
)


class InspectionForm(forms.Form):
    remarks = forms.CharField(label="검사 의견", required=False, widget=forms.Textarea(attrs={"rows": 2}))


def _inspection_passed(contract: Contract, ctx) -> None:
    inspection = current_round(contract)
    inspection.outcome = InspectionOutcome.PASSED
    inspection.inspected_on = _today()
    inspection.inspector = ctx["actor"]
    inspection.remarks = ctx["data"].get("remarks", "")
    inspection.save(update_fields=["outcome", "inspected_on", "inspector", "remarks", "updated_at"])
    contract.inspected_on = inspection.inspected_on
    contract.save(update_fields=["inspected_on", "updated_at"])
    meet_obligation(kind="inspection", subject=contract, key=f"round-{inspection.number}", actor=ctx["actor"])


class CorrectionForm(forms.Form):
    reason = forms.CharField(label="보완 요구 내용", widget=forms.Textarea(attrs={"rows": 3}))


def _correction_requested(contract: Contract, ctx) -> None:
    inspection = current_round(contract)
    inspection.outcome = InspectionOutcome.CORRECTION
    inspection.inspected_on = _today()
    inspection.inspector = ctx["actor"]
    inspection.correction_request = ctx["data"]["reason"]
    inspection.save(update_fields=["outcome", "inspected_on", "inspector", "correction_request", "updated_at"])
    meet_obligation(kind="inspection", subject=contract, key=f"round-{inspection.number}", actor=ctx["actor"])
    _notify(
        _contractors(contract.project),
        f"검사 보완 요구: {contract.project}",
        contract.get_absolute_url(),
        ctx["data"]["reason"][:300],
        f"correction-{contract.pk}-{inspection.number}",
    )


def _acceptance_passed(contract, ctx) -> bool:
    latest = contract.acceptance_tests.order_by("-requested_on", "-pk").first()
    return latest is not None and latest.state == AcceptanceState.PASSED


class HandoverForm(forms.Form):
    system = forms.ModelChoiceField(label="인계할 정보시스템 (이미 목록에 있으면)", queryset=None, required=False)
    system_name = forms.CharField(label="새 정보시스템명", required=False)
    system_code = forms.CharField(label="새 시스템 코드", required=False, max_length=30)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.resources.models import InformationSystem

        self.fields["system"].queryset = InformationSystem.objects.all()

    def clean(self):
        data = super().clean()
        if not data.get("system") and not (data.get("system_name") and data.get("system_code")):
            raise forms.ValidationError(
                "인계할 정보시스템을 고르거나 새 시스템의 이름과 코드를 적으십시오 (제24조제1항)."
            )
        return data


def _handed_over(contract: Contract, ctx) -> None:
    data = ctx["data"]
    system = actions.register_system(
        contract,
        actor=ctx["actor"],
        system=data.get("system"),
        name=data.get("system_name", ""),
        code=data.get("system_code", ""),
    )
    contract.system = system
    contract.handed_over_on = _today()
    months = contract.defect_liability_months or int(param("defect_liability_months", contract.handed_over_on).value)
    contract.warranty_ends_on = add_months(contract.handed_over_on, months)
    contract.save(update_fields=["system", "handed_over_on", "warranty_ends_on", "updated_at"])
    open_obligation(
        kind="defect_liability",
        subject=contract,
        owed_by_unit=contract.project.sponsor_unit,
        due=contract.warranty_ends_on,
        explanation=f"인계일 {format_date(contract.handed_over_on)}부터 {months}개월 (소프트웨어 진흥법 제60조)",
        title=f"하자담보 기간: {contract}",
        actor=ctx["actor"],
    )
    from itms.accounts.directory import holders
    from itms.accounts.roles import Role

    _notify(
        [h.user for h in holders(Role.IT_DEPARTMENT_HEAD, contract.it_unit)],
        f"정보시스템 인계: {system}",
        contract.get_absolute_url(),
        "구축을 마친 정보시스템과 산출물을 인계받았습니다. 인수한 때부터 운영합니다 (제23조제1항, 제24조제1항).",
        f"handover-{contract.pk}",
    )


def _warranty_over(contract, ctx) -> bool:
    return contract.warranty_ends_on is not None and _today() > contract.warranty_ends_on


def _defects_fixed(contract, ctx) -> bool:
    return not contract.defects.filter(kind="defect", fixed_on__isnull=True).exists()


HANDOVER_GUARDS = (
    Guard(
        "a23.1",
        "인수테스트 결과 이상이 없는 경우에만 인계할 수 있습니다 (제23조제1항 단서, 제20조제3항).",
        _acceptance_passed,
    ),
    Guard(
        "a23.2",
        "인수인계서를 포함한 최종 산출물을 정보화관리시스템으로 제출해야 인계할 수 있습니다 (제23조제2항).",
        lambda contract, ctx: not final_set_missing(contract),
    ),
    Guard(
        "a23.3",
        "단계적 적용계획과 제정·개정할 관련 규정(없으면 '없음')을 적어야 합니다 (제23조제3항).",
        lambda c, ctx: bool(c.rollout_plan.strip()) and bool(c.rules_to_amend.strip()),
    ),
    Guard(
        "a24.1", "시스템을 인수하여 운영할 정보화부서를 정해야 합니다 (제24조제1항).", lambda c, ctx: bool(c.it_unit_id)
    ),
)


Contract.workflow = Workflow(
    states=dict(ContractState.choices),
    transitions=[
        Transition(
            "notify_completion",
            "완료계 제출",
            source=(ContractState.IN_PROGRESS,),
            target=ContractState.COMPLETION_NOTIFIED,
            may=_contractor,
            actor_label=CONTRACTOR,
            effects=(_completion_notified,),
            clause_ids=("a22",),
        ),
        Transition(
            "pass_inspection",
            "검사 합격",
            source=(ContractState.COMPLETION_NOTIFIED,),
            target=ContractState.INSPECTED,
            may=_sponsor,
            actor_label=SPONSOR,
            form=InspectionForm,
            guards=INSPECTION_GUARDS,
            effects=(_inspection_passed,),
            clause_ids=("a22", "a20.2", "a20.3"),
        ),
        Transition(
            "request_correction",
            "보완 요구",
            source=(ContractState.COMPLETION_NOTIFIED,),
            target=ContractState.CORRECTION_REQUESTED,
            may=_sponsor,
            actor_label=SPONSOR,
            form=CorrectionForm,
            guards=(Guard("a22", "검사 항목을 모두 확인한 뒤 보완을 요구합니다 (제22조).", _items_checked),),
            effects=(_correction_requested,),
            button="warning",
            clause_ids=("a22",),
        ),
        Transition(
            "resubmit",
            "보완 완료 (재검사 요청)",
            source=(ContractState.CORRECTION_REQUESTED,),
            target=ContractState.COMPLETION_NOTIFIED,
            may=_contractor,
            actor_label=CONTRACTOR,
            effects=(_completion_notified,),
            clause_ids=("a22",),
        ),
        Transition(
            "hand_over",
            "정보시스템 인계",
            source=(ContractState.INSPECTED,),
            target=ContractState.HANDED_OVER,
            may=_sponsor,
            actor_label=SPONSOR,
            form=HandoverForm,
            guards=HANDOVER_GUARDS,
            effects=(_handed_over,),
            clause_ids=("a23.1", "a23.2", "a23.3", "a24.1"),
        ),
        Transition(
            "close",
            "하자담보 종료",
            source=(ContractState.HANDED_OVER,),
            target=ContractState.CLOSED,
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(
                Guard("a22", "하자담보 기간이 끝난 뒤에 종료합니다 (소프트웨어 진흥법 제60조).", _warranty_over),
                Guard("a23.1", "조치하지 않은 하자가 남아 있습니다.", _defects_fixed),
            ),
            effects=(lambda c, ctx: meet_obligation(kind="defect_liability", subject=c, actor=ctx["actor"]),),
            clause_ids=("a22",),
        ),
    ],
)
register_workflow(Contract)


# --- 인수테스트 (a20.3) -----------------------------------------------------------------------------------------
def _it_head(user, test: AcceptanceTest) -> bool:
    return actions.is_it_head_of(user, test.it_unit)


class AcceptanceResultForm(forms.Form):
    conducted_on = forms.DateField(label="실시일")
    participants = forms.CharField(
        label="합동 참여자 (사업추진부서·정보화부서)", widget=forms.Textarea(attrs={"rows": 2})
    )
    result_summary = forms.CharField(label="결과", widget=forms.Textarea(attrs={"rows": 3}))


def _acceptance_recorded(test: AcceptanceTest, ctx) -> None:
    data = ctx["data"]
    test.conducted_on = data["conducted_on"]
    test.participants = data["participants"]
    test.result_summary = data["result_summary"]
    test.save(update_fields=["conducted_on", "participants", "result_summary", "updated_at"])
    _notify(
        _sponsor_heads(test.project),
        f"인수테스트 결과 통보 ({test.get_state_display()}): {test.project}",
        test.get_absolute_url(),
        data["result_summary"][:300] + " (제20조제3항)",
        f"acceptance-{test.pk}",
    )


def _conducted_after_request(test, ctx) -> bool:
    value = (ctx.get("data") or {}).get("conducted_on")
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return True  # the form refuses it with its own message
    return value is None or value >= test.requested_on


_ACCEPTANCE_GUARD = Guard("a20.3", "인수테스트는 요청받은 날 이후에 실시합니다.", _conducted_after_request)

AcceptanceTest.workflow = Workflow(
    states=dict(AcceptanceState.choices),
    transitions=[
        Transition(
            "record_passed",
            "결과 통보: 이상 없음",
            source=(AcceptanceState.REQUESTED,),
            target=AcceptanceState.PASSED,
            may=_it_head,
            actor_label=IT_HEAD,
            form=AcceptanceResultForm,
            guards=(_ACCEPTANCE_GUARD,),
            effects=(_acceptance_recorded,),
            clause_ids=("a20.3",),
        ),
        Transition(
            "record_failed",
            "결과 통보: 이상 있음",
            source=(AcceptanceState.REQUESTED,),
            target=AcceptanceState.FAILED,
            may=_it_head,
            actor_label=IT_HEAD,
            form=AcceptanceResultForm,
            guards=(_ACCEPTANCE_GUARD,),
            effects=(_acceptance_recorded,),
            button="danger",
            clause_ids=("a20.3",),
        ),
    ],
)
register_workflow(AcceptanceTest)


# --- 산출물 검토 (a17.2) ----------------------------------------------------------------------------------------
class ReturnForm(forms.Form):
    comment = forms.CharField(label="보완 요청 내용", widget=forms.Textarea(attrs={"rows": 2}))


def _returned(deliverable: Deliverable, ctx) -> None:
    deliverable.review_comment = ctx["data"]["comment"]
    deliverable.save(update_fields=["review_comment", "updated_at"])


Deliverable.workflow = Workflow(
    states=dict(DeliverableState.choices),
    transitions=[
        Transition(
            "submit",
            "산출물 제출",
            source=(DeliverableState.PLANNED, DeliverableState.RETURNED),
            target=DeliverableState.SUBMITTED,
            internal=True,
            via="산출물 파일 등록",
            clause_ids=("a17.2",),
        ),
        Transition(
            "accept",
            "검토 완료",
            source=(DeliverableState.SUBMITTED,),
            target=DeliverableState.ACCEPTED,
            may=_sponsor,
            actor_label=SPONSOR,
            clause_ids=("a17.2", "a20.1"),
        ),
        Transition(
            "return_for_revision",
            "보완 요청",
            source=(DeliverableState.SUBMITTED,),
            target=DeliverableState.RETURNED,
            may=_sponsor,
            actor_label=SPONSOR,
            form=ReturnForm,
            effects=(_returned,),
            button="warning",
            clause_ids=("a20.1",),
        ),
    ],
)
register_workflow(Deliverable)


# --- 과업변경 (a13.3, SW진흥법 제50조) --------------------------------------------------------------------------
def _may_submit_change(user, change: ChangeRequest) -> bool:
    if change.requested_by_contractor:
        return actions.is_contractor(user, change.project)
    return actions.is_sponsor(user, change.project)


def _change_submitted(change: ChangeRequest, ctx) -> None:
    change.requested_by = ctx["actor"]
    change.save(update_fields=["requested_by", "updated_at"])
    actions.parse_requirement_changes(change.requirement_changes)  # refuses an unreadable line now, not at the vote
    if change.requested_by_contractor:
        open_obligation(
            kind="task_change_reply",
            subject=change,
            owed_by_unit=change.project.sponsor_unit,
            start=_today(),
            actor=ctx["actor"],
        )


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label="상정할 과업심의위원회 회의", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.governance.choices import BodyKind, MeetingState
        from itms.governance.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__kind=BodyKind.TASK_DELIBERATION, state__in=(MeetingState.CONVENED, MeetingState.DISTRIBUTED)
        ).select_related("body")


def _place_on_agenda(change: ChangeRequest, ctx) -> None:
    """Through the committee engine's public action (governance.actions.add_agenda_item): its secretariat adds it."""
    from itms.core.formats import format_won
    from itms.governance.actions import add_agenda_item
    from itms.governance.choices import TaskAgendaKind

    kind = TaskAgendaKind.AMOUNT if (change.new_amount is not None or change.new_end_date) else TaskAgendaKind.CHANGE
    details = [change.scope_change]
    if change.new_amount is not None:
        details.append(f"계약금액 {format_won(change.contract.amount)} → {format_won(change.new_amount)}")
    if change.new_end_date:
        details.append(f"계약기간 종료 {format_date(change.contract.end_date)} → {format_date(change.new_end_date)}")
    item = add_agenda_item(
        actor=ctx["actor"],
        meeting=ctx["data"]["meeting"],
        kind=kind,
        title=f"과업변경: {change.title} ({change.project})",
        subject=change,
        proposing_unit=change.project.sponsor_unit,
        description="\n".join(details),
    )
    change.agenda_item = item
    change.save(update_fields=["agenda_item", "updated_at"])


def _change_decided(approved: bool):
    def effect(change: ChangeRequest, ctx) -> None:
        if approved:
            actions.apply_change(change, actor=ctx["actor"])
        else:
            change.decided_at = timezone.now()
            change.save(update_fields=["decided_at", "updated_at"])
        if change.requested_by_contractor:
            meet_obligation(kind="task_change_reply", subject=change, actor=ctx["actor"])
        _notify(
            _contractors(change.project) + _sponsor_heads(change.project),
            f"과업심의 결과 ({'확정' if approved else '부결'}): {change}",
            change.get_absolute_url(),
            "과업심의위원회 심의 결과입니다 (제13조제3항, 소프트웨어 진흥법 제50조).",
            f"change-{change.pk}",
        )

    return effect


COMMITTEE = "과업심의위원회 의결"

ChangeRequest.workflow = Workflow(
    states=dict(ChangeState.choices),
    transitions=[
        Transition(
            "submit",
            "심의 요청",
            source=(ChangeState.DRAFT,),
            target=ChangeState.SUBMITTED,
            may=_may_submit_change,
            actor_label="사업추진부서 (계약상대자가 요청한 변경은 계약상대자)",
            guards=(
                Guard(
                    "a13.3",
                    "사업수행 중인 계약만 과업을 변경합니다.",
                    lambda c, ctx: c.contract.state == ContractState.IN_PROGRESS,
                ),
            ),
            effects=(_change_submitted,),
            clause_ids=("a13.3",),
        ),
        Transition(
            "place_on_agenda",
            "과업심의위원회 상정",
            source=(ChangeState.SUBMITTED,),
            target=ChangeState.DELIBERATING,
            may=lambda user, change: getattr(user, "kind", "") == "staff" or user.is_superuser,
            actor_label="과업심의위원회 간사",
            form=AgendaForm,
            effects=(_place_on_agenda,),
            clause_ids=("a13.3", "a13.1"),
        ),
        Transition(
            "committee_approve",
            "과업변경 확정",
            source=(ChangeState.DELIBERATING,),
            target=ChangeState.APPROVED,
            internal=True,
            via=COMMITTEE,
            effects=(_change_decided(True),),
            clause_ids=("a13.3",),
        ),
        Transition(
            "committee_reject",
            "과업변경 부결",
            source=(ChangeState.DELIBERATING,),
            target=ChangeState.REJECTED,
            internal=True,
            via=COMMITTEE,
            effects=(_change_decided(False),),
            clause_ids=("a13.3",),
        ),
    ],
)
register_workflow(ChangeRequest)
