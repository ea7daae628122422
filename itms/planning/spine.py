"""Chapter 3's steps on the project page: pre-review, plan, impact reviews, EA review, council, detailed plan."""

from __future__ import annotations

from itms.projects.spine import Step, register_steps

from .models import DetailedPlan, PreReview, ProjectPlan


def planning_steps(project, user) -> list[Step]:
    steps = []
    pre = PreReview.objects.filter(project=project).select_related("cycle").order_by("-cycle__year").first()
    steps.append(_record_step("사전검토 (제8조제1항·제2항)", pre, user, ("a8.1", "a8.2"), done={"reviewed"}))
    plan = ProjectPlan.objects.filter(project=project).select_related("cycle").order_by("-cycle__year").first()
    steps.append(
        _record_step(
            "사업계획서·영향도 검토·EA 검토 (제8조제3항~제7항)",
            plan,
            user,
            ("a8.3", "a8.4", "a8.5", "a8.6"),
            done={"approved"},
        )
    )
    if plan is not None:
        reviews = list(plan.impact_reviews.select_related("it_unit"))
        if reviews:
            replied = sum(r.state != "requested" for r in reviews)
            steps.append(
                Step(
                    f"영향도 검토 회신 {replied}/{len(reviews)}",
                    "done" if replied == len(reviews) else "current",
                    clause_ids=("a8.5",),
                )
            )
        if plan.state in ("approved", "rejected", "on_hold") and plan.decided_at:
            detail = f"우선순위 {plan.priority_rank or '-'}, 조정 예산 {plan.approved_budget or 0:,}원"
            steps.append(
                Step(
                    f"실무협의회 심의: {plan.get_state_display()}",
                    "done" if plan.state == "approved" else "blocked",
                    detail=detail,
                    clause_ids=("a8.8",),
                )
            )
    detailed = DetailedPlan.objects.filter(project=project).select_related("cycle").order_by("-cycle__year").first()
    steps.append(_record_step("세부 사업계획 (제9조)", detailed, user, ("a9.1", "a9.2", "a9.4"), done={"approved"}))
    return steps


def _record_step(label, record, user, clause_ids, *, done) -> Step:
    if record is None:
        return Step(label, "pending", detail="아직 작성하지 않음", clause_ids=clause_ids)
    workflow = type(record).workflow
    state = workflow.state_of(record)
    if state in done:
        return Step(label, "done", record.get_absolute_url(), workflow.state_label(record), clause_ids)
    blocking = [guard for status in workflow.statuses(record, user) for guard in status.blocking]
    status = "blocked" if state == "on_hold" else "current"
    return Step(label, status, record.get_absolute_url(), workflow.state_label(record), clause_ids, blocking)


register_steps(30, planning_steps)
