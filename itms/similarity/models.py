"""The similarity service's own records: the administrators' synonym list, the reviewers' judgements, the index.

The index (``IndexEntry``) is derived data: every row can be rebuilt from the registered sources
(``manage.py rebuild_similarity_index``), so it stays out of the change log (config/settings.py).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import BaseModel, PrimaryModel

VARIANT_SPLIT = re.compile(r"\s*[=,\n;]\s*")


class SynonymGroup(PrimaryModel):
    """동의어·약어 묶음: every variant is read as the representative term (e.g. UNI-PASS = 유니패스)."""

    term = models.CharField(_("대표어"), max_length=100, unique=True)
    variants = models.TextField(
        _("같은 뜻의 말"),
        help_text=_("쉼표(,)나 줄바꿈으로 나눕니다. 예: UNI-PASS, 유니패스, 전자통관시스템"),
    )
    note = models.CharField(_("비고"), max_length=200, blank=True)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("동의어·약어")
        verbose_name_plural = _("동의어·약어")
        ordering = ["term"]

    def __str__(self) -> str:
        return self.term

    def variant_list(self) -> list[str]:
        seen, result = set(), []
        for part in VARIANT_SPLIT.split(self.variants or ""):
            part = part.strip()
            if part and part.casefold() != self.term.strip().casefold() and part.casefold() not in seen:
                seen.add(part.casefold())
                result.append(part)
        return result

    def clean(self) -> None:
        self.term = (self.term or "").strip()
        if len(self.term) < 2:
            raise ValidationError({"term": _("대표어는 두 글자 이상이어야 합니다.")})
        short = [v for v in self.variant_list() if len(v) < 2]
        if short:
            raise ValidationError(
                {"variants": _("한 글자 말은 다른 낱말 속에서도 잡히므로 넣을 수 없습니다: %s") % ", ".join(short)}
            )
        if not self.variant_list():
            raise ValidationError({"variants": _("대표어와 다른 말을 하나 이상 적으십시오.")})


class Verdict(models.TextChoices):
    DUPLICATE = "duplicate", _("중복")
    PARTIAL = "partial", _("일부 중복")
    UNRELATED = "unrelated", _("무관")


class SimilarityJudgement(BaseModel):
    """A reviewer's judgement of one suggestion on one review record (a8.2, a8.6.2, a9.2, a25.2)."""

    review_type = models.ForeignKey(
        ContentType, verbose_name=_("검토 자료 종류"), on_delete=models.PROTECT, related_name="+"
    )
    review_id = models.PositiveBigIntegerField(_("검토 자료 번호"))
    review = GenericForeignKey("review_type", "review_id")
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("제시된 자료 종류"), on_delete=models.PROTECT, related_name="+"
    )
    target_id = models.PositiveBigIntegerField(_("제시된 자료 번호"))
    target = GenericForeignKey("target_type", "target_id")
    target_title = models.CharField(_("제시된 자료"), max_length=300)
    verdict = models.CharField(_("판단"), max_length=20, choices=Verdict.choices)
    score = models.FloatField(_("유사도"), null=True, blank=True)
    note = models.CharField(_("의견"), max_length=500, blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("판단한 사람"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("중복 판단")
        verbose_name_plural = _("중복 판단")
        ordering = ["review_type", "review_id", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["review_type", "review_id", "target_type", "target_id"], name="judgement_once_per_suggestion"
            )
        ]
        indexes = [models.Index(fields=["review_type", "review_id"], name="judgement_review")]

    def __str__(self) -> str:
        return f"{self.target_title}: {self.get_verdict_display()}"


class IndexEntry(models.Model):
    """One searchable text: the record it comes from, what the filters read, and its analysed terms."""

    kind = models.CharField(_("종류"), max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("제목"), max_length=300)
    text = models.TextField(_("내용"))
    terms = models.TextField(_("분석된 낱말"))
    org_id = models.PositiveBigIntegerField(_("기관"), null=True, blank=True)
    org_name = models.CharField(_("기관명"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("연도"), null=True, blank=True)
    status = models.CharField(_("상태"), max_length=100, blank=True)
    indexed_at = models.DateTimeField(_("색인일시"), auto_now=True)

    class Meta:
        verbose_name = _("유사도 색인")
        verbose_name_plural = _("유사도 색인")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="index_entry_once")]

    def __str__(self) -> str:
        return self.title


class IndexState(models.Model):
    """One row: a token that changes whenever the index changes, so each process knows to reload its matrix."""

    token = models.CharField(max_length=32)
    synonyms_token = models.CharField(max_length=32, blank=True)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"유사도 색인 {self.token[:8]}"
