"""The workflows of Chapter 3: pre-review, plan, impact review, detailed plan — each guard citing its clause."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from itms.accounts.directory import holds
from itms.accounts.roles import Role
from itms.core.korean import josa
from itms.projects.choices import ProjectKind
from itms.regulation.obligations import meet_obligation, meets, opens
from itms.regulation.rules import param
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from . import actions
from .models import (
    DetailedPlan,
    DetailedPlanState,
    EAReview,
    ImpactReview,
    ImpactReviewState,
    PlanState,
    PreReview,
    PreReviewState,
    ProjectPlan,
    StrategicPlan,
    StrategicPlanState,
)

IT_PLANNING = (Role.IT_PLANNING_OFFICER,)
# Who may take a step decided by the record rather than a role (``may``), in the words of a refusal:
# "'사전검토 의뢰'는 사업추진부서만 할 수 있습니다."
SPONSOR = "사업추진부서"  # the sponsoring or a co-performing department (a2.0.8)
ASKED_IT_HEAD = "해당 정보화부서장"  # the head of the IT department asked for the impact review (a8.4)


def _sponsor(user, record) -> bool:
    return actions.is_sponsor(user, record.project)


def _filled(field: str):
    return lambda obj, ctx: bool((getattr(obj, field) or "").strip())


def _section_guards(model, fields, clause: str) -> tuple[Guard, ...]:
    """One guard per required section, each citing its item (a8.1.1 … a8.3.11)."""
    return tuple(
        Guard(
            f"{clause}.{number}",
            josa(f"'{model._meta.get_field(field).verbose_name}'", "을/를") + " 작성해야 제출할 수 있습니다.",
            _filled(field),
        )
        for number, field in enumerate(fields, start=1)
    )


def _meet_cycle(kind: str):
    def effect(record, ctx):
        meet_obligation(**actions.cycle_obligation(kind, record.project, record.cycle), actor=ctx["actor"])

    return effect


def _stamp(field: str):
    def effect(record, ctx):
        setattr(record, field, timezone.now())
        record.save(update_fields=[field, "updated_at"])

    return effect


def _save_data(*fields: str):
    """Keeps what the actor entered in the transition's form on the record."""

    def effect(record, ctx):
        for field in fields:
            setattr(record, field, ctx["data"][field])
        record.save(update_fields=[*fields, "updated_at"])

    return effect


# --- pre-review (a8.1, a8.2) -------------------------------------------------------------------------------------
class PreReviewResultForm(forms.Form):
    duplication_finding = forms.CharField(label="기존시스템과 기능 중복", widget=forms.Textarea(attrs={"rows": 2}))
    reuse_finding = forms.CharField(label="자원 재활용", widget=forms.Textarea(attrs={"rows": 2}))
    integration_finding = forms.CharField(label="연계·통합", widget=forms.Textarea(attrs={"rows": 2}))
    materials = forms.CharField(label="제공 자료", widget=forms.Textarea(attrs={"rows": 2}), required=False)


def _notify_sponsor(record, ctx):
    from itms.accounts.directory import holders
    from itms.notifications.actions import notify

    for holder in holders(Role.DEPARTMENT_HEAD, record.project.sponsor_unit):
        notify(
            recipient=holder.user,
            title=f"사전검토 결과 통보: {record.project}",
            url=record.get_absolute_url(),
            body="정보기획담당관의 사전검토 결과(기능 중복, 자원 재활용, 연계·통합)가 통보되었습니다 (제8조제2항).",
        )


# a8.2 sets no date for the result; the rule pack's system default gives the 정보기획담당관 one (pre_review_result_days).
_owe_result = opens(
    "pre_review_result",
    start=lambda record, ctx: timezone.localdate(),
    owed_to_unit=lambda record, ctx: record.project.sponsor_unit,
    title=lambda record, ctx: f"사전검토 결과 통보: {record.project}",
)


PreReview.workflow = Workflow(
    states=dict(PreReviewState.choices),
    transitions=[
        Transition(
            "submit",
            "사전검토 의뢰",
            source=("draft",),
            target="submitted",
            may=_sponsor,
            actor_label=SPONSOR,
            guards=_section_guards(PreReview, PreReview.SECTIONS, "a8.1"),
            effects=(_stamp("submitted_at"), _meet_cycle("pre_review_request"), _owe_result),
            clause_ids=("a8.1",),
        ),
        Transition(
            "notify_result",
            "검토 결과 통보",
            source=("submitted",),
            target="reviewed",
            roles=IT_PLANNING,
            form=PreReviewResultForm,
            effects=(
                _save_data("duplication_finding", "reuse_finding", "integration_finding", "materials"),
                _stamp("reviewed_at"),
                lambda r, ctx: _set_reviewer(r, ctx),
                _notify_sponsor,
                meets("pre_review_result"),
            ),
            clause_ids=("a8.2",),
        ),
    ],
)


