"""The labelled evaluation set and its figures: recall@10, precision@5, MRR of duplicates; false positives.

``data/eval_set.txt`` holds 56 cases of realistic Korean texts (plans, systems, functions, projects, maintenance
requests of customs administration and internal IT). Each case has one text to review (Q) and 4 labelled existing
texts: duplicate (D), overlapping (O), unrelated (U); "!" marks the hard ones (paraphrases in other words, and
unrelated texts that share many words). 224 pairs in all.

Every labelled text of every case goes into one corpus, so each query is ranked against all 224 texts; a text
labelled for another case counts as not relevant (a conservative choice: some of them are in truth related).
What is measured is what a reviewer sees: the suggestions shown are the top 10 scoring at least the cut-off.

- recall@10: duplicate pairs whose text is shown / duplicate pairs
- precision@5: among the first 5 shown, the share labelled duplicate or overlapping (mean over queries that show any)
- MRR: mean over queries of 1 / rank of the first duplicate shown (0 when none is shown)
- false-positive rate: unrelated pairs whose text is shown / unrelated pairs
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import analysis, index
from .synonyms import Normaliser, shipped_normaliser

EVAL_SET = Path(__file__).parent / "data" / "eval_set.txt"
LABELS = {"D": "duplicate", "O": "overlapping", "U": "unrelated"}
SHOWN = 10
PRECISION_AT = 5


@dataclass(frozen=True)
class Text:
    kind: str
    text: str


@dataclass(frozen=True)
class Pair:
    case: str
    document: int  # index into the corpus
    label: str  # duplicate / overlapping / unrelated
    hard: bool


@dataclass
class Case:
    id: str
    area: str
    query: Text
    pairs: list[Pair] = field(default_factory=list)


def load(path: Path = EVAL_SET) -> tuple[list[Case], list[Text]]:
    cases: list[Case] = []
    corpus: list[Text] = []
    seen: dict[str, int] = {}  # a text labelled in two cases is one document with two labels
    current: Case | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("## "):
            case_id, _, area = line[3:].partition(" ")
            current = Case(case_id, area, Text("", ""))
            cases.append(current)
            continue
        mark, _, rest = line.partition(" ")
        kind, _, text = rest.partition("|")
        item = Text(kind.strip(), text.strip())
        if current is None or not item.text:
            raise ValueError(f"{path.name}:{number}: 형식이 맞지 않습니다: {raw}")
        if mark == "Q":
            current.query = item
        elif mark.rstrip("!") in LABELS:
            if item.text not in seen:
                corpus.append(item)
                seen[item.text] = len(corpus) - 1
            current.pairs.append(Pair(current.id, seen[item.text], LABELS[mark.rstrip("!")], mark.endswith("!")))
        else:
            raise ValueError(f"{path.name}:{number}: 알 수 없는 표시 {mark}")
    return cases, corpus


@dataclass
class Settings:
    word_weight: float = index.WORD_WEIGHT
    min_score: float = index.MIN_SCORE
    relative: float = index.RELATIVE_SCORE
    word_ngrams: tuple[int, int] = (1, 1)
    synonyms: bool = True
    tokeniser: str = "kiwi"  # or "space": words as written, for comparison


@dataclass
class Figures:
    cases: int
    pairs: int
    recall_at_10: float
    precision_at_5: float
    mrr: float
    false_positive_rate: float
    hard_paraphrase_recall: float
    hard_unrelated_false_positive_rate: float
    overlapping_shown: float
    recall_at_10_uncut: float  # the ranking alone, before the cut-off
    mrr_uncut: float
    build_seconds: float
    query_ms: float
    settings: dict
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _terms(texts: list[str], settings: Settings) -> list[tuple[str, ...]]:
    if settings.tokeniser == "space":
        return [tuple(analysis.clean(t).split()) for t in texts]
    words = shipped_normaliser() if settings.synonyms else Normaliser([])
    return [a.terms for a in analysis.analyse_many(texts, words)]


def evaluate(
    cases: list[Case] | None = None, corpus: list[Text] | None = None, settings: Settings | None = None
) -> Figures:
    settings = settings or Settings()
    if cases is None or corpus is None:
        cases, corpus = load()
    used = sorted({p.document for c in cases for p in c.pairs})
    position = {doc: row for row, doc in enumerate(used)}
    started = time.perf_counter()
    terms = _terms([corpus[d].text for d in used], settings)
    rows = [
        {
            "id": d,
            "label": "eval",
            "object_id": d,
            "kind": corpus[d].kind,
            "title": "",
            "text": "",
            "terms": " ".join(t),
        }
        for d, t in zip(used, terms, strict=True)
    ]
    matrix = index.Matrix.build(rows, word_ngrams=settings.word_ngrams)
    build_seconds = time.perf_counter() - started

    queries = _terms([c.query.text for c in cases], settings)
    started = time.perf_counter()
    shown_of: list[list[int]] = []
    ranked_of: list[list[int]] = []
    for query in queries:
        scores = matrix.scores(query, word_weight=settings.word_weight)
        order = np.argsort(-scores, kind="stable")[:SHOWN]
        ranked_of.append([int(i) for i in order])
        cut = max(settings.min_score, settings.relative * float(scores[order[0]])) if len(order) else 0.0
        shown_of.append([int(i) for i in order if scores[i] >= cut])
    query_ms = (time.perf_counter() - started) * 1000 / max(1, len(cases))

    duplicates = shown_duplicates = paraphrases = shown_paraphrases = 0
    unrelated = shown_unrelated = hard_unrelated = shown_hard_unrelated = 0
    overlapping = shown_overlapping = 0
    precisions, reciprocal, reciprocal_uncut = [], [], []
    uncut_hits = 0
    misses, false_positives = [], []
    for case, shown, ranked in zip(cases, shown_of, ranked_of, strict=True):
        label_of = {position[p.document]: p for p in case.pairs}
        dups = [r for r, p in label_of.items() if p.label == "duplicate"]
        uncut_hits += sum(1 for r in dups if r in ranked)
        first = next((k for k, r in enumerate(ranked, start=1) if r in dups), 0)
        reciprocal_uncut.append(1 / first if first else 0.0)
        first5 = shown[:PRECISION_AT]
        if first5:
            relevant = sum(1 for r in first5 if r in label_of and label_of[r].label != "unrelated")
            precisions.append(relevant / len(first5))
        rank = next((k for k, r in enumerate(shown, start=1) if r in label_of and label_of[r].label == "duplicate"), 0)
        reciprocal.append(1 / rank if rank else 0.0)
        for row, pair in label_of.items():
            hit = row in shown
            if pair.label == "duplicate":
                duplicates += 1
                shown_duplicates += hit
                if pair.hard:
                    paraphrases += 1
                    shown_paraphrases += hit
                if not hit:
                    misses.append(f"{case.id} {case.area}: {corpus[pair.document].text[:40]}")
            elif pair.label == "overlapping":
                overlapping += 1
                shown_overlapping += hit
            else:
                unrelated += 1
                shown_unrelated += hit
                if pair.hard:
                    hard_unrelated += 1
                    shown_hard_unrelated += hit
                if hit:
                    false_positives.append(f"{case.id} {case.area}: {corpus[pair.document].text[:40]}")
    return Figures(
        cases=len(cases),
        pairs=sum(len(c.pairs) for c in cases),
        recall_at_10=shown_duplicates / max(1, duplicates),
        precision_at_5=float(np.mean(precisions)) if precisions else 0.0,
        mrr=float(np.mean(reciprocal)) if reciprocal else 0.0,
        false_positive_rate=shown_unrelated / max(1, unrelated),
        hard_paraphrase_recall=shown_paraphrases / max(1, paraphrases),
        hard_unrelated_false_positive_rate=shown_hard_unrelated / max(1, hard_unrelated),
        overlapping_shown=shown_overlapping / max(1, overlapping),
        recall_at_10_uncut=uncut_hits / max(1, duplicates),
        mrr_uncut=float(np.mean(reciprocal_uncut)) if reciprocal_uncut else 0.0,
        build_seconds=build_seconds,
        query_ms=query_ms,
        settings=settings.__dict__ | {"word_ngrams": list(settings.word_ngrams)},
        misses=misses,
        false_positives=false_positives,
    )


# The methods compared in ADR 0013 (manage.py similarity_eval --compare).
VARIANTS = {
    "어절(띄어쓰기) TF-IDF": Settings(tokeniser="space", word_weight=1.0, word_ngrams=(1, 1)),
    "형태소 TF-IDF (동의어 없이)": Settings(synonyms=False, word_weight=1.0, word_ngrams=(1, 1)),
    "형태소 TF-IDF": Settings(word_weight=1.0, word_ngrams=(1, 1)),
    "형태소 1~2gram TF-IDF": Settings(word_weight=1.0, word_ngrams=(1, 2)),
    "형태소+글자 혼합 (0.5:0.5)": Settings(word_weight=0.5),
    "형태소 분석 후 글자 2~3gram TF-IDF (채택)": Settings(),
}
