"""제안서 평가 (a15, a16): preparing the evaluation, its committee on the governance engine (a 기술평가위원회 body,
its seats and its meeting), the 정량 scores, locking the result with its hash, allowances and the export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.db import transaction
from django.utils import timezone

from itms.accounts.directory import roles_of
from itms.accounts.models import Assignment, UserKind
from itms.accounts.roles import Role
from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.core.formats import format_won
from itms.core.korean import josa
from itms.governance.actions import add_agenda_item, convene_meeting
from itms.governance.choices import AttendanceStatus, BodyKind, EvaluationAgendaKind, MeetingState, MembershipBasis
from itms.governance.models import Body, Meeting, Membership
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import pack_in_force, param

from .. import arithmetic
from ..choices import EvaluationKind, EvaluationState, ItemKind, PassRule, PriceBasis, technical_weights
from ..draw import canonical, sha256_hex
from ..error_codes import AcquisitionErrors as E
from ..models import (
    Allowance,
    Evaluation,
    EvaluationItem,
    EvaluationResult,
    OrderingRequest,
    Proposal,
    QuantitativeScore,
    ScoreSheet,
)
from .common import is_it_planning, logs_refusals

# 기술평가 배점표 for 기술 90 (PRACTICE-FACTS §2.2–§2.3): 정량 20 from evidence, 정성 70 by the evaluators (the
# areas of 「소프트웨어 기술성 평가기준」 with the observed points). Scaled for 80 or 70; the agency edits it per RFP.
DEFAULT_ITEMS = [
    ("일반", "수행실적", ItemKind.QUANTITATIVE, "10", "최근 3년 유사사업 수행실적 (금액·건수)"),
    ("일반", "경영상태", ItemKind.QUANTITATIVE, "5", "신용평가등급"),
    ("일반", "기술인력", ItemKind.QUANTITATIVE, "5", "참여인력의 등급·자격"),
    ("전략 및 방법론", "전략 및 방법론", ItemKind.QUALITATIVE, "10", "제안배경·목표, 추진전략·체계, 방법론, 기대효과"),
    (
        "기술 및 기능",
        "기술 및 기능",
        ItemKind.QUALITATIVE,
        "20",
        "시스템, 기능, 보안, 데이터(전환), 시스템운영, 제약사항",
    ),
    ("성능 및 품질", "성능 및 품질", ItemKind.QUALITATIVE, "17", "적용기술, 성능, 인터페이스, 품질"),
    ("프로젝트 관리", "프로젝트 관리", ItemKind.QUALITATIVE, "15", "일정, 품질관리, 기밀보안, 위험·이슈, 개발환경"),
    ("프로젝트 지원", "프로젝트 지원", ItemKind.QUALITATIVE, "6", "시험운영, 기술지원·교육, 하자보수"),
    ("기타", "성실성·독창성", ItemKind.QUALITATIVE, "2", "제안의 성실성과 독창성"),
]
BASE_WEIGHT = 90


def scaled_items(weight: int) -> list[tuple[str, str, str, Decimal, str]]:
    """The default items scaled to a technical maximum of ``weight`` (to 0.5 point, the last item takes the rest)."""
    factor = Fraction(weight, BASE_WEIGHT)
    rows, total = [], Decimal(0)
    for index, (area, name, kind, points, evidence) in enumerate(DEFAULT_ITEMS):
        if index == len(DEFAULT_ITEMS) - 1:
            value = Decimal(weight) - total
        else:
            value = Decimal(round(Fraction(points) * factor * 2)) / 2
        total += value
        rows.append((area, name, kind, value, evidence))
    return rows


# --- who conducts ------------------------------------------------------------------------------------------------
def conducts(user, unit) -> bool:
    """The 정보화부서 that evaluates (a15.1: its head, its staff), or the 정보기획담당관."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or is_it_planning(user):
        return True
    return any(
        g.role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF) and g.unit_id == unit.pk for g in roles_of(user)
    )


