"""The processes of Chapter 7, each step a chained event naming its clauses.

- 성과측정 (a27.1): proposed → confirmed (the 정보기획담당관 confirms the target list; the data requests open, a27.2)
  → closed (every target decided).
- 측정 대상 (a27.1, a27.2): requested → submitted (the IT department hands in the base data) → measured (the score is
  computed; refused while an input is missing) → decided (outcome with reasons; a change opens a 정비계획 and an
  improvement, redevelopment or merger a project idea for the next planning cycle). A retirement trigger decides
  without measurement.
- 정비계획 (성과관리 지침 제27조): draft → in progress (users' inconvenience, data migration and preservation, service
  continuity written) → completed.
- 수준진단 (a28.1, a28.2): draft → collecting (weights add up to 100; each indicator's unit owes its evidence) →
  closed (every indicator scored); each self-score is submitted by its unit with evidence.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from itms.accounts.directory import holders, roles_of
from itms.accounts.roles import Role
from itms.core.errors import Refused
from itms.regulation.obligations import meets, open_obligation, waive_obligation
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from . import actions
from .choices import (
    Band,
    DiagnosisState,
    Outcome,
    PlanState,
    RetirementException,
    RetirementTrigger,
    RoundState,
    ScoreState,
    TargetState,
)
from .error_codes import PerformanceErrors as E
from .models import DiagnosisRound, DiagnosisScore, MaintenancePlan, MeasurementRound, MeasurementTarget

IT_PLANNING = Role.IT_PLANNING_OFFICER
IT_DEPARTMENT = (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF)
OPERATING_UNIT = "시스템을 운영하는 정보화부서"


def _in_unit(user, unit_id) -> bool:
    return user.is_superuser or any(g.unit_id == unit_id for g in roles_of(user))


def _operates(user, target) -> bool:
    return _in_unit(user, target.system.operating_unit_id)


def _operates_plan(user, plan) -> bool:
    return _operates(user, plan.target) or any(g.role == IT_PLANNING for g in roles_of(user))


def _responsible(user, score) -> bool:
    return _in_unit(user, score.indicator.responsible_unit_id)


def _stamp(field: str):
    def effect(obj, ctx):
        setattr(obj, field, timezone.now())
        obj.save(update_fields=[field, "updated_at"])

    return effect


def _planning_units() -> set[int]:
    return {h.assignment.position.unit_id for h in holders(IT_PLANNING) if h.assignment is not None}


# --- 성과측정 (a27.1, a27.2) -------------------------------------------------------------------------------------------
def _request_data(round_, ctx):
    """a27.2: the 정보기획담당관 asks each operating IT department for the base data (not its own unit: "정보기획담당관이
    정보화부서장인 경우는 제외"), prefilled from what the system holds."""
    from itms.notifications.actions import notify

    own = _planning_units()
    targets = round_.targets.filter(included=True).select_related("system__operating_unit", "round")
    for target in targets:
        actions.prefill(target)
        if target.system.operating_unit_id in own:
            continue
        open_obligation(
            kind="performance_data_request",
            subject=target,
            title=f"성과측정 기초자료 제출: {target}",
            owed_by_unit=target.system.operating_unit,
            owed_by_role=Role.IT_DEPARTMENT_HEAD,
            owed_to_role=IT_PLANNING,
            start=timezone.localdate(),
            actor=ctx["actor"],
        )
    heads = {}
    for target in targets:
        for holder in holders(Role.IT_DEPARTMENT_HEAD, unit=target.system.operating_unit):
            heads.setdefault(holder.user, []).append(target.system.name)
    for user, names in heads.items():
        notify(
            recipient=user,
            title=f"{round_.year}년 정보시스템 운영 성과측정 기초자료 요청",
            body=f"운영타당성 진단에 필요한 자료를 내 주십시오 (제27조제2항): {', '.join(names)}. 비용·기능은 시스템에 있는 "
            "자료로 미리 채웠으니 출처를 확인하고 고쳐 주십시오.",
            url=round_.get_absolute_url(),
            dedupe_key=f"performance-data-request:{round_.pk}:{user.pk}",
        )


MeasurementRound.workflow = Workflow(
    states=dict(RoundState.choices),
    transitions=[
        Transition(
            "confirm",
            "대상 확정·자료 요청",
            source=(RoundState.PROPOSED,),
            target=RoundState.CONFIRMED,
            roles=(IT_PLANNING,),
            guards=(
                Guard(
                    "a27.1",
                    "측정 대상 시스템이 없습니다. 대상에 넣을 시스템을 고르십시오.",
                    lambda r, ctx: r.targets.filter(included=True).exists(),
                ),
            ),
            effects=(_stamp("confirmed_at"), _request_data),
            clause_ids=("a27.1", "a27.2"),
        ),
        Transition(
            "close",
            "측정 종료",
            source=(RoundState.CONFIRMED,),
            target=RoundState.CLOSED,
            roles=(IT_PLANNING,),
            guards=(
                Guard(
                    "a27.1",
                    "결정하지 않은 측정 대상이 있습니다. 모든 대상 시스템의 결정을 기록하십시오.",
                    lambda r, ctx: not r.targets.filter(included=True).exclude(state=TargetState.DECIDED).exists(),
                ),
            ),
            effects=(_stamp("closed_at"),),
            clause_ids=("a27.1",),
        ),
    ],
)
register_workflow(MeasurementRound)


# --- 측정 대상 ----------------------------------------------------------------------------------------------------------
def _has_both_years(target, ctx) -> bool:
    years = set(target.cost_years.values_list("year", flat=True))
    return {target.round.year - 1, target.round.year} <= years


def _computable(target, ctx) -> bool:
    return not actions.measurement.current_score(target).missing


def _measure(target, ctx):
    actions.measure(target)


def _exceptions_for(target, chosen) -> list[str]:
    found = list(chosen)
    if (
        target.years_in_operation is not None
        and target.years_in_operation < 3
        and RetirementException.YOUNG not in found
    ):
        found.append(RetirementException.YOUNG)
    return found


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="결정", choices=Outcome.choices)
    reasons = forms.CharField(
        label="결정 사유",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "결정 사유를 적어야 합니다 (제27조제1항: 진단 결과에 따른 관리)."},
    )
    exceptions = forms.MultipleChoiceField(
        label="폐기 권고 예외 사유", choices=RetirementException.choices, required=False
    )

    def clean_reasons(self):
        text = self.cleaned_data["reasons"].strip()
        if not text:
            raise forms.ValidationError("결정 사유를 적어야 합니다 (제27조제1항: 진단 결과에 따른 관리).")
        return text