def _set_reviewer(record, ctx):
    record.reviewed_by = ctx["actor"]
    record.save(update_fields=["reviewed_by", "updated_at"])


# --- plan, EA review, hold, council (a8.3–a8.8) ---------------------------------------------------------------
def _has_related_systems(plan: ProjectPlan, ctx) -> bool:
    return plan.project.related_systems.exists()


def _request_reviews(plan: ProjectPlan, ctx) -> None:
    actions.request_impact_reviews(plan=plan, actor=ctx["actor"])


def _all_replied(plan: ProjectPlan, ctx) -> bool:
    return all(r.state != "requested" for r in actions.latest_impact_round(plan))


def _all_reflected(plan: ProjectPlan, ctx) -> bool:
    return all(r.state == "reflected" for r in actions.latest_impact_round(plan))


def _ensure_ea_review(plan: ProjectPlan, ctx) -> None:
    EAReview.objects.get_or_create(plan=plan)


def _ea_point(field: str):
    def check(plan: ProjectPlan, ctx) -> bool:
        review = EAReview.objects.filter(plan=plan).first()
        return review is not None and bool(getattr(review, field).strip())

    return check


SYSTEM_BUILDING = (ProjectKind.CONSTRUCTION, ProjectKind.ENHANCEMENT)


def needs_bpr_isp(plan: ProjectPlan) -> bool:
    """a8.6.4: a project that builds or rebuilds a system, of the rule pack's size (10억원) or more.

    It is a point the 정보기획담당관 reviews and writes findings on (BPR/ISP done, planned, or why not needed),
    not a requirement that a BPR/ISP project came first: the predecessors are shown to the reviewer.
    """
    threshold = int(param("bpr_isp_threshold").value)
    return plan.project.kind in SYSTEM_BUILDING and plan.project.total_budget >= threshold


def _bpr_isp_reviewed(plan: ProjectPlan, ctx) -> bool:
    return not needs_bpr_isp(plan) or _ea_point("bpr_isp")(plan, ctx)


def _new_technology_prepared(plan: ProjectPlan, ctx) -> bool:
    """a7: a new-technology project is preceded by a study, ISP, pilot or PoC — or says why not."""
    if not plan.project.is_new_technology:
        return True
    if plan.project.preceded_by.filter(kind__in=(ProjectKind.RESEARCH, ProjectKind.ISP)).exists():
        return True
    review = EAReview.objects.filter(plan=plan).first()
    return review is not None and bool(review.new_tech_justification.strip())


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="보류 사유 (중복성·비용 대비 효과·구체성 등)", widget=forms.Textarea(attrs={"rows": 2})
    )


class CouncilForm(forms.Form):
    meeting = forms.ModelChoiceField(label="상정할 실무협의회 회의", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.governance.choices import BodyKind, MeetingState
        from itms.governance.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__kind=BodyKind.COUNCIL, state__in=(MeetingState.CONVENED, MeetingState.DISTRIBUTED)
        ).select_related("body")


def _place_on_agenda(record, ctx) -> None:
    from itms.governance.actions import add_agenda_item
    from itms.governance.choices import CouncilAgendaKind

    add_agenda_item(
        actor=ctx["actor"],
        meeting=ctx["data"]["meeting"],
        kind=CouncilAgendaKind.PRIORITY,
        title=str(record),
        subject=record,
        proposing_unit=record.project.sponsor_unit,
        description=f"{record.project.get_kind_display()} · 총사업비 {record.project.total_budget:,}원",
    )


def _sign_ea_review(plan: ProjectPlan, ctx) -> None:
    review = EAReview.objects.get(plan=plan)
    review.reviewed_by = ctx["actor"]
    review.save(update_fields=["reviewed_by", "updated_at"])


def _record_hold(plan: ProjectPlan, ctx) -> None:
    plan.hold_reason = ctx["data"]["reason"]
    plan.save(update_fields=["hold_reason", "updated_at"])


