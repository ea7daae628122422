from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "itms.core"
    verbose_name = "공통"

    def ready(self) -> None:
        # Each app declares its access rules (access.py) and its record types (objects.py).
        autodiscover_modules("access")
        autodiscover_modules("obligations")
        autodiscover_modules("objects")


class ItmsAdminConfig(admin_apps.AdminConfig):
    default = False  # named explicitly in INSTALLED_APPS
    default_site = "itms.core.admin.SuperuserAdminSite"
