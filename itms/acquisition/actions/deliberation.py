"""과업심의 (a13): routing a request to the committee whose scope takes it (a13.2), the committee's composition
(a13.1, through governance), the contractor's own request (소프트웨어 진흥법 제50조) and its 14-day answer."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from itms.accounts.models import UserKind
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date
from itms.governance.choices import BodyKind, TaskAgendaKind
from itms.governance.models import Body
from itms.projects.models import ProjectParticipant
from itms.regulation.models import Obligation
from itms.regulation.obligations import reschedule_obligation
from itms.regulation.rules import param

from ..choices import DeliberationState
from ..error_codes import AcquisitionErrors as E
from ..models import Rfp, TaskCommitteeScope, TaskDeliberation
from .common import logs_refusals, require_sponsor


def route(project, kind: str) -> Body | None:
    """The active 과업심의위원회 whose scope takes this project and kind of deliberation (a13.2).

    Committees with scope rows take what their rows say; one committee without rows takes everything. With
    several committees, the first (by name) whose scope matches.
    """
    bodies = list(Body.objects.filter(kind=BodyKind.TASK_DELIBERATION, is_active=True).order_by("name"))
    scopes = list(TaskCommitteeScope.objects.filter(body__in=bodies))
    scoped = {s.body_id for s in scopes}
    for scope in scopes:
        if scope.takes(project, kind):
            return next(b for b in bodies if b.pk == scope.body_id)
    unscoped = [b for b in bodies if b.pk not in scoped]
    return unscoped[0] if len(unscoped) == 1 else None


def composition_problems(body: Body) -> list[str]:
    """What is wrong with the committee's composition today (5–10 members, more than half external, a chair)."""
    from itms.governance.composition import composition_warnings

    return [w.message for w in composition_warnings(body)]


@logs_refusals
@transaction.atomic
def start_deliberation(
    *,
    actor,
    project,
    kind: str = TaskAgendaKind.SCOPE,
    content: str = "",
    rfp: Rfp | None = None,
    period_months: int | None = None,
    amount: int | None = None,
) -> TaskDeliberation:
    """The sponsor prepares a request for deliberation of the scope (with the draft RFP), a change, or the amount."""
    require_sponsor(actor, project)
    if rfp is None and kind == TaskAgendaKind.SCOPE:
        rfp = project.rfps.order_by("-created_at").first()
    if rfp is not None and rfp.project_id != project.pk:
        raise Refused(E.RFP_OF_OTHER_PROJECT, field="rfp")
    return TaskDeliberation.objects.create(
        project=project,
        kind=kind,
        rfp=rfp,
        content=content or (f"{rfp.title}의 과업내용·사업기간 확정" if rfp else "과업내용 확정"),
        period_months=period_months if period_months is not None else (rfp.period_months if rfp else None),
        amount=amount if amount is not None else (rfp.budget if rfp else None),
    )


def is_contractor(user, project) -> bool:
    """A vendor's staff member assigned to the project (a17.3) — the contractor's side."""
    if getattr(user, "kind", None) != UserKind.VENDOR or not user.company_id:
        return False
    return ProjectParticipant.objects.active_on().filter(project=project, user=user).exists()


@logs_refusals
@transaction.atomic
def contractor_request(*, actor, project, kind: str, content: str) -> TaskDeliberation:
    """The contractor requests a meeting over a change of scope (소프트웨어 진흥법 제50조); the agency answers the
    result and its action plan within 14 days (the request's ``request`` step opens that obligation)."""
    if not is_contractor(actor, project):
        raise Forbidden(E.CONTRACTOR_ONLY)
    if kind not in (TaskAgendaKind.CHANGE, TaskAgendaKind.AMOUNT):
        kind = TaskAgendaKind.CHANGE
    record = TaskDeliberation(project=project, kind=kind, content=content.strip())
    record.requested_by_contractor = True
    record.contractor_company_id = actor.company_id
    record.full_clean()
    record.save()
    return type(record).workflow.execute(record, "request", actor=actor)


@logs_refusals
@transaction.atomic
def extend_contractor_answer(*, actor, deliberation: TaskDeliberation, days: int, consent: str) -> Obligation:
    """Once, with the contractor's consent, by at most the rule pack's days (소프트웨어 진흥법 시행령 제47조)."""
    require_sponsor(actor, deliberation.project)
    if not deliberation.requested_by_contractor or deliberation.state == DeliberationState.ANSWERED:
        raise Refused(E.EXTENSION_STATE)
    limit = int(param("contractor_deliberation_extension_days").value)
    if not 1 <= days <= limit:
        raise Refused(E.EXTENSION_DAYS, field="days", days=limit)
    if not consent.strip():
        raise Refused(E.EXTENSION_CONSENT, field="consent")
    obligation = (
        Obligation.objects.open().filter(kind="contractor_deliberation_answer", subject_id=deliberation.pk).first()
    )
    if obligation is None or obligation.computation.get("extended"):
        raise Refused(E.EXTENSION_ONCE)
    due = obligation.due_date + dt.timedelta(days=days)
    obligation = reschedule_obligation(
        obligation=obligation,
        due=due,
        actor=actor,
        explanation=f"계약상대자 동의로 {days}일 연장하여 {format_date(due)}까지 ({consent.strip()[:200]})",
    )
    obligation.computation = {**obligation.computation, "extended": days}
    obligation.save(update_fields=["computation", "updated_at"])
    return obligation


def deliberated(rfp: Rfp) -> tuple[bool, str]:
    """a13.3/a13.4: the RFP's current scope, period and amount are the ones a resolution of the committee decided
    and the sponsor reflected. Any change to them after that needs a deliberation of the change."""
    fingerprint = rfp.fingerprint()
    reflected = TaskDeliberation.objects.filter(project=rfp.project, state=DeliberationState.REFLECTED)
    if not reflected.exists():
        return False, "과업심의위원회의 심의·의결을 거쳐 결과를 제안요청서에 반영해야 합니다"
    if not reflected.filter(reflected_fingerprint=fingerprint).exists():
        return False, "심의 결과를 반영한 뒤 과업내용·사업기간·금액이 바뀌었습니다. 변경 심의를 요청하십시오"
    return True, ""
