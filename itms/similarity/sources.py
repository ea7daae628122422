"""What the duplicate search reads: the texts chapter apps register, and the reviews that ask about duplication.

The similarity service imports no chapter app. Each chapter registers its texts in its own ``similarity.py``
(discovered at start-up like ``access.py``, docs/architecture.md §1):

    register_source(kind="system", model=InformationSystem, text=lambda s: f"{s.name} {s.purpose}",
                    org=lambda s: s.organization, year=lambda s: s.service_start and s.service_start.year,
                    status=lambda s: s.get_status_display(), select_related=("organization",))

and the review records on whose page the suggestions appear (a8.2, a8.6.2, a9.2, a25.2):

    register_review(model=PreReview, clause="a8.2", text=lambda r: ..., exclude=lambda r: [r.project, ...])

Maintenance requests (a25.2, Chapter 6) join with one ``register_source(kind="request", …)`` line (and one
``register_review`` line for the request's review page) in ``itms/operations/similarity.py`` when that app exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

# The kinds a user filters by, in the order the search page lists them. A source names one of these.
KINDS: dict[str, str] = {
    "plan": "계획(사전검토·사업계획·세부계획)",
    "project": "정보화사업",
    "system": "정보시스템",
    "function": "시스템 기능",
    "request": "유지관리 요청",
}


def _label(model_or_obj) -> str:
    meta = model_or_obj._meta
    return f"{meta.app_label}.{meta.model_name}"


@dataclass(frozen=True)
class Source:
    """One model whose records are searched, and how to read a record: its text, title, 기관, year and status."""

    kind: str
    model: type[models.Model]
    text: Callable[[Any], str]
    title: Callable[[Any], str] = str
    org: Callable[[Any], Any] = lambda obj: None  # an accounts.Organization (or None)
    year: Callable[[Any], int | None] = lambda obj: None
    status: Callable[[Any], str] = lambda obj: ""
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    # Other models whose records this source's text reads: (model, f(that record) -> records of this source).
    # E.g. a function's save re-indexes its system, whose text lists its functions.
    watch: tuple[tuple[type[models.Model], Callable[[Any], Iterable[models.Model]]], ...] = ()

    @property
    def label(self) -> str:
        return _label(self.model)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def queryset(self):
        qs = self.model._default_manager.all()
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs


@dataclass(frozen=True)
class Review:
    """A review record that asks whether its subject duplicates what exists (its page shows the suggestions)."""

    model: type[models.Model]
    clause: str  # the clause that asks the question (a8.2, a8.6.2, a9.2, a25.2)
    text: Callable[[Any], str]
    # Records never suggested for this review: its own project's records (a plan is not a duplicate of itself).
    exclude: Callable[[Any], Iterable[models.Model]] = lambda obj: ()
    kinds: tuple[str, ...] = field(default_factory=lambda: tuple(KINDS))

    @property
    def label(self) -> str:
        return _label(self.model)


SOURCES: dict[str, Source] = {}
REVIEWS: dict[str, Review] = {}


def register_source(*, kind: str, model: type[models.Model], text: Callable[[Any], str], **options) -> Source:
    """Index ``model``'s records under ``kind``; the index follows their saves and deletes (itms.similarity.indexing)."""
    if kind not in KINDS:
        raise ValueError(f"알 수 없는 종류: {kind} ({', '.join(KINDS)} 중 하나)")
    source = Source(kind=kind, model=model, text=text, **options)
    SOURCES[source.label] = source
    from .indexing import follow

    follow(source)
    return source


def register_review(*, model: type[models.Model], clause: str, text: Callable[[Any], str], **options) -> Review:
    review = Review(model=model, clause=clause, text=text, **options)
    REVIEWS[review.label] = review
    from itms.regulation.citations import cite

    cite(f"itms.similarity.sources.REVIEWS[{review.label}]", clause)
    return review


def source_of(model_or_obj) -> Source | None:
    return SOURCES.get(_label(model_or_obj))


def review_of(model_or_obj) -> Review | None:
    return REVIEWS.get(_label(model_or_obj))


def sources_of_kind(kind: str | None) -> list[Source]:
    return [s for s in SOURCES.values() if kind in (None, "", s.kind)]
