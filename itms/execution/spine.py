"""Chapter 5's steps on the project page (contract → plan → progress → tests → acceptance test → 감리 → inspection →
handover → defect period), and the stage its records prove: 사업수행 from the contract, 검사·인수 from the
completion notice, 운영 after the handover, 종료 when the defect period is closed."""

from __future__ import annotations

from itms.core.formats import format_date
from itms.projects.choices import ProjectStage
from itms.projects.spine import Step, register_steps
from itms.projects.stage import ORDER, register_stage_source
from itms.regulation.due import current, obligations_of, record_key

from .actions.inspection import current_round
from .choices import AcceptanceState, ContractState, PlanState
from .models import Contract

CONTRACT_STAGE = {
    ContractState.IN_PROGRESS: ProjectStage.EXECUTION,
    ContractState.COMPLETION_NOTIFIED: ProjectStage.INSPECTION,
    ContractState.CORRECTION_REQUESTED: ProjectStage.INSPECTION,
    ContractState.INSPECTED: ProjectStage.INSPECTION,
    ContractState.HANDED_OVER: ProjectStage.OPERATION,
    ContractState.CLOSED: ProjectStage.OPERATION,
}


def execution_stage(project) -> str | None:
    """The furthest stage the project's contracts prove."""
    found = [CONTRACT_STAGE[s] for s in Contract.objects.filter(project=project).values_list("state", flat=True)]
    return max(found, key=ORDER.index, default=None)


register_stage_source(execution_stage)


def execution_steps(project, user) -> list[Step]:
    contract = Contract.objects.filter(project=project).order_by("-signed_on").first()
    if contract is None:
        return []
    obligations = obligations_of([contract], user)
    mine = obligations.get(record_key(contract), [])
    state = contract.state
    steps = [
        Step(
            f"계약 체결 ({contract.company}, {format_date(contract.signed_on)})",
            "done",
            contract.get_absolute_url(),
            f"{format_date(contract.start_date)} ~ {format_date(contract.end_date)}",
            ("a17.1", "a17.3"),
        )
    ]
    plan = getattr(contract, "execution_plan", None)
    if plan is not None:
        steps.append(
            Step(
                "사업수행계획서 (제18조)",
                "done" if plan.state == PlanState.APPROVED else "current",
                plan.get_absolute_url(),
                plan.get_state_display(),
                ("a18.1", "a18.2"),
                due=current([o for o in mine if o.kind == "kickoff_submission"]),
            )
        )
    running = state == ContractState.IN_PROGRESS
    steps.append(
        Step("진도관리·산출물 (제17조제2항, 제19조)", "current" if running else "done", contract.get_absolute_url(),
             clause_ids=("a17.2", "a19"))
    )  # fmt: skip
    test = contract.acceptance_tests.order_by("-requested_on").first()
    steps.append(
        Step(
            "인수테스트 (제20조제3항)",
            "done" if test and test.state == AcceptanceState.PASSED else ("current" if test else "pending"),
            test.get_absolute_url() if test else "",
            test.get_state_display() if test else "요청 전",
            ("a20.3",),
            due=current([o for o in mine if o.kind == "acceptance_test_request"]),
        )
    )
    inspection = current_round(contract)
    inspected = state in (ContractState.INSPECTED, ContractState.HANDED_OVER, ContractState.CLOSED)
    steps.append(
        Step(
            "검사 (제22조)",
            "done" if inspected else ("current" if inspection else "pending"),
            inspection.get_absolute_url() if inspection else "",
            inspection.get_outcome_display() if inspection else "완료계 제출 전",
            ("a22",),
            due=current([o for o in mine if o.kind == "inspection"]),
        )
    )
    handed = state in (ContractState.HANDED_OVER, ContractState.CLOSED)
    steps.append(
        Step(
            "인계·하자담보 (제23조)",
            "done" if state == ContractState.CLOSED else ("current" if handed else "pending"),
            contract.get_absolute_url() if handed else "",
            f"하자담보 {format_date(contract.warranty_ends_on)}까지" if contract.warranty_ends_on else "",
            ("a23.1", "a23.2", "a23.3"),
            due=current([o for o in mine if o.kind == "defect_liability"]),
        )
    )
    return steps


register_steps(50, execution_steps)
