"""Break-glass: lift the login lockout of accounts from the server's command line.

For when nobody who could unlock through the pages can sign in (e.g. both the system administrator and the
superuser are locked). Each unlock is a chained ACCOUNT_UNLOCKED event whose actor is "(명령행)"; the
operating-system account that ran the command is in the payload.
"""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from itms.accounts import actions
from itms.accounts.models import User


class Command(BaseCommand):
    help = "로그인 실패로 잠긴 계정의 잠금을 서버에서 해제합니다 (관리자가 모두 잠겼을 때). 감사 체인에 기록됩니다."

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", metavar="USERNAME", help="잠금을 해제할 계정의 아이디")

    def handle(self, *args, usernames: list[str], **options):
        users = {user.username: user for user in User.objects.filter(username__in=usernames)}
        missing = [name for name in usernames if name not in users]
        if missing:
            raise CommandError(f"그런 아이디가 없습니다: {', '.join(missing)}")
        with transaction.atomic():
            for name in dict.fromkeys(usernames):
                removed = actions.unlock_user(actor=None, user=users[name], os_user=_os_user())
                state = "" if removed else " (잠겨 있지 않았습니다)"
                self.stdout.write(f"{users[name]} 계정의 잠금을 해제했습니다{state}.")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for the process's uid (e.g. in a container)
        return ""
