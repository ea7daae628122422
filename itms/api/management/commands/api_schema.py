"""manage.py api_schema: write this release's OpenAPI schema to its file, so no one waits for it on API 문서."""

import time

from django.core.management.base import BaseCommand

from itms.api.schema import cache_file, write_schema


class Command(BaseCommand):
    help = "API 문서(OpenAPI 스키마)를 이 판에 맞게 미리 만들어 둡니다. 이미 있으면 그대로 둡니다 (--force: 다시 만듦)."
    # Run before every start (scripts/run): the server runs the checks itself.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="있어도 다시 만듦")

    def handle(self, *args, force, **options):
        target = cache_file()
        if target.exists() and not force:
            self.stdout.write(f"API 문서: 이 판의 스키마가 이미 있습니다 ({target.name}).")
            return
        started = time.perf_counter()
        target = write_schema()
        seconds = time.perf_counter() - started
        self.stdout.write(f"API 문서: 스키마를 만들었습니다 ({target.name}, {seconds:.1f}초).")
