"""지능정보화책임관의 조치 요구 (a3.4): the CIO asks bureau and agency heads for a measure."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.core.errors import Refused
from itms.core.models import PrimaryModel

from ..error_codes import GovernanceErrors as E


class CIORequest(PrimaryModel):
    title = models.CharField(_("요구 사항"), max_length=200)
    content = models.TextField(_("요구 내용"))
    due_date = models.DateField(_("조치 기한"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("요구자"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("요구일시"), auto_now_add=True)
    recipients = models.ManyToManyField(
        OrgUnit, through="CIORequestRecipient", verbose_name=_("받는 부서·기관"), related_name="cio_requests"
    )

    class Meta:
        verbose_name = _("지능정보화책임관 조치 요구")
        verbose_name_plural = _("지능정보화책임관 조치 요구")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return self.title


class CIORequestRecipient(PrimaryModel):
    """One addressee (국·실 or 소속·산하기관) and its answer; an open one is an obligation of its head."""

    request = models.ForeignKey(
        CIORequest, verbose_name=_("조치 요구"), on_delete=models.CASCADE, related_name="recipient_rows"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("받는 부서·기관"), on_delete=models.PROTECT, related_name="+")
    response = models.TextField(_("조치 결과"), blank=True)
    special_reason = models.TextField(_("따르지 못하는 특별한 사유"), blank=True, help_text=_("제3조제4항 후단"))
    responded_at = models.DateTimeField(_("회신일시"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("회신자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("조치 요구 수신")
        verbose_name_plural = _("조치 요구 수신")
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="cio_request_unit_once")]

    def __str__(self) -> str:
        return f"{self.request} → {self.unit}"

    def clean(self) -> None:
        if self.responded_at and not (self.response.strip() or self.special_reason.strip()):
            raise Refused(E.CIO_ANSWER_EMPTY)
