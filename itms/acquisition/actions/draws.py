"""평가위원 추출 (a15.3): preparing the eligible list with its exclusions, the witnesses' numbers, the reveal, the
contacts in order, and the published record that ``verify_draw`` checks. Every step is a chained legal event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from itms.accounts.models import User, UserKind
from itms.audit.chain import entry_hash, record_event
from itms.audit.models import LegalEvent, LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.governance.choices import MembershipBasis
from itms.governance.models import Membership
from itms.regulation.rules import pack_in_force, param

from .. import draw as algorithm
from ..choices import ContactOutcome, DrawExclusionReason, DrawState, EvaluationState
from ..error_codes import AcquisitionErrors as E
from ..models import DrawContact, DrawExclusion, DrawWitness, Evaluation, EvaluatorDraw, Expert, ExpertExclusion
from .common import logs_refusals, run
from .evaluation import is_conductor, require_conductor

CLAUSES = ["a15.3"]


def _event(kind, *, actor, draw: EvaluatorDraw, summary: str, payload: dict, clauses=None) -> LegalEvent:
    return record_event(
        kind=kind,
        actor=actor,
        subject=draw,
        summary=summary,
        payload={"draw": draw.pk, "evaluation": draw.evaluation_id, **payload},
        clause_ids=clauses or CLAUSES,
        pack_version=pack_in_force().version_label,
    )


# --- the eligible list -----------------------------------------------------------------------------------------
def automatic_exclusions(evaluation: Evaluation) -> dict[int, tuple[str, str]]:
    """{expert id: (reason, detail)} for every expert of the list the rules leave out of this evaluation (a15.3).

    Conflict of interest (worked for a bidder within the rule pack's years before the evaluation date), a field
    the evaluation does not need, a restriction in force, unavailability on the evaluation date.
    """
    day = evaluation.evaluation_date
    years = int(param("evaluator_conflict_years", day).value)
    since = _years_before(day, years)
    bidders = dict(evaluation.proposals.values_list("company_id", "company__name"))
    needed = set(evaluation.required_fields.values_list("pk", flat=True))
    excluded: dict[int, tuple[str, str]] = {}
    experts = Expert.objects.prefetch_related("specialties", "employments").order_by("code")
    suspended = dict(ExpertExclusion.objects.filter(ExpertExclusion.active_on(day)).values_list("expert_id", "reason"))
    for expert in experts:
        conflict = [
            e
            for e in expert.employments.all()
            if e.company_id in bidders and (e.end_date is None or e.end_date >= since)
        ]
        if conflict:
            job = conflict[0]
            until = "재직 중" if job.end_date is None else f"{format_date(job.end_date)} 퇴직"
            excluded[expert.pk] = (
                DrawExclusionReason.CONFLICT,
                f"입찰 업체 {bidders[job.company_id]} ({until}, 최근 {years}년 이내)",
            )
        elif expert.pk in suspended:
            excluded[expert.pk] = (DrawExclusionReason.SUSPENDED, suspended[expert.pk])
        elif not expert.available_on(day):
            until = f"{format_date(expert.unavailable_until)}까지 " if expert.unavailable_until else ""
            excluded[expert.pk] = (DrawExclusionReason.UNAVAILABLE, f"{until}위촉 불가")
        elif needed and not needed & {f.pk for f in expert.specialties.all()}:
            excluded[expert.pk] = (DrawExclusionReason.FIELD, "필요한 전문분야와 겹치지 않음")
    return excluded


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 2월 29일
        return day.replace(year=day.year - years, day=28)


def _refresh_exclusions(draw: EvaluatorDraw) -> None:
    draw.exclusions.filter(automatic=True).delete()
    manual = set(draw.exclusions.values_list("expert_id", flat=True))
    DrawExclusion.objects.bulk_create(
        DrawExclusion(draw=draw, expert_id=expert_id, reason=reason, detail=detail[:300], automatic=True)
        for expert_id, (reason, detail) in automatic_exclusions(draw.evaluation).items()
        if expert_id not in manual
    )


def eligible_codes(draw: EvaluatorDraw) -> list[str]:
    excluded = draw.exclusions.values("expert_id")
    return list(Expert.objects.exclude(pk__in=excluded).order_by("code").values_list("code", flat=True))


def needed_externals(evaluation: Evaluation) -> int:
    """a15.2–a15.3: the committee's size less the KCS officials designated on it."""
    internal = Membership.objects.filter(body=evaluation.body, basis=MembershipBasis.DESIGNATED).count()
    return max(int(evaluation.committee_size or 0) - internal, 0)


@logs_refusals
@transaction.atomic
def open_draw(*, actor, evaluation: Evaluation, reason: str = "") -> EvaluatorDraw:
    """Opens a draw for the evaluation: the first one, or — after a failed one — a new one linked to it (a15.5)."""
    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=evaluation.pk)
    require_conductor(actor, evaluation)
    if evaluation.state != EvaluationState.SELECTING:
        raise Refused(
            E.EVALUATION_STATE, state=evaluation.get_state_display(), what=josa("평가위원 추출", "을/를") + " 열"
        )
    last = evaluation.draws.order_by("-number").first()
    if last is not None and last.state != DrawState.FAILED:
        raise Refused(E.DRAW_EXISTS if last.state != DrawState.COMPLETED else E.DRAW_NEW_NEEDS_FAILED, draw=str(last))
    draw = EvaluatorDraw(
        evaluation=evaluation,
        number=(evaluation.draws.aggregate(n=Max("number"))["n"] or 0) + 1,
        replaces=last,
        reason=reason.strip()[:300]
        or ("최초 선정" if last is None else f"{last.number}차 추출 무효: {last.failed_reason}"),
        needed=needed_externals(evaluation),
        algorithm=algorithm.ALGORITHM,
    )
    draw.save()
    _refresh_exclusions(draw)
    return draw


