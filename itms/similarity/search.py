"""Searching the index: "what do we already have that does X?" — ranked, filtered, and only what the user may see.

``find(text, user=…)`` is what the search page, the API, the ``similar`` command and the review panels call.
Bad input never raises: an empty text, a text with no comparable word (only numbers, only markup) gets a Korean
message and no results; a text over ``MAX_QUERY_CHARS`` is answered from its beginning with a note.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db import models

from . import analysis, index, sources
from .error_codes import SimilarityErrors

MAX_TOP = 50


@dataclass
class Hit:
    label: str
    kind: str
    object_id: int
    title: str
    text: str
    score: float
    terms: list[str]
    org_name: str = ""
    year: int | None = None
    status: str = ""
    obj: models.Model | None = None  # set when the user's view rights were checked (user given)

    @property
    def kind_label(self) -> str:
        return sources.KINDS.get(self.kind, self.kind)

    @property
    def percent(self) -> int:
        return round(self.score * 100)


@dataclass
class Result:
    query: str
    terms: tuple[str, ...]
    hits: list[Hit] = field(default_factory=list)
    message: str = ""  # why there is nothing, or a note on the query (Korean)
    code: str = ""

    @property
    def ok(self) -> bool:
        return not self.code


def find(
    text: str,
    *,
    user=None,
    restrict: bool = True,
    kind: str | None = None,
    kinds: tuple[str, ...] | None = None,
    org: int | None = None,
    year: int | None = None,
    status: str | None = None,
    top: int = 10,
    exclude: set[tuple[str, int]] | None = None,
    min_score: float = index.SEARCH_MIN_SCORE,
    relative: float = 0.0,
) -> Result:
    """The ``top`` most similar indexed records the user may see. ``restrict=False`` (commands) sees everything."""
    top = max(1, min(int(top or 10), MAX_TOP))
    plain = analysis.clean(text)
    if not plain:
        return _refused(SimilarityErrors.QUERY_EMPTY, text)
    matrix, row = index.current_matrix()
    analysed = analysis.analyse(plain, index.normaliser(row.synonyms_token))
    if not analysed.terms:
        return _refused(SimilarityErrors.QUERY_NO_WORDS, plain)
    result = Result(query=plain, terms=analysed.terms)
    notes = []
    if len(text or "") > analysis.MAX_QUERY_CHARS:
        notes.append(f"글이 길어 앞부분 {analysis.MAX_QUERY_CHARS:,}자로 찾았습니다.")
    if len(set(analysed.terms)) == 1:
        notes.append("낱말 하나로 찾은 결과입니다. 하려는 일을 문장으로 적으면 더 정확합니다.")
    result.message = " ".join(notes)
    if not len(matrix):
        result.message = "아직 색인된 자료가 없습니다."
        return result

    scores = matrix.scores(analysed.terms)
    mask = scores >= min_score
    wanted = set(kinds or ()) | ({kind} if kind else set())
    if wanted:
        mask &= np.isin(matrix.kinds, list(wanted))
    if org:
        mask &= matrix.org_ids == int(org)
    if year:
        mask &= matrix.years == int(year)
    if status:
        mask &= matrix.statuses == status
    if exclude:
        for i in np.flatnonzero(mask):
            if (matrix.labels[i], int(matrix.object_ids[i])) in exclude:
                mask[i] = False
    candidates = np.flatnonzero(mask)
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    batch = max(top * 3, 30)
    start = 0
    while len(result.hits) < top and start < len(order):
        rows = order[start : start + batch]
        start += batch
        visible = _visible(matrix, rows, user) if restrict else None
        for i in rows:
            key = (matrix.labels[i], int(matrix.object_ids[i]))
            obj = None
            if visible is not None:
                obj = visible.get(key)
                if obj is None:
                    continue
            result.hits.append(_hit(matrix, int(i), float(scores[i]), analysed.terms, obj))
            if len(result.hits) >= top:
                break
        batch *= 4
    if relative and result.hits:
        cut = relative * result.hits[0].score
        result.hits = [hit for hit in result.hits if hit.score >= cut]
    return result


def _refused(code, query: str) -> Result:
    return Result(query=query, terms=(), message=code.message, code=code.code)


def _hit(matrix: index.Matrix, i: int, score: float, terms: tuple[str, ...], obj) -> Hit:
    return Hit(
        label=matrix.labels[i],
        kind=str(matrix.kinds[i]),
        object_id=int(matrix.object_ids[i]),
        title=str(obj) if obj is not None else matrix.titles[i],
        text=matrix.texts[i],
        score=round(min(score, 1.0), 4),
        terms=matrix.overlap(terms, i),
        org_name=matrix.org_names[i],
        year=int(matrix.years[i]) or None,
        status=str(matrix.statuses[i]),
        obj=obj,
    )


def _visible(matrix: index.Matrix, rows, user) -> dict[tuple[str, int], models.Model]:
    """The records among ``rows`` the user may view: one query per source (restrict(user, "view"))."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for i in rows:
        by_label[matrix.labels[i]].append(int(matrix.object_ids[i]))
    visible = {}
    for label, ids in by_label.items():
        source = sources.SOURCES.get(label)
        if source is None:
            continue
        for obj in source.queryset().restrict(user, "view").filter(pk__in=ids):
            visible[(label, obj.pk)] = obj
    return visible
