"""Chapter 2 refuses with codes the machine can read: ``{code, message, clause}`` (issue 9 item 3, issue 10 item 5).

Every refusal in the app's product code is a ``Refused``/``Forbidden`` with a code of ``GovernanceErrors``; each code
names an existing clause (or none, for plain bad input); a "not yours to do" refusal says who may act, and clause ids
are written as 제N조제M항, never a4.8.
"""

import ast
import re
from pathlib import Path

import pytest

from itms.governance.error_codes import GovernanceErrors
from itms.regulation.clauses import exists

GOVERNANCE = Path(__file__).resolve().parents[1]
CODES = {name: value for name, value in vars(GovernanceErrors).items() if name.isupper()}
WHO = ("위원장", "간사", "지능정보화책임관", "위원", "의 장만", "본인")


def _product_files():
    for path in GOVERNANCE.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path


def test_no_uncoded_refusal_is_raised_in_chapter_2():
    offences = []
    for path in _product_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
                if name in ("ValidationError", "PermissionDenied"):
                    offences.append(f"{path.relative_to(GOVERNANCE)}:{node.lineno} {name}")
    # A form's own input check (forms.ValidationError in a Form.clean_*) is not a refusal of the directive's rules.
    assert offences == [f"workflows.py:{_form_check_line()} ValidationError"], offences


def _form_check_line() -> int:
    text = (GOVERNANCE / "workflows.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(text, 1) if "마감 일시는 지금 이후여야" in line)


@pytest.mark.parametrize("name", sorted(CODES))
def test_each_code_cites_an_existing_clause_in_korean_form(name):
    code = CODES[name]
    assert code.code == f"governance.{name.lower()}"
    assert not code.clause or exists(code.clause), code.clause
    assert not re.search(r"\ba\d+\.\d", code.message), "조항은 제N조제M항으로 적습니다"
    assert "을(를)" not in code.message and "이(가)" not in code.message and "은(는)" not in code.message
    if code.status == 403:
        assert any(who in code.message for who in WHO), f"누가 할 수 있는지 말해야 합니다: {code.message}"