def conducts_any(user) -> bool:
    """Whether the user may prepare an evaluation at all: an IT department's head or staff, or the 정보기획담당관."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or is_it_planning(user):
        return True
    return any(g.role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF) for g in roles_of(user))


def is_conductor(user, evaluation: Evaluation) -> bool:
    return conducts(user, evaluation.unit)


def require_conductor(user, evaluation: Evaluation) -> None:
    if not is_conductor(user, evaluation):
        raise Forbidden(E.IT_DEPARTMENT_ONLY, unit=evaluation.unit.name)


def size_from_table(amount: int) -> tuple[int | None, str]:
    """a15.2: the number of evaluators for the project size, from the rule pack's table (ships empty, unconfirmed)."""
    reading = param("evaluator_count_table")
    for row in reading.value or []:
        low, high = int(row.get("min", 0)), row.get("max")
        if amount >= low and (high is None or amount < int(high)):
            return int(row["count"]), f"사업규모별 평가위원 수 표: 추정가격 {format_won(amount)} → {row['count']}명"
    if not reading.value:
        return None, "사업규모별 평가위원 수 표가 비어 있어(행정안전부 고시 확인 필요) 정보화부서가 정함"
    return None, f"사업규모별 평가위원 수 표에 추정가격 {format_won(amount)}에 맞는 구간이 없어 정보화부서가 정함"


# --- preparing ---------------------------------------------------------------------------------------------------
@logs_refusals
@transaction.atomic
def create_evaluation(
    *,
    actor,
    project,
    unit,
    title: str,
    evaluation_at: dt.datetime,
    estimated_price: int,
    kind: str = EvaluationKind.TECHNICAL,
    ordering_request: OrderingRequest | None = None,
    planned_price: int | None = None,
    price_basis: str = PriceBasis.ESTIMATED_VAT,
    technical_weight: int | None = None,
    committee_size: int | None = None,
    place: str = "",
    pass_rule: str = PassRule.THRESHOLD,
    required_fields=(),
) -> Evaluation:
    """The IT department prepares the evaluation of the proposals (a15.1), with the default 배점표 (a15.9)."""
    if not conducts(actor, unit):
        raise Forbidden(E.IT_DEPARTMENT_ONLY, unit=unit.name)
    if ordering_request is not None and ordering_request.evaluations.exclude(state=EvaluationState.DELEGATED).exists():
        raise Refused(E.EVALUATION_EXISTS)
    if technical_weight is None:
        technical_weight = (
            ordering_request.rfp.technical_weight if ordering_request else int(param("technical_weight_percent").value)
        )
    if int(technical_weight) not in dict(technical_weights()):
        raise Refused(E.RFP_INPUT, field="technical_weight", errors="기술 배점은 90·80·70 가운데 하나입니다")
    table_size, basis = size_from_table(estimated_price)
    if table_size is not None and committee_size not in (None, table_size):
        raise Refused(E.SIZE_TABLE, field="committee_size", size=table_size, basis=basis)
    evaluation = Evaluation(
        project=project,
        ordering_request=ordering_request,
        kind=kind,
        unit=unit,
        title=title,
        evaluation_at=evaluation_at,
        place=place,
        estimated_price=estimated_price,
        planned_price=planned_price,
        price_basis=price_basis,
        technical_weight=technical_weight,
        committee_size=table_size or committee_size,
        size_basis=basis if table_size or committee_size else "",
        pass_rule=pass_rule,
    )
    evaluation.full_clean()
    evaluation.save()
    evaluation.required_fields.set(required_fields)
    for order, (area, name, item_kind, points, evidence) in enumerate(scaled_items(int(technical_weight)), start=1):
        EvaluationItem.objects.create(
            evaluation=evaluation, order=order, area=area, name=name, kind=item_kind, points=points, evidence=evidence
        )
    return evaluation


def items_total(evaluation: Evaluation) -> Decimal:
    return sum((item.points for item in evaluation.items.all()), Decimal(0))


def _actor_position(actor):
    assignment = Assignment.objects.active_on(timezone.localdate()).filter(user=actor).order_by("kind").first()
    return assignment.position if assignment else None


# --- effects of the evaluation's workflow (workflows.py) ---------------------------------------------------------
def start_selection(evaluation: Evaluation, ctx, internal=()) -> None:
    """The committee of this evaluation is a 기술평가위원회 body of the governance engine (a15.1); the actor keeps its
    secretariat. The committee must be formed by the a15.4 date; the first draw opens (a15.3)."""
    from .draws import open_draw

    actor = ctx["actor"]
    round_number = evaluation.postponements + 1
    body = Body(
        kind=BodyKind.EVALUATION,
        name=f"{evaluation.title} 기술평가위원회" + (f" ({round_number}차 선정)" if round_number > 1 else ""),
        scope=f"{evaluation.project} {evaluation.get_kind_display()}",
        secretary_position=_actor_position(actor),
    )
    body.full_clean()
    body.save()
    evaluation.body = body
    evaluation.save(update_fields=["body", "updated_at"])
    for user_id in internal:  # after a postponement the KCS officials stay designated (a15.5 redraws the others)
        Membership.objects.create(
            body=body, basis=MembershipBasis.DESIGNATED, user_id=user_id, start_date=timezone.localdate()
        )
    open_obligation(
        kind="evaluation_committee_formation",
        subject=evaluation,
        key=f"round-{round_number}",
        start=evaluation.evaluation_date,
        owed_by_unit=evaluation.unit,
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        actor=actor,
        title=f"기술평가위원회 구성: {evaluation}",
    )
    open_draw(actor=actor, evaluation=evaluation)