class ResumeForm(forms.Form):
    reason = forms.CharField(
        label="보류 해제 사유 (보류 사유를 어떻게 해소했는지)", widget=forms.Textarea(attrs={"rows": 2})
    )


def _record_resume(plan: ProjectPlan, ctx) -> None:
    plan.hold_lifted_reason = ctx["data"]["reason"]
    plan.save(update_fields=["hold_lifted_reason", "updated_at"])


# --- the council's resolution (a8.8): internal transitions, driven only by the recorded resolution ----------------
COUNCIL = "실무협의회 의결"


def _apply_approval(plan: ProjectPlan, ctx) -> None:
    resolution = ctx["data"]["resolution"]
    plan.priority_rank = resolution.priority_rank
    plan.approved_budget = (
        resolution.adjusted_budget if resolution.adjusted_budget is not None else plan.project.total_budget
    )
    plan.decided_at = timezone.now()
    plan.save(update_fields=["priority_rank", "approved_budget", "decided_at", "updated_at"])


def _apply_council_hold(plan: ProjectPlan, ctx) -> None:
    plan.hold_reason = ctx["data"]["resolution"].remarks or "실무협의회 심의 결과 보류"
    plan.decided_at = timezone.now()
    plan.save(update_fields=["hold_reason", "decided_at", "updated_at"])


def _apply_rejection(plan: ProjectPlan, ctx) -> None:
    plan.decided_at = timezone.now()
    plan.save(update_fields=["decided_at", "updated_at"])


S = PlanState
SUBMIT_GUARDS = _section_guards(ProjectPlan, ProjectPlan.SECTIONS, "a8.3")

ProjectPlan.workflow = Workflow(
    states=dict(PlanState.choices),
    transitions=[
        Transition(
            "submit",
            "사업계획서 제출",
            source=(S.DRAFT,),
            target=S.IMPACT_REVIEW,
            may=_sponsor,
            actor_label=SPONSOR,
            when=lambda plan: plan.changes_systems,
            guards=(
                *SUBMIT_GUARDS,
                Guard("a8.4", "영향도 검토를 요청할 관련 정보시스템을 사업에 등록해야 합니다.", _has_related_systems),
            ),
            effects=(
                _stamp("submitted_at"),
                _meet_cycle("plan_submission"),
                _request_reviews,
            ),
            clause_ids=("a8.3", "a8.4"),
        ),
        Transition(
            "submit_no_system",
            "사업계획서 제출",
            source=(S.DRAFT,),
            target=S.EA_REVIEW,
            may=_sponsor,
            actor_label=SPONSOR,
            when=lambda plan: not plan.changes_systems,
            guards=SUBMIT_GUARDS,
            effects=(
                _stamp("submitted_at"),
                _meet_cycle("plan_submission"),
                _ensure_ea_review,
            ),
            clause_ids=("a8.3",),
        ),
        Transition(
            "begin_ea_review",
            "EA 검토 시작",
            source=(S.IMPACT_REVIEW,),
            target=S.EA_REVIEW,
            roles=IT_PLANNING,
            guards=(
                Guard("a8.5", "모든 영향도 검토가 회신되어야 합니다.", _all_replied),
                Guard("a8.5", "사업추진부서가 영향도 검토 결과를 사업계획에 반영해야 합니다.", _all_reflected),
            ),
            effects=(_ensure_ea_review,),
            clause_ids=("a8.5", "a8.6"),
        ),
        Transition(
            "hold",
            "보류",
            source=(S.IMPACT_REVIEW, S.EA_REVIEW, S.COUNCIL),
            target=S.ON_HOLD,
            roles=IT_PLANNING,
            form=HoldForm,
            effects=(_record_hold,),
            clause_ids=("a8.7",),
            button="outline-warning",
        ),
        Transition(
            "resume",
            "보류 해제",
            source=(S.ON_HOLD,),
            target=S.EA_REVIEW,
            roles=IT_PLANNING,
            form=ResumeForm,
            effects=(_record_resume, _ensure_ea_review),
            clause_ids=("a8.7",),
        ),
        Transition(
            "council_approve",
            "실무협의회 의결 반영(승인)",
            source=(S.COUNCIL,),
            target=S.APPROVED,
            internal=True,
            via=COUNCIL,
            effects=(_apply_approval,),
            clause_ids=("a8.8",),
        ),
        Transition(
            "council_hold",
            "실무협의회 의결 반영(보류)",
            source=(S.COUNCIL,),
            target=S.ON_HOLD,
            internal=True,
            via=COUNCIL,
            effects=(_apply_council_hold,),
            clause_ids=("a8.7", "a8.8"),
        ),
        Transition(
            "council_reject",
            "실무협의회 의결 반영(불승인)",
            source=(S.COUNCIL,),
            target=S.REJECTED,
            internal=True,
            via=COUNCIL,
            effects=(_apply_rejection,),
            clause_ids=("a8.8",),
        ),
        Transition(
            "to_council",
            "실무협의회 상정",
            source=(S.EA_REVIEW,),
            target=S.COUNCIL,
            roles=IT_PLANNING,
            guards=(
                Guard("a8.6.1", "EA 검토의 '사업 추진의 효과성'을 작성해야 합니다.", _ea_point("effectiveness")),
                Guard("a8.6.2", "EA 검토의 '중복성'을 작성해야 합니다.", _ea_point("duplication")),
                Guard(
                    "a8.6.3",
                    "EA 검토의 '기술적 타당성 및 소요 예산 적합성'을 작성해야 합니다.",
                    _ea_point("feasibility_budget"),
                ),
                Guard(
                    "a8.6.4",
                    "10억원 이상 시스템 구축·재구축 사업은 EA 검토에 업무재설계(BPR)·정보화전략계획(ISP) "
                    "검토 의견을 적어야 합니다.",
                    _bpr_isp_reviewed,
                ),
                Guard(
                    "a7",
                    "신기술 사업은 연구용역·ISP·시범사업·기술검증 등 선행 사업이나 그렇지 않은 사유가 있어야 합니다.",
                    _new_technology_prepared,
                ),
            ),
            form=CouncilForm,
            effects=(_place_on_agenda, _sign_ea_review),
            clause_ids=("a8.6", "a8.8"),
        ),
    ],
)


