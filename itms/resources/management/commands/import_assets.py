"""manage.py import_assets FILE [--dry-run] [--as USERNAME]: the screen's import, from the command line."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from itms.accounts.models import User
from itms.resources.importer import AssetImporter, FileRefused, read_table


class Command(BaseCommand):
    help = (
        "정보자산을 XLSX·CSV 파일에서 가져옵니다. 화면의 가져오기와 같은 검사를 하고, 오류가 하나라도 있으면 "
        "아무것도 저장하지 않습니다 (행·열·이유를 출력하고 종료 코드 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="XLSX 또는 CSV(UTF-8) 파일")
        parser.add_argument("--dry-run", action="store_true", help="검사만 하고 저장하지 않습니다")
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="이 사용자의 담당 범위로 검사하고 변경 이력에 남깁니다 (생략하면 범위 제한 없이 시스템 작업으로)",
        )

    def handle(self, *args, file, dry_run, username, **options):
        user = None
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"'{username}' 사용자가 없습니다.")
        started, cpu = time.perf_counter(), time.process_time()

        def progress(done: int, total: int) -> None:
            if options.get("verbosity", 1) > 1:
                self.stderr.write(f"  {done:,} / {total:,}")

        importer = AssetImporter(user=user, progress=progress)
        try:
            with open(file, "rb") as handle:
                header, rows, estimate = read_table(handle, file)
                plan = importer.check_file_rows(header, rows, estimate)
        except FileNotFoundError as error:
            raise CommandError(f"파일이 없습니다: {file}") from error
        except FileRefused as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        checked = time.perf_counter() - started
        if not plan.ok:
            for error in plan.errors:
                self.stdout.write(error.text())
            if plan.error_count > len(plan.errors):
                self.stdout.write(f"… 외 {plan.error_count - len(plan.errors):,}건")
            raise CommandError(f"오류 {plan.error_count:,}건: 아무것도 저장하지 않았습니다.")
        if dry_run:
            self.stdout.write(
                f"{plan.total:,}행 모두 검사를 통과했습니다 ({checked:.1f}초). --dry-run: 저장하지 않았습니다."
            )
            return
        created = importer.write(plan, request_id="import_assets")
        self.stdout.write(
            f"{created:,}건을 등록했습니다 (검사 {checked:.1f}초, 저장 {time.perf_counter() - started - checked:.1f}초, "
            f"CPU {time.process_time() - cpu:.1f}초)."
        )
