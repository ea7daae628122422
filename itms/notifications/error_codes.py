"""Refusals of the inbox."""

from itms.core.errors import Code, ErrorCodes


class NotificationErrors(ErrorCodes):
    namespace = "notifications"
    NOT_YOURS = Code("", "다른 사람의 알림은 읽음으로 표시할 수 없습니다.", status=403)
