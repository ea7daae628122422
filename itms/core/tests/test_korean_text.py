"""Korean written as a person writes it (issue 10, point 5): the particle chosen by the word, never "을(를)".

The meta-test reads every product file (code, templates, scripts, the Korean message catalogue) and fails on a
particle fallback; the template filters are how templates choose the particle instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template

ROOT = Path(__file__).resolve().parents[3]
# "을(를)", "를(을)", "이(가)", "은(는)", "과(와)", "(으)로", "(이)나", "(이)라" … in any spelling order.
FALLBACK = re.compile(r"[을를이가은는과와]\([을를이가은는과와]\)|\((으|이)\)(로|나|라|에요|며|고)")
# In the message catalogue also the slash spelling Django's own catalogue uses ("은/는", "이/가").
SLASH = re.compile(r"[을를이가은는과와]/[을를이가은는과와]")
PRODUCT = [ROOT / "itms", ROOT / "static" / "js", ROOT / "config"]
SUFFIXES = {".py", ".html", ".js", ".txt", ".xml"}
# The one place that knows the fallbacks: it maps a caller's "을(를)" to the right particle.
ALLOWED = {ROOT / "itms" / "core" / "korean.py"}


def product_files():
    for base in PRODUCT:
        for path in base.rglob("*"):
            if path.suffix not in SUFFIXES or path in ALLOWED:
                continue
            if "tests" in path.relative_to(ROOT).parts or path.name.startswith("test_"):
                continue
            yield path


def test_no_particle_fallback_in_product_code_or_templates():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in product_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if FALLBACK.search(line)
    ]
    assert found == [], '조사를 단어에 맞게 고르십시오 (itms.core.korean.josa, {{ 단어|josa:"을/를" }}):\n' + "\n".join(
        found
    )


def test_no_particle_fallback_in_the_korean_message_catalogue():
    """Django's own catalogue says "아이디은/는 이미 존재합니다"; ours overrides every such message it shows."""
    found = []
    for catalogue in (ROOT / "locale").rglob("*.po"):
        msgstr = False
        for number, line in enumerate(catalogue.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith(("msgid", "#")):
                msgstr = False
            elif line.startswith("msgstr"):
                msgstr = True
            if msgstr and (FALLBACK.search(line) or SLASH.search(line)):
                found.append(f"{catalogue.relative_to(ROOT)}:{number}: {line}")
    assert found == []


@pytest.mark.parametrize(
    ("message", "args"),
    [
        ("%(model_name)s with this %(field_label)s already exists.", {"model_name": "사용자", "field_label": "아이디"}),
        ("Select a valid choice. %(value)s is not one of the available choices.", {"value": "x"}),
        ("“%(pk)s” is not a valid value.", {"pk": "x"}),
    ],
)
def test_djangos_form_errors_read_without_a_particle_fallback(message, args):
    from django.utils import translation

    with translation.override("ko"):
        text = translation.gettext(message) % args
    assert not FALLBACK.search(text) and not SLASH.search(text), text
    assert text != message % args, "한국어 번역이 없습니다"


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("사업계획서", "을/를", "사업계획서를"),
        ("회의록", "을/를", "회의록을"),
        ("'UNI-PASS'", "이/가", "'UNI-PASS'가"),
        ("정보화사업 계획(안)", "은/는", "정보화사업 계획(안)은"),
        ("서울", "으로/로", "서울로"),
    ],
)
def test_josa_filter_chooses_the_particle_by_the_word(word, pair, expected):
    rendered = Template("{{ word|josa:pair }}|{{ word|particle:pair }}").render(Context({"word": word, "pair": pair}))
    assert rendered.replace("&#x27;", "'") == f"{expected}|{expected[len(word) :]}"


def test_josa_filter_escapes_the_word():
    rendered = Template('{{ word|josa:"을/를" }}').render(Context({"word": "<계획> & 예산"}))
    assert rendered == "&lt;계획&gt; &amp; 예산을"