def size_met(evaluation: Evaluation, ctx) -> bool:
    return evaluation.body_id is not None and committee_members(evaluation).count() == evaluation.committee_size


def committee_members(evaluation: Evaluation):
    return Membership.objects.filter(body_id=evaluation.body_id).exclude(basis=MembershipBasis.ADVISER)


def chair_chosen(evaluation: Evaluation, ctx) -> bool:
    return committee_members(evaluation).filter(is_chair=True).count() == 1


def lead_time_kept(evaluation: Evaluation, ctx) -> bool:
    """a15.4: formed at the latest on the date the rule pack gives (5 days before the evaluation date, strict)."""
    from itms.regulation.obligations import get_type

    result, _readings = get_type("evaluation_committee_formation").rule.compute(
        start=evaluation.evaluation_date, on=timezone.localdate()
    )
    return timezone.localdate() <= result.date


def form_committee(evaluation: Evaluation, ctx) -> None:
    """Formation (a15.4): the date, the exception and its reason when late, the meeting of the committee, the sheets."""
    actor, data = ctx["actor"], ctx.get("data") or {}
    if not lead_time_kept(evaluation, ctx):
        exception, detail = data.get("exception") or "", (data.get("exception_detail") or "").strip()
        if not exception or not detail:
            raise Refused(E.EXCEPTION_REASON, field="exception")
        evaluation.formation_exception, evaluation.formation_exception_detail = exception, detail[:300]
    evaluation.formed_at = timezone.now()
    body = Body.objects.get(pk=evaluation.body_id)
    body.formed_on = timezone.localdate()
    body.save(update_fields=["formed_on", "updated_at"])
    meeting = convene_meeting(
        actor=actor,
        body=body,
        scheduled_at=evaluation.evaluation_at,
        title=f"{evaluation.title} 평가위원회",
        place=evaluation.place,
    )
    evaluation.meeting = meeting
    evaluation.save(
        update_fields=["formation_exception", "formation_exception_detail", "formed_at", "meeting", "updated_at"]
    )
    if evaluation.is_suitability and evaluation.pass_rule == PassRule.MAJORITY:
        add_agenda_item(
            actor=actor,
            meeting=meeting,
            kind=EvaluationAgendaKind.PROPOSAL,
            title=f"{evaluation.proposals.first().company} 제안서 적합 여부",
            subject=evaluation,
        )
    seats = list(committee_members(evaluation).select_related("user").order_by("-is_chair", "pk"))
    ScoreSheet.objects.filter(evaluation=evaluation).delete()
    for index, seat in enumerate(seats):
        ScoreSheet.objects.create(evaluation=evaluation, evaluator=seat.user, membership=seat, label=_label(index))
    meet_obligation(
        kind="evaluation_committee_formation",
        subject=evaluation,
        key=f"round-{evaluation.postponements + 1}",
        actor=actor,
        note="구성"
        + (f" (예외: {evaluation.get_formation_exception_display()})" if evaluation.formation_exception else ""),
    )


def _label(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index] if index < len(letters) else f"Z{index}"


def in_session(evaluation: Evaluation, ctx) -> bool:
    return evaluation.meeting_id is not None and evaluation.meeting.state == MeetingState.IN_SESSION


def quorum_failed(evaluation: Evaluation, ctx) -> bool:
    """a15.5: attendance is recorded and fewer than 2/3 of the committee's size are present."""
    from itms.governance.actions.votes import meeting_tally

    if evaluation.meeting_id is None or not evaluation.meeting.attendance.exists():
        return False
    return not meeting_tally(evaluation.meeting).has_quorum


