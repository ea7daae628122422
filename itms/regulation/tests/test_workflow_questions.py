"""What the work list asks a workflow about many records at once: whether a step is blocked, asked no further
than the first guard that fails (a22: a contract's 하자담보 ends only after the warranty, and only then are its
defects counted)."""

from types import SimpleNamespace

from itms.regulation.workflows import Guard, Transition, Workflow


def _close_with(asked: list[str], *, warranty_over: bool, defects_fixed: bool) -> tuple[Workflow, Transition]:
    def warranty(contract, ctx):
        asked.append("warranty")
        return warranty_over

    def defects(contract, ctx):
        asked.append("defects")  # a query per contract in the real guard
        return defects_fixed

    close = Transition(
        "close",
        "하자담보 종료",
        source=("handed_over",),
        target="closed",
        guards=(Guard("a22", "하자담보 기간이 끝난 뒤에 종료합니다.", warranty), Guard("a23.1", "하자", defects)),
    )
    workflow = Workflow(states={"handed_over": "인계", "closed": "종료"}, transitions=[close])
    return workflow, close


def test_a22_a_contract_still_under_warranty_is_blocked_without_counting_its_defects():
    asked = []
    workflow, close = _close_with(asked, warranty_over=False, defects_fixed=False)
    assert workflow.blocked(close, SimpleNamespace(), {})
    assert asked == ["warranty"]


def test_a22_after_the_warranty_the_defects_decide():
    asked = []
    workflow, close = _close_with(asked, warranty_over=True, defects_fixed=True)
    assert not workflow.blocked(close, SimpleNamespace(), {})
    assert asked == ["warranty", "defects"]
    workflow, close = _close_with([], warranty_over=True, defects_fixed=False)
    assert workflow.blocked(close, SimpleNamespace(), {})


def test_the_refusal_still_names_every_failing_guard():
    """On the record's own page and in the API's refusal every reason is given, not just the first."""
    workflow, close = _close_with([], warranty_over=False, defects_fixed=False)
    assert [g.clause_id for g in workflow.failing_guards(close, SimpleNamespace(), {})] == ["a22", "a23.1"]
