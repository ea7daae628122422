"""Directive coverage: which clauses the product carries out — parameters, roles, deadlines, transitions,
guards and tests — read from the test files' text (names and ``@pytest.mark.clause``), never imported."""

import io
import json
import textwrap

import pytest
from django.core.management import call_command
from django.test import Client

from itms.regulation.clauses import all_clauses
from itms.regulation.coverage import clause_from_test_name, compute_coverage, scan_test_source

KNOWN = frozenset(c.id for c in all_clauses())


# --- the scanner ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("test_a8_5_obligation_list_shows_overdue", "a8.5"),
        ("test_a2_0_9_it_departments_are_the_six_units", "a2.0.9"),  # a2.0 is no clause: a2.0.9 is
        ("test_a8_5_14_days_after_receipt", "a8.5"),  # a8.5.14 is no clause: the longest existing prefix
        ("test_a8_3_11_item", "a8.3.11"),
        ("test_a2_0_items", "a2"),
        ("test_a7_new_technology_first", "a7"),
        ("test_a99_1_no_such_article", None),
        ("test_parameter_change_is_chained", None),
        ("helper_a8_5", None),
    ],
)
def test_clause_from_test_name_takes_the_longest_prefix_that_is_a_clause(name, expected):
    assert clause_from_test_name(name, KNOWN) == expected


def test_article_with_a_branch_number_is_read_from_a_test_name():
    """제10조의2 → a10_2 (directive/CLAUSES.md); a paragraph of that article is a10_2.1."""
    assert clause_from_test_name("test_a10_2_1_x", {"a10", "a10_2", "a10_2.1"}) == "a10_2.1"
    assert clause_from_test_name("test_a10_2_x", {"a10", "a10_2"}) == "a10_2"
    # Where both readings exist the paragraph (a10.2) wins.
    assert clause_from_test_name("test_a10_2_x", {"a10", "a10.2", "a10_2"}) == "a10.2"


SOURCE = textwrap.dedent(
    """
    import pytest
    from pytest import mark

    pytestmark = [pytest.mark.django_db, pytest.mark.clause("a3.4")]


    @pytest.mark.clause("a4.10", "a4.9")
    def test_agenda_is_distributed_in_time():
        pass


    def test_a8_5_reply_rolls_past_seollal():
        pass


    @mark.clause("a99.9")
    def test_unknown_marker():
        pass


    @pytest.mark.clause("a15.4")
    class TestEvaluationCommittee:
        def test_formed_five_days_before(self):
            pass

        @pytest.mark.clause("a15.5")
        def test_a15_4_quorum(self):
            pass

        def helper(self):
            pass


    def not_a_test_a8_5():
        pass
    """
)


def test_scanner_reads_names_and_clause_markers_of_functions_classes_and_modules():
    citations = {(c.test, c.clause_id, c.how) for c in scan_test_source(SOURCE, "t.py", KNOWN)}
    assert citations == {
        ("t.py::test_agenda_is_distributed_in_time", "a3.4", "marker"),
        ("t.py::test_agenda_is_distributed_in_time", "a4.10", "marker"),
        ("t.py::test_agenda_is_distributed_in_time", "a4.9", "marker"),
        ("t.py::test_a8_5_reply_rolls_past_seollal", "a8.5", "name"),
        ("t.py::test_a8_5_reply_rolls_past_seollal", "a3.4", "marker"),
        ("t.py::test_unknown_marker", "a3.4", "marker"),
        ("t.py::test_unknown_marker", "a99.9", "marker"),
        ("t.py::TestEvaluationCommittee::test_formed_five_days_before", "a3.4", "marker"),
        ("t.py::TestEvaluationCommittee::test_formed_five_days_before", "a15.4", "marker"),
        ("t.py::TestEvaluationCommittee::test_a15_4_quorum", "a15.4", "name"),
        ("t.py::TestEvaluationCommittee::test_a15_4_quorum", "a3.4", "marker"),
        ("t.py::TestEvaluationCommittee::test_a15_4_quorum", "a15.4", "marker"),
        ("t.py::TestEvaluationCommittee::test_a15_4_quorum", "a15.5", "marker"),
    }


@pytest.mark.django_db
def test_scanner_reads_test_files_as_text_without_importing_them(tmp_path):
    tests = tmp_path / "itms" / "app" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_boom.py").write_text("raise SystemExit('imported!')\n\ndef test_a7_x():\n    pass\n")
    (tests / "test_broken.py").write_text("def test_a8_5_(:\n")  # a syntax error is skipped, not fatal
    (tmp_path / "itms" / "app" / "test_outside_tests_folder.py").write_text("def test_a6_x():\n    pass\n")
    rows = {c.id: c for c in compute_coverage(test_root=tmp_path / "itms").clauses}
    assert rows["a7"].tests == ["itms/app/tests/test_boom.py::test_a7_x"]
    assert not rows["a6"].tests


