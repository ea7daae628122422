"""Directive coverage: for every clause of the pack in force, what in the product carries it out.

A clause is cited by rule-pack parameters, roles (``ROLE_INFO``), obligation types, workflow
transitions and guards, features declared in the apps' ``features.py`` (registers, agenda kinds, exports), and by tests — in the test's name (``test_a8_5_…`` → a8.5; the
longest prefix that is an existing clause id wins, so ``test_a2_0_9_…`` → a2.0.9), with
``@pytest.mark.clause("a8.5")``, or in its docstring ("… (a8.5)"). Test files are read as text (ast), never imported.

Citing is not implementing. Each clause is put in one of four categories:

- **implemented**: product code enforces or carries it out — a guard, a transition, an obligation type, a coded
  refusal, a parameter that product code reads, or a declared feature — **and** the test suite exercised that
  code (``itms.core.exercised``: what the engine, the obligations, the refusals and ``param()`` ran during the
  last test run, written to ``var/directive-coverage/``; a feature counts when a test outside the test-only
  example app cites the clause);
- **parameter only**: a parameter cites it, but no product code read that parameter in the tests;
- **mentioned only**: something mentions it (a role label, a test, code no test ran) but nothing above;
- **uncovered**: nothing cites it.

An article is implemented when it or any of its paragraphs or items is. Without a record of a test run the
report says so and counts as implemented only what a product test cites.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

TEST_NAME = re.compile(r"^test_(a\d+(?:_\d+)*)")
SOURCES = ("parameters", "roles", "obligation_types", "transitions", "guards", "error_codes", "features", "tests")
STATUSES = {
    "implemented": "구현",
    "parameter_only": "규정 값만",
    "mentioned_only": "언급만",
    "uncovered": "근거 없음",
}
# Tests of the test-only example process prove the engine, not a clause of the directive.
EXAMPLE_TESTS = "itms/testing/"


@dataclass
class ClauseCoverage:
    id: str
    label: str
    level: str
    chapter: int
    chapter_title: str = ""
    title: str = ""
    parent_id: str | None = None
    parameters: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    obligation_types: list[str] = field(default_factory=list)
    transitions: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)
    error_codes: list[str] = field(default_factory=list)
    features: list[str] = field(default_factory=list)
    tests: list[str] = field(default_factory=list)
    # What of the above is product code that the tests ran (the evidence for "implemented").
    implemented_by: list[str] = field(default_factory=list)
    # Parameters cited that product code read in the tests.
    parameters_read: list[str] = field(default_factory=list)
    # Articles: covered through a paragraph or item even when not cited themselves.
    covered_by_children: bool = False
    implemented_by_children: bool = False

    @property
    def cited(self) -> bool:
        return any(getattr(self, source) for source in SOURCES)

    @property
    def covered(self) -> bool:
        return self.cited or self.covered_by_children

    @property
    def status(self) -> str:
        if self.implemented_by or self.implemented_by_children:
            return "implemented"
        if self.parameters and not any(getattr(self, s) for s in SOURCES if s != "parameters"):
            return "parameter_only"
        return "mentioned_only" if self.covered else "uncovered"

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]

    def as_dict(self) -> dict:
        return {**asdict(self), "cited": self.cited, "covered": self.covered, "status": self.status}


@dataclass
class CoverageReport:
    pack_version: str
    clauses: list[ClauseCoverage]
    # Citations of ids that are not clauses of the pack (e.g. a typo in a marker): (id, where).
    unknown: list[tuple[str, str]] = field(default_factory=list)
    # Whether a record of a test run was found (else "implemented" rests on citing tests alone).
    exercised_known: bool = False
    exercised_size: int = 0

    @property
    def covered(self) -> list[ClauseCoverage]:
        return [c for c in self.clauses if c.covered]

    @property
    def uncovered(self) -> list[ClauseCoverage]:
        return [c for c in self.clauses if not c.covered]

    def summary(self) -> dict:
        by_level = {}
        for level in ("article", "paragraph", "item"):
            rows = [c for c in self.clauses if c.level == level]
            by_level[level] = {"total": len(rows), "covered": sum(c.covered for c in rows)}
        by_status = {status: sum(c.status == status for c in self.clauses) for status in STATUSES}
        by_chapter: dict[int, dict] = {}
        for c in self.clauses:
            entry = by_chapter.setdefault(
                c.chapter, {"title": c.chapter_title, "total": 0, **dict.fromkeys(STATUSES, 0)}
            )
            entry["total"] += 1
            entry[c.status] += 1
        return {
            "pack_version": self.pack_version,
            "total": len(self.clauses),
            "covered": len(self.covered),
            "uncovered": len(self.uncovered),
            "by_status": by_status,
            "by_chapter": by_chapter,
            "by_level": by_level,
            "uncovered_ids": [c.id for c in self.uncovered],
            "status_ids": {s: [c.id for c in self.clauses if c.status == s] for s in STATUSES},
            "exercised_known": self.exercised_known,
            "exercised_size": self.exercised_size,
            "unknown": [{"clause_id": i, "where": w} for i, w in self.unknown],
        }

    def as_dict(self) -> dict:
        return {"clauses": [c.as_dict() for c in self.clauses], "summary": self.summary()}


# --- tests ---------------------------------------------------------------------------------------------
def clause_from_test_name(name: str, known: set[str] | frozenset[str]) -> str | None:
    """``test_a8_5_overdue`` → "a8.5": the longest prefix of the name's numbers that is a clause id."""
    match = TEST_NAME.match(name)
    if not match:
        return None
    head, *numbers = match.group(1).split("_")
    candidates, dotted = [head], head
    for number in numbers:  # a8 → a8.5 → a8.5.3
        dotted = f"{dotted}.{number}"
        candidates.append(dotted)
    if numbers:  # 제N조의M articles: aN_M → aN_M.P …
        article = f"{head}_{numbers[0]}"
        candidates.append(article)
        for number in numbers[1:]:
            article = f"{article}.{number}"
            candidates.append(article)
    # The deepest existing id; on a tie the paragraph reading (listed first) wins.
    return max((c for c in candidates if c in known), key=_depth, default=None)


