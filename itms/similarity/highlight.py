"""Marking the shared terms in a text (``<mark>``), escaping everything else."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .synonyms import Normaliser, _pattern

SNIPPET_CHARS = 360


def _regex(terms: list[str], normaliser: Normaliser | None) -> re.Pattern | None:
    forms: set[str] = set()
    for term in terms:
        if term.endswith("다") and len(term) > 1:
            term = term[:-1]  # a verb stem: 판독하 in 판독한다
        forms.add(term)
        if normaliser is not None:
            forms.update(normaliser.surfaces.get(term, ()))
    forms = {f for f in forms if len(f.strip()) >= 2}
    if not forms:
        return None
    return re.compile("|".join(_pattern(f) for f in sorted(forms, key=len, reverse=True)), re.IGNORECASE)


def highlight(
    text: str, terms: list[str], normaliser: Normaliser | None = None, *, limit: int = SNIPPET_CHARS
) -> SafeString:
    """The text (a window around the first shared term when long) with every shared term marked."""
    text = text or ""
    regex = _regex(terms, normaliser)
    matches = list(regex.finditer(text)) if regex else []
    start = 0
    if len(text) > limit and matches:
        start = max(0, matches[0].start() - limit // 6)
    window = text[start : start + limit]
    parts, position = [], 0
    for match in regex.finditer(window) if regex else ():
        if not match.group(0).strip():
            continue
        parts.append(escape(window[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(window[position:]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + limit < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece is escaped above
