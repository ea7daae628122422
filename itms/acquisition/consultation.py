"""Whether 사전협의 applies to a project (a11.1; 전자정부법 제67조, 시행령 제82조), from its data, and why.

A project that interlinks with, or is used jointly by, other agencies must be consulted on with MOIS before it
goes ahead. The exclusions are a duplication review already passed under another law, and projects MOIS leaves out
by amount (``pre_consultation_exempt_below``; unconfirmed, 0 = none). The answer is a list of Korean sentences
that the page shows and the record keeps when the sponsor applies or concludes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from itms.core.formats import format_won
from itms.regulation.rules import param


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").replace(",", "\n").splitlines() if line.strip()]


@dataclass(frozen=True)
class Applicability:
    applies: bool
    reasons: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(self.reasons)


def assess(record) -> Applicability:
    project = record.project
    linked, joint = lines(record.interlinked_agencies), lines(record.joint_use_agencies)
    reasons = []
    if linked:
        reasons.append(f"다른 기관과 연계합니다: {', '.join(linked)}.")
    if joint:
        reasons.append(f"다른 기관과 공동으로 이용합니다: {', '.join(joint)}.")
    if not (linked or joint):
        reasons.append(
            "다른 기관과 연계하거나 공동으로 이용하지 않으므로 전자정부법 제67조의 사전협의 대상이 아닙니다 (제11조제1항)."
        )
        return Applicability(False, reasons)
    if record.excluded_by_other_law:
        note = f" ({record.other_law_note})" if record.other_law_note else ""
        reasons.append(
            f"다른 법령에 따라 중복투자 여부를 이미 검토받았으므로{note} 사전협의 대상에서 제외됩니다 (전자정부법 시행령 제82조)."
        )
        return Applicability(False, reasons)
    threshold = int(param("pre_consultation_exempt_below").value or 0)
    if threshold and project.total_budget < threshold:
        reasons.append(
            f"총사업비 {format_won(project.total_budget)}이 행정안전부가 정한 제외 기준 {format_won(threshold)} 미만이어서 "
            "사전협의 대상에서 제외됩니다 (전자정부법 시행령 제82조)."
        )
        return Applicability(False, reasons)
    reasons.append(
        "따라서 사전협의 대상입니다: 정보기획담당관에게 「전자정부 성과관리 지침」에 따라 신청합니다 (제11조제2항)."
    )
    return Applicability(True, reasons)


def suggested_agencies(project) -> list[str]:
    """Other organisations the project's related systems exchange data with, from the system register (a hint)."""
    from itms.resources.models import SystemInterface

    systems = list(project.related_systems.values_list("pk", flat=True))
    if not systems:
        return []
    names = set()
    for interface in SystemInterface.objects.filter(source_id__in=systems).select_related("target__organization"):
        if interface.target.organization_id != project.organization_id:
            names.add(interface.target.organization.name)
    for interface in SystemInterface.objects.filter(target_id__in=systems).select_related("source__organization"):
        if interface.source.organization_id != project.organization_id:
            names.add(interface.source.organization.name)
    if project.funding_body:
        names.add(project.funding_body)
    return sorted(names)
