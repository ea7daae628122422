"""One write gate (DESIGN.md §8): workflow state and the project's stage are written only by the engine.

The meta-test reads the product's source: any assignment of a workflow state field or of ``stage``
(``obj.state = …``), any ``update(state=…)``/``create(state=…)``/``defaults={"state": …}`` outside the engine
fails it, so a new chapter cannot copy a bypass. The allowed writers are the engine itself and the
project-stage follower it calls.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from itms.regulation.workflows import workflow_fields

ROOT = Path(__file__).resolve().parents[2]  # itms/
# The engine and the one function it calls to let the project's stage follow (itms.projects.stage).
ALLOWED = {ROOT / "regulation" / "workflows.py", ROOT / "projects" / "stage.py"}
# Not product code: tests, migrations, the test-only example app and the benchmark's data generator
# (which writes years of history in bulk for the benchmarks, never into a live database).
EXCLUDED_PARTS = {"tests", "migrations", "testing", "generator"}
WRITE_CALLS = {"update", "create", "get_or_create", "update_or_create", "bulk_update"}


def guarded_names() -> set[str]:
    return {field for _model, field in workflow_fields()} | {"stage"}


def product_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if not EXCLUDED_PARTS.intersection(path.relative_to(ROOT).parts) and path not in ALLOWED
    ]


def state_writes(source: str, names: set[str]) -> list[tuple[int, str]]:
    """(line, what) for every write of a guarded field in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for element in target.elts if isinstance(target, ast.Tuple) else [target]:
                    if isinstance(element, ast.Attribute) and element.attr in names:
                        found.append((node.lineno, f".{element.attr} = …"))
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "setattr" and len(node.args) >= 2:
                attribute = node.args[1]
                if isinstance(attribute, ast.Constant) and attribute.value in names:
                    found.append((node.lineno, f"setattr(…, {attribute.value!r}, …)"))
            name = func.attr if isinstance(func, ast.Attribute) else None
            if name in WRITE_CALLS:
                for keyword in node.keywords:
                    if keyword.arg in names:
                        found.append((node.lineno, f".{name}({keyword.arg}=…)"))
                    if keyword.arg == "defaults" and isinstance(keyword.value, ast.Dict):
                        for key in keyword.value.keys:
                            if isinstance(key, ast.Constant) and key.value in names:
                                found.append((node.lineno, f".{name}(defaults={{{key.value!r}: …}})"))
    return found


def test_workflow_state_and_project_stage_are_written_only_by_the_engine():
    names = guarded_names()
    assert {"state", "stage"} <= names
    offences = []
    for path in product_files():
        for line, what in state_writes(path.read_text(encoding="utf-8"), names):
            offences.append(f"{path.relative_to(ROOT.parent)}:{line}: {what}")
    assert not offences, "절차 엔진 밖에서 상태·단계를 씁니다:\n" + "\n".join(offences)


@pytest.mark.parametrize(
    "source",
    [
        "plan.state = 'approved'",
        "plan.project.stage = 'deliberated'",
        "a, item.state = 1, 'x'",
        "setattr(obj, 'state', target)",
        "Model.objects.filter(pk=1).update(state='approved')",
        "Model.objects.create(project=p, state='approved')",
        "Project.objects.update_or_create(code='x', defaults={'stage': 'operation'})",
    ],
)
def test_the_meta_test_sees_each_kind_of_bypass(source):
    assert state_writes(source, {"state", "stage"}), source


def test_the_meta_test_leaves_reads_alone():
    assert not state_writes("if plan.state == 'draft':\n    x = plan.stage\nfilter(state__in=('a',))", {"state"})
