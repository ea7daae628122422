"""Authentication by username/password; authorisation from roles only (deny by default)."""

from django.apps import apps
from django.contrib.auth.backends import ModelBackend

from .directory import roles_of
from .policy import RULES


class RoleBackend(ModelBackend):
    def get_user_permissions(self, user_obj, obj=None):
        return set()  # no per-user grants: rights come from positions

    def get_group_permissions(self, user_obj, obj=None):
        return set()  # Django groups are not used

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        cache = user_obj.__dict__.get("_itms_perms")
        if cache is None:
            if user_obj.is_superuser:
                cache = {f"{ct.app_label}.{codename}" for ct, codename in _all_permissions()}
            else:
                roles = {g.role for g in roles_of(user_obj)}
                cache = {rule.permission for rule in RULES if rule.role in roles}
            user_obj.__dict__["_itms_perms"] = cache
        return cache

    def has_perm(self, user_obj, perm, obj=None):
        if not user_obj.is_active:
            return False
        if user_obj.is_superuser:
            return True
        if perm not in self.get_all_permissions(user_obj):
            return False
        if obj is None:
            return True
        action = perm.split(".", 1)[1].split("_", 1)[0]
        manager = type(obj)._default_manager
        if not hasattr(manager, "restrict"):
            return True
        return manager.restrict(user_obj, action).filter(pk=obj.pk).exists()

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and user_obj.is_superuser


def _all_permissions():
    for model in apps.get_models():
        for action in model._meta.default_permissions:
            yield model._meta, f"{action}_{model._meta.model_name}"
