"""제안요청서 (a14.1): templates published and versioned, an RFP built from one with the project's data, its sections
edited in the browser, its requirements numbered per category, the SW-law self-check answered."""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_won
from itms.regulation.rules import param

from ..choices import RfpState, SelfCheckAnswer, technical_weights
from ..error_codes import AcquisitionErrors as E
from ..models import Requirement, RequirementCategory, Rfp, RfpSection, RfpSelfCheck, RfpTemplate
from ..reference import SELF_CHECK
from .common import is_it_planning, logs_refusals, require_sponsor

SLOT = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")


def slots(project, *, budget: int, period_months: int, technical_weight: int, contract_method: str) -> dict[str, str]:
    """The values a template's ``{{…}}`` slots take for a project."""
    weight = int(technical_weight)
    return {
        "사업명": project.name,
        "사업코드": project.code,
        "사업기간": str(period_months),
        "사업예산": format_won(budget),
        "계약방법": contract_method,
        "사업추진부서": project.sponsor_unit.name,
        "추진기관": project.organization.name,
        "사업개요": project.summary or "",
        "기술가격비율": f"기술 {weight} : 가격 {100 - weight}",
        "협상적격기준": f"{float(param('negotiation_eligibility_percent').value):g}",
    }


def fill(text: str, values: dict[str, str]) -> str:
    """Fills the known slots; an unknown slot stays as written so the author sees it."""
    return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text or "")


def templates_for(project):
    """The published templates that apply to the project's kind, newest version of each name first."""
    rows = RfpTemplate.objects.filter(published_at__isnull=False).order_by("name", "-version")
    latest = {}
    for template in rows:
        if template.name not in latest and (not template.project_kinds or project.kind in template.project_kinds):
            latest[template.name] = template
    return list(latest.values())


@logs_refusals
@transaction.atomic
def create_rfp(
    *,
    actor,
    project,
    template: RfpTemplate | None = None,
    title: str = "",
    budget: int | None = None,
    period_months: int = 12,
    technical_weight: int | None = None,
    contract_method: str = "협상에 의한 계약",
) -> Rfp:
    """Builds the RFP from a published template with the project's data (a14.1 "등재된 작성 지침 및 양식")."""
    require_sponsor(actor, project)
    if template is None:
        found = templates_for(project)
        template = found[0] if found else None
    if template is None or not template.is_published:
        raise Refused(E.TEMPLATE_NOT_PUBLISHED, field="template")
    if technical_weight is None:
        technical_weight = int(param("technical_weight_percent").value)
    if int(technical_weight) not in dict(technical_weights()):
        raise Refused(E.RFP_INPUT, field="technical_weight", errors="기술 배점은 90·80·70 가운데 하나입니다")
    budget = project.total_budget if budget is None else budget
    rfp = Rfp(
        project=project,
        template=template,
        title=title or f"{project.name} 제안요청서",
        budget=budget,
        period_months=period_months,
        contract_method=contract_method,
        technical_weight=technical_weight,
        created_by=actor,
    )
    rfp.full_clean()
    rfp.save()
    values = slots(
        project,
        budget=budget,
        period_months=period_months,
        technical_weight=technical_weight,
        contract_method=contract_method,
    )
    for order, chapter in enumerate(template.chapters, start=1):
        RfpSection.objects.create(
            rfp=rfp,
            order=order,
            number=str(chapter.get("number", order)),
            title=str(chapter.get("title", "")),
            body=fill(str(chapter.get("body", "")), values),
        )
    for code, question in SELF_CHECK:
        RfpSelfCheck.objects.create(rfp=rfp, code=code, question=question)
    return rfp


def _require_draft(rfp: Rfp) -> None:
    if rfp.state != RfpState.DRAFT:
        raise Refused(E.RFP_ORDERED)


@logs_refusals
@transaction.atomic
def update_section(*, actor, section: RfpSection, title: str, body: str) -> RfpSection:
    section = RfpSection.objects.select_for_update(no_key=True).select_related("rfp__project").get(pk=section.pk)
    require_sponsor(actor, section.rfp.project)
    _require_draft(section.rfp)
    if not title.strip():
        raise Refused(E.RFP_INPUT, field="title", errors="제목을 적으십시오")
    section.title, section.body = title.strip()[:100], body
    section.save(update_fields=["title", "body", "updated_at"])
    return section


@logs_refusals
@transaction.atomic
def add_requirement(*, actor, rfp: Rfp, category: RequirementCategory, **fields) -> Requirement:
    """A requirement gets the next number of its category in this RFP (SFR-001, SFR-002 …)."""
    rfp = Rfp.objects.select_for_update(no_key=True).select_related("project").get(pk=rfp.pk)
    require_sponsor(actor, rfp.project)
    _require_draft(rfp)
    if not category.is_active:
        raise Refused(E.CATEGORY_INACTIVE, field="category", code=category.code)
    requirement = Requirement(rfp=rfp, category=category, **fields)
    requirement.full_clean(exclude=["seq"])
    requirement.save()
    return requirement


@logs_refusals
@transaction.atomic
def answer_self_check(*, actor, check: RfpSelfCheck, answer: str, note: str = "") -> RfpSelfCheck:
    check = RfpSelfCheck.objects.select_for_update(no_key=True).select_related("rfp__project").get(pk=check.pk)
    require_sponsor(actor, check.rfp.project)
    _require_draft(check.rfp)
    if answer not in SelfCheckAnswer.values:
        raise Refused(E.SELF_CHECK_ANSWER, field="answer")
    check.answer, check.note, check.checked_by, check.checked_at = answer, note.strip()[:300], actor, timezone.now()
    check.save(update_fields=["answer", "note", "checked_by", "checked_at", "updated_at"])
    return check


def self_check_complete(rfp: Rfp) -> tuple[bool, str]:
    missing = rfp.self_checks.filter(answer="").count()
    failing = rfp.self_checks.filter(answer=SelfCheckAnswer.NON_COMPLIANT).count()
    if missing:
        return False, f"SW 법령 자가점검 항목 {missing}개를 점검하지 않았습니다"
    if failing:
        return False, f"SW 법령 자가점검에서 미준수 항목이 {failing}개 있습니다"
    return True, ""


# --- the template library ---------------------------------------------------------------------------------------
def _require_keeper(actor) -> None:
    if not is_it_planning(actor):
        raise Forbidden(E.IT_PLANNING_ONLY)


@logs_refusals
@transaction.atomic
def publish_template(*, actor, template: RfpTemplate) -> RfpTemplate:
    """등재: from now on sponsors write RFPs with it, and it is never edited again."""
    _require_keeper(actor)
    template = RfpTemplate.objects.select_for_update(no_key=True).get(pk=template.pk)
    if template.is_published:
        raise Refused(E.TEMPLATE_PUBLISHED)
    template.full_clean()
    template.published_at, template.published_by = timezone.now(), actor
    template.save(update_fields=["published_at", "published_by", "updated_at"])
    return template


@logs_refusals
@transaction.atomic
def new_template_version(*, actor, template: RfpTemplate, note: str = "") -> RfpTemplate:
    """A copy of the template as the next version, not yet published, to be changed and published."""
    _require_keeper(actor)
    latest = RfpTemplate.objects.filter(name=template.name).aggregate(n=Max("version"))["n"] or 0
    return RfpTemplate.objects.create(
        name=template.name,
        version=latest + 1,
        project_kinds=list(template.project_kinds),
        chapters=[dict(chapter) for chapter in template.chapters],
        note=note or f"제{template.version}판을 바탕으로 개정",
    )