@logs_refusals
@transaction.atomic
def exclude_expert(*, actor, draw: EvaluatorDraw, expert: Expert, reason: str, detail: str) -> DrawExclusion:
    """An officer leaves an expert out before the list is frozen, with the reason (a15.3)."""
    draw = EvaluatorDraw.objects.select_for_update(no_key=True).select_related("evaluation").get(pk=draw.pk)
    require_conductor(actor, draw.evaluation)
    if draw.state != DrawState.PREPARING:
        raise Refused(E.DRAW_STATE, state=draw.get_state_display(), what=josa("제외 대상", "을/를") + " 바꿀")
    if not detail.strip() or reason not in DrawExclusionReason.values:
        raise Refused(E.DRAW_EXCLUSION_REASON, field="detail")
    existing = draw.exclusions.filter(expert=expert).first()
    if existing is not None and not existing.automatic:
        raise Refused(E.DRAW_EXCLUDED_TWICE)
    if existing is not None:
        existing.delete()
    return DrawExclusion.objects.create(
        draw=draw, expert=expert, reason=reason, detail=detail.strip()[:300], automatic=False, added_by=actor
    )


@logs_refusals
@transaction.atomic
def readmit_expert(*, actor, draw: EvaluatorDraw, expert: Expert) -> None:
    """Takes back an officer's own exclusion before the list is frozen (the rules' exclusions stay)."""
    draw = EvaluatorDraw.objects.select_for_update(no_key=True).select_related("evaluation").get(pk=draw.pk)
    require_conductor(actor, draw.evaluation)
    if draw.state != DrawState.PREPARING:
        raise Refused(E.DRAW_STATE, state=draw.get_state_display(), what=josa("제외 대상", "을/를") + " 바꿀")
    draw.exclusions.filter(expert=expert, automatic=False).delete()
    _refresh_exclusions(draw)