# --- the report ----------------------------------------------------------------------------------------
@pytest.fixture
def sample_tests(tmp_path):
    tests = tmp_path / "itms" / "demo" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_demo.py").write_text(
        textwrap.dedent(
            """
            import pytest

            def test_a7_pilot_first():
                pass

            @pytest.mark.clause("a2.0.12", "a99.1")
            def test_projects_include_other_budgets():
                pass
            """
        )
    )
    return tmp_path / "itms"


@pytest.mark.django_db
def test_coverage_collects_parameters_roles_obligation_types_transitions_guards_and_tests(sample_tests):
    report = compute_coverage(test_root=sample_tests)
    rows = {c.id: c for c in report.clauses}
    assert report.pack_version == "훈령 제2427호"
    assert len(rows) == len(KNOWN)
    assert "impact_review_days" in rows["a8.5"].parameters
    assert "지능정보화책임관" in rows["a3.1"].roles
    assert "example_review" in rows["a8.5"].obligation_types  # the example process (test settings)
    assert "example.examplerequest.submit" in rows["a8.1"].transitions
    assert any(g.startswith("example.examplerequest.approve:") for g in rows["a15.4"].guards)
    assert rows["a7"].tests == ["itms/demo/tests/test_demo.py::test_a7_pilot_first"]
    assert rows["a2.0.12"].tests == ["itms/demo/tests/test_demo.py::test_projects_include_other_budgets"]
    assert ("a99.1", "itms/demo/tests/test_demo.py::test_projects_include_other_budgets") in report.unknown


@pytest.mark.django_db
def test_an_article_is_covered_through_its_paragraphs_and_items_but_a_paragraph_only_when_cited(sample_tests):
    rows = {c.id: c for c in compute_coverage(test_root=sample_tests).clauses}
    # a8 is cited only through a8.5 (impact_review_days): covered, but not cited itself.
    assert rows["a8.5"].cited and rows["a8"].covered and not rows["a8"].cited
    # a2.0.12 is cited by a marker: its article a2 is covered; a sibling item is not.
    assert rows["a2"].covered and rows["a2.0.12"].covered
    assert not rows["a2.0.2"].covered
    # A paragraph is not covered by its article, nor an item by its paragraph.
    assert rows["a29"].covered and not rows["a29.2"].covered
    assert rows["a3.3"].covered and not rows["a3.3.1"].covered


@pytest.mark.django_db
def test_directive_coverage_command_prints_rows_and_a_summary_of_uncovered_clauses():
    out = io.StringIO()
    call_command("directive_coverage", stdout=out)
    text = out.getvalue()
    assert "\ta8.5\t제8조제5항\t" in text
    assert "조항 195개 — 구현 " in text and "제3장" in text
    assert "○ 구현, ◇ 규정 값만, △ 언급만, × 근거 없음" in text

    out = io.StringIO()
    call_command("directive_coverage", "--json", stdout=out)
    data = json.loads(out.getvalue())
    summary = data["summary"]
    assert summary["total"] == 195 == len(data["clauses"])
    assert summary["covered"] + summary["uncovered"] == 195
    assert summary["by_level"]["article"]["total"] == 29
    a8_5 = next(c for c in data["clauses"] if c["id"] == "a8.5")
    assert set(a8_5) >= {
        *("id", "label", "parameters", "roles", "obligation_types", "transitions", "guards", "features", "tests")
    }
    assert a8_5["covered"] and "impact_review_days" in a8_5["parameters"]
    assert any("test_a8_5_" in t for t in a8_5["tests"])
    assert "a1" in summary["uncovered_ids"]

    # 제1장 (a1, the purpose) has nothing to implement, so its list is never empty, whatever the run exercised.
    out = io.StringIO()
    call_command("directive_coverage", "--json", "--uncovered", "--chapter", "1", stdout=out)
    rows = json.loads(out.getvalue())["clauses"]
    assert "a1" in [c["id"] for c in rows]
    assert [c["id"] for c in rows] == [
        c["id"] for c in data["clauses"] if c["chapter"] == 1 and c["status"] != "implemented"
    ]
    assert sum(summary["by_status"].values()) == 195


@pytest.mark.django_db
def test_coverage_page_filters_by_chapter_and_covered_state(client_of):
    client = client_of("sponsor")
    response = client.get("/regulation/coverage/")
    assert response.status_code == 200
    assert len(response.context["rows"]) == 195
    chapter = next(c.chapter for c in response.context["rows"] if c.status == "uncovered")
    rows = client.get("/regulation/coverage/", {"chapter": str(chapter), "state": "uncovered"}).context["rows"]
    assert rows and all(c.chapter == chapter and c.status == "uncovered" for c in rows)
    for status in ("implemented", "mentioned_only"):
        chosen = client.get("/regulation/coverage/", {"state": status}).context["rows"]
        assert chosen and all(c.status == status for c in chosen)
    html = client.get("/regulation/coverage/", {"chapter": "3"}).content.decode()
    assert 'data-clause="a8.5"' in html and "impact_review_days" in html
    assert 'data-clause="a15.4"' not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("username", "status"), [("vendor", 403), ("expert", 403)])
