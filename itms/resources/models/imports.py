"""An import of assets from a spreadsheet, run as a background job: validated first, then saved all or nothing."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import User
from itms.core.models import PrimaryModel

from ..choices import ImportStatus


class AssetImportJob(PrimaryModel):
    """정보자산 가져오기 작업: the file, where the job is, and what it found (per-row Korean errors)."""

    created_by = models.ForeignKey(User, verbose_name=_("요청자"), on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("파일"), upload_to="imports/assets/%Y/%m/")
    filename = models.CharField(_("파일명"), max_length=255)
    size = models.PositiveBigIntegerField(_("크기(바이트)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("진행 상태"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total_rows = models.PositiveIntegerField(_("전체 행 수"), default=0)
    processed_rows = models.PositiveIntegerField(_("처리한 행 수"), default=0)
    created_count = models.PositiveIntegerField(_("등록한 자산 수"), default=0)
    error_count = models.PositiveIntegerField(_("오류 수"), default=0)
    errors = models.JSONField(_("오류"), default=list, blank=True)
    preview = models.JSONField(_("미리보기"), default=dict, blank=True)
    message = models.CharField(_("메시지"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("시작 일시"), null=True, blank=True)
    finished_at = models.DateTimeField(_("끝난 일시"), null=True, blank=True)

    restrict_scopes = {"self": lambda user, units: Q(created_by=user)}

    class Meta:
        verbose_name = _("정보자산 가져오기")
        verbose_name_plural = _("정보자산 가져오기")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status in (ImportStatus.DONE, ImportStatus.READY, ImportStatus.INVALID, ImportStatus.FAILED):
            return 100
        if not self.total_rows:
            return 0
        return min(99, int(self.processed_rows * 100 / self.total_rows))

    @property
    def is_running(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.IMPORTING)
