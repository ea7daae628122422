"""Chapter 4's steps on the project page, and the project's stage while its acquisition records are open.

A step not yet done carries the button that starts it when the user may (a POST to ``acquisition:start``), and
otherwise says who owes it; each shows the deadline it works to (itms.regulation.due).
"""

from __future__ import annotations

from django.urls import reverse

from itms.projects.choices import ProjectStage
from itms.projects.spine import Step, StepAction, register_steps
from itms.projects.stage import ORDER, register_stage_source
from itms.regulation.due import current, head_title, obligations_of, owner_text, record_key

from .actions.common import is_it_planning, is_sponsor
from .actions.evaluation import conducts_any
from .choices import (
    ConsultationState,
    DeliberationState,
    EvaluationState,
    OrderingState,
    RfpState,
    SecurityReviewState,
)
from .models import Evaluation, OrderingRequest, PreConsultation, Rfp, SecurityReview, TaskDeliberation

LATER = ORDER[ORDER.index(ProjectStage.DELIBERATED) :]


def _latest(queryset):
    return queryset.order_by("-created_at", "-pk").first()


def acquisition_steps(project, user) -> list[Step]:
    consultation = PreConsultation.objects.filter(project=project).first()
    rfp = _latest(Rfp.objects.filter(project=project))
    review = _latest(SecurityReview.objects.filter(project=project))
    deliberation = _latest(TaskDeliberation.objects.filter(project=project, requested_by_contractor=False))
    ordering = _latest(OrderingRequest.objects.filter(project=project))
    evaluation = _latest(Evaluation.objects.filter(project=project))
    records = [r for r in (consultation, rfp, review, deliberation, ordering, evaluation) if r is not None]
    if not records and project.stage not in LATER:
        return []  # before the plan is deliberated, acquisition is not the next thing to do
    obligations = obligations_of(records, user)
    sponsor = is_sponsor(user, project) or is_it_planning(user)

    def step(label, record, clause_ids, done, what, *, needs_rfp=False, extra="") -> Step:
        if record is None:
            result = Step(label, "pending", detail="아직 시작하지 않음", clause_ids=clause_ids)
            if needs_rfp and rfp is None:
                result.note = "제안요청서(안)을 먼저 작성합니다."
            elif sponsor and what:
                url = reverse("acquisition:start", args=[what])
                result.actions.append(StepAction(f"{label.split(' (')[0]} 시작", url, {"project": project.pk}))
            else:
                result.owner = head_title(project.sponsor_unit)
            return result
        workflow = type(record).workflow
        state = workflow.state_of(record)
        url = record.get_absolute_url()
        detail = workflow.state_label(record) + (f" · {extra}" if extra else "")
        if state in done:
            return Step(label, "done", url, detail, clause_ids)
        statuses = workflow.statuses(record, user)
        result = Step(
            label,
            "current",
            url,
            detail,
            clause_ids,
            [guard for status in statuses for guard in status.blocking],
            due=current(obligations.get(record_key(record))),
        )
        if not any(status.allowed for status in statuses):
            who = sorted({status.transition.who() for status in statuses})
            result.owner = owner_text(result.due) if result.due else "·".join(who)
        return result

    steps = [
        step(
            "사전협의 (제11조)",
            consultation,
            ("a11.1", "a11.2"),
            {ConsultationState.NOT_REQUIRED, ConsultationState.REFLECTED},
            "consultation",
        ),
        step("제안요청서 (제14조제1항)", rfp, ("a14.1",), {RfpState.ORDERED}, "rfp", extra=rfp.title if rfp else ""),
        step(
            "보안성 검토 (제12조)",
            review,
            ("a12.1", "a12.2", "a12.3"),
            {SecurityReviewState.VERIFIED},
            "security",
            needs_rfp=True,
        ),
        step(
            "과업심의 (제13조)",
            deliberation,
            ("a13.3", "a13.4"),
            {DeliberationState.REFLECTED},
            "deliberation",
            needs_rfp=True,
        ),
        step(
            "발주 의뢰·발주요건 검토 (제14조)",
            ordering,
            ("a14.1", "a14.2"),
            {OrderingState.ORDERED},
            "ordering",
            needs_rfp=True,
        ),
    ]
    evaluation_step = step(
        "제안서 평가 (제15조·제16조)",
        evaluation,
        ("a15.1", "a15.8", "a16"),
        {EvaluationState.LOCKED, EvaluationState.NOTIFIED, EvaluationState.DELEGATED},
        "",
    )
    if evaluation is None:
        evaluation_step.actions.clear()
        if ordering is not None and ordering.state == OrderingState.ORDERED and _may_evaluate(user, project):
            evaluation_step.actions.append(
                StepAction(
                    "제안서 평가 준비", reverse("acquisition:evaluation_start", args=[ordering.pk]), method="get"
                )
            )
        elif ordering is None or ordering.state != OrderingState.ORDERED:
            evaluation_step.note = "발주(입찰공고)한 뒤 평가를 준비합니다."
        else:
            evaluation_step.owner = "정보화부서장"
    elif evaluation.is_locked:
        first = evaluation.results.order_by("rank").select_related("proposal__company").first()
        if first is not None:
            evaluation_step.detail += f" · 1순위 {first.proposal.company} ({first.total}점)"
    steps.append(evaluation_step)
    return steps


def _may_evaluate(user, project) -> bool:
    return conducts_any(user)


register_steps(40, acquisition_steps)


def acquisition_stage(project) -> str | None:
    """도입·발주 while any of the project's acquisition records has been submitted (a11–a16)."""
    for model, draft in (
        (PreConsultation, ConsultationState.DRAFT),
        (SecurityReview, SecurityReviewState.DRAFT),
        (TaskDeliberation, DeliberationState.DRAFT),
        (OrderingRequest, OrderingState.DRAFT),
        (Evaluation, EvaluationState.DRAFT),
    ):
        if model.objects.filter(project=project).exclude(state=draft).exists():
            return ProjectStage.ACQUISITION
    return None


register_stage_source(acquisition_stage)
