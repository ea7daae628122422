"""The directive text parsed into clauses with the canonical ids of CLAUSES.md.

Expected counts were taken from the text by hand (and by a second, independent
count in ``_independent_counts``): 8 chapters, 29 articles, 98 paragraphs
(①…), 68 items (1. …) of which 18 sit directly under an article without
paragraphs (제2조's 15 definitions and 제19조's 3 items).
"""

import io
import json
import re

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.template import Context, Template

from itms.regulation import citations
from itms.regulation.clauses import CURRENT_TEXT, current, lookup
from itms.regulation.models import Clause, RulePack
from itms.regulation.parser import DirectiveParseError, parse

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _independent_counts(text: str) -> dict[str, int]:
    lines = [line.strip() for line in text.splitlines()]
    body = lines[: lines.index("부칙")]
    return {
        "article": sum(1 for line in body if re.match(r"^제\d+조\(", line)),
        "paragraph": sum(1 for line in body if line and line[0] in CIRCLED),
        "item": sum(1 for line in body if re.match(r"^\d+\. ", line)),
    }


def test_parse_finds_29_articles_98_paragraphs_68_items():
    parsed = current()
    counts = {level: sum(1 for c in parsed.clauses if c.level == level) for level in ("article", "paragraph", "item")}
    assert counts == {"article": 29, "paragraph": 98, "item": 68}
    assert counts == _independent_counts(CURRENT_TEXT.read_text(encoding="utf-8"))
    assert len(parsed.chapters) == 8
    assert sum(1 for c in parsed.clauses if ".0." in c.id) == 18
    articles_without_paragraphs = [
        c.id for c in parsed.articles() if not any(k.level == "paragraph" for k in c.children)
    ]
    assert articles_without_paragraphs == ["a1", "a2", "a7", "a10", "a16", "a19", "a22"]


def test_header_gives_number_date_and_amendment_history():
    parsed = current()
    assert parsed.number == 2427 and parsed.issued == (2025, 9, 23)
    assert len(parsed.amendments) == 14
    assert parsed.amendments[-1].number == 2427
    assert parsed.amendments[11].number == 2256
    assert parsed.amendments[11].effective == (2023, 4, 18)  # 제2256호 issued 4/12, in force 4/18


@pytest.mark.parametrize(
    ("clause_id", "label", "starts_with"),
    [
        ("a7", "제7조", "인공지능 등 신기술을 활용하는"),
        ("a8.5", "제8조제5항", "정보화부서장은 제4항에 따른 영향도 검토 요청을 받은 날로부터 14일 이내"),
        ("a8.3.11", "제8조제3항제11호", "제4항에 따른 기존 시스템과의 영향도 검토서"),
        ("a2.0.9", "제2조제9호", '"정보화부서"란'),
        ("a2.0.15", "제2조제15호", '"정보보안담당관"이란 관세청 정보보안업무를 총괄하는 시스템운영팀장'),
        ("a4.10", "제4조제10항", "간사는 부쳐진 안건에 대한 충분한 검토가"),
        ("a15.4", "제15조제4항", "정보화부서장은 기술평가일부터 5일 전까지"),
        ("a19.0.3", "제19조제3호", "그 밖에 필요한 사항"),
        ("a29.3.2", "제29조제3항제2호", "제1호에 의해 식별된 정보자산에 대한 방문 실사"),
    ],
)
def test_canonical_ids_labels_and_text(clause_id, label, starts_with):
    clause = lookup(clause_id)
    assert clause is not None
    assert clause.label == label
    assert clause.text.startswith(starts_with)


def test_every_id_in_clauses_md_exists_in_the_text():
    from itms.regulation.clauses import DATA_DIR

    text = (DATA_DIR / "CLAUSES.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"`(a\d+(?:\.\d+){0,2})`", text)) | set(
        re.findall(r"\| (a\d+(?:\.\d+){0,2})(?:[–-]\d+)? \|", text)
    )
    unknown = sorted(i for i in ids if lookup(i) is None)
    assert not unknown


def test_misnumbered_paragraph_is_refused_with_a_korean_message():
    with pytest.raises(DirectiveParseError, match="제2항 자리에 제3항"):
        parse("제1장 총칙\n\n제1조(목적)\n\n① 첫째\n③ 셋째\n")


def test_command_prints_every_clause_as_json():
    out = io.StringIO()
    call_command("directive_clauses", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert len(rows) == 29 + 98 + 68
    assert {"id": "a8.5", "label": "제8조제5항"}.items() <= next(r for r in rows if r["id"] == "a8.5").items()
    assert all(set(r) == {"id", "label", "text"} and r["text"] for r in rows)


@pytest.mark.django_db
def test_rule_pack_2427_is_loaded_into_every_database_with_its_tree():
    pack = RulePack.objects.get(number=2427)
    assert pack.effective_from.isoformat() == "2025-09-23"
    assert pack.clauses.count() == 195
    a8_5 = Clause.objects.get(pack=pack, clause_id="a8.5")
    assert a8_5.parent.clause_id == "a8" and a8_5.chapter_title == "정보화 추진계획의 수립"


@pytest.mark.django_db
def test_directive_page_has_an_anchor_per_clause(client_of):
    html = client_of("sponsor").get("/regulation/directive/").content.decode()
    for clause in current().clauses:
        assert f'id="{clause.id}"' in html, clause.id


def test_clause_filter_renders_label_with_text_on_hover():
    html = Template('{{ "a8.5"|clause }}').render(Context())
    assert ">제8조제5항</a>" in html and 'href="/regulation/directive/#a8.5"' in html
    assert 'title="정보화부서장은 제4항에 따른 영향도 검토 요청을 받은 날로부터 14일 이내에' in html
    assert "알 수 없는 조항" in Template('{{ "a99.1"|clause }}').render(Context())


def test_unknown_clause_id_in_code_fails_the_system_check():
    citations.cite("시험용 규칙", "a8.99")
    try:
        errors = [e for e in run_checks() if e.id == "regulation.E001"]
        assert len(errors) == 1 and "a8.99" in errors[0].msg
    finally:
        citations.CITED.remove(("a8.99", "시험용 규칙"))
    assert not [e for e in run_checks() if e.id == "regulation.E001"]