def _depth(clause_id: str) -> int:
    return clause_id.count(".") + clause_id.count("_")


def _marker_ids(node: ast.expr) -> list[str]:
    """Clause ids of ``pytest.mark.clause("a8.5", …)`` (or a list of marks containing it)."""
    if isinstance(node, ast.List | ast.Tuple):
        return [clause_id for element in node.elts for clause_id in _marker_ids(element)]
    if not isinstance(node, ast.Call):
        return []
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "clause"):
        return []
    owner = func.value
    if not (
        (isinstance(owner, ast.Attribute) and owner.attr == "mark")
        or (isinstance(owner, ast.Name) and owner.id == "mark")
    ):
        return []
    return [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]


# "a8.5", "a2.0.9", "a4.5.1" as a test's docstring writes them ("… (a8.5)").
CLAUSE_ID = re.compile(r"(?<![\w.])a\d+(?:_\d+)?(?:\.\d+)*(?![\w])")


def _docstring_ids(docstring: str, known: set[str] | frozenset[str]) -> list[str]:
    """Clause ids a test's docstring cites; ids that are not clauses of the pack are ignored (e.g. "a4.8의")."""
    return [clause_id for clause_id in dict.fromkeys(CLAUSE_ID.findall(docstring)) if clause_id in known]


@dataclass(frozen=True)
class CitingTest:
    test: str  # path::Class::function
    clause_id: str
    how: str  # "name" | "marker" | "docstring"


