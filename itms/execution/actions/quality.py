"""품질관리 (a20): the acceptance test asked of the IT department (a20.3), the traceability matrix."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from itms.core.errors import Forbidden, Refused
from itms.regulation.obligations import meet_obligation

from ..choices import AcceptanceState, ContractState
from ..error_codes import ExecutionErrors as E
from ..models import AcceptanceTest, Contract, Requirement
from .common import is_sponsor, today


@transaction.atomic
def request_acceptance_test(
    *, actor, contract: Contract, it_unit, inspection_due: dt.date, scope: str, on: dt.date | None = None
) -> AcceptanceTest:
    """The sponsoring department asks the IT department for the acceptance test (a20.3); meets the backward
    deadline (late if after it) and tells the IT department's head."""
    if not is_sponsor(actor, contract.project):
        raise Forbidden(E.ACCEPTANCE_WHO)
    if it_unit is None or not it_unit.is_it_department:
        raise Refused(E.ACCEPTANCE_UNIT, field="it_unit")
    if contract.state not in (
        ContractState.IN_PROGRESS,
        ContractState.COMPLETION_NOTIFIED,
        ContractState.CORRECTION_REQUESTED,
    ):
        raise Refused(E.ACCEPTANCE_STATE)
    if contract.acceptance_tests.filter(state=AcceptanceState.REQUESTED).exists():
        raise Refused(E.ACCEPTANCE_OPEN)
    test = AcceptanceTest(
        contract=contract,
        it_unit=it_unit,
        requested_on=on or today(),
        inspection_due=inspection_due,
        scope=scope,
        requested_by=actor,
    )
    test.full_clean(exclude=["requested_by"])
    test.save()
    if contract.it_unit_id != it_unit.pk:
        contract.it_unit = it_unit
        contract.save(update_fields=["it_unit", "updated_at"])
    meet_obligation(kind="acceptance_test_request", subject=contract, actor=actor)
    _tell_it_head(test)
    return test


def _tell_it_head(test: AcceptanceTest) -> None:
    from itms.accounts.directory import holders
    from itms.accounts.roles import Role
    from itms.notifications.actions import notify

    def send():
        for holder in holders(Role.IT_DEPARTMENT_HEAD, test.it_unit):
            notify(
                recipient=holder.user,
                title=f"인수테스트 요청: {test.contract.project}",
                url=test.get_absolute_url(),
                body="사업추진부서장이 인수테스트를 요청했습니다. 합동으로 실시하고 결과를 통보하십시오 (제20조제3항).",
                dedupe_key=f"acceptance-request-{test.pk}",
            )

    transaction.on_commit(send)


def traceability(contract: Contract) -> list[dict]:
    """요구사항 → 설계 → 시험 케이스 → 결과: one row per (requirement, test case), a requirement without a test too."""
    rows = []
    requirements = Requirement.objects.filter(contract=contract).prefetch_related("test_cases").order_by("code")
    for requirement in requirements:
        cases = sorted(requirement.test_cases.all(), key=lambda c: c.code)
        for case in cases or [None]:
            rows.append(
                {
                    "requirement": requirement,
                    "design": requirement.design_refs,
                    "case": case,
                    "result": case.get_result_display() if case else "시험 없음",
                    "executed_on": case.executed_on if case else None,
                }
            )
    return rows
