"""The index: analysed texts in the database (``IndexEntry``), and per process a TF-IDF matrix over them.

Ranking (chosen by measurement, docs/adr/0013-similarity.md): cosine similarity of TF-IDF vectors over the
character 2–3-grams of the analysed terms (nouns, verb stems, compounds, synonyms read as one term), which
catches compounds written apart or together and terms sharing a stem. A TF-IDF over the whole terms is kept for
naming the shared terms (rarest first) and can be blended in (``WORD_WEIGHT``; 0 measured best).

Each process builds its matrix from the ``IndexEntry`` rows the first time it searches, and again whenever the
index changed (``IndexState.token`` differs: one cheap query per search). Writing entries is ``update_records``
(called by the tasks after a registered record is saved) and ``rebuild`` (``manage.py rebuild_similarity_index``).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from . import analysis, sources
from .models import IndexEntry, IndexState
from .synonyms import Normaliser, groups_from_database

logger = logging.getLogger(__name__)

# The blend and the cut-off, chosen on the labelled set (manage.py similarity_eval; ADR 0013).
# A review's suggestions: at least MIN_SCORE, and at least RELATIVE_SCORE of the best suggestion's score (much
# less alike than the best is noise to a reviewer). The search page shows more: down to SEARCH_MIN_SCORE.
WORD_WEIGHT = 0.0
MIN_SCORE = 0.2
RELATIVE_SCORE = 0.6
SEARCH_MIN_SCORE = 0.1
BUILD_BATCH = 2000


# --- the database side ----------------------------------------------------------------------------------------------
def state() -> IndexState:
    row = IndexState.objects.filter(pk=1).first()
    if row is None:
        row, _ = IndexState.objects.get_or_create(pk=1, defaults={"token": uuid.uuid4().hex})
    return row


def touch(*, synonyms: bool = False) -> None:
    """Mark the index changed (and, with ``synonyms``, the synonym list): every process reloads on its next search."""
    state()
    values = {"token": uuid.uuid4().hex}
    if synonyms:
        values["synonyms_token"] = uuid.uuid4().hex
    IndexState.objects.filter(pk=1).update(**values)


_normaliser_lock = threading.Lock()
_normaliser: tuple[str, Normaliser] | None = None


def normaliser(synonyms_token: str | None = None) -> Normaliser:
    """The administrators' synonym list, read again only when it changed."""
    global _normaliser
    token = synonyms_token if synonyms_token is not None else state().synonyms_token
    current = _normaliser
    if current is None or current[0] != token:
        with _normaliser_lock:
            current = (token, Normaliser(groups_from_database()))
            _normaliser = current
    return current[1]


def _org(value) -> tuple[int | None, str]:
    if value is None:
        return None, ""
    return getattr(value, "pk", None), str(value)


def _entry(source: sources.Source, obj, content_type: ContentType, analysed: analysis.Analysis, text: str) -> dict:
    org_id, org_name = _org(source.org(obj))
    year = source.year(obj)
    return {
        "kind": source.kind,
        "content_type": content_type,
        "object_id": obj.pk,
        "title": str(source.title(obj))[:300],
        "text": text,
        "terms": analysed.words,
        "org_id": org_id,
        "org_name": org_name[:200],
        "year": int(year) if year else None,
        "status": str(source.status(obj) or "")[:100],
    }


def _texts(source: sources.Source, objects: list) -> list[str]:
    return [analysis.clean(source.text(obj), analysis.MAX_DOCUMENT_CHARS) for obj in objects]


@transaction.atomic
def update_records(label: str, pks: Iterable[int]) -> int:
    """Re-index these records of one source (deleted ones leave the index). Returns how many are indexed."""
    source = sources.SOURCES.get(label)
    if source is None:
        return 0
    pks = sorted({int(pk) for pk in pks})
    content_type = ContentType.objects.get_for_model(source.model)
    objects = list(source.queryset().filter(pk__in=pks))
    IndexEntry.objects.filter(content_type=content_type, object_id__in=set(pks) - {o.pk for o in objects}).delete()
    if objects:
        texts = _texts(source, objects)
        analysed = analysis.analyse_many(texts, normaliser())
        for obj, text, result in zip(objects, texts, analysed, strict=True):
            values = _entry(source, obj, content_type, result, text)
            IndexEntry.objects.update_or_create(content_type=content_type, object_id=obj.pk, defaults=values)
    touch()
    return len(objects)


@transaction.atomic
def rebuild(*, labels: Iterable[str] | None = None, progress=None) -> int:
    """Every registered record analysed again (after a synonym change, or by the command). Returns the count."""
    chosen = [sources.SOURCES[label] for label in labels] if labels else list(sources.SOURCES.values())
    words = normaliser()
    count = 0
    for source in chosen:
        content_type = ContentType.objects.get_for_model(source.model)
        IndexEntry.objects.filter(content_type=content_type).delete()
        queryset = source.queryset().order_by("pk")
        batch: list = []
        for obj in queryset.iterator(chunk_size=BUILD_BATCH) if not source.prefetch_related else queryset:
            batch.append(obj)
            if len(batch) >= BUILD_BATCH:
                count += _insert(source, content_type, batch, words)
                batch = []
        if batch:
            count += _insert(source, content_type, batch, words)
        if progress:
            progress(source, count)
    touch()
    return count


