"""What every phase of the generator shares: the scale, the seed, the ids handed out, what was made."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .writer import IdAllocator

# DESIGN.md "Scale and speed": the large agency over 10 years (S = 1.0).
FULL_SCALE = {
    "organizations": 40,
    "units": 400,
    "users": 5_000,
    "projects": 3_000,
    "systems": 600,
    "functions": 6_000,
    "meetings": 2_000,
    "agenda_items": 20_000,
    "obligations": 100_000,
    "legal_events": 1_000_000,
    "change_log": 1_000_000,
    "incidents": 50_000,  # operations (issue 16)
    "service_requests": 30_000,
}


@dataclass
class Unit:
    pk: int
    org_id: int
    parent_id: int | None
    name: str
    kind: str
    is_it: bool
    org_code: str


@dataclass
class Position:
    pk: int
    unit_id: int
    title: str
    is_head: bool
    # (start, end or None, user id, kind): who held it when
    tenure: list[tuple[dt.date, dt.date | None, int, str]] = field(default_factory=list)

    def holder_on(self, day: dt.date) -> int | None:
        acting = regular = None
        for start, end, user_id, kind in self.tenure:
            if start <= day and (end is None or day <= end):
                if kind == "acting":
                    acting = user_id
                elif regular is None:
                    regular = user_id
        return acting or regular


@dataclass
class Context:
    scale: float
    seed: int
    years: int
    today: dt.date
    log: Callable[[str], None] = print
    ids: IdAllocator = field(default_factory=IdAllocator)
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    password_hash: str = ""
    pack_version: str = ""
    # What the phases made (and what the demo had), for the later phases.
    org_codes: dict[int, str] = field(default_factory=dict)
    units: dict[int, Unit] = field(default_factory=dict)
    positions: dict[int, Position] = field(default_factory=dict)
    staff: list[int] = field(default_factory=list)  # active staff user ids
    user_names: dict[int, str] = field(default_factory=dict)
    user_units: dict[int, int] = field(default_factory=dict)  # active staff → current unit
    vendors_by_company: dict[int, list[int]] = field(default_factory=dict)
    experts: list[int] = field(default_factory=list)
    projects: list[tuple] = field(default_factory=list)  # (pk, code, name, org_id, sponsor_unit_id, start, end, stage)
    systems: list[tuple] = field(default_factory=list)  # (pk, name, operating_unit_id)
    meetings: list[tuple] = field(default_factory=list)  # (pk, body_id, scheduled_at, state, title)
    events: list[tuple] = field(default_factory=list)  # legal events made by the phases, chained last
    content_types: dict[str, int] = field(default_factory=dict)
    created: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # label → (pk, repr) for the change log
    scratch: dict = field(default_factory=dict)  # hand-overs between steps of one phase

    @property
    def start(self) -> dt.date:
        """The first day of the generated history."""
        return dt.date(self.today.year - self.years + 1, 1, 1)

    def rng(self, phase: str) -> random.Random:
        return random.Random(f"{self.seed}:{phase}")  # noqa: S311 - test data, not secrets

    def target(self, key: str, existing: int = 0, minimum: int = 1) -> int:
        """How many rows to add so that the total reaches the scaled target (at least ``minimum``)."""
        return max(minimum, round(FULL_SCALE[key] * self.scale) - existing)

    def day_between(self, rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
        span = (last - first).days
        return first + dt.timedelta(days=rng.randint(0, max(span, 0)))

    def remember(self, label: str, rows: list[tuple[int, str]]) -> None:
        self.created.setdefault(label, []).extend(rows)

    def event(
        self, occurred_at, kind, actor_id, subject_type, subject_id, subject_repr, summary, payload=None, clause_ids=()
    ) -> None:
        """A legal event to chain (the audit phase sorts them by time and hashes them in order)."""
        self.events.append(
            (
                occurred_at,
                kind,
                actor_id,
                subject_type,
                str(subject_id),
                subject_repr[:300],
                summary[:300],
                payload or {},
                list(clause_ids),
            )
        )

    def count(self, key: str, n: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


class Phase:
    """with Phase(ctx, "people"): … — logs and times one phase."""

    def __init__(self, ctx: Context, name: str):
        self.ctx, self.name = ctx, name

    def __enter__(self):
        self.started = time.perf_counter()
        self.ctx.log(f"  {self.name} …")
        return self

    def __exit__(self, *exc):
        elapsed = time.perf_counter() - self.started
        self.ctx.timings[self.name] = round(elapsed, 2)
        if exc[0] is None:
            self.ctx.log(f"  {self.name}: {elapsed:.1f}초")
        return False
