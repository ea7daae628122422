"""An evaluator's own 정성 sheet (a15.8, a15.9): autosaved score by score, submitted once, closed by the lock.

Each save and the submission lock the evaluation row first, so two evaluators saving or submitting at the same
time are serialised (both kept, neither lost), a sheet submitted twice is refused the second time, and nothing is
saved once the result is locked. Every refusal is coded, changes nothing and is logged.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from itms.audit.chain import record_event
from itms.audit.models import LegalEventKind
from itms.core.errors import Forbidden, Refused
from itms.governance.choices import AttendanceStatus
from itms.regulation.rules import pack_in_force

from ..choices import EvaluationState, ItemKind
from ..draw import canonical, sha256_hex
from ..error_codes import AcquisitionErrors as E
from ..models import Evaluation, EvaluationItem, Proposal, QualitativeScore, ScoreSheet
from .common import logs_refusals
from .evaluation import check_range, parse_score


def sheet_of(user, evaluation: Evaluation) -> ScoreSheet | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return ScoreSheet.objects.filter(evaluation=evaluation, evaluator=user).select_related("membership").first()


def _open_sheet(actor, evaluation_id: int) -> tuple[Evaluation, ScoreSheet]:
    """Lock the evaluation, then the actor's sheet; refuse unless the sheet may take scores now."""
    evaluation = Evaluation.objects.select_for_update(no_key=True).get(pk=evaluation_id)
    sheet = (
        ScoreSheet.objects.select_for_update(no_key=True, of=("self",))
        .filter(evaluation=evaluation, evaluator=actor)
        .first()
    )
    if sheet is None:
        raise Forbidden(E.SCORE_NOT_EVALUATOR)
    if evaluation.is_locked:
        raise Refused(E.RESULT_LOCKED)
    if evaluation.state != EvaluationState.IN_SESSION:
        raise Refused(E.SCORE_NOT_OPEN)
    present = evaluation.meeting.attendance.filter(
        membership_id=sheet.membership_id, status__in=(AttendanceStatus.PRESENT, AttendanceStatus.PROXY)
    ).exists()
    if not present:
        raise Forbidden(E.SCORE_NOT_EVALUATOR)
    if sheet.is_submitted:
        raise Refused(E.SCORE_SUBMITTED)
    return evaluation, sheet


@logs_refusals
@transaction.atomic
def save_score(*, actor, evaluation: Evaluation, proposal: Proposal, item: EvaluationItem, score) -> QualitativeScore:
    """One score of the actor's own sheet (the page saves each as it is typed)."""
    evaluation, sheet = _open_sheet(actor, evaluation.pk)
    if (
        item.evaluation_id != evaluation.pk
        or proposal.evaluation_id != evaluation.pk
        or item.kind != ItemKind.QUALITATIVE
    ):
        raise Refused(E.SCORE_ITEM)
    value = parse_score(score)
    check_range(item, value)
    row, _ = QualitativeScore.objects.update_or_create(
        sheet=sheet, proposal=proposal, item=item, defaults={"score": value}
    )
    return row


def missing(sheet: ScoreSheet) -> int:
    evaluation = sheet.evaluation
    wanted = evaluation.proposals.count() * evaluation.items.filter(kind=ItemKind.QUALITATIVE).count()
    return wanted - sheet.scores.count()


def sheet_digest(sheet: ScoreSheet) -> str:
    rows = sorted((s.proposal_id, s.item_id, str(s.score)) for s in sheet.scores.all())
    return sha256_hex(canonical(rows))


@logs_refusals
@transaction.atomic
def submit_sheet(*, actor, evaluation: Evaluation) -> ScoreSheet:
    """Submit the actor's sheet once it is complete; from then on it is fixed (chained with its digest)."""
    evaluation, sheet = _open_sheet(actor, evaluation.pk)
    count = missing(sheet)
    if count:
        raise Refused(E.SCORE_INCOMPLETE, count=count)
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["submitted_at"])
    record_event(
        kind=LegalEventKind.SCORE_SHEET_SUBMITTED,
        actor=actor,
        subject=evaluation,
        summary=f"{evaluation} 평가위원 {sheet.label} 평가표 제출",
        payload={"evaluation": evaluation.pk, "sheet": sheet.pk, "label": sheet.label, "digest": sheet_digest(sheet)},
        clause_ids=["a15.8", "a15.9"],
        pack_version=pack_in_force().version_label,
    )
    return sheet