class TriggerForm(forms.Form):
    triggers = forms.MultipleChoiceField(
        label="측정 없는 폐기 사유",
        choices=RetirementTrigger.choices,
        error_messages={"required": "측정 없이 정비하려면 사유(①~⑤)를 하나 이상 고르십시오."},
    )
    outcome = forms.ChoiceField(
        label="결정", choices=[(Outcome.RETIRE, Outcome.RETIRE.label), (Outcome.MERGE, Outcome.MERGE.label)]
    )
    reasons = DecisionForm.base_fields["reasons"]


class ReturnForm(forms.Form):
    reason = forms.CharField(label="반려 사유", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


def _decide(target, ctx):
    data = ctx["data"]
    exceptions = _exceptions_for(target, data.get("exceptions", []))
    if target.band == Band.RETIRE and data["outcome"] not in (Outcome.RETIRE, Outcome.MERGE):
        # the band was computed without exceptions; with one chosen now, retirement is no longer recommended
        band, _ = actions.measurement.scoring.decide_band(target.total, on=timezone.localdate(), exceptions=exceptions)
        if band == Band.RETIRE:
            raise Refused(E.DECISION_OUTCOME, total=f"{target.total.normalize():f}")
        target.band = band
        target.save(update_fields=["band", "updated_at"])
    actions.decide(target, outcome=data["outcome"], reasons=data["reasons"], actor=ctx["actor"], exceptions=exceptions)


def _decide_by_trigger(target, ctx):
    from itms.regulation.models import Obligation, ObligationStatus

    data = ctx["data"]
    target.band = Band.RETIRE_TRIGGER
    target.save(update_fields=["band", "updated_at"])
    actions.decide(
        target, outcome=data["outcome"], reasons=data["reasons"], actor=ctx["actor"], triggers=data["triggers"]
    )
    for obligation in Obligation.objects.filter(
        kind="performance_data_request", subject_id=target.pk, status=ObligationStatus.OPEN
    ).filter(subject_type__model="measurementtarget"):
        waive_obligation(obligation=obligation, actor=ctx["actor"], reason="측정 없는 정비 대상으로 결정")


def _reopen_request(target, ctx):
    from itms.notifications.actions import notify

    for holder in holders(Role.IT_DEPARTMENT_HEAD, unit=target.system.operating_unit):
        notify(
            recipient=holder.user,
            title=f"성과측정 기초자료 반려: {target}",
            body=f"반려 사유: {ctx['data']['reason']}",
            url=target.get_absolute_url(),
            dedupe_key=f"performance-data-returned:{target.pk}:{timezone.now():%Y%m%d%H%M%S}",
        )


MeasurementTarget.workflow = Workflow(
    states=dict(TargetState.choices),
    transitions=[
        Transition(
            "submit",
            "기초자료 제출",
            source=(TargetState.REQUESTED,),
            target=TargetState.SUBMITTED,
            roles=(*IT_DEPARTMENT, IT_PLANNING),
            may=lambda user, t: _operates(user, t) or any(g.role == IT_PLANNING for g in roles_of(user)),
            actor_label=OPERATING_UNIT,
            when=lambda t: t.included,
            guards=(
                Guard(
                    "a27.1",
                    "대상을 확정하여 자료를 요청한 성과측정에서만 자료를 냅니다.",
                    lambda t, ctx: t.round.state == RoundState.CONFIRMED,
                ),
                Guard(
                    "a27.2",
                    "측정연도와 전년도의 비용·활용규모를 모두 입력해야 제출할 수 있습니다.",
                    _has_both_years,
                ),
                Guard(
                    "a27.2",
                    "성과지표(목표와 실적)를 하나 이상 입력해야 제출할 수 있습니다.",
                    lambda t, ctx: t.indicators.exists(),
                ),
            ),
            effects=(_stamp("submitted_at"), meets("performance_data_request")),
            clause_ids=("a27.2",),
        ),
        Transition(
            "return_data",
            "자료 반려",
            source=(TargetState.SUBMITTED,),
            target=TargetState.REQUESTED,
            roles=(IT_PLANNING,),
            form=ReturnForm,
            effects=(_reopen_request,),
            clause_ids=("a27.2",),
            button="outline-warning",
        ),
        Transition(
            "measure",
            "측정",
            source=(TargetState.SUBMITTED,),
            target=TargetState.MEASURED,
            roles=(IT_PLANNING,),
            guards=(
                Guard(
                    "a27.1",
                    "계산할 수 없는 지표가 있습니다: 측정 대상 화면의 '빠진 입력'을 채우거나 자료를 반려하십시오.",
                    _computable,
                ),
            ),
            effects=(_measure,),
            clause_ids=("a27.1",),
        ),
        Transition(
            "decide",
            "결정 기록",
            source=(TargetState.MEASURED,),
            target=TargetState.DECIDED,
            roles=(IT_PLANNING,),
            form=DecisionForm,
            effects=(_decide,),
            clause_ids=("a27.1",),
        ),
        Transition(
            "decide_without_measurement",
            "측정 없이 폐기·통폐합",
            source=(TargetState.REQUESTED, TargetState.SUBMITTED),
            target=TargetState.DECIDED,
            roles=(IT_PLANNING,),
            form=TriggerForm,
            when=lambda t: t.included,
            guards=(
                Guard(
                    "a27.1",
                    "대상을 확정한 성과측정에서만 결정합니다.",
                    lambda t, ctx: t.round.state == RoundState.CONFIRMED,
                ),
            ),
            effects=(_decide_by_trigger,),
            clause_ids=("a27.1",),
            button="outline-danger",
        ),
    ],
)
register_workflow(MeasurementTarget)


# --- 정비계획 (성과관리 지침 제27조) --------------------------------------------------------------------------------------
MaintenancePlan.workflow = Workflow(
    states=dict(PlanState.choices),
    transitions=[
        Transition(
            "start",
            "정비계획 이행 시작",
            source=(PlanState.DRAFT,),
            target=PlanState.IN_PROGRESS,
            roles=(*IT_DEPARTMENT, IT_PLANNING),
            may=_operates_plan,
            actor_label=f"{OPERATING_UNIT} 또는 정보기획담당관",
            guards=(
                Guard(
                    "a27.1",
                    "정비계획에 이용자 불편 방지, 정보 이관·보존, 서비스 연속성 방안을 모두 적어야 합니다.",
                    lambda p, ctx: not p.missing_parts(),
                ),
            ),
            clause_ids=("a27.1",),
        ),
        Transition(
            "complete",
            "정비 완료",
            source=(PlanState.IN_PROGRESS,),
            target=PlanState.COMPLETED,
            roles=(*IT_DEPARTMENT, IT_PLANNING),
            may=_operates_plan,
            actor_label=f"{OPERATING_UNIT} 또는 정보기획담당관",
            effects=(lambda p, ctx: _complete(p),),
            clause_ids=("a27.1",),
        ),
    ],
)
register_workflow(MaintenancePlan)


def _complete(plan):
    plan.completed_on = timezone.localdate()
    plan.save(update_fields=["completed_on", "updated_at"])


# --- 수준진단 (a28) ---------------------------------------------------------------------------------------------------
def _weights_total(round_) -> Decimal:
    return round_.framework.total_weight()


def _request_evidence(round_, ctx):
    for score in actions.open_scores(round_):
        open_obligation(
            kind="diagnosis_evidence",
            subject=score,
            title=f"수준진단 자료 제출: {score.indicator}",
            owed_by_unit=score.indicator.responsible_unit,
            owed_by_role=Role.DEPARTMENT_HEAD,
            owed_to_role=IT_PLANNING,
            start=timezone.localdate(),
            actor=ctx["actor"],
        )


DiagnosisRound.workflow = Workflow(
    states=dict(DiagnosisState.choices),
    transitions=[
        Transition(
            "start",
            "증빙 요청",
            source=(DiagnosisState.DRAFT,),
            target=DiagnosisState.COLLECTING,
            roles=(IT_PLANNING,),
            guards=(
                Guard("a28.1", "지표체계에 지표가 없습니다.", lambda r, ctx: r.framework.indicators.exists()),
                Guard(
                    "a28.1",
                    "지표 배점의 합이 100점이 아닙니다. 지표체계를 고치십시오.",
                    lambda r, ctx: _weights_total(r) == Decimal(100),
                ),
            ),
            effects=(_stamp("started_at"), _request_evidence),
            clause_ids=("a28.1", "a28.2"),
        ),
        Transition(
            "close",
            "결과 확정",
            source=(DiagnosisState.COLLECTING,),
            target=DiagnosisState.CLOSED,
            roles=(IT_PLANNING,),
            guards=(
                Guard(
                    "a28.2",
                    "자체점검 점수와 증빙을 내지 않은 지표가 있습니다.",
                    lambda r, ctx: not r.scores.exclude(state=ScoreState.SUBMITTED).exists(),
                ),
            ),
            effects=(_stamp("closed_at"),),
            clause_ids=("a28.1",),
        ),
    ],
)
register_workflow(DiagnosisRound)

DiagnosisScore.workflow = Workflow(
    states=dict(ScoreState.choices),
    transitions=[
        Transition(
            "submit",
            "자체점검 제출",
            source=(ScoreState.PENDING,),
            target=ScoreState.SUBMITTED,
            roles=(Role.DEPARTMENT_HEAD, Role.STAFF, IT_PLANNING),
            may=lambda user, s: _responsible(user, s) or any(g.role == IT_PLANNING for g in roles_of(user)),
            actor_label="지표의 자료 제출 부서",
            guards=(
                Guard(
                    "a28.2",
                    "점수와 증빙 내용을 입력해야 제출할 수 있습니다.",
                    lambda s, ctx: s.score is not None and bool((s.evidence or "").strip()),
                ),
                Guard(
                    "a28.2",
                    "증빙을 요청한(진행 중인) 수준진단에만 제출합니다.",
                    lambda s, ctx: s.round.state == DiagnosisState.COLLECTING,
                ),
            ),
            effects=(_stamp("submitted_at"), meets("diagnosis_evidence")),
            clause_ids=("a28.2",),
        ),
        Transition(
            "reopen",
            "보완 요청",
            source=(ScoreState.SUBMITTED,),
            target=ScoreState.PENDING,
            roles=(IT_PLANNING,),
            form=ReturnForm,
            guards=(
                Guard(
                    "a28.2",
                    "결과를 확정한 수준진단은 보완을 요청하지 않습니다.",
                    lambda s, ctx: s.round.state == DiagnosisState.COLLECTING,
                ),
            ),
            clause_ids=("a28.2",),
            button="outline-warning",
        ),
    ],
)
register_workflow(DiagnosisScore)
