"""감리 (a21): whether the project must be audited (전자정부법 제57조, 시행령 제71조), explained with the rule."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum

from itms.core.formats import format_won
from itms.projects.choices import ProjectKind

from ..choices import STAGES_OF, AuditMode
from ..models import AuditStage, SystemAudit
from ..models.contracts import months_between, rule_value, shorter_than

BUILDING = (ProjectKind.CONSTRUCTION, ProjectKind.ENHANCEMENT)


@dataclass
class Applicability:
    mandatory: bool
    reasons: list[str] = field(default_factory=list)
    suggested_mode: str = AuditMode.THREE_STAGE

    @property
    def explanation(self) -> str:
        return "\n".join(self.reasons)


def audit_cost(audit: SystemAudit) -> int:
    """사업비 less the simple HW/SW purchases (시행령 제71조제1항제1호): the project's budget lines, or the contract."""
    project = audit.contract.project
    totals = project.budget_lines.aggregate(amount=Sum("amount"), purchase=Sum("hw_sw_purchase"))
    if totals["amount"]:
        return int(totals["amount"]) - int(totals["purchase"] or 0)
    return int(audit.contract.amount)


def applicability(audit: SystemAudit) -> Applicability:
    """The rules of 전자정부법 시행령 제71조 as EXTERNAL-RULES §3 gives them; every threshold a rule-pack parameter."""
    contract = audit.contract
    on = contract.signed_on
    public_minimum = int(rule_value("audit_public_minimum", on))
    build_threshold = int(rule_value("audit_construction_threshold", on))
    pmo_months = int(rule_value("audit_pmo_exemption_months", on))
    cost = audit_cost(audit)
    months = months_between(contract.start_date, contract.end_date)
    building = contract.project.kind in BUILDING
    reasons = [f"사업비(단순 HW·SW 구매비 제외) {format_won(cost)}, 사업기간 {months}개월."]
    mandatory = False
    if audit.serves_public or audit.joint_use:
        what = "대국민 서비스" if audit.serves_public else "여러 기관이 공동으로 구축·이용하는 시스템"
        if cost < public_minimum and audit.not_cost_effective:
            reasons.append(
                f"{what}이지만 사업비가 {format_won(public_minimum)} 미만이고 감리의 실익이 없다고 판단하여 "
                "감리 대상에서 뺍니다 (시행령 제71조제1항제1호 단서)."
            )
        elif audit.pm_outsourced and public_minimum <= cost < build_threshold:
            reasons.append(
                f"{what}이지만 사업비가 {format_won(public_minimum)} 이상 {format_won(build_threshold)} 미만이고 "
                "전자정부사업관리를 위탁하여 감리를 면제할 수 있습니다 (시행령 제71조제2항)."
            )
        else:
            mandatory = True
            reasons.append(f"{what}이므로 감리 대상입니다 (전자정부법 제57조제1항, 시행령 제71조제1항제1호).")
    if building and cost >= build_threshold:
        if audit.pm_outsourced and shorter_than(contract.start_date, contract.end_date, pmo_months):
            reasons.append(
                f"구축사업 사업비 {format_won(build_threshold)} 이상이지만 사업기간이 {pmo_months}개월 미만이고 "
                "전자정부사업관리를 위탁하여 감리를 면제할 수 있습니다 (시행령 제71조제2항)."
            )
        else:
            mandatory = True
            reasons.append(
                f"사업비 {format_won(build_threshold)} 이상인 정보시스템 구축사업이므로 감리 대상입니다 "
                "(시행령 제71조제1항제2호)."
            )
    if audit.head_judges_needed and not mandatory:
        mandatory = True
        reasons.append("기관장이 감리가 필요하다고 판단한 사업입니다 (시행령 제71조제1항제3호).")
    if not mandatory and len(reasons) == 1:
        reasons.append(
            "대국민·공동이용 시스템이 아니고 사업비 기준에도 해당하지 않아 감리 대상이 아닙니다 (제21조제1항)."
        )
    two_stage_budget = int(rule_value("audit_two_stage_budget", on))
    two_stage_months = int(rule_value("audit_two_stage_months", on))
    suggested = AuditMode.THREE_STAGE
    if cost < two_stage_budget or shorter_than(contract.start_date, contract.end_date, two_stage_months):
        suggested = AuditMode.TWO_STAGE
        reasons.append(
            f"사업비 {format_won(two_stage_budget)} 미만 또는 사업기간 {two_stage_months}개월 미만이므로 "
            "요구정의 단계를 뺀 2단계 감리(설계·종료)로 할 수 있습니다 (정보시스템 감리기준, 제21조제2항)."
        )
    return Applicability(mandatory, reasons, suggested)


@transaction.atomic
def assess(audit: SystemAudit) -> Applicability:
    """Stores the computed answer and its explanation, and makes the stages of the chosen mode."""
    result = applicability(audit)
    if (audit.mandatory, audit.explanation) != (result.mandatory, result.explanation):
        audit.mandatory, audit.explanation = result.mandatory, result.explanation
        audit.save(update_fields=["mandatory", "explanation", "updated_at"])
    for kind in STAGES_OF[audit.mode]:
        AuditStage.objects.get_or_create(audit=audit, kind=kind)
    return result
