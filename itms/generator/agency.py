"""The 10-year agency generator behind ``manage.py generate_agency`` (issue 6, DESIGN.md "Scale and speed").

    from itms.generator.agency import generate
    report = generate(scale=0.01, seed=2427)

It builds on the demo agency (``itms.demo.build_demo``), so the demo logins work against the generated
data, and adds ``scale`` × the large agency of DESIGN.md: organisations, departments, people with ten
years of postings (직무대행 included), role bindings, companies, information systems with functions,
projects with budgets and participants, committee meetings with agenda, attendance, votes and resolutions,
the CIO's requests, obligations of every registered kind, the contracts of Chapter 5 with their WBS, monthly
reports and deliverable checklists (generator/execution.py), the service desk (generator/operations.py), three
years of performance measurement (generator/performance.py), the hash-chained legal events and the change log.

Rows are written in bulk (COPY on PostgreSQL) without signals: no per-row change-log entries, no
validation per row — the generator writes the change log itself and keeps to the models' rules.
It refuses to run twice on one database; start from a fresh one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import assets, audit, committees, duties, execution, operations, people, performance, portfolio, vocab
from .context import FULL_SCALE, Context
from .writer import analyze, reset_sequences

__all__ = ["FULL_SCALE", "AlreadyGenerated", "Report", "generate"]


class AlreadyGenerated(Exception):
    """This database already holds generated data."""


@dataclass
class Report:
    scale: float
    seed: int
    years: int
    today: dt.date
    database: str
    seconds: float
    counts: dict[str, int]
    timings: dict[str, float]

    def as_dict(self) -> dict:
        return {
            "scale": self.scale,
            "seed": self.seed,
            "years": self.years,
            "today": self.today.isoformat(),
            "database": self.database,
            "seconds": round(self.seconds, 1),
            "counts": self.counts,
            "timings": self.timings,
        }


def already_generated() -> bool:
    from itms.accounts.models import Organization, User

    first_office = vocab.CUSTOMS_OFFICES[0][0]
    return Organization.objects.filter(code=first_office).exists() or User.objects.filter(username="k00001").exists()


def generate(
    *,
    scale: float = 1.0,
    seed: int = 2427,
    years: int = 10,
    today: dt.date | None = None,
    log: Callable[[str], None] = print,
) -> Report:
    from itms.demo import build_demo

    started = time.perf_counter()
    today = today or timezone.localdate()
    if already_generated():
        raise AlreadyGenerated("이 데이터베이스에는 이미 생성된 자료가 있습니다. 새 데이터베이스에서 실행하십시오.")
    log("데모 기관 준비 …")
    build_demo()
    ctx = Context(scale=scale, seed=seed, years=years, today=today, log=log)
    log(f"생성 (규모 {scale}, 시드 {seed}, {years}년, 기준일 {today}, {connection.vendor}):")
    # Each phase commits on its own: PostgreSQL then checks the deferred foreign keys phase by phase.
    for phase in (people, portfolio, committees, duties, assets, execution, operations, performance):
        with transaction.atomic():
            phase.build(ctx)
    audit.build(ctx)
    reset_sequences(ctx.ids.models())
    analyze()
    return Report(scale, seed, years, today, connection.vendor, time.perf_counter() - started, ctx.counts, ctx.timings)
