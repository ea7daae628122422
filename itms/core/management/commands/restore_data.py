from pathlib import Path

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from itms.core.backup import BackupError, Database, restore


class Command(BaseCommand):
    help = (
        "backup_data가 만든 백업 파일을 데이터베이스와 첨부파일 폴더에 되살리고, 표마다 행 수와 내용 해시를 "
        "백업 때와 비교한 뒤 감사 체인을 검증합니다 (모두 일치하면 0, 아니면 1). 서비스를 멈춘 뒤 실행하십시오."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="itms-backup-….tar.gz")
        parser.add_argument(
            "--database-url",
            default=None,
            help="복원할 데이터베이스 (기본: 설정된 DATABASE_URL). PostgreSQL은 미리 만든 빈 DB",
        )
        parser.add_argument("--media-root", type=Path, default=None, help="첨부파일 폴더 (기본: MEDIA_ROOT)")
        parser.add_argument(
            "--force",
            action="store_true",
            help="자료가 있는 대상에 덮어씁니다 (기존 첨부파일 폴더는 <폴더>.before-restore-<시각>으로 옮겨 둡니다)",
        )

    def handle(self, *args, archive, database_url, media_root, force, **options):
        database = Database.from_url(database_url) if database_url else None
        try:
            result = restore(archive=archive, database=database, media_root=media_root, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # What the cache kept (rule readings, users' roles) was read from the data this replaced.
        cache.clear()
        for mismatch in result.mismatches:
            self.stderr.write(mismatch)
        if not result.ok:
            self.stderr.write(result.summary)
            raise SystemExit(1)
        self.stdout.write(result.summary)
