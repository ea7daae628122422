"""Compute a legal deadline from the command line.

    manage.py legal_date forward --from 2026-02-03 --days 14 [--count-first-day] [--working-days]
    manage.py legal_date backward --before 2026-03-10 --days 7 [--lenient]

Prints the ISO date to act on, then the explanation, then the warning if any (민법 제157조·제161조).
Backward periods such as a4.10 are not rolled: when the computed day is a holiday, the first line is the
preceding working day (the day to act on), and the explanation and warning show the computed day and why.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from itms.core.korean import josa
from itms.regulation import legal_calendar


def _korean(message: str) -> str:
    """argparse's English errors, in Korean."""
    if m := re.match(r"argument direction: invalid choice: '?([^' ]*)'?", message):
        return f"알 수 없는 계산 방향 '{m.group(1)}': forward 또는 backward를 지정하십시오."
    if m := re.match(r"the following arguments are required: (.*)", message):
        if m.group(1) == "direction":
            return "계산 방향(forward 또는 backward)을 지정하십시오."
        return f"필수 인자가 없습니다: {m.group(1)}"
    if m := re.match(r"unrecognized arguments: (.*)", message):
        return f"알 수 없는 인자입니다: {m.group(1)}"
    return f"입력이 올바르지 않습니다: {message}"


def _error(parser: CommandParser, message: str) -> None:
    # Same behaviour as CommandParser.error (exit 2 on the command line, CommandError under
    # call_command), with a Korean message.
    text = _korean(message)
    if parser.called_from_command_line:
        parser.print_usage(sys.stderr)
        parser.exit(2, f"{parser.prog}: 오류: {text}\n")
    raise CommandError(text)


class KoreanCommandParser(CommandParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        _error(self, message)


class Command(BaseCommand):
    help = "법정 기간의 만료일(… 이내) 또는 역산 기한(… 전까지)을 계산합니다."
    # A calculation: it needs neither URLs nor the other apps' checks.
    requires_system_checks: list[str] = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.error = lambda message: _error(parser, message)  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        # CommandParser.add_subparsers passes called_from_command_line on to the sub-parsers, so
        # their errors become CommandError under call_command too.
        sub = parser.add_subparsers(dest="direction", required=True, parser_class=KoreanCommandParser)

        fwd = sub.add_parser("forward", help="기산일부터 N일 이내(초일 불산입, 말일이 토요일·공휴일이면 순연)")
        # Strings, parsed in handle(), so that malformed values get a Korean message.
        fwd.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD", help="기산일(접수일 등)")
        fwd.add_argument("--days", required=True, metavar="N", help="기간(일)")
        fwd.add_argument("--count-first-day", action="store_true", help="초일 산입(0시부터 시작하는 기간)")
        fwd.add_argument("--working-days", action="store_true", help="근무일만 계산(규정이 정한 경우에만)")

        bwd = sub.add_parser("backward", help="기준일 N일 전까지(역산, 순연 없음)")
        bwd.add_argument("--before", dest="deadline", required=True, metavar="YYYY-MM-DD", help="기준일(회의일 등)")
        bwd.add_argument("--days", required=True, metavar="N", help="기간(일)")
        bwd.add_argument(
            "--lenient", action="store_true", help="완화 해석(기준일 − N일); 기본은 엄격(기준일 − (N+1)일)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            days = _parse_days(options["days"])
            if options["direction"] == "forward":
                result = legal_calendar.forward(
                    legal_calendar.parse_date(options["start"]),
                    days,
                    count_first_day=options["count_first_day"],
                    working_days=options["working_days"],
                )
            else:
                result = legal_calendar.backward(
                    legal_calendar.parse_date(options["deadline"]), days, strict=not options["lenient"]
                )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            # The calendar's exceptions (임시공휴일 …) are in the database: without them a date could be wrong.
            raise CommandError(
                "데이터베이스가 준비되지 않아 달력 예외(임시공휴일 등)를 읽을 수 없습니다. "
                "먼저 scripts/manage migrate(또는 scripts/run)를 실행하십시오."
            ) from exc
        # The day to act on first, as the one line a script reads: for a backward period ending on a holiday,
        # the working day before it (the warning below says why).
        self.stdout.write((result.suggested or result.date).isoformat())
        self.stdout.write(result.explanation)
        if result.warning:
            self.stdout.write(result.warning)


def _parse_days(value: str | int) -> int:
    text = str(value).strip()
    if not text.lstrip("-").isdigit():
        raise ValueError("기간 " + josa(f"'{value}'", "은/는") + " 정수(일)여야 합니다.")
    return int(text)
