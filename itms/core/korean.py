"""Korean particles chosen by the word they follow: 계획서를, 회의록을, 위원회로, 서울로, 2026년은.

``josa("사업계획서", "을/를")`` → "사업계획서를". The particle depends on whether the last sound of the
word has a final consonant (받침); for 으로/로 a final ㄹ counts as none. A closing bracket or quotation
mark is skipped, so "'UNI-PASS'" and "계획(안)" are read by what comes before them; digits and Latin
letters are read as a Korean speaker reads them aloud (1 일, 3 삼, L 엘 …).
"""

from __future__ import annotations

import re

# The pairs a caller may ask for: (with a final consonant, without).
PAIRS = {
    "을/를": ("을", "를"),
    "이/가": ("이", "가"),
    "은/는": ("은", "는"),
    "과/와": ("과", "와"),
    "으로/로": ("으로", "로"),
    "이나/나": ("이나", "나"),
    "이라/라": ("이라", "라"),
    "이에요/예요": ("이에요", "예요"),
    "아/야": ("아", "야"),
}
_ALIASES = {f"{a}({b})": key for key, (a, b) in PAIRS.items()} | {
    "을(를)": "을/를",
    "이(가)": "이/가",
    "은(는)": "은/는",
    "과(와)": "과/와",
    "(으)로": "으로/로",
}
_RIEUL = 8  # index of ㄹ among the final consonants
# Final consonant of each digit and Latin letter as read aloud: None = no final consonant.
_DIGITS = {"0": 21, "1": _RIEUL, "2": None, "3": 16, "4": None, "5": None, "6": 1, "7": _RIEUL, "8": _RIEUL, "9": None}
_LETTERS = {"l": _RIEUL, "m": 16, "n": 4, "r": _RIEUL}  # 엘, 엠, 엔, 알; other letters end in a vowel sound
# "2026. 1. 31.(토)" is read "…31일(토)": a date's day takes the particle of 일.
_DATE_END = re.compile(r"\d\.\s*(\([^()]*\))?\s*$")
_SKIP = re.compile(r"(\s*(\([^()]*\)|\[[^\[\]]*\]|[\"'’”」』》〉.,!?~]))+$")


def final_consonant(word: str) -> int | None:
    """The index (1–27) of the last sound's final consonant, or None when the word ends in a vowel."""
    if _DATE_END.search(str(word)):
        return _RIEUL
    text = _SKIP.sub("", str(word)).strip() or str(word).strip()
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        jong = (ord(last) - 0xAC00) % 28
        return jong or None
    if last in _DIGITS:
        return _DIGITS[last]
    return _LETTERS.get(last.lower())


def josa(word, pair: str) -> str:
    """The word followed by the right particle of ``pair`` ("을/를", "이/가", "으로/로" …)."""
    key = _ALIASES.get(pair, pair)
    with_final, without = PAIRS[key]
    jong = final_consonant(word)
    if key == "으로/로":
        return f"{word}{without if jong in (None, _RIEUL) else with_final}"
    return f"{word}{without if jong is None else with_final}"


def particle(word, pair: str) -> str:
    """Only the particle (for templates that print the word separately)."""
    return josa(word, pair)[len(str(word)) :]