def postpone(evaluation: Evaluation, ctx) -> None:
    """a15.5: the meeting is postponed (cancelled), the selection starts again with a new draw linked to the old."""
    from itms.governance.actions.votes import meeting_tally

    actor, data = ctx["actor"], ctx.get("data") or {}
    meeting = Meeting.objects.get(pk=evaluation.meeting_id)
    explanation = meeting_tally(meeting).quorum_explanation()
    Meeting.workflow.execute(
        meeting, "cancel", actor=actor, data={"reason": f"정족수 미달로 연기 (제15조제5항): {explanation}"[:200]}
    )
    draw = evaluation.draws.order_by("-number").first()
    if draw is not None and draw.state != "failed":
        type(draw).workflow.execute(
            draw,
            "fail",
            actor=actor,
            data={"reason": f"평가위원회 정족수 미달로 연기: {explanation}"[:300]},
            internal=True,
        )
    old_body = Body.objects.get(pk=evaluation.body_id)
    internal = list(
        Membership.objects.filter(body=old_body, basis=MembershipBasis.DESIGNATED).values_list("user_id", flat=True)
    )
    old_body.is_active = False
    old_body.save(update_fields=["is_active", "updated_at"])
    ScoreSheet.objects.filter(evaluation=evaluation).delete()
    evaluation.postponements += 1
    evaluation.evaluation_at = data["evaluation_at"]
    evaluation.meeting = None
    evaluation.formed_at = None
    evaluation.formation_exception, evaluation.formation_exception_detail = "", ""
    evaluation.save()
    start_selection(evaluation, ctx, internal=internal)


def delegate(evaluation: Evaluation, ctx) -> None:
    data = ctx["data"]
    evaluation.delegated_on = data["delegated_on"]
    evaluation.delegation_reference = data["reference"]
    evaluation.delegation_note = data.get("note", "")
    evaluation.save(update_fields=["delegated_on", "delegation_reference", "delegation_note", "updated_at"])


def proposals_registered(evaluation: Evaluation, ctx) -> bool:
    return evaluation.proposals.exists()


def sole_bidder(evaluation: Evaluation, ctx) -> bool:
    return not evaluation.is_suitability or evaluation.proposals.count() == 1


def items_add_up(evaluation: Evaluation, ctx) -> bool:
    return (
        items_total(evaluation) == Decimal(evaluation.technical_weight)
        and evaluation.items.filter(kind=ItemKind.QUALITATIVE).exists()
    )


def size_set(evaluation: Evaluation, ctx) -> bool:
    return bool(evaluation.committee_size)


def draw_completed(evaluation: Evaluation, ctx) -> bool:
    last = evaluation.draws.order_by("-number").first()
    return last is not None and last.state == "completed"


# --- 정량 scores, attendance, chair, internal evaluators ---------------------------------------------------------
def parse_score(value) -> Decimal:
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as error:
        raise Refused(E.SCORE_NUMBER, field="score") from error
    if not score.is_finite() or score != score.quantize(Decimal("0.01")):
        raise Refused(E.SCORE_NUMBER, field="score")
    return score


def check_range(item: EvaluationItem, score: Decimal) -> None:
    if score < 0 or score > item.points:
        raise Refused(
            E.SCORE_RANGE,
            field="score",
            item=item.name,
            points=arithmetic.show(item.points),
            score=arithmetic.show(score),
        )


@logs_refusals
@transaction.atomic
def set_quantitative(*, actor, proposal: Proposal, item: EvaluationItem, score, evidence: str) -> QuantitativeScore:
    """정량: the IT department scores the item from the documents the bidder submitted (a15.9)."""
    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=proposal.evaluation_id)
    require_conductor(actor, evaluation)
    if evaluation.is_locked:
        raise Refused(E.RESULT_LOCKED)
    if evaluation.state not in (EvaluationState.SELECTING, EvaluationState.FORMED, EvaluationState.IN_SESSION):
        raise Refused(
            E.EVALUATION_STATE, state=evaluation.get_state_display(), what=josa("정량 점수", "을/를") + " 입력할"
        )
    if item.evaluation_id != evaluation.pk or item.kind != ItemKind.QUANTITATIVE:
        raise Refused(E.QUANTITATIVE_ONLY, field="item")
    score = parse_score(score)
    check_range(item, score)
    if not evidence.strip():
        raise Refused(E.QUANTITATIVE_EVIDENCE, field="evidence")
    row, _ = QuantitativeScore.objects.update_or_create(
        proposal=proposal, item=item, defaults={"score": score, "evidence": evidence.strip()[:300], "entered_by": actor}
    )
    return row


