"""사업수행계획서 검토 (a18.2): the plan read beside the RFP, the winning proposal and the contract, aspect by
aspect, and the sponsor's verdicts saved in one go."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from itms.core.errors import Refused
from itms.core.formats import format_date, format_won
from itms.core.verdicts import save as save_verdicts

from ..choices import PlanAspect, PlanBasis, PlanState
from ..error_codes import ExecutionErrors as E
from ..models import ExecutionPlan, PlanReviewItem
from ..models.contracts import months_between
from ..models.scopes import CONTRACTOR_ROLES

# Where each aspect of the plan is asked for in the RFP: requirement categories read whole, and words that find the
# project-management requirements (PMR, PSR) that speak of it (PRACTICE-FACTS §1.2).
RFP_READING = {
    PlanAspect.STAFF: ((), ("인력", "PM", "투입")),
    PlanAspect.SCHEDULE: ((), ("일정", "기간", "착수", "단계")),
    PlanAspect.QUALITY: (("QUR", "TER"), ("품질", "시험", "테스트")),
    PlanAspect.DELIVERABLES: ((), ("산출물", "보고")),
}
PLAN_FIELD = {
    PlanAspect.STAFF: "staffing",
    PlanAspect.SCHEDULE: "schedule",
    PlanAspect.QUALITY: "quality_plan",
    PlanAspect.DELIVERABLES: "deliverable_plan",
}


@dataclass
class Row:
    """One aspect of the plan: what the plan says, what each document asked or promised, and the verdicts."""

    aspect: str
    label: str
    plan: str
    rfp: list[str] = field(default_factory=list)
    proposal: list[str] = field(default_factory=list)
    contract: list[str] = field(default_factory=list)
    items: dict[str, PlanReviewItem] = field(default_factory=dict)

    def cells(self):
        return [(basis, getattr(self, basis), self.items.get(basis)) for basis in PlanBasis.values]


def _ordered_rfp(project):
    from itms.acquisition.choices import RfpState
    from itms.acquisition.models import Rfp

    return (
        Rfp.objects.filter(project_id=project.pk, state=RfpState.ORDERED).order_by("-updated_at", "-pk").first()
        or Rfp.objects.filter(project_id=project.pk).order_by("-updated_at", "-pk").first()
    )


def _winning_proposal(contract):
    """The contractor's proposal in the project's locked evaluation, with its result."""
    from itms.acquisition.models import Proposal

    return (
        Proposal.objects.filter(evaluation__project_id=contract.project_id, company_id=contract.company_id)
        .select_related("evaluation", "result")
        .order_by("-evaluation__evaluation_at", "-pk")
        .first()
    )


def _rfp_lines(rfp, requirements, aspect) -> list[str]:
    if rfp is None:
        return ["이 사업의 제안요청서가 시스템에 없습니다."]
    categories, words = RFP_READING[aspect]
    lines = []
    for requirement in requirements:
        text = f"{requirement.name} {requirement.definition} {requirement.details}"
        if requirement.category.code in categories or (
            requirement.category.code in ("PMR", "PSR") and any(w in text for w in words)
        ):
            lines.append(f"{requirement.code} {requirement.name}: {requirement.definition}")
    if aspect == PlanAspect.DELIVERABLES:
        outputs = sorted({r.deliverable for r in requirements if r.deliverable.strip()})
        if outputs:
            lines.append("요구사항의 산출정보: " + ", ".join(outputs))
    if aspect == PlanAspect.SCHEDULE:
        for section in rfp.sections.all():
            if "추진계획" in section.title and section.body.strip():
                lines.append(f"{section.number}. {section.title}: {' '.join(section.body.split())[:300]}")
    return lines or ["이 항목을 다룬 요구사항이 없습니다."]


def _proposal_lines(contract, proposal, aspect) -> list[str]:
    if proposal is None:
        return ["이 업체의 제안서가 제안서 평가에 없습니다: 제출받은 제안서 파일과 대조하십시오."]
    lines = []
    if aspect == PlanAspect.STAFF:
        lines.append(f"{proposal.company} 제안서 ({format_date(proposal.submitted_on)} 제출)")
    if aspect == PlanAspect.SCHEDULE:
        lines.append(
            f"입찰가격 {format_won(proposal.bid_price)} → 계약금액 {format_won(contract.amount)} "
            "(협상 결과 달라진 과업이 일정에 반영되었는지)"
        )
    result = getattr(proposal, "result", None)
    if result is not None and aspect == PlanAspect.QUALITY:
        lines.append(f"기술평가 {result.technical}점, 종합 {result.rank}위 — 제안서가 약속한 품질·시험 방안")
    lines.append(f"'{proposal.evaluation.title}'에 제출된 제안서의 {PlanAspect(aspect).label} 부분과 대조합니다.")
    return lines


def _contract_lines(contract, aspect, people, packages) -> list[str]:
    if aspect == PlanAspect.STAFF:
        return [f"{p.get_role_display()} {p.user.name} ({format_date(p.start_date)}~)" for p in people] or [
            "아직 접근권한을 받은 업체 인력이 없습니다 (제17조제3항)."
        ]
    if aspect == PlanAspect.SCHEDULE:
        months = months_between(contract.start_date, contract.end_date)
        lines = [f"계약기간 {format_date(contract.start_date)}~{format_date(contract.end_date)} ({months}개월)"]
        if packages:
            last = max(p.planned_end for p in packages)
            lines.append(f"WBS {len(packages)}개 항목, 마지막 종료일 {format_date(last)}")
            if last > contract.end_date:
                lines.append("WBS가 계약 종료일을 넘습니다.")
        return lines
    if aspect == PlanAspect.QUALITY:
        counts = {}
        for requirement in contract.requirements.filter(is_active=True):
            label = requirement.get_category_display()
            counts[label] = counts.get(label, 0) + 1
        listed = ", ".join(f"{k} {v}건" for k, v in counts.items())
        return [
            f"요구사항 {sum(counts.values())}건" + (f" ({listed})" if listed else ""),
            f"하자담보 {contract.defect_liability_months}개월",
        ]
    return [
        f"산출물 파일 형식: {', '.join(t.upper() for t in contract.file_types)}",
        f"산출물 목록 {contract.deliverables.count()}건 (승인하면 산출물 제출 계획에 따라 만듭니다)",
    ]


def sources(plan: ExecutionPlan) -> dict[str, object]:
    """The record each column is read from (for its link in the table's header); None where there is none."""
    contract = plan.contract
    return {
        PlanBasis.RFP: _ordered_rfp(contract.project),
        PlanBasis.PROPOSAL: _winning_proposal(contract),
        PlanBasis.CONTRACT: contract,
    }


def comparison(plan: ExecutionPlan, source: dict[str, object] | None = None) -> list[Row]:
    """The side-by-side table of a18.2: four aspects × (plan, RFP, proposal, contract); ``source`` as
    :func:`sources` gives it, if the caller has it already."""
    contract = plan.contract
    source = source if source is not None else sources(plan)
    rfp, proposal = source[PlanBasis.RFP], source[PlanBasis.PROPOSAL]
    requirements = list(rfp.requirements.select_related("category").order_by("category__order", "seq")) if rfp else []
    people = list(
        contract.project.participants.filter(role__in=CONTRACTOR_ROLES).select_related("user").order_by("role")
    )
    packages = list(contract.work_packages.all())
    items = {(i.aspect, i.basis): i for i in plan.review_items.all()}
    return [
        Row(
            aspect=aspect,
            label=label,
            plan=getattr(plan, PLAN_FIELD[aspect]),
            rfp=_rfp_lines(rfp, requirements, aspect),
            proposal=_proposal_lines(contract, proposal, aspect),
            contract=_contract_lines(contract, aspect, people, packages),
            items={basis: items[(aspect, basis)] for basis in PlanBasis.values if (aspect, basis) in items},
        )
        for aspect, label in PlanAspect.choices
    ]


@transaction.atomic
def review(*, actor, plan: ExecutionPlan, verdicts: dict[int, tuple[str, str]]) -> int:
    """Saves the sponsor's verdicts ``{item pk: (verdict, comment)}`` on a submitted plan, all or none (a18.2)."""
    # The plan's state as it stands now (locked), not as it was when the form was drawn.
    if ExecutionPlan.objects.select_for_update().values_list("state", flat=True).get(pk=plan.pk) != PlanState.SUBMITTED:
        raise Refused(E.REVIEW_ITEM_STATE)
    return save_verdicts(
        actor=actor,
        rows=plan.review_items.all(),
        values=verdicts,
        fields=("verdict", "comment"),
        forbidden=E.REVIEW_WHO,
    )
