"""The project spine: each chapter tells what a project has done, what is due and what blocks it.

A chapter registers a provider ``f(project, user) -> list[Step]``; the project page shows the steps of
every chapter in order, with the open obligations and the guards that block the next transition. A step not
yet done carries the button that does it when the user may (``actions``), and otherwise who owes it (``owner``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

STATUS_LABELS = {"done": "완료", "current": "진행 중", "pending": "시작 전", "blocked": "보류·막힘", "late": "지연"}


@dataclass(frozen=True)
class StepAction:
    """The button that does a step not yet done: a POST to ``url`` with ``fields`` (or a link with ``method="get"``)."""

    label: str
    url: str
    fields: dict = field(default_factory=dict)
    method: str = "post"


@dataclass
class Step:
    label: str
    status: str  # done | current | pending | blocked | late
    url: str = ""
    detail: str = ""
    clause_ids: tuple[str, ...] = ()
    blocking: list = field(default_factory=list)  # guards
    due: object = None  # the open obligation the step works to (itms.regulation.models.Obligation)
    # Not yet done: what the user can do about it (if they may), else who owes it.
    actions: list[StepAction] = field(default_factory=list)
    owner: str = ""
    note: str = ""  # a sentence under the step (why it has no deadline, which cycle it belongs to …)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


PROVIDERS: list[tuple[int, Callable]] = []


def register_steps(order: int, provider: Callable) -> None:
    if (order, provider) not in PROVIDERS:
        PROVIDERS.append((order, provider))
        PROVIDERS.sort(key=lambda pair: pair[0])


def project_line(project, user) -> list[Step]:
    from itms.core.display import may_open

    steps: list[Step] = []
    for _, provider in PROVIDERS:
        steps.extend(provider(project, user))
    for step in steps:
        if step.url and not may_open(user, step.url):
            step.url = ""  # no dead link: a vendor sees that the pre-review was done, not the pre-review (a17.3)
    return steps
