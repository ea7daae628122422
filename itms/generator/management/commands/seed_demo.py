from django.core.management.base import BaseCommand

from itms.accounts.demo import DEMO_PASSWORD
from itms.demo import build_demo


class Command(BaseCommand):
    help = "데모 기관(관세청·소속기관·산하기관, 부서, 직위, 역할별 사용자, 정보화사업)을 만듭니다. 여러 번 실행해도 같습니다."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD, help="새로 만드는 데모 사용자의 비밀번호")
        parser.add_argument("--quiet", action="store_true", help="로그인 목록을 출력하지 않음")

    def handle(self, *args, password, quiet, **options):
        logins = build_demo(password=password)
        if quiet:
            return
        self.stdout.write(self.style.SUCCESS("데모 기관을 준비했습니다. 로그인 (비밀번호 모두 동일):"))
        self.stdout.write(f"  비밀번호: {password}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.name}  — {login.what}")
