"""Korean text → the terms the index compares: nouns, verb stems, compounds, abbreviations (kiwipiepy).

One ``Kiwi`` per process, loaded on first use from the model bundled in the ``kiwipiepy-model`` package (nothing is
downloaded). Loading takes 1–4 s and ~270 MB; tokenising is then ~0.3 ms per short text (batched).
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass

from django.utils.html import strip_tags

from .synonyms import PLACEHOLDER_PREFIX, Normaliser

# Texts are cut to this many characters before analysis: a query of 100 KB is answered from its first part.
MAX_QUERY_CHARS = 4000
MAX_DOCUMENT_CHARS = 20000

NOUN_TAGS = {"NNG", "NNP", "XR", "SH"}
VERB_TAGS = {"VV", "VA"}
# Stems and nouns that say nothing about what a system does.
STOP_STEMS = {
    "하",
    "되",
    "있",
    "없",
    "위하",
    "대하",
    "통하",
    "따르",
    "이",
    "아니",
    "않",
    "같",
    "받",
    "주",
    "보",
    "들",
    "지",
}
STOP_NOUNS = {"것", "등", "및", "위", "경우", "관련", "대상", "내용", "사항", "해당", "이상", "이하", "기타"}

_lock = threading.Lock()
_kiwi = None


def kiwi():
    """The process's Kiwi, loaded once (lazily: pages that never search never pay for it)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                instance = Kiwi(num_workers=-1, model_type="cong", load_typo_dict=False)  # batches use every core
                instance.tokenize("")  # finish the lazy initialisation now, not in the first query
                _kiwi = instance
    return _kiwi


_MARKUP_LEFTOVER = re.compile(r"[<>{}\[\]|\\^`~*_#=]+")
_SPACES = re.compile(r"\s+")


def clean(text: str, limit: int = MAX_QUERY_CHARS) -> str:
    """Plain text: markup and entities removed, repeated lines once, spaces collapsed, cut to ``limit`` characters."""
    text = (text or "")[: limit * 4]  # strip_tags on 100 KB is cheap, but no need to scan more
    text = html.unescape(strip_tags(text))
    # A line repeated in one text (a form's boilerplate in every section) counts once.
    text = "\n".join(dict.fromkeys(line.strip() for line in text.splitlines()))
    text = _MARKUP_LEFTOVER.sub(" ", text)
    return _SPACES.sub(" ", text).strip()[:limit]


@dataclass(frozen=True)
class Analysis:
    terms: tuple[str, ...]  # in text order; compounds (고도+화 → 고도화) and synonyms as one term

    @property
    def words(self) -> str:
        return " ".join(self.terms)


def _terms(tokens, normaliser: Normaliser) -> list[str]:
    terms: list[str] = []
    previous_noun = ""
    for token in tokens:
        form, tag = token.form, token.tag
        if tag == "SL":
            word = form.lower()
            if word.startswith(PLACEHOLDER_PREFIX):
                term = normaliser.term_of(word)
                if term:
                    terms.append(term)
                    previous_noun = term
                continue
            if len(word) > 1:
                terms.append(word)
            previous_noun = ""
            continue
        if tag in NOUN_TAGS:
            if form not in STOP_NOUNS:
                terms.append(form)
                previous_noun = form
            continue
        if tag == "XSN" and previous_noun and form in {"화", "성", "률", "량", "도"}:
            terms.append(previous_noun + form)  # 고도+화 → 고도화 (the noun stays too)
            previous_noun = ""
            continue
        if tag == "XPN" and form in {"재", "비", "미", "무", "탈"}:
            previous_noun = ""
            terms.append(f"{form}-")  # 재설계: the prefix joins the next noun below
            continue
        if tag in VERB_TAGS and form not in STOP_STEMS:
            terms.append(f"{form}다")  # verb stems as dictionary forms: 판독하 → (noun) / 줄 → 줄다
        previous_noun = ""
    # Join prefixes: "재-" "설계" → "재설계"
    joined: list[str] = []
    for term in terms:
        if joined and joined[-1].endswith("-") and len(joined[-1]) > 1:
            joined[-1] = joined[-1][:-1] + term
            joined.append(term)
        else:
            joined.append(term)
    return [t for t in joined if not t.endswith("-")]


def analyse(text: str, normaliser: Normaliser, *, limit: int = MAX_QUERY_CHARS) -> Analysis:
    plain = normaliser.replace(clean(text, limit))
    if not plain:
        return Analysis(())
    return Analysis(tuple(_terms(kiwi().tokenize(plain), normaliser)))


def analyse_many(texts: list[str], normaliser: Normaliser, *, limit: int = MAX_DOCUMENT_CHARS) -> list[Analysis]:
    """Many texts in one call (Kiwi batches them: ~3 s for 10,000 short texts on 2 cores)."""
    plains = [normaliser.replace(clean(t, limit)) for t in texts]
    results: list[Analysis] = [Analysis(())] * len(plains)
    todo = [i for i, p in enumerate(plains) if p]
    if todo:
        for i, tokens in zip(todo, kiwi().tokenize([plains[i] for i in todo]), strict=True):
            results[i] = Analysis(tuple(_terms(tokens, normaliser)))
    return results