@logs_refusals
@transaction.atomic
def designate_internal(*, actor, evaluation: Evaluation, user) -> Membership:
    """A KCS official sits on the committee (a15.3: only the evaluators who are not KCS officials are drawn)."""
    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=evaluation.pk)
    require_conductor(actor, evaluation)
    if evaluation.state != EvaluationState.SELECTING:
        raise Refused(
            E.EVALUATION_STATE, state=evaluation.get_state_display(), what=josa("내부 평가위원", "을/를") + " 지정할"
        )
    draw = evaluation.draws.order_by("-number").first()
    if draw is not None and draw.committed_at is not None and draw.state != "failed":
        raise Refused(E.DRAW_STATE, state=draw.get_state_display(), what=josa("내부 평가위원", "을/를") + " 바꿀")
    if user.kind != UserKind.STAFF:
        raise Refused(E.INTERNAL_EVALUATOR, field="user")
    if committee_members(evaluation).count() >= int(evaluation.committee_size or 0):
        raise Refused(E.INTERNAL_FULL, size=evaluation.committee_size)
    seat = Membership.objects.create(
        body_id=evaluation.body_id, basis=MembershipBasis.DESIGNATED, user=user, start_date=timezone.localdate()
    )
    if draw is not None and draw.state == "preparing":
        from .draws import needed_externals

        draw.needed = needed_externals(evaluation)
        draw.save(update_fields=["needed", "updated_at"])
    return seat


@logs_refusals
@transaction.atomic
def choose_chair(*, actor, evaluation: Evaluation, membership: Membership) -> Membership:
    """위원장은 평가위원 중에서 선정한다 (a15.2)."""
    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=evaluation.pk)
    require_conductor(actor, evaluation)
    if evaluation.state not in (EvaluationState.SELECTING, EvaluationState.FORMED):
        raise Refused(E.EVALUATION_STATE, state=evaluation.get_state_display(), what=josa("위원장", "을/를") + " 정할")
    if membership.body_id != evaluation.body_id or not membership.is_voting:
        raise Refused(E.CHAIR_MEMBER, field="membership")
    for seat in committee_members(evaluation).filter(is_chair=True).exclude(pk=membership.pk):
        seat.is_chair = False
        seat.save()
    membership.is_chair = True
    membership.save()
    return membership


@logs_refusals
def record_attendance(*, actor, evaluation: Evaluation, membership: Membership, present: bool):
    """출석 (a15.5): through the governance engine, which counts the quorum of the committee's meeting."""
    from itms.governance.actions import record_attendance as governance_attendance

    require_conductor(actor, evaluation)
    status = AttendanceStatus.PRESENT if present else AttendanceStatus.ABSENT
    return governance_attendance(actor=actor, meeting=evaluation.meeting, membership=membership, status=status)


@logs_refusals
@transaction.atomic
def open_session(*, actor, evaluation: Evaluation, reason: str = "") -> Evaluation:
    """The meeting opens when 2/3 of the committee's size are present (a15.5); then scoring begins."""
    from .common import run

    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=evaluation.pk)
    require_conductor(actor, evaluation)
    if evaluation.state != EvaluationState.FORMED:
        raise Refused(E.EVALUATION_STATE, state=evaluation.get_state_display(), what="개회할")
    meeting = Meeting.objects.get(pk=evaluation.meeting_id)
    if meeting.state != MeetingState.IN_SESSION:
        run(meeting, "open", actor=actor, data={"reason": reason})
    evaluation.refresh_from_db()
    return run(evaluation, "begin", actor=actor)


# --- locking the result (a15.8, a15.9) -----------------------------------------------------------------------------
def present_sheets(evaluation: Evaluation) -> list[ScoreSheet]:
    """The sheets of the evaluators present at the meeting (an absent member scores nothing)."""
    if evaluation.meeting_id is None:
        return []
    present = set(
        evaluation.meeting.attendance.filter(status__in=(AttendanceStatus.PRESENT, AttendanceStatus.PROXY)).values_list(
            "membership_id", flat=True
        )
    )
    return [s for s in evaluation.sheets.select_related("membership").order_by("label") if s.membership_id in present]


def sheets_submitted(evaluation: Evaluation, ctx) -> bool:
    sheets = present_sheets(evaluation)
    return bool(sheets) and all(s.is_submitted for s in sheets)


