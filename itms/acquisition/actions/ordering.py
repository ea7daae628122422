"""발주 (a14): the ordering request and its legal checklist (a14.1, a14.2), merging and splitting projects (a14.3)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from itms.accounts.directory import roles_of
from itms.accounts.models import OrgUnit
from itms.accounts.roles import Role
from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_won
from itms.projects.models import Project
from itms.regulation.rules import pack_in_force, param

from ..choices import CheckResult, OrderingState, RestructuringKind
from ..error_codes import AcquisitionErrors as E
from ..models import OrderingCheck, OrderingRequest, ProjectRestructuring, Rfp
from .common import is_it_planning, logs_refusals, require_sponsor


def _num(key: str) -> str:
    """A parameter's number as it is written in Korean text: 40, 50, 12.5 (never 40.0)."""
    return f"{float(param(key).value):g}"


def legal_checks() -> list[tuple[str, str, str]]:
    """발주요건 (a14.2 "각종 법규에서 정한 발주요건"; a14.4): (code, requirement, basis), numbers from the rule pack."""
    notice, short = _num("tender_notice_days"), _num("tender_notice_short_days")
    impact = _num("sw_impact_assessment_days")
    subcontract = _num("subcontract_limit_percent")
    long_term = _num("long_term_contract_months")
    weight = _num("technical_weight_percent")
    return [
        (
            "tender_notice",
            f"입찰공고를 제안서 제출 마감일 전날부터 {notice}일 전에 하는가 (긴급·재공고·고시금액 미만은 {short}일)",
            "국가계약법 시행령 제35조제5항",
        ),
        (
            "negotiation",
            "협상에 의한 계약의 요건(제안서 평가, 협상적격자 기준, 예정가격)을 갖추었는가",
            "국가계약법 시행령 제43조",
        ),
        (
            "sw_impact",
            f"SW사업 영향평가를 입찰공고 {impact}일 전까지 하고 그 결과를 공개했는가",
            "소프트웨어 진흥법 제43조, 시행령 제35·36조",
        ),
        (
            "task_deliberation",
            "과업심의위원회 심의 결과를 반영했고, 계약상대자가 과업심의를 요청할 수 있음을 입찰공고에 적었는가",
            "소프트웨어 진흥법 제50조",
        ),
        (
            "requirement_detail",
            "요구사항을 사업규모를 산정할 수 있게 상세히 적어 공개하는가",
            "소프트웨어 진흥법 제44조",
        ),
        (
            "period",
            f"적정 사업기간을 산정하여 계약에 반영하고, {long_term}개월을 넘으면 장기계속계약으로 하는가",
            "소프트웨어 진흥법 제45조",
        ),
        ("large_company", "대기업 참여제한 대상인지 확인했는가", "소프트웨어 진흥법 제48조"),
        (
            "subcontract",
            f"하도급을 사업금액(물품 제외)의 {subcontract}% 이하로 제한하고 재하도급은 승인받게 했는가",
            "소프트웨어 진흥법 제51조",
        ),
        ("separate_order", "상용SW 직접구매(분리발주) 대상을 나누었는가", "소프트웨어 진흥법, 분리발주 기준"),
        (
            "technical_weight",
            f"SW사업은 기술능력평가 배점을 {weight}% 이상으로 하는가",
            "소프트웨어 기술성 평가기준",
        ),
        ("security", "보안성 검토 결과를 반영했는가", "관세행정 정보화 추진에 관한 훈령 제12조"),
        ("budget", "예산을 확보하고 추정가격을 산정했는가", "국가재정법, 국가계약법 시행령 제7조의2"),
    ]


@logs_refusals
@transaction.atomic
def create_ordering(*, actor, rfp: Rfp, note: str = "", urgent: bool = False) -> OrderingRequest:
    """The sponsor prepares the ordering request of an RFP; the legal checklist comes with it (a14.2)."""
    require_sponsor(actor, rfp.project)
    if rfp.ordering_requests.exclude(state=OrderingState.RETURNED).exists():
        existing = rfp.ordering_requests.exclude(state=OrderingState.RETURNED).first()
        if existing.state == OrderingState.DRAFT:
            return existing
        raise Refused(E.ORDERING_EXISTS)
    request = OrderingRequest.objects.create(project=rfp.project, rfp=rfp, note=note, urgent=urgent)
    for code, requirement, basis in legal_checks():
        OrderingCheck.objects.create(request=request, code=code, requirement=requirement, basis=basis)
    return request


