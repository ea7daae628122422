"""Contracts (a17.1–a17.3): what follows a signature, vendor access that ends by itself, contract versions."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from itms.accounts.models import User, UserKind
from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date, format_won
from itms.projects.choices import ParticipantRole
from itms.projects.models import ProjectParticipant
from itms.projects.stage import follow_stage_of
from itms.regulation.obligations import open_obligation

from ..choices import RequirementCategory, RequirementSource
from ..error_codes import ExecutionErrors as E
from ..models import Contract, ContractVersion, ExecutionPlan, Requirement
from ..models.contracts import add_months
from .common import is_it_planning, today


def requirement_snapshot(contract: Contract) -> list[dict]:
    return [
        {"code": r.code, "title": r.title, "category": r.category, "active": r.is_active}
        for r in Requirement.objects.filter(contract=contract).order_by("code")
    ]


def record_version(*, contract: Contract, reason: str, actor=None, change_request=None) -> ContractVersion:
    """A new version of the contract with its requirement table as they now stand (a13.3, SW진흥법 §50)."""
    number = (contract.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    if number != contract.version:
        contract.version = number
        contract.save(update_fields=["version", "updated_at"])
    return ContractVersion.objects.create(
        contract=contract,
        number=number,
        amount=contract.amount,
        start_date=contract.start_date,
        end_date=contract.end_date,
        reason=reason[:300],
        change_request=change_request,
        requirements=requirement_snapshot(contract),
        recorded_by=actor,
    )


# The RFP's requirement categories (PRACTICE-FACTS §1.2) as the contract's requirement table files them.
RFP_CATEGORIES = {
    "SFR": RequirementCategory.FUNCTIONAL,
    "PER": RequirementCategory.PERFORMANCE,
    "SIR": RequirementCategory.INTERFACE,
    "DAR": RequirementCategory.DATA,
    "SER": RequirementCategory.SECURITY,
    "QUR": RequirementCategory.QUALITY,
}


def copy_rfp_requirements(contract: Contract) -> int:
    """The contract's requirement table starts as the ordered RFP's (a14.1, a20.1): each requirement with its ID
    (SFR-001), name, definition and details, so that design, tests and inspection trace back to what was asked.
    Only into an empty table; returns how many were copied."""
    from itms.acquisition.choices import RfpState
    from itms.acquisition.models import Rfp

    if contract.requirements.exists():
        return 0
    rfp = (
        Rfp.objects.filter(project_id=contract.project_id, state=RfpState.ORDERED)
        .order_by("-updated_at", "-pk")
        .first()
    )
    if rfp is None:
        return 0
    rows = [
        Requirement(
            contract=contract,
            code=r.code,
            title=r.name[:200],
            description="\n\n".join(part for part in (r.definition, r.details) if part),
            category=RFP_CATEGORIES.get(r.category.code, RequirementCategory.OTHER),
            source=RequirementSource.RFP,
        )
        for r in rfp.requirements.select_related("category").order_by("category__order", "category__code", "seq")
    ]
    for row in rows:  # each through its own save: the change log records it
        row.save()
    return len(rows)


@transaction.atomic
def contract_registered(contract: Contract, *, actor) -> None:
    """After signature (a17.1–a17.2, a18.1, a20.3), chained with its actor: the RFP's requirement table,
    version 1, the execution plan to be submitted within the kickoff period, the acceptance test to be asked for
    14 days before the planned completion, and the project's stage, which a signed contract moves to 사업수행
    (spine.execution_stage). Once per contract: its version 1 says it was registered."""
    if contract.versions.exists():
        return
    copy_rfp_requirements(contract)
    record_version(contract=contract, reason="계약 체결", actor=actor)
    ExecutionPlan.objects.get_or_create(contract=contract)
    moved = follow_stage_of(contract)
    record_event(
        kind=LegalEventKind.CONTRACT_REGISTERED,
        actor=actor,
        subject=contract,
        summary=f"계약 등록: {contract} ({contract.company}, {format_won(contract.amount)}, {format_date(contract.signed_on)} 체결)",
        payload={
            "project": contract.project_id,
            "number": contract.number,
            "company": contract.company_id,
            "amount": contract.amount,
            "signed_on": contract.signed_on,
            "start_date": contract.start_date,
            "end_date": contract.end_date,
            **(moved or {}),
        },
        clause_ids=["a17.1", "a17.2"],
    )
    unit = contract.project.sponsor_unit
    open_obligation(
        kind="kickoff_submission",
        subject=contract,
        owed_by_unit=unit,
        start=contract.signed_on,
        title=f"착수계·사업수행계획서 접수: {contract}",
        actor=actor,
        once=True,
    )
    open_obligation(
        kind="acceptance_test_request",
        subject=contract,
        owed_by_unit=unit,
        start=contract.end_date,
        title=f"인수테스트 요청: {contract}",
        actor=actor,
        once=True,
    )


def access_limit(contract: Contract) -> dt.date:
    """The last day vendor access may run to: the end of the defect-liability period after the contract's end (the
    vendor corrects what the inspection finds and the defects reported after the handover)."""
    return add_months(contract.end_date, contract.defect_liability_months)


@transaction.atomic
def grant_vendor_access(
    *, actor, contract: Contract, user: User, role: str, start: dt.date, end: dt.date
) -> ProjectParticipant:
    """정보기획담당관 gives a vendor's staff member (or a 감리원) limited access to the system: this project only,
    from ``start`` to ``end`` inside the contract period (a17.3). Chained."""
    if not is_it_planning(actor):
        raise Forbidden(E.ACCESS_WHO)
    if user.kind != UserKind.VENDOR:
        raise Refused(E.ACCESS_NOT_VENDOR, field="user")
    if role != ParticipantRole.AUDITOR and user.company_id != contract.company_id:
        raise Refused(E.ACCESS_COMPANY, field="user", company=contract.company.name)
    latest = access_limit(contract)
    if not (end and start and contract.start_date <= start <= end <= latest):
        raise Refused(E.ACCESS_DATES, field="end_date", start=format_date(contract.start_date), end=format_date(latest))
    participant = ProjectParticipant(project=contract.project, user=user, role=role, start_date=start, end_date=end)
    participant.full_clean()
    participant.save()
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    record_event(
        kind=LegalEventKind.ACCESS_GRANTED,
        actor=actor,
        subject=participant,
        summary=f"{user} — {contract.project} 접근권한 부여 ({format_date(start)}~{format_date(end)})",
        payload={"project": contract.project_id, "user": user.pk, "role": role, "start": start, "end": end},
        clause_ids=["a17.3"],
    )
    return participant


@transaction.atomic
def expire_vendor_access(*, on: dt.date | None = None, actor=None) -> list[User]:
    """The daily sweep of a17.3: a vendor account none of whose project assignments is current any more is
    switched off (its tokens revoked), chained. The ``assigned`` scope already hides the projects from the end date;
    this also closes the account itself."""
    from itms.accounts.actions import active_flag_changed

    on = on or today()
    current = ProjectParticipant.objects.active_on(on).values("user_id")
    ended = (
        User.objects.filter(kind=UserKind.VENDOR, is_active=True, project_participations__end_date__lt=on)
        .exclude(pk__in=current)
        .distinct()
    )
    switched = []
    for user in ended:
        user.is_active = False
        user.save(update_fields=["is_active"])
        active_flag_changed(actor=actor, user=user)
        record_event(
            kind=LegalEventKind.ACCESS_EXPIRED,
            actor=actor,
            subject=user,
            summary=f"{user} 사업 참여 기간 종료 — 정보화관리시스템 접근 만료",
            payload={"on": on},
            clause_ids=["a17.3"],
        )
        switched.append(user)
    return switched
