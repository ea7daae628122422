from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "itms.accounts"
    verbose_name = "조직·사용자"

    def ready(self) -> None:
        from . import signals

        signals.connect()
        signals.log_device_changes()