def _insert(source, content_type, objects: list, words: Normaliser) -> int:
    texts = _texts(source, objects)
    analysed = analysis.analyse_many(texts, words)
    IndexEntry.objects.bulk_create(
        IndexEntry(**_entry(source, obj, content_type, result, text))
        for obj, text, result in zip(objects, texts, analysed, strict=True)
    )
    return len(objects)


# --- the matrix in memory -------------------------------------------------------------------------------------------
@dataclass
class Matrix:
    """TF-IDF matrices over a list of documents, with what the filters read."""

    ids: np.ndarray  # IndexEntry ids (or eval document numbers)
    labels: list[str]  # source label of each row ("resources.informationsystem")
    object_ids: np.ndarray
    kinds: np.ndarray
    org_ids: np.ndarray
    years: np.ndarray
    statuses: np.ndarray
    org_names: list[str]
    titles: list[str]
    texts: list[str]
    terms: list[tuple[str, ...]]
    word_vectoriser: object = None
    char_vectoriser: object = None
    word_matrix: object = None
    char_matrix: object = None
    idf: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: list[dict], *, word_ngrams: tuple[int, int] = (1, 1)) -> Matrix:
        from sklearn.feature_extraction.text import TfidfVectorizer

        terms = [tuple(r["terms"].split()) for r in rows]
        matrix = cls(
            ids=np.array([r["id"] for r in rows], dtype=np.int64),
            labels=[r["label"] for r in rows],
            object_ids=np.array([r["object_id"] for r in rows], dtype=np.int64),
            kinds=np.array([r["kind"] for r in rows], dtype=object),
            org_ids=np.array([r.get("org_id") or 0 for r in rows], dtype=np.int64),
            years=np.array([r.get("year") or 0 for r in rows], dtype=np.int64),
            statuses=np.array([r.get("status") or "" for r in rows], dtype=object),
            org_names=[r.get("org_name") or "" for r in rows],
            titles=[r["title"] for r in rows],
            texts=[r["text"] for r in rows],
            terms=terms,
        )
        documents = [" ".join(t) for t in terms]
        if rows and any(documents):
            matrix.word_vectoriser = TfidfVectorizer(
                tokenizer=str.split,
                token_pattern=None,
                lowercase=False,
                ngram_range=tuple(word_ngrams),
                sublinear_tf=True,
                dtype=np.float32,
            )
            matrix.word_matrix = matrix.word_vectoriser.fit_transform(documents)
            matrix.char_vectoriser = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 3), sublinear_tf=True, dtype=np.float32
            )
            matrix.char_matrix = matrix.char_vectoriser.fit_transform(documents)
            vocabulary = matrix.word_vectoriser.vocabulary_
            idf = matrix.word_vectoriser.idf_
            matrix.idf = {term: float(idf[i]) for term, i in vocabulary.items() if " " not in term}
        return matrix

    def __len__(self) -> int:
        return len(self.ids)

    def scores(self, terms: tuple[str, ...], *, word_weight: float = WORD_WEIGHT) -> np.ndarray:
        if self.word_matrix is None or not terms:
            return np.zeros(len(self), dtype=np.float32)
        document = " ".join(terms)
        char = None
        if word_weight < 1.0:
            char = (self.char_matrix @ self.char_vectoriser.transform([document]).T).toarray().ravel()
            if word_weight <= 0.0:
                return char
        word = (self.word_matrix @ self.word_vectoriser.transform([document]).T).toarray().ravel()
        return word if char is None else word_weight * word + (1.0 - word_weight) * char

    def overlap(self, query_terms: tuple[str, ...], row: int, limit: int = 8) -> list[str]:
        """The terms both texts share, the rarest (most telling) first."""
        shared = set(query_terms) & set(self.terms[row])
        return sorted(shared, key=lambda t: (-self.idf.get(t, 0.0), t))[:limit]


_matrix_lock = threading.Lock()
_matrix: tuple[str, Matrix] | None = None


def current_matrix() -> tuple[Matrix, IndexState]:
    """This process's matrix, rebuilt from the entries when the index changed since it was built."""
    global _matrix
    row = state()
    current = _matrix
    if current is None or current[0] != row.token:
        with _matrix_lock:
            current = _matrix
            if current is None or current[0] != row.token:
                current = (row.token, Matrix.build(list(_rows())))
                _matrix = current
    return current[1], row


def _rows():
    labels = {
        ct.pk: f"{ct.app_label}.{ct.model}"
        for ct in ContentType.objects.filter(pk__in=IndexEntry.objects.values("content_type_id").distinct())
    }
    for values in (
        IndexEntry.objects.order_by("pk")
        .values(
            "id",
            "kind",
            "content_type_id",
            "object_id",
            "title",
            "text",
            "terms",
            "org_id",
            "org_name",
            "year",
            "status",
        )
        .iterator(chunk_size=5000)
    ):
        values["label"] = labels[values["content_type_id"]]
        yield values


def forget_matrix() -> None:
    global _matrix
    _matrix = None