# --- effects of the draw's workflow (workflows.py) --------------------------------------------------------------
def commit(draw: EvaluatorDraw, ctx) -> None:
    """Freeze the list and commit to it and to a fresh secret: both hashes go into the chain first (a15.3)."""
    _refresh_exclusions(draw)
    draw.needed = needed_externals(draw.evaluation)
    draw.eligible = algorithm.canonical_list(eligible_codes(draw))
    draw.list_hash = algorithm.list_hash(draw.eligible)
    draw.secret = algorithm.new_secret()
    draw.secret_hash = algorithm.secret_hash(draw.secret)
    draw.committed_at, draw.committed_by = timezone.now(), ctx["actor"]
    draw.criteria = {
        "evaluation_date": draw.evaluation.evaluation_date.isoformat(),
        "bidders": sorted(draw.evaluation.proposals.values_list("company__name", flat=True)),
        "fields": sorted(draw.evaluation.required_fields.values_list("name", flat=True)),
        "conflict_years": param("evaluator_conflict_years").record(),
        "size": draw.evaluation.committee_size,
    }
    draw.save()
    exclusions = [
        {"code": x.expert.code, "reason": x.reason}
        for x in draw.exclusions.select_related("expert").order_by("expert__code")
    ]
    _event(
        LegalEventKind.DRAW_COMMITTED,
        actor=ctx["actor"],
        draw=draw,
        summary=f"{draw} 명부 확정·봉인: {len(draw.eligible)}명, 선정 {draw.needed}명",
        payload={
            "algorithm": draw.algorithm,
            "list_hash": draw.list_hash,
            "secret_hash": draw.secret_hash,
            "eligible_count": len(draw.eligible),
            "needed": draw.needed,
            "exclusions": exclusions,
            "replaces": draw.replaces_id,
        },
    )


def enough_eligible(draw: EvaluatorDraw, ctx) -> bool:
    return len(eligible_codes(draw)) >= needed_externals(draw.evaluation) > 0


def enough_witnesses(draw: EvaluatorDraw, ctx) -> bool:
    return draw.witnesses.count() >= int(param("draw_min_witnesses").value)


def reveal(draw: EvaluatorDraw, ctx) -> None:
    """Reveal the secret and derive the contact order from the record alone (a15.3)."""
    witnesses = witness_rows(draw)
    draw.order = algorithm.contact_order(
        eligible=draw.eligible,
        list_hash_hex=draw.list_hash,
        secret=draw.secret,
        witnesses=witnesses,
        algorithm=draw.algorithm,
    )
    draw.revealed_at, draw.revealed_by = timezone.now(), ctx["actor"]
    draw.save(update_fields=["order", "revealed_at", "revealed_by", "updated_at"])
    _event(
        LegalEventKind.DRAW_PERFORMED,
        actor=ctx["actor"],
        draw=draw,
        summary=f"{draw} 추출: 비밀값 공개, 교섭 순서 확정",
        payload={
            "algorithm": draw.algorithm,
            "list_hash": draw.list_hash,
            "secret": draw.secret,
            "witnesses": witnesses,
            "order": draw.order,
        },
    )


def voided(draw: EvaluatorDraw, ctx) -> None:
    reason = ((ctx.get("data") or {}).get("reason") or "").strip()
    draw.failed_reason = reason[:300]
    draw.save(update_fields=["failed_reason", "updated_at"])
    if ctx["transition"].name == "abandon":
        _release_members(draw)  # a postponement (a15.5) retires the whole committee instead
    _event(
        LegalEventKind.DRAW_VOIDED,
        actor=ctx["actor"],
        draw=draw,
        summary=f"{draw} 무효: {reason[:100]}",
        payload={"reason": reason, "from": ctx.get("from_state")},
        clauses=["a15.3", "a15.5"],
    )


def _release_members(draw: EvaluatorDraw) -> None:
    """The experts this draw put on the committee leave it: the new selection starts afresh (a15.5)."""
    evaluation = draw.evaluation
    if evaluation.body_id is None:
        return
    accepted = draw.contacts.filter(outcome=ContactOutcome.ACCEPTED).values_list("expert__user_id", flat=True)
    for seat in Membership.objects.filter(
        body_id=evaluation.body_id, basis=MembershipBasis.EXTERNAL, user_id__in=list(accepted)
    ):
        if seat.held_meeting() is None:
            seat.delete()


# --- witnesses -------------------------------------------------------------------------------------------------
def witness_rows(draw: EvaluatorDraw) -> list[dict]:
    return [{"seq": w.seq, "number": w.number} for w in draw.witnesses.order_by("seq")]