# --- impact review (a8.4, a8.5) ---------------------------------------------------------------------------------
def _it_head(user, review: ImpactReview) -> bool:
    return user.is_superuser or holds(user, Role.IT_DEPARTMENT_HEAD, review.it_unit)


class ReplyForm(forms.Form):
    reply = forms.CharField(label="검토 결과", widget=forms.Textarea(attrs={"rows": 3}))


class ReflectionForm(forms.Form):
    reflection = forms.CharField(label="사업계획에 반영한 내용", widget=forms.Textarea(attrs={"rows": 3}))


def _reply(review: ImpactReview, ctx) -> None:
    review.reply, review.replied_at, review.replied_by = ctx["data"]["reply"], timezone.now(), ctx["actor"]
    review.save(update_fields=["reply", "replied_at", "replied_by", "updated_at"])
    meet_obligation(kind="impact_review_reply", subject=review, actor=ctx["actor"])


def _reflect(review: ImpactReview, ctx) -> None:
    review.reflection, review.reflected_at = ctx["data"]["reflection"], timezone.now()
    review.save(update_fields=["reflection", "reflected_at", "updated_at"])


ImpactReview.workflow = Workflow(
    states=dict(ImpactReviewState.choices),
    transitions=[
        Transition(
            "reply",
            "검토 결과 회신",
            source=("requested",),
            target="replied",
            may=_it_head,
            actor_label=ASKED_IT_HEAD,
            form=ReplyForm,
            effects=(_reply,),
            clause_ids=("a8.5",),
        ),
        Transition(
            "reflect",
            "사업계획 반영",
            source=("replied",),
            target="reflected",
            may=lambda user, review: actions.is_sponsor(user, review.plan.project),
            actor_label=SPONSOR,
            form=ReflectionForm,
            effects=(_reflect,),
            clause_ids=("a8.5",),
        ),
    ],
)


# --- detailed plan (a9) -----------------------------------------------------------------------------------------
class DetailedReviewForm(forms.Form):
    duplication = forms.CharField(label="기존 시스템과의 기능 중복성", widget=forms.Textarea(attrs={"rows": 2}))
    reuse = forms.CharField(label="기존 정보자원의 재활용성", widget=forms.Textarea(attrs={"rows": 2}))
    technology_security = forms.CharField(label="정보기술·보안의 적합성", widget=forms.Textarea(attrs={"rows": 2}))
    targets_budget = forms.CharField(label="성과목표 및 소요 예산의 적절성", widget=forms.Textarea(attrs={"rows": 2}))
    period = forms.CharField(label="사업기간 산정의 적절성", widget=forms.Textarea(attrs={"rows": 2}))


