"""State changes of the similarity service: a reviewer's judgement of a suggestion."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from itms.core import gate
from itms.core.errors import Forbidden, Refused

from . import sources
from .error_codes import SimilarityErrors
from .models import SimilarityJudgement, Verdict


def may_judge(user, review: models.Model) -> bool:
    """The reviewer holds the judging right (access.py) and may open the review record itself."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.has_perm("similarity.add_similarityjudgement")
        and gate.allows(user, "view", review)
    )


@transaction.atomic
def judge_suggestion(
    *, actor, review: models.Model, target: models.Model, verdict: str, score: float | None = None, note: str = ""
) -> SimilarityJudgement:
    """Keep the reviewer's judgement of one suggestion on the review record (a8.2, a8.6.2, a9.2; a25.2).

    Marking again replaces the verdict; every version stays in the change log with its actor.
    """
    if sources.review_of(review) is None:
        raise Refused(SimilarityErrors.NOT_A_REVIEW)
    if not may_judge(actor, review):
        raise Forbidden(SimilarityErrors.JUDGE_WHO)
    if verdict not in Verdict.values:
        raise Refused(SimilarityErrors.VERDICT, field="verdict")
    source = sources.source_of(target)
    if source is None or not source.queryset().restrict(actor, "view").filter(pk=target.pk).exists():
        raise Refused(SimilarityErrors.NOT_INDEXED)
    judgement, _ = SimilarityJudgement.objects.update_or_create(
        review_type=ContentType.objects.get_for_model(review),
        review_id=review.pk,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={
            "verdict": verdict,
            "score": score,
            "note": (note or "")[:500],
            "judged_by": actor,
            "target_title": str(target)[:300],
        },
    )
    return judgement


def judgements_of(review: models.Model) -> dict[tuple[str, int], SimilarityJudgement]:
    """The judgements kept on a review, by (source label, id) of the suggestion."""
    result = {}
    rows = SimilarityJudgement.objects.filter(
        review_type=ContentType.objects.get_for_model(review), review_id=review.pk
    ).select_related("target_type", "judged_by")
    for j in rows:
        result[(f"{j.target_type.app_label}.{j.target_type.model}", j.target_id)] = j
    return result