def is_representative(user, draw: EvaluatorDraw) -> bool:
    return (
        getattr(user, "kind", None) == UserKind.VENDOR
        and draw.evaluation.proposals.filter(representatives=user).exists()
    )


@logs_refusals
@transaction.atomic
def enter_witness(*, actor, draw: EvaluatorDraw, number: str, name: str = "", affiliation: str = "") -> DrawWitness:
    """A witness's number, after the commitment and before the reveal; chained as it is entered (a15.3).

    A bidder's representative enters their own; an officer enters one for a witness in the room.
    """
    draw = EvaluatorDraw.objects.select_for_update(no_key=True).select_related("evaluation").get(pk=draw.pk)
    representative = is_representative(actor, draw)
    if not (representative or is_conductor(actor, draw.evaluation)):
        raise Forbidden(E.WITNESS_WHO)
    if draw.state in (DrawState.REVEALED, DrawState.COMPLETED) or draw.revealed_at is not None:
        raise Refused(E.WITNESS_AFTER_REVEAL)
    if draw.state != DrawState.COMMITTED:
        raise Refused(E.WITNESS_BEFORE_COMMIT)
    number = str(number).strip()
    if not algorithm.WITNESS_NUMBER.match(number):
        raise Refused(E.WITNESS_NUMBER, field="number")
    if representative:
        name = actor.name
        affiliation = actor.company.name if actor.company_id else "입찰 업체"
        if draw.witnesses.filter(user=actor).exists():
            raise Refused(E.WITNESS_TWICE)
    if not name.strip() or not affiliation.strip():
        raise Refused(E.WITNESS_NAME, field="name")
    seq = (draw.witnesses.aggregate(n=Max("seq"))["n"] or 0) + 1
    witness = DrawWitness.objects.create(
        draw=draw,
        seq=seq,
        name=name.strip()[:50],
        affiliation=affiliation.strip()[:100],
        number=number,
        user=actor if representative else None,
        entered_by=actor,
    )
    _event(
        LegalEventKind.DRAW_WITNESS_ENTERED,
        actor=actor,
        draw=draw,
        summary=f"{draw} 참관인 {seq}: {witness.name} ({witness.affiliation}) 입력",
        payload={"seq": seq, "number": number, "name": witness.name, "affiliation": witness.affiliation},
    )
    return witness


@logs_refusals
def perform_draw(*, actor, draw: EvaluatorDraw) -> EvaluatorDraw:
    """Reveal and derive the order, once. A second run — whatever the inputs — is refused (a15.3)."""
    current = EvaluatorDraw.objects.get(pk=draw.pk)
    if current.revealed_at is not None or current.state in (DrawState.REVEALED, DrawState.COMPLETED, DrawState.FAILED):
        raise Refused(E.DRAW_RERUN)
    return run(current, "reveal", actor=actor)


@logs_refusals
def commit_draw(*, actor, draw: EvaluatorDraw) -> EvaluatorDraw:
    current = EvaluatorDraw.objects.get(pk=draw.pk)
    if current.committed_at is not None:
        raise Refused(E.DRAW_RERUN)
    return run(current, "commit", actor=actor)


# --- contacts in order -----------------------------------------------------------------------------------------
def next_position(draw: EvaluatorDraw) -> int | None:
    """The position to contact next, or None when the committee is complete or the order is exhausted."""
    contacts = list(draw.contacts.order_by("position"))
    if sum(c.outcome == ContactOutcome.ACCEPTED for c in contacts) >= draw.needed:
        return None
    position = len(contacts) + 1
    return position if position <= len(draw.order) else None


