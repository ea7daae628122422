"""Parse a directive's text into chapters, articles, paragraphs and items.

Canonical ids (directive/CLAUSES.md): ``aN`` article, ``aN.P`` paragraph (①=1),
``aN.P.I`` item of a paragraph, ``aN.0.I`` item of an article without
paragraphs. ``제N조의M`` articles get ``aN_M``. The 부칙 are read as the
amendment history, not as clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
CHAPTER_RE = re.compile(r"^제(\d+)장\s+(.+)$")
ARTICLE_RE = re.compile(r"^제(\d+)조(?:의(\d+))?\((.+)\)$")
ITEM_RE = re.compile(r"^(\d+)\.\s*(.+)$")
HEADER_RE = re.compile(r"^\[훈령 제(\d+)호,\s*(\d{4})-(\d{2})-(\d{2}),\s*(.+)\]$")
ADDENDUM_RE = re.compile(r"^부칙\s*<제(\d+)호,\s*(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?>")
EFFECTIVE_RE = re.compile(r"(\d{4})년\s*0?(\d{1,2})월\s*0?(\d{1,2})일부터 시행")


class DirectiveParseError(ValueError):
    pass


@dataclass
class ParsedClause:
    id: str
    label: str
    text: str
    level: str  # article | paragraph | item
    chapter: int
    title: str = ""
    parent_id: str | None = None
    children: list[ParsedClause] = field(default_factory=list)

    @property
    def marker(self) -> str:
        """How the text itself numbers the clause: ③ for a paragraph, 3. for an item."""
        if self.level == "article":
            return self.label
        number = int(self.id.rsplit(".", 1)[1])
        return CIRCLED[number - 1] if self.level == "paragraph" else f"{number}."


@dataclass
class Amendment:
    number: int
    issued: tuple[int, int, int]
    effective: tuple[int, int, int] | None


@dataclass
class ParsedDirective:
    title: str
    number: int | None
    issued: tuple[int, int, int] | None
    chapters: dict[int, str]
    clauses: list[ParsedClause]  # depth-first, in text order
    amendments: list[Amendment]

    def articles(self) -> list[ParsedClause]:
        return [c for c in self.clauses if c.level == "article"]

    def by_id(self) -> dict[str, ParsedClause]:
        return {c.id: c for c in self.clauses}


def parse(text: str) -> ParsedDirective:
    lines = [line.strip() for line in text.splitlines()]
    title = next((line for line in lines if line), "")
    number = issued = None
    chapters: dict[int, str] = {}
    clauses: list[ParsedClause] = []
    chapter = 0
    article = paragraph = None
    addenda_start = None

    for index, line in enumerate(lines):
        if not line:
            continue
        if line == "부칙":
            addenda_start = index + 1
            break
        if header := HEADER_RE.match(line):
            number = int(header.group(1))
            issued = (int(header.group(2)), int(header.group(3)), int(header.group(4)))
        elif match := CHAPTER_RE.match(line):
            chapter = int(match.group(1))
            chapters[chapter] = match.group(2).strip()
        elif match := ARTICLE_RE.match(line):
            n, sub, name = match.group(1), match.group(2), match.group(3)
            article_id = f"a{n}" + (f"_{sub}" if sub else "")
            label = f"제{n}조" + (f"의{sub}" if sub else "")
            article = ParsedClause(article_id, label, "", "article", chapter, title=name)
            clauses.append(article)
            paragraph = None
        elif article is None:
            continue  # header lines before the first article
        elif line[0] in CIRCLED:
            p = CIRCLED.index(line[0]) + 1
            expected = len([c for c in article.children if c.level == "paragraph"]) + 1
            if p != expected:
                raise DirectiveParseError(f"{article.label}: 제{expected}항 자리에 제{p}항이 있습니다.")
            paragraph = ParsedClause(
                f"{article.id}.{p}",
                f"{article.label}제{p}항",
                line[1:].strip(),
                "paragraph",
                chapter,
                parent_id=article.id,
            )
            article.children.append(paragraph)
            clauses.append(paragraph)
        elif match := ITEM_RE.match(line):
            i = int(match.group(1))
            parent = paragraph or article
            expected = len(parent.children) + 1
            if i != expected:
                raise DirectiveParseError(f"{parent.label}: 제{expected}호 자리에 제{i}호가 있습니다.")
            item_id = f"{paragraph.id}.{i}" if paragraph else f"{article.id}.0.{i}"
            item = ParsedClause(
                item_id, f"{parent.label}제{i}호", match.group(2).strip(), "item", chapter, parent_id=parent.id
            )
            parent.children.append(item)
            clauses.append(item)
        else:
            # Continuation of the last element (the article's lead sentence, or a wrapped line).
            target = (paragraph.children[-1] if paragraph and paragraph.children else paragraph) or (
                article.children[-1] if article.children else article
            )
            target.text = f"{target.text} {line}".strip()

    if not clauses:
        raise DirectiveParseError("조문을 찾을 수 없습니다.")
    for article_clause in (c for c in clauses if c.level == "article"):
        if not article_clause.text:
            article_clause.text = _article_text(article_clause)
    amendments = _parse_addenda(lines[addenda_start:]) if addenda_start else []
    return ParsedDirective(title, number, issued, chapters, clauses, amendments)


def _article_text(article: ParsedClause) -> str:
    """An article with paragraphs reads as its paragraphs (items indented under them)."""
    return "\n".join(f"{child.marker} {child.text}" for child in article.children)


def _parse_addenda(lines: list[str]) -> list[Amendment]:
    amendments: list[Amendment] = []
    for line in lines:
        if match := ADDENDUM_RE.match(line):
            amendments.append(
                Amendment(int(match.group(1)), (int(match.group(2)), int(match.group(3)), int(match.group(4))), None)
            )
        elif amendments and amendments[-1].effective is None and (match := EFFECTIVE_RE.search(line)):
            amendments[-1].effective = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return amendments
