"""제안서 기술평가 (a15) and 적합성평가 (a16): the evaluation, its committee (a governance Body of kind 기술평가위원회),
the proposals, the items scored, each evaluator's sheet, the locked result and the allowances."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.projects.models import Project

from ..arithmetic import show
from ..choices import (
    EvaluationKind,
    EvaluationMethod,
    EvaluationState,
    FormationException,
    ItemKind,
    PassRule,
    PriceBasis,
)
from .common import STATE_LABEL, actor_field, project_unit, stamp_field


def _evaluation_unit(prefix: str = ""):
    """The sponsoring department and the 정보화부서 that conducts the evaluation (a15.1)."""

    def scope(user, units):
        return project_unit(f"{prefix}project")(user, units) | Q(**{f"{prefix}unit_id__in": units})

    return scope


def _evaluator(prefix: str = ""):
    """Evaluations the user sits on as an evaluator (a seat on the evaluation's committee)."""

    def scope(user, units):
        from itms.governance.models import Membership

        return Q(**{f"{prefix}body_id__in": Membership.objects.filter(user=user).values("body_id")})

    return scope


class Evaluation(PrimaryModel):
    restrict_scopes = {"own_unit": _evaluation_unit(), "assigned": _evaluator()}

    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="evaluations"
    )
    ordering_request = models.ForeignKey(
        "acquisition.OrderingRequest",
        verbose_name=_("발주 의뢰"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    kind = models.CharField(
        _("평가 구분"), max_length=20, choices=EvaluationKind.choices, default=EvaluationKind.TECHNICAL
    )
    method = models.CharField(
        _("평가 방법"), max_length=20, choices=EvaluationMethod.choices, default=EvaluationMethod.COMMITTEE
    )
    unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("평가하는 정보화부서"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_it_department": True},
        help_text=_("정보화부서장이 평가위원회를 구성한다 (제15조제1항)"),
    )
    title = models.CharField(_("평가명"), max_length=200)
    evaluation_at = models.DateTimeField(_("기술평가 일시"))
    place = models.CharField(_("장소"), max_length=200, blank=True)
    estimated_price = MoneyField(
        _("추정가격"), help_text=_("가격평가의 기준 (부가가치세 포함 여부는 가격 기준에서 정함)")
    )
    planned_price = MoneyField(
        _("예정가격"), null=True, blank=True, help_text=_("작성한 경우: 협상적격자는 입찰가격이 이 이하여야 함")
    )
    price_basis = models.CharField(
        _("가격평가 기준"), max_length=20, choices=PriceBasis.choices, default=PriceBasis.ESTIMATED_VAT
    )
    technical_weight = models.PositiveSmallIntegerField(
        _("기술 배점(기술:가격)"), help_text=_("기술 점수의 한도 (예: 90 = 기술 90 : 가격 10)")
    )
    committee_size = models.PositiveSmallIntegerField(
        _("평가위원 수"), null=True, blank=True, help_text=_("사업규모별 평가위원 수 (제15조제2항)")
    )
    size_basis = models.CharField(_("평가위원 수 근거"), max_length=300, blank=True, editable=False)
    required_fields = models.ManyToManyField(
        "acquisition.ExpertField", verbose_name=_("필요한 전문분야"), blank=True, related_name="+"
    )
    pass_rule = models.CharField(
        _("적합 기준 (적합성평가)"), max_length=20, choices=PassRule.choices, default=PassRule.THRESHOLD
    )
    state = models.CharField(
        STATE_LABEL, max_length=20, choices=EvaluationState.choices, default=EvaluationState.DRAFT, editable=False
    )
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("기술평가위원회"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        verbose_name=_("평가위원회 회의"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    formed_at = stamp_field(_("구성일시"))
    formation_exception = models.CharField(
        _("5일 전 구성 예외 사유"), max_length=20, choices=FormationException.choices, blank=True, editable=False
    )
    formation_exception_detail = models.CharField(_("예외 사유 내용"), max_length=300, blank=True, editable=False)
    postponements = models.PositiveSmallIntegerField(_("연기 횟수"), default=0, editable=False)
    delegated_on = models.DateField(_("조달청 위임일"), null=True, blank=True, editable=False)
    delegation_reference = models.CharField(_("위임 문서번호"), max_length=100, blank=True, editable=False)
    delegation_note = models.TextField(_("위임 내용"), blank=True, editable=False)
    locked_at = stamp_field(_("결과 확정일시"))
    locked_by = actor_field(_("결과를 확정한 사람"))
    result_hash = models.CharField(_("결과 해시(SHA-256)"), max_length=64, blank=True, editable=False)
    result_record = models.JSONField(_("확정된 평가 기록"), default=dict, blank=True, editable=False)
    suitability_passed = models.BooleanField(_("적합 여부"), null=True, blank=True, editable=False)
    notified_at = stamp_field(_("조달청 통보일시"))
    notice_reference = models.CharField(_("통보 문서번호"), max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("제안서 평가")
        verbose_name_plural = _("제안서 평가")
        ordering = ["-evaluation_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from ..choices import technical_weights

        if self.technical_weight is not None and int(self.technical_weight) not in dict(technical_weights()):
            choices = ", ".join(str(w) for w in dict(technical_weights()))
            raise ValidationError(
                {"technical_weight": _("기술 배점은 %(choices)s 가운데 하나입니다.") % {"choices": choices}}
            )

    @property
    def price_weight(self) -> int:
        return 100 - int(self.technical_weight)

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_suitability(self) -> bool:
        return self.kind == EvaluationKind.SUITABILITY

    @property
    def evaluation_date(self):
        from django.utils import timezone

        return timezone.localtime(self.evaluation_at).date()


class EvaluationItem(PrimaryModel):
    """One item of the 기술평가 배점표: 정량 (scored from evidence) or 정성 (scored by each evaluator)."""

    restrict_scopes = {"own_unit": _evaluation_unit("evaluation__"), "assigned": _evaluator("evaluation__")}

    evaluation = models.ForeignKey(Evaluation, verbose_name=_("평가"), on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("순서"))
    area = models.CharField(_("평가 부문"), max_length=50)
    name = models.CharField(_("평가 항목"), max_length=100)
    kind = models.CharField(_("구분"), max_length=20, choices=ItemKind.choices)
    points = models.DecimalField(_("배점"), max_digits=6, decimal_places=2)
    evidence = models.CharField(_("평가 근거·방법"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("평가 항목")
        verbose_name_plural = _("평가 항목")
        ordering = ["evaluation", "order"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "order"], name="evaluation_item_order_once")]

    def __str__(self) -> str:
        points = "" if self.points is None else show(self.points)  # 5점, not 5.00점
        return f"{self.area} · {self.name} ({points}점)"


class Proposal(PrimaryModel):
    """A bidder's proposal and its bid price; the bidder's representatives may watch the draw (a15.3)."""

    restrict_scopes = {"own_unit": _evaluation_unit("evaluation__")}

    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("평가"), on_delete=models.CASCADE, related_name="proposals"
    )
    company = models.ForeignKey(
        "accounts.Company", verbose_name=_("제안 업체"), on_delete=models.PROTECT, related_name="+"
    )
    bid_price = MoneyField(_("입찰가격"))
    submitted_on = models.DateField(_("제출일"))
    representatives = models.ManyToManyField(
        "accounts.User",
        verbose_name=_("업체 대리인"),
        blank=True,
        related_name="represented_proposals",
        limit_choices_to={"kind": "vendor"},
        help_text=_("평가위원 추출에 참관하는 업체 직원 (추출 기록만 볼 수 있음)"),
    )

    class Meta:
        verbose_name = _("제안서")
        verbose_name_plural = _("제안서")
        ordering = ["evaluation", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "company"], name="proposal_once_per_company")]

    def __str__(self) -> str:
        return f"{self.company} 제안서"


class QuantitativeScore(models.Model):
    """정량 평가: one item of one proposal, scored from the documents submitted (evidence)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="quantitative_scores")
    item = models.ForeignKey(EvaluationItem, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("점수"), max_digits=6, decimal_places=2)
    evidence = models.CharField(_("근거"), max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(_("입력일시"), auto_now=True)

    class Meta:
        verbose_name = _("정량 평가 점수")
        constraints = [models.UniqueConstraint(fields=["proposal", "item"], name="quantitative_once")]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.item.name}: {self.score}"


class ScoreSheet(models.Model):
    """One evaluator's 정성 sheet. Until the result is locked, only its evaluator sees its numbers (a15.8)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="sheets")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="score_sheets")
    membership = models.ForeignKey("governance.Membership", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(_("평가위원 표시"), max_length=10, help_text=_("결과표의 '평가위원 A' …"))
    submitted_at = models.DateTimeField(_("제출일시"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("평가표")
        constraints = [models.UniqueConstraint(fields=["evaluation", "evaluator"], name="score_sheet_once")]

    def __str__(self) -> str:
        return f"{self.evaluation} 평가위원 {self.label}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class QualitativeScore(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="scores")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(EvaluationItem, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("점수"), max_digits=6, decimal_places=2)
    saved_at = models.DateTimeField(_("저장일시"), auto_now=True)

    class Meta:
        verbose_name = _("정성 평가 점수")
        constraints = [models.UniqueConstraint(fields=["sheet", "proposal", "item"], name="qualitative_once")]

    def __str__(self) -> str:
        return f"{self.sheet} · {self.proposal} · {self.item.name}: {self.score}"


class EvaluationResult(models.Model):
    """One proposal's line of the locked result: the scores, the rank and whether it may negotiate."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="results")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="result")
    quantitative = models.DecimalField(_("정량 점수"), max_digits=8, decimal_places=4)
    qualitative = models.DecimalField(_("정성 점수(최고·최저 제외 평균)"), max_digits=8, decimal_places=4)
    technical = models.DecimalField(_("기술 점수"), max_digits=8, decimal_places=4)
    price = models.DecimalField(_("가격 점수"), max_digits=8, decimal_places=4)
    total = models.DecimalField(_("종합 점수"), max_digits=8, decimal_places=4)
    rank = models.PositiveSmallIntegerField(_("순위"))
    eligible = models.BooleanField(_("협상적격자"))
    note = models.CharField(_("비고"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("평가 결과")
        ordering = ["evaluation", "rank"]

    def __str__(self) -> str:
        return f"{self.rank}위 {self.proposal.company} ({self.total})"


class Allowance(models.Model):
    """수당과 여비 (a15.6): for each external evaluator who attended, within the budget."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="allowances")
    membership = models.ForeignKey("governance.Membership", on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(_("평가 시간"), max_digits=4, decimal_places=1)
    base = MoneyField(_("기본 수당"))
    extra = MoneyField(_("추가 수당"))
    travel = MoneyField(_("여비"), default=0)
    rules = models.JSONField(_("적용 기준"), default=list)

    class Meta:
        verbose_name = _("평가위원 수당")
        constraints = [models.UniqueConstraint(fields=["evaluation", "membership"], name="allowance_once")]

    def __str__(self) -> str:
        return f"{self.evaluation} — {self.evaluator}"

    @property
    def total(self) -> int:
        return self.base + self.extra + self.travel