def scan_test_source(source: str, where: str, known: set[str] | frozenset[str]) -> list[CitingTest]:
    """The clause citations of one test module's source text."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    module_marks: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets):
            module_marks += _marker_ids(node.value)
    citations: list[CitingTest] = []

    def visit(body, prefix: str, inherited: list[str]) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                marks = [i for d in node.decorator_list for i in _marker_ids(d)]
                for statement in node.body:
                    if isinstance(statement, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == "pytestmark" for t in statement.targets
                    ):
                        marks += _marker_ids(statement.value)
                visit(node.body, f"{prefix}::{node.name}", inherited + marks)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
                test = f"{prefix}::{node.name}"
                from_name = clause_from_test_name(node.name, known)
                if from_name:
                    citations.append(CitingTest(test, from_name, "name"))
                marks = inherited + [i for d in node.decorator_list for i in _marker_ids(d)]
                citations.extend(CitingTest(test, clause_id, "marker") for clause_id in dict.fromkeys(marks))
                cited = {from_name, *marks}
                citations.extend(
                    CitingTest(test, clause_id, "docstring")
                    for clause_id in _docstring_ids(ast.get_docstring(node) or "", known)
                    if clause_id not in cited
                )

    visit(tree.body, where, module_marks)
    return citations


def find_test_files(root: Path | None = None) -> list[Path]:
    root = root or Path(settings.BASE_DIR) / "itms"
    return sorted(p for p in root.rglob("test_*.py") if "tests" in p.relative_to(root).parts)


def scan_tests(root: Path | None = None, known: set[str] | frozenset[str] = frozenset()) -> list[CitingTest]:
    root = root or Path(settings.BASE_DIR) / "itms"
    files = tuple((str(p), p.stat().st_mtime_ns) for p in find_test_files(root))
    return list(_scan_cached(str(root), files, frozenset(known)))


@lru_cache(maxsize=4)
def _scan_cached(root: str, files: tuple[tuple[str, int], ...], known: frozenset[str]) -> tuple[CitingTest, ...]:
    # Keyed by the files' modification times: a page view re-reads only after a test file changed.
    base = Path(root).parent
    result: list[CitingTest] = []
    for path, _mtime in files:
        where = str(Path(path).relative_to(base)) if Path(path).is_relative_to(base) else path
        result += scan_test_source(Path(path).read_text(encoding="utf-8"), where, known)
    return tuple(result)


# --- the product ---------------------------------------------------------------------------------------
def _clause_rows() -> tuple[str, list[ClauseCoverage]]:
    """The clauses of the pack in force (database copy), else of the shipped text."""
    from .clauses import current
    from .models import Clause
    from .rules import RuleNotFound, pack_in_force

    try:
        pack = pack_in_force()
    except RuleNotFound:
        pack = None
    if pack is not None:
        rows = list(
            Clause.objects.filter(pack=pack)
            .order_by("position")
            .values_list("clause_id", "label", "level", "chapter", "chapter_title", "title", "parent__clause_id")
        )
        if rows:
            return pack.version_label, [ClauseCoverage(*row) for row in rows]
    parsed = current()
    return f"훈령 제{parsed.number}호", [
        ClauseCoverage(c.id, c.label, c.level, c.chapter, parsed.chapters.get(c.chapter, ""), c.title, c.parent_id)
        for c in parsed.clauses
    ]


def _parameter_citations(pack_version: str) -> dict[str, list[str]]:
    from .models import Parameter
    from .packs import PACK_PARAMETERS

    number = int(re.sub(r"\D", "", pack_version) or 0)
    cited: dict[str, set[str]] = defaultdict(set)
    for spec in PACK_PARAMETERS.get(number, []):
        for clause_id in spec.clause_ids:
            cited[clause_id].add(spec.key)
    for key, clause_ids in Parameter.objects.filter(pack__number=number).values_list("key", "clause_ids"):
        for clause_id in clause_ids or []:
            cited[clause_id].add(key)
    return {clause_id: sorted(keys) for clause_id, keys in cited.items()}


def load_exercised(folder: Path | None = None) -> set[str] | None:
    """What the last test run exercised (``itms.core.exercised``), or None when no run left a record."""
    import json

    folder = folder or Path(settings.ITMS_COVERAGE_DIR)
    files = sorted(folder.glob("exercised-*.json")) if folder.is_dir() else []
    if not files:
        return None
    found: set[str] = set()
    for path in files:
        found.update(json.loads(path.read_text(encoding="utf-8")))
    return found


def compute_coverage(*, test_root: Path | None = None, exercised: set[str] | None = None) -> CoverageReport:
    """``exercised``: what a test run ran (default: the record of the last run, see ``load_exercised``)."""
    from itms.accounts.roles import ROLE_INFO
    from itms.core.errors import ERROR_CODES

    from .citations import features
    from .obligations import OBLIGATION_TYPES
    from .workflows import WORKFLOW_MODELS

    if exercised is None:
        exercised = load_exercised()
    known_run = exercised is not None
    ran = exercised or set()

    pack_version, rows = _clause_rows()
    by_id = {row.id: row for row in rows}
    unknown: list[tuple[str, str]] = []

    def add(clause_id: str, source: str, what: str) -> None:
        row = by_id.get(clause_id)
        if row is None:
            unknown.append((clause_id, what))
        elif what not in getattr(row, source):
            getattr(row, source).append(what)

    def evidence(clause_id: str, what: str, key: str) -> None:
        row = by_id.get(clause_id)
        if row is not None and key in ran and what not in row.implemented_by:
            row.implemented_by.append(what)

    for clause_id, keys in _parameter_citations(pack_version).items():
        for key in keys:
            add(clause_id, "parameters", key)
            if f"param:{key}" in ran and clause_id in by_id:
                by_id[clause_id].parameters_read.append(key)
                evidence(clause_id, f"규정 값 {key}", f"param:{key}")
    for info in ROLE_INFO.values():
        for clause_id in info.clause_ids:
            add(clause_id, "roles", str(info.role.label))
    for obligation_type in OBLIGATION_TYPES.values():
        for clause_id in obligation_type.clause_ids:
            add(clause_id, "obligation_types", obligation_type.key)
            evidence(clause_id, f"의무 {obligation_type.key}", f"obligation:{obligation_type.key}")
    for label, model in sorted(WORKFLOW_MODELS.items()):
        for transition in model.workflow.transitions.values():
            for clause_id in transition.clause_ids:
                add(clause_id, "transitions", f"{label}.{transition.name}")
                evidence(clause_id, f"절차 {label}.{transition.name}", f"transition:{label}.{transition.name}")
            for guard in transition.guards:
                add(guard.clause_id, "guards", f"{label}.{transition.name}: {guard.message}")
                evidence(guard.clause_id, f"요건 {guard.code}", f"guard:{guard.code}")
    for code in ERROR_CODES.values():
        if code.clause:
            add(code.clause, "error_codes", code.code)
            evidence(code.clause, f"거절 {code.code}", f"error:{code.code}")
    product_tests: dict[str, list[str]] = defaultdict(list)
    for citation in scan_tests(test_root, frozenset(by_id)):
        add(citation.clause_id, "tests", citation.test)
        if not citation.test.startswith(EXAMPLE_TESTS):
            product_tests[citation.clause_id].append(citation.test)
    for feature in features():
        for clause_id in feature.clause_ids:
            add(clause_id, "features", feature.what)
            row = by_id.get(clause_id)
            if row is not None and product_tests.get(clause_id):
                row.implemented_by.append(f"기능 {feature.what}")
    if not known_run:
        # No record of a test run: implemented = product code carries it out and a product test cites it.
        for row in rows:
            implementing = row.obligation_types or row.transitions or row.guards or row.error_codes
            if implementing and product_tests.get(row.id) and not row.implemented_by:
                row.implemented_by.append("시험이 인용 (실행 기록 없음)")

    children: dict[str, list[ClauseCoverage]] = defaultdict(list)
    for row in rows:
        if row.parent_id:
            children[row.parent_id].append(row)

    def any_descendant(row: ClauseCoverage, test) -> bool:
        return any(test(child) or any_descendant(child, test) for child in children[row.id])

    for row in rows:
        if row.level == "article":
            row.covered_by_children = any_descendant(row, lambda c: c.cited)
            row.implemented_by_children = any_descendant(row, lambda c: bool(c.implemented_by))
    return CoverageReport(pack_version, rows, unknown, known_run, len(ran))
