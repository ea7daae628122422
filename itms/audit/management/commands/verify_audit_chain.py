from django.core.management.base import BaseCommand

from itms.audit.chain import verify_chain


class Command(BaseCommand):
    help = "법정 이벤트 감사 체인의 해시 연결을 처음부터 끝까지 검증합니다 (정상 0, 손상 1)."

    def handle(self, *args, **options):
        result = verify_chain()
        if result.ok:
            self.stdout.write(result.message)
            return
        self.stderr.write(result.message)
        raise SystemExit(1)
