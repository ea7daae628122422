"""The IT service desk (a26.3, ISO/IEC 20000-1 incident and service-request management): incidents with severity,
start, detection and restoration times, cause and recurrence; service requests with due dates; planned maintenance
windows, which are not outages. Service levels are computed from these records (``sla.py``, ``actions/sla.py``)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.core.errors import Refused
from itms.core.formats import format_date
from itms.core.korean import josa
from itms.core.models import PrimaryModel
from itms.resources.models import InformationSystem, MaintenanceContract

from ..choices import IncidentCause, Severity
from ..error_codes import OperationsErrors as E
from .scopes import by_system


def _when(value: dt.datetime) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local.date())} {local:%H:%M}"


def covering_contract(system: InformationSystem, on: dt.date) -> MaintenanceContract | None:
    """The maintenance contract covering the system on that day (a24.3)."""
    return (
        MaintenanceContract.objects.filter(systems=system, starts_on__lte=on, ends_on__gte=on)
        .order_by("-starts_on")
        .first()
    )


class Incident(PrimaryModel):
    number = models.CharField(_("장애번호"), max_length=40, unique=True)
    system = models.ForeignKey(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.PROTECT, related_name="incidents"
    )
    contract = models.ForeignKey(
        MaintenanceContract,
        verbose_name=_("유지관리 계약"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
        help_text=_("비워 두면 발생일에 이 시스템을 대상으로 하는 계약을 찾아 넣습니다"),
    )
    title = models.CharField(_("장애 내용"), max_length=200)
    severity = models.CharField(_("장애 등급"), max_length=2, choices=Severity.choices)
    started_at = models.DateTimeField(_("발생 일시"))
    detected_at = models.DateTimeField(_("인지 일시"), null=True, blank=True)
    restored_at = models.DateTimeField(_("복구 일시"), null=True, blank=True)
    service_down = models.BooleanField(
        _("서비스 중단"), default=True, help_text=_("서비스가 멈춘 장애만 비계획 장애시간으로 가용률에 들어갑니다")
    )
    cause = models.CharField(
        _("원인 분류"), max_length=20, choices=IncidentCause.choices, default=IncidentCause.UNKNOWN
    )
    cause_detail = models.TextField(_("원인·조치 내용"), blank=True)
    recurrence_of = models.ForeignKey(
        "self",
        verbose_name=_("재발 원장애"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recurrences",
    )
    is_major = models.BooleanField(
        _("중대 장애"),
        default=False,
        help_text=_("행정안전부에 지체 없이 알리고 복구 후 1개월 안에 분석 결과를 냅니다 (전자정부법 제56조의5)"),
    )

    analysis_submitted_on = models.DateField(
        _("분석 결과 제출일"), null=True, blank=True, help_text=_("중대 장애의 원인 분석 결과를 행정안전부에 낸 날")
    )

    restrict_scopes = by_system()

    class Meta:
        verbose_name = _("장애")
        verbose_name_plural = _("장애")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["system", "started_at"], name="incident_system_started"),
            # The list's order and its keyset (started_at, id): the first page of 50,000 was a sort of all.
            models.Index(fields=["started_at", "id"], name="incident_list_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def downtime(self) -> dt.timedelta | None:
        return self.restored_at - self.started_at if self.restored_at else None

    def clean(self) -> None:
        if self.started_at and self.restored_at and self.restored_at < self.started_at:
            raise Refused(
                E.RESTORED_BEFORE_START,
                field="restored_at",
                restored=_when(self.restored_at),
                started=_when(self.started_at),
            )
        if self.started_at and self.detected_at and self.detected_at < self.started_at:
            raise Refused(
                E.DETECTED_BEFORE_START,
                field="detected_at",
                detected=_when(self.detected_at),
                started=_when(self.started_at),
            )
        if self.recurrence_of_id:
            first = self.recurrence_of
            if (
                first.pk == self.pk
                or first.system_id != self.system_id
                or (self.started_at and first.started_at >= self.started_at)
            ):
                raise Refused(E.RECURRENCE_SELF, field="recurrence_of")

    def save(self, *args, **kwargs):
        if self.contract_id is None and self.system_id and self.started_at:
            self.contract = covering_contract(self.system, timezone.localtime(self.started_at).date())
        super().save(*args, **kwargs)


class ServiceRequest(PrimaryModel):
    number = models.CharField(_("요청번호"), max_length=40, unique=True)
    system = models.ForeignKey(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.PROTECT, related_name="service_requests"
    )
    contract = models.ForeignKey(
        MaintenanceContract,
        verbose_name=_("유지관리 계약"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    title = models.CharField(_("요청 내용"), max_length=200)
    requester = models.CharField(_("요청자"), max_length=100, blank=True)
    requested_at = models.DateTimeField(_("접수 일시"))
    due_at = models.DateTimeField(_("처리 기한"))
    completed_at = models.DateTimeField(_("완료 일시"), null=True, blank=True)

    restrict_scopes = by_system()

    class Meta:
        verbose_name = _("서비스 요청")
        verbose_name_plural = _("서비스 요청")
        ordering = ["-requested_at"]
        indexes = [
            models.Index(fields=["system", "due_at"], name="sr_system_due"),
            models.Index(fields=["requested_at", "id"], name="sr_list_order"),  # the list's order and keyset
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def on_time(self) -> bool | None:
        return None if self.completed_at is None else self.completed_at <= self.due_at

    def clean(self) -> None:
        if self.requested_at and self.due_at and self.due_at < self.requested_at:
            raise Refused(E.REQUEST_DUE, field="due_at")
        if self.requested_at and self.completed_at and self.completed_at < self.requested_at:
            raise Refused(E.REQUEST_DONE, field="completed_at")

    def save(self, *args, **kwargs):
        if self.contract_id is None and self.system_id and self.requested_at:
            self.contract = covering_contract(self.system, timezone.localtime(self.requested_at).date())
        super().save(*args, **kwargs)


class MaintenanceWindow(PrimaryModel):
    """계획된 작업 시간: announced in advance, not counted as an outage and taken out of the planned service hours."""

    system = models.ForeignKey(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.PROTECT, related_name="maintenance_windows"
    )
    title = models.CharField(_("작업 내용"), max_length=200)
    starts_at = models.DateTimeField(_("작업 시작 일시"))
    ends_at = models.DateTimeField(_("작업 종료 일시"))

    restrict_scopes = by_system()

    class Meta:
        verbose_name = _("계획 작업")
        verbose_name_plural = _("계획 작업")
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.system} · {self.title}"

    def clean(self) -> None:
        if not (self.starts_at and self.ends_at and self.system_id):
            return
        if self.ends_at <= self.starts_at:
            raise Refused(E.WINDOW_ORDER, field="ends_at")
        other = (
            MaintenanceWindow.objects.filter(
                system_id=self.system_id, starts_at__lt=self.ends_at, ends_at__gt=self.starts_at
            )
            .exclude(pk=self.pk)
            .order_by("starts_at")
            .first()
        )
        if other is not None:
            raise Refused(
                E.WINDOW_OVERLAP,
                field="starts_at",
                system=self.system.name,
                start=_when(other.starts_at),
                end=_when(other.ends_at),
                title=josa(f"'{other.title}'", "이/가"),
            )