def quantitative_complete(evaluation: Evaluation, ctx) -> bool:
    items = evaluation.items.filter(kind=ItemKind.QUANTITATIVE).count()
    return all(p.quantitative_scores.count() == items for p in evaluation.proposals.all())


def majority_decided(evaluation: Evaluation, ctx) -> bool:
    """a16 with the majority rule: the committee has resolved on the proposal's suitability."""
    if not (evaluation.is_suitability and evaluation.pass_rule == PassRule.MAJORITY):
        return True
    return _suitability_resolution(evaluation) is not None


def _suitability_resolution(evaluation: Evaluation):
    from django.contrib.contenttypes.models import ContentType

    from itms.governance.models import Resolution

    return Resolution.objects.filter(
        item__subject_type=ContentType.objects.get_for_model(Evaluation), item__subject_id=evaluation.pk
    ).first()


def _rules(evaluation: Evaluation) -> dict:
    day = evaluation.evaluation_date
    keys = (
        "negotiation_eligibility_percent",
        "score_trimming",
        "price_score_floor_percent",
        "price_score_lower_percent",
        "price_score_bonus_points",
        "score_decimal_places",
        "suitability_pass_percent",
    )
    return {key: param(key, day) for key in keys}


def compute(evaluation: Evaluation) -> dict:
    """The whole result from the records, as the JSON record that is hashed when the result is locked."""
    rules = _rules(evaluation)
    places = int(rules["score_decimal_places"].value)
    mode = str(rules["score_trimming"].value)
    items = list(evaluation.items.order_by("order"))
    qualitative_items = [i for i in items if i.kind == ItemKind.QUALITATIVE]
    top_item = max(items, key=lambda i: (i.points, -i.order))
    proposals = list(evaluation.proposals.select_related("company").order_by("pk"))
    sheets = present_sheets(evaluation)
    scores = {}
    for sheet in sheets:
        for row in sheet.scores.all():
            scores[(sheet.pk, row.proposal_id, row.item_id)] = row.score
    quantitative = {(q.proposal_id, q.item_id): q for q in QuantitativeScore.objects.filter(proposal__in=proposals)}
    basis = evaluation.estimated_price
    if evaluation.price_basis == PriceBasis.PLANNED and evaluation.planned_price:
        basis = evaluation.planned_price
    price_rule = arithmetic.PriceRule(
        maximum=Fraction(evaluation.price_weight),
        basis=Fraction(basis),
        floor_percent=arithmetic.fraction(rules["price_score_floor_percent"].value),
        lower_percent=arithmetic.fraction(rules["price_score_lower_percent"].value),
        bonus=arithmetic.fraction(rules["price_score_bonus_points"].value),
        places=places,
    )
    lowest = min((p.bid_price for p in proposals), default=0)
    rows, ranked = [], []
    for proposal in proposals:
        quant = sum(
            (quantitative[(proposal.pk, i.pk)].score for i in items if (proposal.pk, i.pk) in quantitative), Decimal(0)
        )
        totals = [
            sum((scores.get((s.pk, proposal.pk, i.pk), 0) for i in qualitative_items), Decimal(0)) for s in sheets
        ]
        trimmed = arithmetic.trimmed_mean(totals, mode=mode)
        qual = arithmetic.rounded(trimmed.mean, places)
        technical = quant + qual
        if top_item.kind == ItemKind.QUANTITATIVE:
            top = quantitative[(proposal.pk, top_item.pk)].score if (proposal.pk, top_item.pk) in quantitative else 0
        else:
            top = arithmetic.rounded(
                arithmetic.trimmed_mean(
                    [scores.get((s.pk, proposal.pk, top_item.pk), 0) for s in sheets], mode=mode
                ).mean,
                places,
            )
        price = arithmetic.price_score(bid=proposal.bid_price, lowest=lowest, rule=price_rule)
        total = technical + price.value
        eligible = arithmetic.is_eligible(
            technical=technical,
            technical_max=evaluation.technical_weight,
            percent=rules["negotiation_eligibility_percent"].value,
            bid=proposal.bid_price,
            planned_price=evaluation.planned_price,
        )
        row = {
            "proposal": proposal.pk,
            "company": proposal.company.name,
            "bid_price": proposal.bid_price,
            "quantitative": str(quant),
            "evaluator_totals": [str(t) for t in totals],
            "qualitative": str(qual),
            "qualitative_note": trimmed.note,
            "technical": str(technical),
            "price": str(price.value),
            "price_steps": price.steps,
            "total": str(total),
            "top_item": str(top),
            "eligible": eligible,
        }
        rows.append(row)
        ranked.append(arithmetic.Ranked(key=proposal.pk, total=total, technical=technical, top_item=Decimal(top)))
    for result in arithmetic.rank(ranked):
        row = next(r for r in rows if r["proposal"] == result.key)
        row["rank"], row["note"] = result.rank, result.note
    rows.sort(key=lambda r: (r["rank"], r["proposal"]))
    record = {
        "evaluation": {
            "id": evaluation.pk,
            "title": evaluation.title,
            "project": evaluation.project.code,
            "kind": evaluation.kind,
            "technical_weight": evaluation.technical_weight,
            "price_weight": evaluation.price_weight,
            "estimated_price": evaluation.estimated_price,
            "planned_price": evaluation.planned_price,
            "price_basis": evaluation.price_basis,
            "evaluation_at": evaluation.evaluation_at.isoformat(),
        },
        "rules": [reading.record() for reading in rules.values()],
        "items": [
            {"id": i.pk, "order": i.order, "area": i.area, "name": i.name, "kind": i.kind, "points": str(i.points)}
            for i in items
        ],
        "top_item": top_item.pk,
        "quantitative": [
            {"proposal": q.proposal_id, "item": q.item_id, "score": str(q.score), "evidence": q.evidence}
            for q in sorted(quantitative.values(), key=lambda q: (q.proposal_id, q.item_id))
        ],
        "sheets": [
            {
                "label": s.label,
                "submitted_at": s.submitted_at.isoformat() if s.submitted_at else None,
                "scores": [
                    {"proposal": p.pk, "item": i.pk, "score": str(scores.get((s.pk, p.pk, i.pk), ""))}
                    for p in proposals
                    for i in qualitative_items
                ],
            }
            for s in sheets
        ],
        "results": rows,
    }
    if evaluation.is_suitability:
        record["suitability"] = suitability(evaluation, rows[0] if rows else None, rules)
    return record


