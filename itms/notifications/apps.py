from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "itms.notifications"
    verbose_name = "알림"
