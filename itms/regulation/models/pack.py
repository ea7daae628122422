"""Rule packs: a version of the directive with its clause tree (and, later, its parameters)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel
from itms.core.querysets import RestrictedQuerySet


class RulePackQuerySet(RestrictedQuerySet):
    def in_force_on(self, on: dt.date) -> RulePackQuerySet:
        return self.filter(Q(repealed_on__isnull=True) | Q(repealed_on__gt=on), effective_from__lte=on)


class RulePack(PrimaryModel):
    """훈령의 한 판(版): 훈령 번호, 시행일, 폐지일. Decisions record the pack they used."""

    number = models.PositiveIntegerField(_("훈령 번호"), unique=True)
    title = models.CharField(_("제명"), max_length=200)
    issued_on = models.DateField(_("발령일"))
    effective_from = models.DateField(_("시행일"))
    repealed_on = models.DateField(_("폐지일"), null=True, blank=True)
    source_text = models.TextField(_("원문"))
    amendments = models.JSONField(_("개정 연혁"), default=list, blank=True)

    objects = RulePackQuerySet.as_manager()

    class Meta:
        verbose_name = _("규정 버전")
        verbose_name_plural = _("규정 버전")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.title} (훈령 제{self.number}호)"

    @property
    def version_label(self) -> str:
        return f"훈령 제{self.number}호"


class ClauseLevel(models.TextChoices):
    ARTICLE = "article", _("조")
    PARAGRAPH = "paragraph", _("항")
    ITEM = "item", _("호")


class Clause(models.Model):
    pack = models.ForeignKey(RulePack, verbose_name=_("규정 버전"), on_delete=models.CASCADE, related_name="clauses")
    clause_id = models.CharField(_("조항 ID"), max_length=20)
    label = models.CharField(_("조항"), max_length=40)
    title = models.CharField(_("조 제목"), max_length=100, blank=True)
    text = models.TextField(_("조문"))
    level = models.CharField(_("단위"), max_length=10, choices=ClauseLevel.choices)
    chapter = models.PositiveSmallIntegerField(_("장"))
    chapter_title = models.CharField(_("장 제목"), max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(_("순서"))

    class Meta:
        verbose_name = _("조항")
        verbose_name_plural = _("조항")
        ordering = ["pack", "position"]
        constraints = [models.UniqueConstraint(fields=["pack", "clause_id"], name="clause_unique_in_pack")]

    def __str__(self) -> str:
        return f"{self.label} ({self.clause_id})"