def suitability(evaluation: Evaluation, row: dict | None, rules: dict) -> dict:
    """a16: pass by the configured rule — the technical score against the threshold, or the committee's majority."""
    if evaluation.pass_rule == PassRule.MAJORITY:
        resolution = _suitability_resolution(evaluation)
        passed = bool(resolution and resolution.outcome == "passed")
        return {"rule": "majority", "passed": passed, "explanation": resolution.explanation if resolution else ""}
    percent = rules["suitability_pass_percent"].value
    needed = Fraction(evaluation.technical_weight) * arithmetic.fraction(percent) / 100
    technical = arithmetic.fraction(row["technical"]) if row else Fraction(0)
    return {
        "rule": "threshold",
        "percent": percent,
        "needed": arithmetic.show(needed),
        "passed": technical >= needed,
        "explanation": f"기술점수 {arithmetic.show(technical)}점 / 기준 {arithmetic.show(needed)}점 "
        f"(기술 배점 {evaluation.technical_weight}점의 {percent}%)",
    }


def record_hash(record: dict) -> str:
    return sha256_hex(canonical(record))


def lock(evaluation: Evaluation, ctx) -> None:
    """Fix the result: the record and its hash, one line per proposal, the allowances; chained (a15.8)."""
    actor = ctx["actor"]
    record = compute(evaluation)
    evaluation.result_record = record
    evaluation.result_hash = record_hash(record)
    evaluation.locked_at, evaluation.locked_by = timezone.now(), actor
    if "suitability" in record:
        evaluation.suitability_passed = record["suitability"]["passed"]
    evaluation.save(
        update_fields=["result_record", "result_hash", "locked_at", "locked_by", "suitability_passed", "updated_at"]
    )
    EvaluationResult.objects.filter(evaluation=evaluation).delete()
    for row in record["results"]:
        EvaluationResult.objects.create(
            evaluation=evaluation,
            proposal_id=row["proposal"],
            quantitative=Decimal(row["quantitative"]),
            qualitative=Decimal(row["qualitative"]),
            technical=Decimal(row["technical"]),
            price=Decimal(row["price"]),
            total=Decimal(row["total"]),
            rank=row["rank"],
            eligible=row["eligible"],
            note=row.get("note", "")[:300],
        )
    _allowances(evaluation)
    meeting = Meeting.objects.get(pk=evaluation.meeting_id)
    if meeting.state == MeetingState.IN_SESSION and not meeting.items.filter(state="voting").exists():
        Meeting.workflow.execute(meeting, "close", actor=actor)
    record_event(
        kind=LegalEventKind.EVALUATION_LOCKED,
        actor=actor,
        subject=evaluation,
        summary=f"{evaluation} 결과 확정: {len(record['results'])}개 제안서, 해시 {evaluation.result_hash[:12]}…",
        payload={
            "evaluation": evaluation.pk,
            "project": evaluation.project_id,
            "result_hash": evaluation.result_hash,
            "ranking": [
                {"rank": r["rank"], "company": r["company"], "total": r["total"], "eligible": r["eligible"]}
                for r in record["results"]
            ],
        },
        clause_ids=["a15.8", "a15.9"] + (["a16"] if evaluation.is_suitability else []),
        pack_version=pack_in_force().version_label,
    )
    open_obligation(
        kind="evaluation_result_notice",
        subject=evaluation,
        start=timezone.localdate(),
        owed_by_unit=evaluation.unit,
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        actor=actor,
        title=f"평가결과 조달청 통보: {evaluation}",
    )


