import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from itms.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "데이터베이스(SQLite: 온라인 백업 API, PostgreSQL: pg_dump -Fc)와 첨부파일 폴더를 "
        "시각이 붙은 백업 파일 하나(itms-backup-YYYYMMDD-HHMMSS.tar.gz)로 만듭니다."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="백업 파일을 둘 폴더 (기본: ITMS_BACKUP_DIR 또는 <ITMS_DATA_DIR>/backups)",
        )

    def handle(self, *args, output, **options):
        output = output or Path(os.environ.get("ITMS_BACKUP_DIR") or Path(settings.DATA_DIR) / "backups")
        try:
            result = backup(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(result.summary)
        self.stdout.write(str(result.archive))
