"""Administrator-edited corrections to the holiday calendar (임시공휴일, cancelled holidays).

「관공서의 공휴일에 관한 규정」 lets the Cabinet add ad-hoc days (임시공휴일) that no library can
predict; the legal calendar (itms.regulation.legal_calendar) adds "added" days and drops "removed"
days before counting periods under 민법 제157조·제161조.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from itms.core.formats import format_date
from itms.core.korean import josa
from itms.core.querysets import RestrictedQuerySet

_SHORT_KIND = {"added": "추가", "removed": "제외"}


class CalendarException(models.Model):
    """One day added to or removed from the 공휴일 of the ``holidays`` package."""

    class Kind(models.TextChoices):
        ADDED = "added", _("임시공휴일 등 추가 휴일")
        REMOVED = "removed", _("공휴일에서 제외")

    date = models.DateField(_("날짜"), unique=True)
    kind = models.CharField(_("구분"), max_length=10, choices=Kind.choices, default=Kind.ADDED)
    name = models.CharField(_("명칭"), max_length=100, help_text=_("예: 임시공휴일"))
    reason = models.CharField(_("사유"), max_length=200, blank=True, help_text=_("예: 국무회의 의결"))
    created_at = models.DateTimeField(_("등록일시"), auto_now_add=True)

    # Scoped like every registered type (its pages and API read through restrict()).
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("휴일 예외")
        verbose_name_plural = _("휴일 예외")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{format_date(self.date)} {self.name} ({_SHORT_KIND.get(self.kind, self.kind)})"

    def get_absolute_url(self) -> str:
        return reverse("regulation:calendarexception_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if not isinstance(self.date, dt.date):
            return  # clean_fields has already reported a missing or malformed date
        from itms.regulation.legal_calendar import package_holiday_name

        if self.kind == self.Kind.REMOVED:
            # A Sunday is a 공휴일 by the 규정 itself; only a listed holiday can be taken out.
            if self.date.weekday() == 6:
                raise ValidationError({"date": _("일요일은 공휴일에서 제외할 수 없습니다.")})
            if package_holiday_name(self.date) is None:
                raise ValidationError(
                    {
                        "date": _("%(date)s 공휴일이 아니므로 제외할 수 없습니다.")
                        % {"date": josa(format_date(self.date), "은/는")}
                    }
                )
        elif self.kind == self.Kind.ADDED and package_holiday_name(self.date):
            raise ValidationError(
                {
                    "date": _("%(date)s 이미 공휴일(%(name)s)입니다.")
                    % {"date": josa(format_date(self.date), "은/는"), "name": package_holiday_name(self.date)}
                }
            )


def _clear_legal_calendar_cache(**kwargs: object) -> None:
    # Cache invalidation only: the legal calendar caches this table per process.
    from itms.regulation.legal_calendar import clear_cache

    clear_cache()
    # Also after commit, so a load made inside the saving transaction is not kept afterwards.
    transaction.on_commit(clear_cache, robust=True)


post_save.connect(_clear_legal_calendar_cache, sender=CalendarException, dispatch_uid="calendar_exception_saved")
post_delete.connect(_clear_legal_calendar_cache, sender=CalendarException, dispatch_uid="calendar_exception_deleted")