def test_coverage_page_is_for_officials(client_of, username, status):
    assert client_of(username).get("/regulation/coverage/").status_code == status
    assert Client().get("/regulation/coverage/").status_code == 302


def test_every_declared_feature_names_code_that_exists():
    """A features.py entry names the code that carries the clause out; renaming that code breaks this test."""
    from itms.regulation.citations import features, resolve

    declared = features()
    assert len(declared) >= 20
    for feature in declared:
        assert resolve(feature.where) is not None, feature


@pytest.mark.django_db
def test_a10_the_national_plan_export_counts_as_carrying_out_its_clause():
    rows = {c.id: c for c in compute_coverage().clauses}
    assert "국가 정보화 계획 반영 자료 (XLSX)" in rows["a10"].features
    assert rows["a4.5.1"].covered and rows["a5.4.8"].covered


def test_a_test_docstring_citing_a_clause_counts_as_a_test_of_it(tmp_path):
    source = 'def test_quorum():\n    """Quorum counts the chair (a4.8); not a clause: a99.1."""\n'
    citations = scan_test_source(source, "t.py", {"a4.8"})
    assert [(c.clause_id, c.how) for c in citations] == [("a4.8", "docstring")]


SAMPLE_PRODUCT_TEST = """
def test_a8_5_impact_review_reply_is_due_in_14_days():
    pass

def test_a10_national_plan():
    pass
"""
SAMPLE_EXAMPLE_TEST = """
def test_a8_1_example_process_guard():
    pass
"""


@pytest.fixture
def product_and_example_tests(tmp_path):
    root = tmp_path / "itms"
    (root / "planning" / "tests").mkdir(parents=True)
    (root / "planning" / "tests" / "test_sample.py").write_text(SAMPLE_PRODUCT_TEST, encoding="utf-8")
    (root / "testing" / "example" / "tests").mkdir(parents=True)
    (root / "testing" / "example" / "tests" / "test_sample.py").write_text(SAMPLE_EXAMPLE_TEST, encoding="utf-8")
    return root


@pytest.mark.django_db
def test_a_clause_is_implemented_only_when_product_code_carrying_it_out_ran_in_the_tests(product_and_example_tests):
    """Citing is not implementing (issue 9): an obligation type that ran, a guard that ran, a parameter read by product
    code — each makes its clause implemented; the same clauses with nothing run are only mentioned."""
    ran = {"obligation:impact_review_reply", "guard:planning.projectplan.to_council.a8.6.4", "param:bpr_isp_threshold"}
    rows = {c.id: c for c in compute_coverage(test_root=product_and_example_tests, exercised=ran).clauses}
    assert rows["a8.5"].status == "implemented" and "의무 impact_review_reply" in rows["a8.5"].implemented_by
    assert rows["a8.6.4"].status == "implemented"
    assert rows["a8"].status == "implemented" and rows["a8"].implemented_by_children
    idle = {c.id: c for c in compute_coverage(test_root=product_and_example_tests, exercised=set()).clauses}
    assert idle["a8.5"].status == "mentioned_only"


@pytest.mark.django_db
def test_a_parameter_no_product_code_reads_is_parameter_only_and_a_role_label_is_a_mention(product_and_example_tests):
    rows = {c.id: c for c in compute_coverage(test_root=product_and_example_tests, exercised=set()).clauses}
    parameter_only = [c for c in rows.values() if c.parameters and c.status == "parameter_only"]
    assert parameter_only, "a clause cited by a parameter alone is reported as such"
    assert all(not (c.transitions or c.guards or c.tests or c.roles) for c in parameter_only)
    # a2.0.15 (정보보안담당관) is cited by a role's basis only here: a mention, not an implementation.
    assert rows["a2.0.15"].roles and rows["a2.0.15"].status != "implemented"


@pytest.mark.django_db
def test_a_test_of_the_example_process_does_not_implement_a_clause(product_and_example_tests):
    rows = {c.id: c for c in compute_coverage(test_root=product_and_example_tests, exercised=set()).clauses}
    assert any("testing/example" in t for t in rows["a8.1"].tests)
    assert all("기능" not in e for e in rows["a8.1"].implemented_by)
    # A declared feature counts once a product test cites its clause (a10: the national-plan export).
    assert rows["a10"].status == "implemented"
