"""manage.py rebuild_similarity_index: analyse every registered text again (after a synonym or model change)."""

import time

from django.core.management.base import BaseCommand

from itms.similarity import index, sources


class Command(BaseCommand):
    help = "중복 검토용 유사도 색인을 처음부터 다시 만듭니다 (등록된 모든 자료를 다시 분석)."

    def add_arguments(self, parser):
        parser.add_argument("--source", action="append", choices=sorted(sources.SOURCES), help="이 자료 종류만")

    def handle(self, *args, source=None, **options):
        started = time.perf_counter()

        def progress(src, count):
            self.stdout.write(f"  {src.verbose_name}: 누적 {count:,}건")

        count = index.rebuild(labels=source, progress=progress)
        self.stdout.write(f"유사도 색인 {count:,}건을 {time.perf_counter() - started:.1f}초에 만들었습니다.")