@logs_refusals
@transaction.atomic
def record_contact(
    *, actor, draw: EvaluatorDraw, outcome: str, expert: Expert | None = None, note: str = ""
) -> DrawContact:
    """The officer records the outcome of contacting the next expert in the drawn order (a15.3)."""
    draw = EvaluatorDraw.objects.select_for_update(no_key=True).select_related("evaluation").get(pk=draw.pk)
    require_conductor(actor, draw.evaluation)
    if draw.state != DrawState.REVEALED:
        raise Refused(E.DRAW_STATE, state=draw.get_state_display(), what=josa("교섭 결과", "을/를") + " 적을")
    if outcome not in ContactOutcome.values:
        raise Refused(E.CONTACT_OUTCOME, field="outcome")
    if draw.accepted_count >= draw.needed:
        raise Refused(E.CONTACT_DONE, needed=draw.needed)
    position = draw.contacts.count() + 1
    if position > len(draw.order):
        raise Refused(E.DRAW_NOT_ENOUGH, count=len(draw.order), needed=draw.needed)
    code = draw.order[position - 1]
    if expert is not None and expert.code != code:
        raise Refused(E.CONTACT_ORDER, position=position, code=code)
    expert = Expert.objects.get(code=code)
    contact = DrawContact.objects.create(
        draw=draw, position=position, expert=expert, outcome=outcome, note=note.strip()[:200], contacted_by=actor
    )
    _event(
        LegalEventKind.EVALUATOR_CONTACTED,
        actor=actor,
        draw=draw,
        summary=f"{draw} 교섭 {position}번째 {code}: {contact.get_outcome_display()}",
        payload={"position": position, "code": code, "outcome": outcome},
    )
    if outcome == ContactOutcome.ACCEPTED:
        _seat_expert(draw.evaluation, expert, actor)
        if draw.accepted_count >= draw.needed:
            type(draw).workflow.execute(draw, "complete", actor=actor, internal=True)
    return contact


def _seat_expert(evaluation: Evaluation, expert: Expert, actor) -> Membership:
    """The accepting expert sits on the evaluation committee as an external member (with a login to score)."""
    user = expert.user
    if user is None:
        user = User.objects.create_user(
            username=f"expert-{expert.code.lower()}",
            email=expert.email or f"{expert.code.lower()}@expert.invalid",
            name=expert.name,
            kind=UserKind.EXPERT,
            affiliation=expert.affiliation[:100],
            password=None,
        )
        expert.user = user
        expert.save(update_fields=["user", "updated_at"])
    return Membership.objects.create(
        body=evaluation.body,
        basis=MembershipBasis.EXTERNAL,
        user=user,
        is_external=True,
        start_date=timezone.localdate(),
        note=f"{expert.code} (추출)",
    )


# --- the published record ---------------------------------------------------------------------------------------
def published_record(draw: EvaluatorDraw, *, names: bool = False) -> dict:
    """What is published of a draw: everything ``verify_draw`` needs, and no expert's name (unless ``names``)."""
    record = {
        "draw": draw.pk,
        "evaluation": draw.evaluation_id,
        "project": draw.evaluation.project.code,
        "number": draw.number,
        "replaces": draw.replaces_id,
        "reason": draw.reason,
        "algorithm": draw.algorithm,
        "needed": draw.needed,
        "criteria": draw.criteria,
        "eligible": draw.eligible,
        "list_hash": draw.list_hash,
        "exclusions": [
            {"code": x.expert.code, "reason": x.reason}
            for x in draw.exclusions.select_related("expert").order_by("expert__code")
        ],
        "commitment": {
            "secret_hash": draw.secret_hash,
            "committed_at": draw.committed_at.isoformat() if draw.committed_at else None,
        },
        "witnesses": [
            {
                "seq": w.seq,
                "name": w.name,
                "affiliation": w.affiliation,
                "number": w.number,
                "entered_at": w.entered_at.isoformat(),
            }
            for w in draw.witnesses.order_by("seq")
        ],
        "secret": draw.secret if draw.revealed_at else None,
        "revealed_at": draw.revealed_at.isoformat() if draw.revealed_at else None,
        "order": draw.order,
        "contacts": [
            {
                "position": c.position,
                "code": c.expert.code,
                "outcome": c.outcome,
                "at": c.contacted_at.isoformat(),
                **({"name": c.expert.name} if names else {}),
            }
            for c in draw.contacts.select_related("expert").order_by("position")
        ],
        "state": draw.state,
        "events": [
            {"seq": e.seq, "kind": e.kind, "hash": e.hash}
            for e in LegalEvent.objects.filter(
                subject_type="acquisition.evaluatordraw", subject_id=str(draw.pk)
            ).order_by("seq")
        ],
    }
    return record


