"""전자정부 성과관리 수준진단 (a28): the year's indicator set as data (areas, indicators, weights summing to 100;
EXTERNAL-RULES §7: "load them from a yearly config"), the round that asks the responsible units for evidence
(a28.2) and the self-scores with their evidence."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.core.models import PrimaryModel

from ..choices import DiagnosisState, ScoreState


class DiagnosisFramework(PrimaryModel):
    year = models.PositiveSmallIntegerField(_("진단연도"), unique=True)
    title = models.CharField(_("지표체계명"), max_length=200)
    source = models.CharField(_("근거 문서"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("수준진단 지표체계")
        verbose_name_plural = _("수준진단 지표체계")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}년 {self.title}"

    def clean(self) -> None:
        if self.year and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("진단연도를 네 자리 연도로 입력하십시오.")})

    def total_weight(self) -> Decimal:
        return sum((i.weight for i in self.indicators.all()), Decimal(0))


class DiagnosisIndicator(PrimaryModel):
    framework = models.ForeignKey(
        DiagnosisFramework, verbose_name=_("지표체계"), on_delete=models.CASCADE, related_name="indicators"
    )
    area = models.CharField(_("진단 영역"), max_length=100)
    code = models.CharField(_("지표 번호"), max_length=20)
    name = models.CharField(_("지표명"), max_length=200)
    weight = models.DecimalField(
        _("배점"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    responsible_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("자료 제출 부서"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("진단 기준·증빙"), blank=True)

    restrict_scopes = {"own_unit": lambda user, units: Q(responsible_unit_id__in=units)}

    class Meta:
        verbose_name = _("수준진단 지표")
        verbose_name_plural = _("수준진단 지표")
        ordering = ["framework", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="diagnosis_indicator_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DiagnosisRound(PrimaryModel):
    framework = models.OneToOneField(
        DiagnosisFramework, verbose_name=_("지표체계"), on_delete=models.PROTECT, related_name="round"
    )
    state = models.CharField(_("상태"), max_length=20, choices=DiagnosisState.choices, default=DiagnosisState.DRAFT)
    started_at = models.DateTimeField(_("증빙 요청 일시"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("결과 확정 일시"), null=True, blank=True, editable=False)
    result_note = models.TextField(_("결과 의견"), blank=True)

    class Meta:
        verbose_name = _("성과관리 수준진단")
        verbose_name_plural = _("성과관리 수준진단")
        ordering = ["-framework__year"]

    def __str__(self) -> str:
        return f"{self.framework.year}년 전자정부 성과관리 수준진단"

    @property
    def year(self) -> int:
        return self.framework.year


class DiagnosisScore(PrimaryModel):
    """The self-score of one indicator with its evidence (a28.1), supplied by the responsible unit (a28.2)."""

    round = models.ForeignKey(
        DiagnosisRound, verbose_name=_("수준진단"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        DiagnosisIndicator, verbose_name=_("지표"), on_delete=models.PROTECT, related_name="scores"
    )
    state = models.CharField(_("상태"), max_length=20, choices=ScoreState.choices, default=ScoreState.PENDING)
    score = models.DecimalField(_("자체점검 점수"), max_digits=5, decimal_places=2, null=True, blank=True)
    evidence = models.TextField(_("증빙 내용"), blank=True)
    submitted_at = models.DateTimeField(_("제출 일시"), null=True, blank=True, editable=False)

    restrict_scopes = {"own_unit": lambda user, units: Q(indicator__responsible_unit_id__in=units)}

    class Meta:
        verbose_name = _("수준진단 자체점검")
        verbose_name_plural = _("수준진단 자체점검")
        ordering = ["round", "indicator__code"]
        constraints = [models.UniqueConstraint(fields=["round", "indicator"], name="diagnosis_score_once")]

    def __str__(self) -> str:
        return f"{self.round} · {self.indicator}"

    def clean(self) -> None:
        if self.score is None or not self.indicator_id:
            return
        if not Decimal(0) <= self.score <= self.indicator.weight:
            raise ValidationError(
                {
                    "score": _("점수는 0점에서 배점(%(weight)s점) 사이여야 합니다.")
                    % {"weight": f"{self.indicator.weight.normalize():f}"}
                }
            )
        if not (self.evidence or "").strip():
            raise ValidationError({"evidence": _("점수에는 증빙 내용을 함께 적어야 합니다 (제28조제2항).")})