def may_review(user, request: OrderingRequest) -> bool:
    """a14.1: the 정보기획담당관 orders for the agency; a 소속·산하기관 orders its own (its 정보화부서장)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if not request.self_ordered:
        return is_it_planning(user)
    units = {g.unit_id for g in roles_of(user) if g.role == Role.IT_DEPARTMENT_HEAD}
    return OrgUnit.objects.filter(pk__in=units, organization_id=request.project.organization_id).exists()


@logs_refusals
@transaction.atomic
def set_check(*, actor, check: OrderingCheck, result: str, note: str = "") -> OrderingCheck:
    check = (
        OrderingCheck.objects.select_for_update(no_key=True)
        .select_related("request__project__organization")
        .get(pk=check.pk)
    )
    if not may_review(actor, check.request):
        raise Forbidden(E.CHECK_WHO)
    if check.request.state != OrderingState.REQUESTED:
        raise Refused(E.CHECK_STATE)
    if result not in (CheckResult.SATISFIED, CheckResult.NOT_APPLICABLE, CheckResult.FAILED):
        raise Refused(E.CHECK_RESULT, field="result")
    check.result, check.note, check.checked_by, check.checked_at = result, note.strip()[:300], actor, timezone.now()
    check.save(update_fields=["result", "note", "checked_by", "checked_at", "updated_at"])
    return check


def checks_done(request: OrderingRequest) -> tuple[bool, str]:
    pending = request.checks.filter(result="").count()
    failed = request.checks.filter(result=CheckResult.FAILED).count()
    if pending:
        return False, f"검토하지 않은 발주요건이 {pending}개 있습니다"
    if failed:
        return False, f"부적합한 발주요건이 {failed}개 있습니다: 보완을 요청하십시오"
    return True, ""


# --- 통합·분리 (a14.3) --------------------------------------------------------------------------------------------
def is_it_head(user) -> bool:
    return getattr(user, "is_authenticated", False) and (
        user.is_superuser or any(g.role == Role.IT_DEPARTMENT_HEAD for g in roles_of(user))
    )


def _new_project(template: Project, *, name: str, code: str, budget: int) -> Project:
    if Project.objects.filter(code=code).exists():
        raise Refused(E.RESTRUCTURE_CODE, field="code", code=code)
    project = Project(
        name=name,
        code=code,
        organization=template.organization,
        sponsor_unit=template.sponsor_unit,
        kind=template.kind,
        start_year=template.start_year,
        end_year=template.end_year,
        total_budget=budget,
        funding=template.funding,
        funding_body=template.funding_body,
        is_new_technology=template.is_new_technology,
        summary=template.summary,
    )
    project.full_clean()
    project.save()
    return project


def _record(kind: str, actor, reason: str, sources, results) -> ProjectRestructuring:
    restructuring = ProjectRestructuring.objects.create(kind=kind, reason=reason.strip(), decided_by=actor)
    restructuring.sources.set(sources)
    restructuring.results.set(results)
    record_event(
        kind=LegalEventKind.PROJECTS_RESTRUCTURED,
        actor=actor,
        subject=restructuring,
        summary=f"정보화사업 {restructuring.get_kind_display()}: "
        f"{', '.join(p.code for p in sources)} → {', '.join(p.code for p in results)}",
        payload={
            "kind": kind,
            "reason": reason.strip(),
            "sources": [{"id": p.pk, "code": p.code, "budget": p.total_budget} for p in sources],
            "results": [{"id": p.pk, "code": p.code, "budget": p.total_budget} for p in results],
        },
        clause_ids=["a14.3"],
        pack_version=pack_in_force().version_label,
    )
    return restructuring


@logs_refusals
@transaction.atomic
def merge_projects(*, actor, sources: list[Project], name: str, code: str, reason: str) -> ProjectRestructuring:
    """정보화부서장 merges projects into one (a14.3); the new project's budget is their sum and the lineage is kept."""
    if not is_it_head(actor):
        raise Forbidden(E.IT_HEAD_ONLY)
    sources = list(sources)
    if len(sources) < 2:
        raise Refused(E.RESTRUCTURE_SOURCES, field="sources")
    if len({p.organization_id for p in sources}) > 1:
        raise Refused(E.RESTRUCTURE_ORGANIZATION, field="sources")
    if not reason.strip():
        raise Refused(E.RESTRUCTURE_REASON, field="reason")
    first = sources[0]
    merged = _new_project(first, name=name, code=code, budget=sum(p.total_budget for p in sources))
    merged.start_year = min(p.start_year for p in sources)
    merged.end_year = max(p.end_year for p in sources)
    merged.save(update_fields=["start_year", "end_year", "updated_at"])
    merged.related_systems.set({s for p in sources for s in p.related_systems.all()})
    merged.preceded_by.set({q for p in sources for q in p.preceded_by.all()})
    return _record(RestructuringKind.MERGE, actor, reason, sources, [merged])


@logs_refusals
@transaction.atomic
def split_project(*, actor, source: Project, parts: list[dict], reason: str) -> ProjectRestructuring:
    """정보화부서장 splits a project (a14.3): the parts' budgets add up to the original's, the lineage is kept."""
    if not is_it_head(actor):
        raise Forbidden(E.IT_HEAD_ONLY)
    if len(parts) < 2:
        raise Refused(E.RESTRUCTURE_PARTS, field="parts")
    if not reason.strip():
        raise Refused(E.RESTRUCTURE_REASON, field="reason")
    total = sum(int(part["budget"]) for part in parts)
    if total != source.total_budget:
        raise Refused(
            E.RESTRUCTURE_BUDGET, field="parts", parts=format_won(total), total=format_won(source.total_budget)
        )
    results = [_new_project(source, name=part["name"], code=part["code"], budget=int(part["budget"])) for part in parts]
    for result in results:
        result.related_systems.set(source.related_systems.all())
    return _record(RestructuringKind.SPLIT, actor, reason, [source], results)
