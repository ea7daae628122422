"""Obligations: every deadline the directive creates, one row each.

Opened and closed only through ``itms.regulation.obligations`` (which workflow
effects call). "Due soon" and "overdue" are not stored: they follow from the
due date and the day asked about, so they can never be stale.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.accounts.roles import ROLE_INFO, Role
from itms.core.models import PrimaryModel
from itms.core.querysets import RestrictedQuerySet


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("진행 중")
    MET = "met", _("이행")
    WAIVED = "waived", _("면제")


class DisplayStatus(models.TextChoices):
    """What a person sees: an open obligation is also 'due soon' or 'overdue' depending on the day."""

    OPEN = "open", _("진행 중")
    DUE_SOON = "due_soon", _("기한 임박")
    OVERDUE = "overdue", _("기한 경과")
    MET = "met", _("이행")
    MET_LATE = "met_late", _("기한 후 이행")
    WAIVED = "waived", _("면제")


class ObligationQuerySet(RestrictedQuerySet):
    def open(self) -> ObligationQuerySet:
        return self.filter(status=ObligationStatus.OPEN)

    def overdue(self, today: dt.date | None = None) -> ObligationQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def due_soon(self, today: dt.date | None = None) -> ObligationQuerySet:
        from itms.regulation.legal_calendar import add_working_days
        from itms.regulation.rules import param

        today = today or timezone.localdate()
        # The same rule as display_status(): at most N working days left, so a deadline on the weekend or
        # holiday right after the Nth working day is due soon too (hence "before the (N+1)th").
        limit = add_working_days(today, int(param("due_soon_working_days", today).value) + 1)
        return self.open().filter(due_date__gte=today, due_date__lt=limit)

    def owed_by(self, user) -> ObligationQuerySet:
        """The obligations the user owes: addressed to them, or to a role they hold (in its unit)."""
        return self.filter(owed_by_condition(user))


def owed_by_condition(user) -> Q:
    from itms.accounts.directory import roles_of

    condition = Q(owed_by_user=user)
    for grant in roles_of(user):
        if grant.role in (Role.STAFF, Role.VENDOR, Role.EXTERNAL_EXPERT):
            continue  # nobody owes a duty merely for being an official
        if ROLE_INFO[grant.role].per_unit:
            condition |= Q(owed_by_role=grant.role, owed_by_unit_id=grant.unit_id)
        else:
            condition |= Q(owed_by_role=grant.role)
    return condition


def _owed(user, units):
    return owed_by_condition(user)


def _own_unit(user, units):
    return Q(owed_by_unit_id__in=units) | Q(owed_to_unit_id__in=units)


class Obligation(PrimaryModel):
    kind = models.CharField(_("의무 종류"), max_length=60, db_index=True)
    title = models.CharField(_("내용"), max_length=300)
    clause_ids = models.JSONField(_("근거 조항"), default=list)
    # The object the obligation is about (an impact review, a meeting, a plan …).
    subject_type = models.ForeignKey(
        ContentType, verbose_name=_("대상 종류"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(_("대상 ID"), null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    subject_repr = models.CharField(_("대상"), max_length=300, blank=True)
    # Distinguishes several obligations of one kind on one subject (e.g. one per IT department).
    key = models.CharField(_("구분 키"), max_length=100, blank=True)
    owed_by_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("의무 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations_owed",
    )
    owed_by_role = models.CharField(_("의무 역할"), max_length=40, choices=Role.choices, blank=True)
    owed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("의무자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations_owed",
    )
    owed_to_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("상대 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations_owed_to",
    )
    owed_to_role = models.CharField(_("상대 역할"), max_length=40, choices=Role.choices, blank=True)
    start_date = models.DateField(_("기산일"), null=True, blank=True, help_text=_("접수일·회의일 등 기한의 기준일"))
    due_date = models.DateField(_("기한"), db_index=True)
    due_explanation = models.TextField(_("기한 계산"), blank=True)
    computation = models.JSONField(_("계산 근거"), default=dict, blank=True)
    pack_version = models.CharField(_("규정 버전"), max_length=40, blank=True)
    status = models.CharField(
        _("상태"), max_length=10, choices=ObligationStatus.choices, default=ObligationStatus.OPEN, db_index=True
    )
    opened_at = models.DateTimeField(_("발생일시"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("발생시킨 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("종결일시"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("종결한 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    close_note = models.CharField(_("이행 내용·면제 사유"), max_length=500, blank=True)

    objects = ObligationQuerySet.as_manager()
    restrict_scopes = {"owed": _owed, "own_unit": _own_unit}

    class Meta:
        verbose_name = _("법정 기한")
        verbose_name_plural = _("법정 기한")
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="obligation_status_due"),
            # The list's order (due date, then id): deep pages and keyset pages read it in order (issue 12).
            models.Index(fields=["due_date", "id"], name="obligation_due_id"),
            models.Index(fields=["subject_type", "subject_id"], name="obligation_subject"),
            models.Index(fields=["owed_by_role", "owed_by_unit"], name="obligation_owed_by"),
        ]
        constraints = [
            # At most one open obligation of a kind per subject and key: opening twice is idempotent.
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "key"],
                condition=Q(status="open"),
                name="obligation_one_open_per_subject",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def display_status(self, today: dt.date | None = None) -> str:
        today = today or timezone.localdate()
        if self.status == ObligationStatus.WAIVED:
            return DisplayStatus.WAIVED
        if self.status == ObligationStatus.MET:
            late = self.closed_at and timezone.localtime(self.closed_at).date() > self.due_date
            return DisplayStatus.MET_LATE if late else DisplayStatus.MET
        if self.due_date < today:
            return DisplayStatus.OVERDUE
        from itms.regulation.legal_calendar import working_days_between
        from itms.regulation.rules import param

        if working_days_between(today, self.due_date) <= int(param("due_soon_working_days", today).value):
            return DisplayStatus.DUE_SOON
        return DisplayStatus.OPEN

    def get_display_status_display(self) -> str:
        return DisplayStatus(self.display_status()).label

    @property
    def is_late(self) -> bool:
        return self.display_status() in (DisplayStatus.OVERDUE, DisplayStatus.MET_LATE)

    @property
    def owed_by_label(self) -> str:
        parts = []
        if self.owed_by_user_id:
            parts.append(str(self.owed_by_user.name))
        if self.owed_by_role:
            parts.append(str(Role(self.owed_by_role).label))  # a lazy label cannot be joined
        if self.owed_by_unit_id:
            parts.append(f"({self.owed_by_unit.name})")
        return " ".join(parts) or "—"
