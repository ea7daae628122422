"""Open the planning cycles whose day has come and enrol new projects (the embedded default runs this from cron;
production runs ``itms.planning.tasks.open_planning_cycles_task`` from Celery beat).

    manage.py open_planning_cycles [--date YYYY-MM-DD]

Idempotent: running it twice on one day opens and enrols nothing twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itms.planning.cycles import run_schedule
from itms.regulation import legal_calendar


class Command(BaseCommand):
    help = "다음연도 정보화사업 계획 주기를 정해진 날에 열고, 기한이 남은 주기에 새 사업을 등록합니다 (제8조제1항)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="기준일 YYYY-MM-DD (기본: 오늘)")

    def handle(self, *args, date: str | None = None, **options) -> None:
        today = None
        if date:
            try:
                today = legal_calendar.parse_date(date)
            except ValueError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(run_schedule(today).summary())
