"""What a review page shows: the suggestions for the record under review, with the reviewer's judgements."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import models

from itms.core.display import link

from . import index, sources
from .actions import judgements_of, may_judge
from .highlight import highlight
from .models import SimilarityJudgement, Verdict
from .search import Hit, Result, find

logger = logging.getLogger(__name__)
PANEL_TOP = 10


@dataclass
class Suggestion:
    hit: Hit
    link: str
    target: str  # "<app>.<model>:<pk>", what the judgement form posts
    theirs: str  # the suggestion's text, shared terms marked
    ours: str  # the review's text, the same terms marked
    judgement: SimilarityJudgement | None


@dataclass
class Panel:
    review: sources.Review
    result: Result | None
    suggestions: list[Suggestion]
    can_judge: bool
    verdicts: list[tuple[str, str]]
    error: str = ""
    orphans: list[SimilarityJudgement] | None = None  # judgements on records no longer suggested


def review_panel(obj: models.Model, user) -> Panel | None:
    """None when the record is not a review or the user may not search; otherwise the panel (never raises)."""
    review = sources.review_of(obj)
    if review is None or not getattr(user, "is_authenticated", False):
        return None
    if not user.has_perm("similarity.view_indexentry"):
        return None
    try:
        text = review.text(obj)
        exclude = {(sources._label(o), o.pk) for o in review.exclude(obj)} | {(sources._label(obj), obj.pk)}
        result = find(
            text,
            user=user,
            kinds=review.kinds,
            exclude=exclude,
            top=PANEL_TOP,
            min_score=index.MIN_SCORE,
            relative=index.RELATIVE_SCORE,
        )
        judgements = judgements_of(obj)
        words = index.normaliser()
        suggestions = []
        for hit in result.hits:
            key = (hit.label, hit.object_id)
            suggestions.append(
                Suggestion(
                    hit=hit,
                    link=link(hit.obj, user),
                    target=f"{hit.label}:{hit.object_id}",
                    theirs=highlight(hit.text, hit.terms, words),
                    ours=highlight(result.query, hit.terms, words),
                    judgement=judgements.pop(key, None),
                )
            )
        return Panel(
            review=review,
            result=result,
            suggestions=suggestions,
            can_judge=may_judge(user, obj),
            verdicts=list(Verdict.choices),
            orphans=list(judgements.values()),
        )
    except Exception:  # the review page must open even if the search cannot run
        logger.exception("중복 후보를 만들지 못했습니다: %s %s", sources._label(obj), obj.pk)
        return Panel(review, None, [], False, [], error="중복 후보를 지금 불러올 수 없습니다. 잠시 후 다시 여십시오.")
