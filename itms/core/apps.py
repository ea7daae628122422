from importlib import import_module

from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.utils.module_loading import module_has_submodule

# The modules an ITMS app may have that fill a registry when imported, in the order they are imported at
# start-up (every app's first module, then every app's second …). Nothing else imports them for their side
# effects: this is the one discovery path (docs/architecture.md §1 "Discovery").
DISCOVERED_MODULES = (
    "error_codes",  # ERROR_CODES (itms.core.errors): coded refusals, which the modules below refer to
    "access",  # RULES (itms.accounts.policy): allow(role, actions, models, scope)
    "obligations",  # OBLIGATION_TYPES (itms.regulation.obligations)
    "workflows",  # WORKFLOW_MODELS and AFTER_TRANSITION (itms.regulation.workflows)
    "stage",  # STAGE_SOURCES (itms.projects.stage): what each chapter's records prove of a project's stage
    "objects",  # REGISTRY (itms.core.registry) and the menu's EXTRA_ITEMS (itms.core.menu)
    "decisions",  # RESOLUTION_HANDLERS (itms.governance.actions.votes): what a resolution does to its subject
    "spine",  # PROVIDERS (itms.projects.spine): each chapter's steps on the project page
    "calendar_sources",  # CALENDAR_SOURCES (itms.core.calendar_sources): the deadline calendar's events
    "similarity",  # SOURCES and REVIEWS (itms.similarity.sources): texts in the duplicate search, reviews showing it
    "features",  # FEATURES (itms.regulation.citations); CITED fills as the modules above cite clauses
    "checks",  # Django system checks (regulation: every cited clause id exists)
)


def discover() -> None:
    """Import each ITMS app's registering modules (DISCOVERED_MODULES), module name by module name."""
    itms_apps = [config for config in apps.get_app_configs() if config.name.startswith("itms.")]
    for name in DISCOVERED_MODULES:
        for config in itms_apps:
            if module_has_submodule(config.module, name):
                import_module(f"{config.name}.{name}")


class CoreConfig(AppConfig):
    name = "itms.core"
    verbose_name = "공통"

    def ready(self) -> None:
        discover()


class ItmsAdminConfig(admin_apps.AdminConfig):
    default = False  # named explicitly in INSTALLED_APPS
    default_site = "itms.core.admin.SuperuserAdminSite"
