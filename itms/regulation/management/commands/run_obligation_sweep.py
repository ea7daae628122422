"""Run the obligation sweep now (the embedded default has no Celery beat; cron or an operator runs this).

    manage.py run_obligation_sweep [--date YYYY-MM-DD]

Idempotent: running it twice on one day sends nothing twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itms.regulation import legal_calendar
from itms.regulation.sweep import run_sweep


class Command(BaseCommand):
    help = "기한 임박·기한 경과 의무를 의무자에게 알리고, 일일 요약을 보냅니다 (여러 번 실행해도 중복 발송하지 않음)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="기준일 YYYY-MM-DD (기본: 오늘)")

    def handle(self, *args, date: str | None = None, **options) -> None:
        today = None
        if date:
            try:
                today = legal_calendar.parse_date(date)
            except ValueError as error:
                raise CommandError(str(error)) from error
        result = run_sweep(today=today)
        self.stdout.write(result.summary())