EVENT_FIELDS = (
    "seq",
    "occurred_at",
    "kind",
    "actor_id",
    "actor_name",
    "subject_type",
    "subject_id",
    "subject_repr",
    "summary",
    "payload",
    "clause_ids",
    "pack_version",
    "request_id",
    "prev_hash",
)


def chain_problems(record: dict) -> list[str]:
    """The record against the chained legal events: the commitment came first and matches, every witness number
    was entered after it and before the reveal, the reveal and each contact are there, and no event was altered."""
    problems = []
    events = {e.seq: e for e in LegalEvent.objects.filter(seq__in=[x["seq"] for x in record.get("events", [])])}
    stored = list(
        LegalEvent.objects.filter(subject_type="acquisition.evaluatordraw", subject_id=str(record["draw"])).order_by(
            "seq"
        )
    )
    if [e.seq for e in stored] != [x["seq"] for x in record.get("events", [])]:
        problems.append("공개 기록의 법정 이벤트 목록이 해시 체인의 이벤트와 다릅니다.")
    for listed in record.get("events", []):
        event = events.get(listed["seq"])
        if event is None or event.hash != listed["hash"]:
            problems.append(f"법정 이벤트 #{listed['seq']}이 체인에 없거나 해시가 다릅니다.")
            continue
        if entry_hash({f: getattr(event, f) for f in EVENT_FIELDS}) != event.hash:
            problems.append(f"법정 이벤트 #{event.seq}의 내용이 해시와 맞지 않습니다 (변조).")
    commits = [e for e in stored if e.kind == LegalEventKind.DRAW_COMMITTED]
    reveals = [e for e in stored if e.kind == LegalEventKind.DRAW_PERFORMED]
    if not commits:
        problems.append("명부 봉인 이벤트가 체인에 없습니다.")
        return problems
    commit_event = commits[0]
    if commit_event.payload.get("list_hash") != record.get("list_hash"):
        problems.append("체인에 봉인한 명부 해시와 공개 기록의 명부 해시가 다릅니다.")
    if commit_event.payload.get("secret_hash") != (record.get("commitment") or {}).get("secret_hash"):
        problems.append("체인에 봉인한 비밀값 해시와 공개 기록의 비밀값 해시가 다릅니다.")
    witness_events = [e for e in stored if e.kind == LegalEventKind.DRAW_WITNESS_ENTERED]
    chained = [{"seq": e.payload.get("seq"), "number": e.payload.get("number")} for e in witness_events]
    published = [{"seq": w["seq"], "number": w["number"]} for w in record.get("witnesses", [])]
    if chained != published:
        problems.append("참관인 입력값이 체인에 기록된 값과 다릅니다.")
    for event in witness_events:
        if event.seq < commit_event.seq:
            problems.append(f"참관인 입력(#{event.seq})이 명부 봉인보다 앞섭니다.")
        if reveals and event.seq > reveals[0].seq:
            problems.append(f"참관인 입력(#{event.seq})이 비밀값 공개 뒤에 있습니다.")
    if record.get("secret"):
        if not reveals:
            problems.append("추출(비밀값 공개) 이벤트가 체인에 없습니다.")
        else:
            payload = reveals[0].payload
            if payload.get("secret") != record.get("secret") or payload.get("order") != record.get("order"):
                problems.append("체인에 기록된 비밀값·교섭 순서와 공개 기록이 다릅니다.")
    contact_events = [e for e in stored if e.kind == LegalEventKind.EVALUATOR_CONTACTED]
    chained_contacts = [
        (e.payload.get("position"), e.payload.get("code"), e.payload.get("outcome")) for e in contact_events
    ]
    published_contacts = [(c["position"], c["code"], c["outcome"]) for c in record.get("contacts", [])]
    if chained_contacts != published_contacts:
        problems.append("교섭 결과가 체인에 기록된 결과와 다릅니다.")
    return problems


def verify(draw: EvaluatorDraw) -> list[str]:
    record = published_record(draw)
    return algorithm.verify_record(record) + chain_problems(record)


def visible_draws(user):
    return EvaluatorDraw.objects.restrict(user, "view")


__all__ = ["Q"]
