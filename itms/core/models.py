"""Base models every record type builds on."""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .querysets import RestrictedQuerySet


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)
    updated_at = models.DateTimeField(_("수정일시"), auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    # Named scopes → Q, used by RestrictedQuerySet.restrict(); see itms.accounts.policy.
    restrict_scopes: dict = {}

    class Meta:
        abstract = True


class PrimaryModel(BaseModel):
    """A record with its own pages (list/detail/edit/delete/history) and API endpoint."""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        try:
            return reverse(self.url_name("detail"), kwargs={"pk": self.pk})
        except NoReverseMatch:
            return ""

    def url_name(self, action: str) -> str:
        return f"{self._meta.app_label}:{self._meta.model_name}_{action}"