def _not_held(record, ctx) -> bool:
    """a8.7: while the project's plan is on hold, no later step of the project is taken."""
    return not ProjectPlan.objects.filter(project=record.project, state=PlanState.ON_HOLD).exists()


HOLD_GUARD = Guard(
    "a8.7", "사업계획이 보류 중입니다. 정보기획담당관이 보류를 해제한 뒤에 진행할 수 있습니다.", _not_held
)


def _reviews_of_adjustment_done(plan: DetailedPlan, ctx) -> bool:
    project_plan = ProjectPlan.objects.filter(cycle=plan.cycle, project=plan.project).first()
    return project_plan is None or all(r.state == "reflected" for r in actions.latest_impact_round(project_plan))


DetailedPlan.workflow = Workflow(
    states=dict(DetailedPlanState.choices),
    transitions=[
        Transition(
            "submit",
            "세부계획 제출",
            source=("draft",),
            target="submitted",
            may=_sponsor,
            actor_label=SPONSOR,
            guards=(
                Guard(
                    "a9.1",
                    "세부계획의 내용(사업비·기간·과업 범위)을 작성해야 합니다.",
                    lambda plan, ctx: plan.versions.exists(),
                ),
                HOLD_GUARD,
            ),
            effects=(_stamp("submitted_at"), _meet_cycle("detailed_plan_submission")),
            clause_ids=("a9.1",),
        ),
        Transition(
            "review",
            "검토 결과 기록",
            source=("submitted",),
            target="reviewed",
            roles=IT_PLANNING,
            form=DetailedReviewForm,
            effects=(_save_data(*DetailedPlan.REVIEW_POINTS),),
            clause_ids=("a9.2",),
        ),
        Transition(
            "to_council",
            "실무협의회 상정",
            source=("reviewed",),
            target="council",
            roles=IT_PLANNING,
            guards=(
                Guard("a9.3", "조정된 세부계획의 영향도 검토가 회신·반영되어야 합니다.", _reviews_of_adjustment_done),
                HOLD_GUARD,
            ),
            form=CouncilForm,
            effects=(_place_on_agenda,),
            clause_ids=("a9.4",),
        ),
        Transition(
            "council_approve",
            "실무협의회 의결 반영(확정)",
            source=("council",),
            target="approved",
            internal=True,
            via=COUNCIL,
            guards=(HOLD_GUARD,),
            clause_ids=("a9.4",),
        ),
        Transition(
            "council_return",
            "실무협의회 의결 반영(재조정)",
            source=("council",),
            target="reviewed",
            internal=True,
            via=COUNCIL,
            clause_ids=("a9.4",),
        ),
    ],
)


# --- strategic plan (a6) -----------------------------------------------------------------------------------------
class AdoptForm(forms.Form):
    synthesis = forms.CharField(
        label="각 국·실 및 소속기관 의견의 종합·조정 결과", widget=forms.Textarea(attrs={"rows": 3})
    )


def _opinions_in(plan: StrategicPlan, ctx) -> bool:
    """a6.2: every unit asked has answered, or its deadline has passed."""
    today = timezone.localdate()
    return not plan.opinion_requests.filter(responded_at__isnull=True, due_date__gte=today).exists()


def _adopt(plan: StrategicPlan, ctx) -> None:
    plan.synthesis, plan.adopted_at = ctx["data"]["synthesis"], timezone.now()
    plan.save(update_fields=["synthesis", "adopted_at", "updated_at"])


StrategicPlan.workflow = Workflow(
    states=dict(StrategicPlanState.choices),
    transitions=[
        Transition(
            "open_opinions",
            "의견 수렴 요청",
            source=("draft",),
            target="opinion",
            internal=True,
            via="의견 수렴 요청 화면",
            clause_ids=("a6.2",),
        ),
        Transition(
            "adopt",
            "전략계획 수립",
            source=("opinion",),
            target="adopted",
            roles=(Role.CIO,),
            guards=(
                Guard(
                    "a6.2",
                    "의견 수렴 기한이 남은 부서가 있습니다. 모든 부서가 회신하거나 기한이 지나야 종합·조정할 수 있습니다.",
                    _opinions_in,
                ),
            ),
            form=AdoptForm,
            effects=(_adopt,),
            clause_ids=("a6.1", "a6.2"),
        ),
    ],
)

for model in (PreReview, ProjectPlan, ImpactReview, DetailedPlan, StrategicPlan):
    register_workflow(model)
