"""Benchmark: the obligation sweep over N open obligations (not a test).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/itms_bench \\
        .venv/bin/python bench/sweep_bench.py --n 100000 [--all-due]

Needs a migrated database. Builds the demo agency (idempotent), replaces the bench's own
obligations with N new ones (bulk_create), then times ``run_sweep`` twice and prints JSON:
{n, first_run_s, second_run_s, notifications, ...}.

Due dates are spread from 30 days ago to 335 days ahead (a year of deadlines, about one in ten
due soon or overdue); ``--all-due`` makes every one due soon or overdue (the worst case, e.g. the
first run after go-live). As in production, the sweep queues the e-mail task instead of running it
(an in-memory broker stands in for Redis); ``emails_s`` then times that task run in-process, with
Django's in-memory mail backend unless ITMS_EMAIL_BACKEND says otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ITMS_SECRET_KEY", "benchmark-only-secret-key")
os.environ.setdefault("ITMS_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("CELERY_BROKER_URL", "memory://")  # queue the e-mail task, as a worker set-up would

import django

django.setup()

from django.core import mail  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from itms.accounts.demo import build_demo_agency  # noqa: E402
from itms.accounts.models import OrgUnit, User, UserKind  # noqa: E402
from itms.accounts.roles import Role  # noqa: E402
from itms.notifications.actions import send_pending_emails  # noqa: E402
from itms.notifications.models import Notification  # noqa: E402
from itms.regulation.models import Obligation, ObligationStatus  # noqa: E402
from itms.regulation.sweep import horizon, run_sweep  # noqa: E402

KIND = "bench_reply"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="open obligations to create")
    parser.add_argument("--all-due", action="store_true", help="every obligation due soon or overdue (worst case)")
    parser.add_argument("--seed", type=int, default=2427)
    args = parser.parse_args()

    today = timezone.localdate()
    build_demo_agency(today=today)
    created = _create_obligations(args.n, args.all_due, today, random.Random(args.seed))  # noqa: S311

    mail.outbox = []
    started = time.perf_counter()
    first = run_sweep(today=today)
    first_run_s = time.perf_counter() - started
    started = time.perf_counter()
    emails = send_pending_emails()
    emails_s = time.perf_counter() - started

    started = time.perf_counter()
    second = run_sweep(today=today)
    second_run_s = time.perf_counter() - started
    emails_second = send_pending_emails()

    print(
        json.dumps(
            {
                "n": created,
                "first_run_s": round(first_run_s, 3),
                "second_run_s": round(second_run_s, 3),
                "notifications": first.created,
                "notices": first.notices,
                "digests": first.digests,
                "due_soon": first.due_soon,
                "overdue": first.overdue,
                "unassigned": first.unassigned,
                "emails": emails,
                "emails_s": round(emails_s, 3),
                "second_run_notifications": second.created,
                "second_run_emails": emails_second,
                "database": connection.vendor,
            },
            ensure_ascii=False,
        )
    )


def _create_obligations(n: int, all_due: bool, today: dt.date, rng: random.Random) -> int:
    """N open obligations owed like real ones: unit heads, IT departments, the 정보기획담당관, named people."""
    limit, _days = horizon(today)
    units = list(OrgUnit.objects.values_list("pk", flat=True))
    it_units = list(OrgUnit.objects.filter(is_it_department=True).values_list("pk", flat=True))
    people = list(User.objects.filter(kind=UserKind.STAFF, is_active=True).values_list("pk", flat=True))
    soon_span = (limit - today).days  # today … the last due-soon day
    with transaction.atomic():
        Notification.objects.filter(Q(obligation__kind=KIND) | Q(dedupe_key__startswith="digest:")).delete()
        Obligation.objects.filter(kind=KIND).delete()
        rows = []
        for i in range(n):
            if all_due:
                due = today + dt.timedelta(days=rng.randint(-60, soon_span - 1))  # overdue or due soon
            else:
                due = today + dt.timedelta(days=rng.randint(-30, 335))
            owed = rng.random()
            if owed < 0.5:
                who = {"owed_by_role": Role.DEPARTMENT_HEAD, "owed_by_unit_id": rng.choice(units)}
            elif owed < 0.7:
                who = {"owed_by_role": Role.IT_DEPARTMENT_HEAD, "owed_by_unit_id": rng.choice(it_units)}
            elif owed < 0.8:
                who = {"owed_by_role": Role.IT_PLANNING_OFFICER}
            else:
                who = {"owed_by_user_id": rng.choice(people)}
            rows.append(
                Obligation(
                    kind=KIND,
                    title=f"벤치마크 회신 {i:06d}",
                    clause_ids=["a8.5"],
                    key=f"bench-{i}",
                    due_date=due,
                    status=ObligationStatus.OPEN,
                    **who,
                )
            )
        Obligation.objects.bulk_create(rows, batch_size=5000)
    return n


if __name__ == "__main__":
    main()
