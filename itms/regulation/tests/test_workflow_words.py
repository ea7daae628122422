"""Every process speaks with one voice (issue 10, point 5): one Korean label per state, and refusals that say
who may act.

Meta-tests over every registered workflow (``WORKFLOW_MODELS``), so a chapter added later is held to the same.
"""

from __future__ import annotations

import pytest

from itms.regulation.workflows import WORKFLOW_MODELS

# The engine's own example process lives only in the test settings.
NOT_A_PRODUCT = {"example"}


def _workflows():
    return [
        pytest.param(model, id=label)
        for label, model in sorted(WORKFLOW_MODELS.items())
        if model._meta.app_label not in NOT_A_PRODUCT
    ]


@pytest.mark.parametrize("model", _workflows())
def test_each_state_has_one_label_the_models_choices_and_the_workflow_share(model):
    """The badge, the list's filter and column (the field's choices) and the panel (the workflow) say the same."""
    workflow = model.workflow
    field = model._meta.get_field(workflow.field)
    assert field.choices, f"{model.__name__}.{workflow.field}에 선택지가 없어 목록과 필터에 영문 값이 보입니다"
    choices = {value: str(label) for value, label in field.choices}
    states = {value: str(label) for value, label in workflow.states.items()}
    assert states == choices


def _steps_decided_by_the_record():
    params = []
    for label, model in sorted(WORKFLOW_MODELS.items()):
        app = model._meta.app_label
        if app in NOT_A_PRODUCT:
            continue
        for step in model.workflow.transitions.values():
            if step.internal or step.roles or step.may is None:
                continue
            params.append(pytest.param(step, id=f"{label}.{step.name}"))
    return params


@pytest.mark.parametrize("step", _steps_decided_by_the_record())
def test_a_step_decided_by_the_record_names_who_may_take_it(step):
    """'사전검토 의뢰'는 사업추진부서만 할 수 있습니다 — never "담당자만": a ``may`` check has an ``actor_label``."""
    assert step.actor_label, f"'{step.label}'의 거절 문구가 누가 할 수 있는지 말하지 않습니다 (actor_label)"
    assert step.who() == step.actor_label
