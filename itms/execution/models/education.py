"""교육 (a17.4): the 정보기획담당관's training on project-management methods, with attendance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import Audience


class Training(PrimaryModel):
    title = models.CharField(_("교육명"), max_length=200)
    held_on = models.DateField(_("교육일"))
    audience = models.CharField(_("대상"), max_length=20, choices=Audience.choices, default=Audience.BOTH)
    topics = models.TextField(
        _("교육 내용"), help_text=_("정보화사업관리방법: 사업관리 절차, 산출물, 진도·품질관리, 검사·인계")
    )
    instructor = models.CharField(_("강사"), max_length=100, blank=True)
    hours = models.PositiveSmallIntegerField(_("시간"), default=2)
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("대상 사업"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    restrict_scopes = {
        "attended": lambda user, units: Q(pk__in=TrainingAttendance.objects.filter(user=user).values("training_id"))
    }

    class Meta:
        verbose_name = _("사업관리 교육")
        verbose_name_plural = _("사업관리 교육")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class TrainingAttendance(PrimaryModel):
    training = models.ForeignKey(Training, verbose_name=_("교육"), on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("대상자"), on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(_("참석"), default=False)
    note = models.CharField(_("비고"), max_length=200, blank=True)

    restrict_scopes = {"self": lambda user, units: Q(user=user)}

    class Meta:
        verbose_name = _("교육 참석")
        verbose_name_plural = _("교육 참석")
        ordering = ["training", "user__name"]
        constraints = [models.UniqueConstraint(fields=["training", "user"], name="training_attendance_once")]

    def __str__(self) -> str:
        return f"{self.training} — {self.user}"