def result_intact(evaluation: Evaluation) -> bool:
    """The locked record still hashes to the stored hash, and the records still compute to that record."""
    if not evaluation.is_locked:
        return False
    return (
        record_hash(evaluation.result_record) == evaluation.result_hash
        and record_hash(compute(evaluation)) == evaluation.result_hash
    )


def notify(evaluation: Evaluation, ctx) -> None:
    data = ctx["data"]
    evaluation.notified_at = timezone.now()
    evaluation.notice_reference = data["reference"]
    evaluation.save(update_fields=["notified_at", "notice_reference", "updated_at"])
    meet_obligation(kind="evaluation_result_notice", subject=evaluation, actor=ctx["actor"], note=data["reference"])


# --- allowances (a15.6) ---------------------------------------------------------------------------------------------
def _allowances(evaluation: Evaluation) -> None:
    day = evaluation.evaluation_date
    base, hourly, base_hours = (
        param("evaluator_allowance_base", day),
        param("evaluator_allowance_hourly", day),
        param("evaluator_allowance_base_hours", day),
    )
    meeting = evaluation.meeting
    start = meeting.opened_at or evaluation.evaluation_at
    end = evaluation.locked_at or timezone.now()
    hours = Decimal(max(round((end - start).total_seconds() / 1800), 1)) / 2  # to the half hour, at least 0.5
    extra_hours = max(hours - Decimal(str(base_hours.value)), Decimal(0))
    present = meeting.attendance.filter(status=AttendanceStatus.PRESENT).select_related("membership")
    for attendance in present:
        seat = attendance.membership
        if seat.basis != MembershipBasis.EXTERNAL:
            continue  # KCS officials get no allowance (a15.6: "관세청 소속 공무원이 아닌 평가위원")
        Allowance.objects.update_or_create(
            evaluation=evaluation,
            membership=seat,
            defaults={
                "evaluator_id": seat.user_id,
                "hours": hours,
                "base": int(base.value),
                "extra": int(Decimal(int(hourly.value)) * extra_hours),
                "rules": [base.record(), hourly.record(), base_hours.record()],
            },
        )


@logs_refusals
@transaction.atomic
def set_travel(*, actor, allowance: Allowance, amount: int) -> Allowance:
    """여비 per the civil-servant travel rules, entered per external evaluator (a15.6)."""
    allowance = Allowance.objects.select_for_update(no_key=True).select_related("evaluation").get(pk=allowance.pk)
    require_conductor(actor, allowance.evaluation)
    if amount is None or int(amount) < 0:
        raise Refused(E.TRAVEL_AMOUNT, field="amount")
    allowance.travel = int(amount)
    allowance.save(update_fields=["travel"])
    return allowance


# --- what Chapter 5 reads -------------------------------------------------------------------------------------------
def ranked_result(project):
    """The project's latest locked evaluation and its ranked lines (chapter 5's contract follows the first eligible).

    Returns ``(evaluation, [EvaluationResult …])`` or ``(None, [])``; delegated evaluations have no lines here.
    """
    evaluation = Evaluation.objects.filter(project=project, locked_at__isnull=False).order_by("-locked_at").first()
    if evaluation is None:
        return None, []
    return evaluation, list(evaluation.results.select_related("proposal__company").order_by("rank", "pk"))
