"""Switch off the vendor accounts whose project assignments have all ended (a17.3; the embedded default runs this
from cron, production runs ``itms.execution.tasks.expire_vendor_access_task`` from Celery beat).

    manage.py expire_vendor_access [--date YYYY-MM-DD]

Idempotent: a second run on the same day switches nobody off.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itms.execution.actions.contracts import expire_vendor_access
from itms.regulation import legal_calendar


class Command(BaseCommand):
    help = "사업 참여 기간이 모두 끝난 업체 계정의 정보화관리시스템 접근을 만료합니다 (제17조제3항)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="기준일 YYYY-MM-DD (기본: 오늘)")

    def handle(self, *args, date: str | None = None, **options) -> None:
        on = None
        if date:
            try:
                on = legal_calendar.parse_date(date)
            except ValueError as error:
                raise CommandError(str(error)) from error
        switched = expire_vendor_access(on=on)
        names = ", ".join(f"{user.name}({user.username})" for user in switched) or "없음"
        self.stdout.write(f"접근 만료 업체 계정 {len(switched)}개: {names}")
