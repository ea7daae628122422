"""The header names the role a person acts in, in the directive's words (issue 10, point 5): 정보기획담당관, not 직원."""

from __future__ import annotations

import re

import pytest

ROLE = re.compile(r'data-testid="current-role" title="([^"]*)">([^<]*)<')


@pytest.mark.parametrize(
    ("username", "shown"),
    [
        ("itplan", "정보기획담당관"),  # also 위원회 간사, 부서장 and 직원: the most specific wins (a8.2)
        ("cio", "지능정보화책임관"),  # a3.2
        ("council", "실무협의회 간사"),  # a5.2
        ("itdept", "정보화부서장"),  # a2.0.9
        ("itstaff", "정보화부서 직원"),
        ("sponsor", "사업추진부서 담당자"),  # 통관기획과 sponsors projects (a2.0.8)
        ("acting", "사업추진부서장 직무대행"),  # a4.7
        ("vendor", "사업수행업체 직원"),  # a17.3
        ("expert", "외부 전문가"),
        ("admin", "최고관리자"),
    ],
)
def test_the_header_shows_the_most_specific_role_of_the_person(client_of, username, shown):
    html = client_of(username).get("/").content.decode()
    every, label = ROLE.search(html).groups()
    assert label == shown
    assert "직원" not in label or username in {"itstaff", "vendor"}
    if username == "itplan":
        assert every.split(", ")[:2] == ["정보기획담당관", "위원회 간사"]  # every role, on hover
