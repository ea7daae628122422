"""Synonyms and abbreviations (UNI-PASS = 유니패스 = 전자통관시스템): one representative term per group.

The shipped list (``data/synonyms.txt``) fills the table on the first ``migrate``; after that the table is the
administrators' (``SynonymGroup``, registered with admin-only writes). Before a text is analysed every variant is
replaced by a placeholder word that the tokeniser keeps whole, and the placeholder is read back as the group's
representative term, so "UNI-PASS 고도화" and "전자통관시스템 고도화" share the term "유니패스".
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHIPPED = Path(__file__).parent / "data" / "synonyms.txt"
PLACEHOLDER_PREFIX = "qzsyn"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Group:
    term: str
    variants: tuple[str, ...]


def read_shipped(path: Path = SHIPPED) -> list[Group]:
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("=") if p.strip()]
        groups.append(Group(parts[0], tuple(parts[1:])))
    return groups


def _letters(number: int) -> str:
    """0 → "a", 25 → "z", 26 → "ba": a placeholder suffix the tokeniser reads as one Latin word."""
    digits = ""
    while True:
        number, rest = divmod(number, 26)
        digits = string.ascii_lowercase[rest] + digits
        if number == 0:
            return digits


def _pattern(variant: str) -> str:
    """A variant as a regular expression: spacing inside Korean is free; Latin words match as whole words."""
    pieces = []
    for char in variant.strip():
        if char.isspace():
            pieces.append(r"[\s\-·]*")
        elif char == "-":
            pieces.append(r"[\s\-]*")
        else:
            pieces.append(re.escape(char) + (r"\s?" if _HANGUL.match(char) else ""))
    body = "".join(pieces).removesuffix(r"\s?")
    if _LATIN_OR_DIGIT.match(variant[0]):
        body = r"(?<![A-Za-z0-9])" + body
    if _LATIN_OR_DIGIT.match(variant[-1]):
        body += r"(?![A-Za-z0-9])"
    return body


class Normaliser:
    """Replaces every variant of every group with the group's placeholder; reads placeholders back as terms."""

    def __init__(self, groups: list[Group]):
        self.groups = [g for g in groups if g.term]
        self.terms: dict[str, str] = {}  # placeholder → representative term (spaces removed)
        self.surfaces: dict[str, tuple[str, ...]] = {}  # representative term → every written form (highlighting)
        alternatives: list[tuple[str, str]] = []
        for number, group in enumerate(self.groups):
            placeholder = PLACEHOLDER_PREFIX + _letters(number)
            term = re.sub(r"\s+", "", group.term)
            self.terms[placeholder] = term
            forms = tuple(dict.fromkeys(f for f in (group.term, *group.variants) if len(f.strip()) >= 2))
            self.surfaces[term] = forms
            alternatives.extend((form, placeholder) for form in forms)
        alternatives.sort(key=lambda pair: -len(pair[0]))  # the longest written form wins
        self._placeholder_of: list[str] = [placeholder for _, placeholder in alternatives]
        self._regex = (
            re.compile("|".join(f"({_pattern(form)})" for form, _ in alternatives), re.IGNORECASE)
            if alternatives
            else None
        )

    def replace(self, text: str) -> str:
        if self._regex is None:
            return text
        return self._regex.sub(lambda m: f" {self._placeholder_of[m.lastindex - 1]} ", text)

    def term_of(self, word: str) -> str | None:
        return self.terms.get(word)


@cache
def shipped_normaliser() -> Normaliser:
    return Normaliser(read_shipped())


def groups_from_database() -> list[Group]:
    from .models import SynonymGroup

    return [Group(g.term, tuple(g.variant_list())) for g in SynonymGroup.objects.filter(is_active=True).order_by("pk")]


def ensure_shipped_synonyms(sender=None, using: str = "default", **kwargs) -> None:
    """post_migrate: fill the synonym table from the shipped list on the first install (never over edits)."""
    from .models import SynonymGroup

    if SynonymGroup.objects.using(using).exists():
        return
    SynonymGroup.objects.using(using).bulk_create(
        SynonymGroup(term=g.term, variants=", ".join(g.variants), note="기본 목록") for g in read_shipped()
    )
