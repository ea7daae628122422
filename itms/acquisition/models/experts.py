"""전문가 명부 (a15.7): the 정보기획담당관's list of 50 or more IT experts, kept current and shared with the IT
departments; the pool the external evaluators are drawn from (a15.3)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import ExclusionKind


class ExpertField(PrimaryModel):
    """전문분야 (소프트웨어공학, 정보보호 …): matched against the fields an evaluation needs."""

    code = models.CharField(_("분야 코드"), max_length=20, unique=True)
    name = models.CharField(_("분야명"), max_length=50)

    class Meta:
        verbose_name = _("전문분야")
        verbose_name_plural = _("전문분야")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Expert(PrimaryModel):
    """One expert of the list. ``code`` (EXP-0001) is what the draw record shows: the names stay confidential."""

    code = models.CharField(_("명부 번호"), max_length=12, unique=True, editable=False)
    name = models.CharField(_("성명"), max_length=50)
    user = models.OneToOneField(
        "accounts.User",
        verbose_name=_("로그인 계정"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="expert_profile",
        limit_choices_to={"kind": "expert"},
        help_text=_("평가위원으로 채점할 때 쓰는 외부 전문가 계정"),
    )
    affiliation = models.CharField(_("소속"), max_length=100)
    title = models.CharField(_("직위·자격"), max_length=100, blank=True)
    specialties = models.ManyToManyField(ExpertField, verbose_name=_("전문분야"), related_name="experts")
    email = models.EmailField(_("전자우편"), blank=True)
    phone = models.CharField(_("전화번호"), max_length=30, blank=True)
    is_available = models.BooleanField(_("위촉 가능"), default=True)
    unavailable_until = models.DateField(_("위촉 불가 기간(까지)"), null=True, blank=True)
    confirmed_on = models.DateField(
        _("정보 확인일"), default=timezone.localdate, help_text=_("최신의 자료로 확인한 날 (제15조제7항)")
    )
    note = models.CharField(_("비고"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("전문가")
        verbose_name_plural = _("전문가 명부")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        if not self.code:
            last = Expert.objects.order_by("-pk").values_list("code", flat=True).first()
            number = int(last.split("-")[1]) + 1 if last else 1
            while Expert.objects.filter(code=f"EXP-{number:04d}").exists():
                number += 1
            self.code = f"EXP-{number:04d}"
        super().save(*args, **kwargs)

    def available_on(self, day: dt.date) -> bool:
        return self.is_available and (self.unavailable_until is None or self.unavailable_until < day)

    def clean(self) -> None:
        if self.user_id and self.user.kind != "expert":
            raise ValidationError({"user": _("외부 전문가 계정만 연결할 수 있습니다.")})


class ExpertEmployment(PrimaryModel):
    """A company the expert worked for: a bidder they worked for lately is a conflict of interest (a15.3)."""

    expert = models.ForeignKey(Expert, verbose_name=_("전문가"), on_delete=models.CASCADE, related_name="employments")
    company = models.ForeignKey(
        "accounts.Company",
        verbose_name=_("업체"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("시스템에 등록된 업체면 고르십시오 (입찰 업체와 대조)"),
    )
    company_name = models.CharField(_("업체·기관명"), max_length=100)
    start_date = models.DateField(_("근무 시작일"))
    end_date = models.DateField(_("근무 종료일"), null=True, blank=True, help_text=_("비워 두면 재직 중"))

    class Meta:
        verbose_name = _("전문가 근무 이력")
        verbose_name_plural = _("전문가 근무 이력")
        ordering = ["expert", "-start_date"]

    def __str__(self) -> str:
        return f"{self.expert} — {self.company_name}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("근무 종료일은 시작일보다 빠를 수 없습니다.")})


class ExpertExclusion(PrimaryModel):
    """A period in which the expert may not be appointed (a sanction, a breach of fairness …)."""

    expert = models.ForeignKey(Expert, verbose_name=_("전문가"), on_delete=models.CASCADE, related_name="exclusions")
    kind = models.CharField(_("구분"), max_length=20, choices=ExclusionKind.choices)
    reason = models.CharField(_("사유"), max_length=300)
    start_date = models.DateField(_("제한 시작일"))
    end_date = models.DateField(_("제한 종료일"), null=True, blank=True, help_text=_("비워 두면 기한 없음"))

    class Meta:
        verbose_name = _("전문가 위촉 제한")
        verbose_name_plural = _("전문가 위촉 제한")
        ordering = ["expert", "-start_date"]

    def __str__(self) -> str:
        return f"{self.expert} — {self.get_kind_display()}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("제한 종료일은 시작일보다 빠를 수 없습니다.")})

    @staticmethod
    def active_on(day: dt.date) -> Q:
        return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
