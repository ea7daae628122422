"""Chapter 3: strategy (a6), the annual cycle for year Y (a8, a9) and the national plan (a10).

A project for year Y goes through its cycle during Y-1: pre-review request by 1/31 (a8.1) and the
정보기획담당관's result (a8.2); the plan by 4/30 (a8.3) with impact reviews of the related systems'
IT departments within 14 days (a8.4–a8.5); the EA review (a8.6), possibly a hold (a8.7), the council's
decision (a8.8); the detailed plan by 12/31 (a9), re-reviewed when adjusted (a9.3).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.projects.models import Project


def _project_unit(prefix: str = "project"):
    """Scope: rows about projects sponsored (or co-performed) by the user's units."""

    def scope(user, units):
        return Q(**{f"{prefix}__sponsor_unit_id__in": units}) | Q(
            **{f"{prefix}__in": Project.co_units.through.objects.filter(orgunit_id__in=units).values("project_id")}
        )

    return scope


# --- strategy (a6) ------------------------------------------------------------------------------------------
class StrategicPlanState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    OPINION = "opinion", _("의견 수렴 중")
    ADOPTED = "adopted", _("수립")


class StrategicPlan(PrimaryModel):
    title = models.CharField(_("계획명"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("시작연도"))
    end_year = models.PositiveSmallIntegerField(_("종료연도"))
    vision = models.TextField(_("비전·목표"), blank=True)
    state = models.CharField(
        _("상태"), max_length=20, choices=StrategicPlanState.choices, default="draft", editable=False
    )
    synthesis = models.TextField(_("의견 종합·조정 결과"), blank=True, editable=False)
    adopted_at = models.DateTimeField(_("수립일시"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("중장기 정보화 전략계획")
        verbose_name_plural = _("중장기 정보화 전략계획")
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year - self.start_year != 2:
            raise ValidationError({"end_year": _("중장기 정보화 전략계획은 3년 단위로 수립합니다 (제6조제1항).")})


class StrategicGoal(PrimaryModel):
    plan = models.ForeignKey(StrategicPlan, verbose_name=_("전략계획"), on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("번호"))
    title = models.CharField(_("전략목표"), max_length=200)

    class Meta:
        verbose_name = _("전략목표")
        verbose_name_plural = _("전략목표")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="goal_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class StrategicTask(PrimaryModel):
    goal = models.ForeignKey(StrategicGoal, verbose_name=_("전략목표"), on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("번호"))
    title = models.CharField(_("전략과제"), max_length=200)
    description = models.TextField(_("내용"), blank=True)

    class Meta:
        verbose_name = _("전략과제")
        verbose_name_plural = _("전략과제")
        ordering = ["goal", "number"]
        constraints = [models.UniqueConstraint(fields=["goal", "number"], name="task_number_once")]

    def __str__(self) -> str:
        return f"{self.goal.number}-{self.number}. {self.title}"


class OpinionRequest(PrimaryModel):
    """의견 수렴 (a6.2): one bureau or agency asked for its opinion on the strategic plan."""

    plan = models.ForeignKey(
        StrategicPlan, verbose_name=_("전략계획"), on_delete=models.CASCADE, related_name="opinion_requests"
    )
    unit = models.ForeignKey(OrgUnit, verbose_name=_("국·실·소속기관"), on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("제출 기한"))
    opinion = models.TextField(_("의견"), blank=True)
    responded_at = models.DateTimeField(_("제출일시"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("제출자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("전략계획 의견")
        verbose_name_plural = _("전략계획 의견")
        ordering = ["plan", "unit"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="opinion_once_per_unit")]

    def __str__(self) -> str:
        return f"{self.plan} — {self.unit}"


# --- the annual cycle (a8, a9) ------------------------------------------------------------------------------
class PlanningCycle(PrimaryModel):
    """The cycle that prepares the projects of year Y during year Y-1."""

    year = models.PositiveSmallIntegerField(_("사업연도(Y)"), unique=True)
    opened_at = models.DateTimeField(_("개시일시"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("개시한 사람"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # a9.1 단서: the 정보기획담당관 may notify another deadline (and guidance) for the detailed plans.
    detailed_plan_due = models.DateField(_("세부계획 제출 기한(통보)"), null=True, blank=True, editable=False)
    detailed_plan_notice = models.TextField(_("세부계획 작성지침 통보"), blank=True, editable=False)
    notified_at = models.DateTimeField(_("통보일시"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("정보화 사업계획 주기")
        verbose_name_plural = _("정보화 사업계획 주기")
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}년도 정보화사업 계획"

    @property
    def preparation_year(self) -> int:
        return self.year - 1

    @property
    def default_detailed_plan_due(self) -> dt.date:
        """The directive's date for the detailed plans (a9.1: 12월 말 of Y-1), from the rule pack in force."""
        from itms.regulation.rules import param

        month, day = (int(part) for part in str(param("detailed_plan_due").value).split("-"))
        return dt.date(self.preparation_year, month, day)


# One Korean label per state: the workflow (``workflows.py``) takes its states from these choices, so the
# badge, the list's filter and column, the panel and the history all say the same word.
class PreReviewState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("사전검토 의뢰")  # a8.1
    REVIEWED = "reviewed", _("결과 통보")  # a8.2


class PreReview(PrimaryModel):
    """사전검토 의뢰 (a8.1) and its result (a8.2)."""

    restrict_scopes = {"own_unit": _project_unit()}

    cycle = models.ForeignKey(
        PlanningCycle, verbose_name=_("계획 주기"), on_delete=models.PROTECT, related_name="pre_reviews"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="pre_reviews"
    )
    need_content_effect = models.TextField(_("1. 사업의 필요성, 내용 및 기대효과"), blank=True)
    budget_scale = models.TextField(_("2. 사업 추진시 필요한 예산 규모"), blank=True)
    process_and_data = models.TextField(_("3. 업무처리 절차 및 주요 활용 데이터"), blank=True)
    performance_plan = models.TextField(_("4. 성과목표 및 지표를 설정한 성과계획"), blank=True)
    impact_review_summary = models.TextField(_("5. 기존 시스템과의 영향도 검토서"), blank=True)
    state = models.CharField(
        _("상태"), max_length=20, choices=PreReviewState.choices, default=PreReviewState.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("의뢰일시"), null=True, blank=True, editable=False)
    duplication_finding = models.TextField(_("기존시스템과 기능 중복"), blank=True)
    reuse_finding = models.TextField(_("자원 재활용"), blank=True)
    integration_finding = models.TextField(_("연계·통합"), blank=True)
    materials = models.TextField(_("제공 자료 (제8조제2항 후단)"), blank=True)
    reviewed_at = models.DateTimeField(_("결과 통보일시"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("검토자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    SECTIONS = ("need_content_effect", "budget_scale", "process_and_data", "performance_plan", "impact_review_summary")
    FINDINGS = ("duplication_finding", "reuse_finding", "integration_finding")

    class Meta:
        verbose_name = _("사전검토")
        verbose_name_plural = _("사전검토")
        ordering = ["-cycle__year", "project__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "project"], name="pre_review_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.project} 사전검토 ({self.cycle.year}년도)"


class PlanState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    IMPACT_REVIEW = "impact_review", _("영향도 검토 중")
    EA_REVIEW = "ea_review", _("정보기술아키텍처 검토")
    ON_HOLD = "on_hold", _("보류")
    COUNCIL = "council", _("실무협의회 상정")
    APPROVED = "approved", _("심의 완료(승인)")
    REJECTED = "rejected", _("불승인")


class ProjectPlan(PrimaryModel):
    """다음연도 정보화 사업계획서 (a8.3) and its review (a8.4–a8.8)."""

    restrict_scopes = {"own_unit": _project_unit()}

    cycle = models.ForeignKey(
        PlanningCycle, verbose_name=_("계획 주기"), on_delete=models.PROTECT, related_name="plans"
    )
    project = models.ForeignKey(Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="plans")
    necessity_effect = models.TextField(_("1. 정보화사업의 필요성 및 기대효과"), blank=True)
    scope_architecture = models.TextField(_("2. 대상 업무 및 시스템 구성도"), blank=True)
    business_process = models.TextField(_("3. 업무처리 절차"), blank=True)
    key_data = models.TextField(_("4. 주요 활용 데이터"), blank=True)
    application_functions = models.TextField(_("5. 응용프로그램 기능"), blank=True)
    legal_cooperation = models.TextField(_("6. 법제도 개선 및 관련기관 협조 사항"), blank=True)
    organization_budget_schedule = models.TextField(_("7. 추진체계, 소요예산, 추진일정"), blank=True)
    operation_plan = models.TextField(_("8. 시스템 운영방안(운영조직, 운영예산)"), blank=True)
    security_plan = models.TextField(_("9. 보안관리 방안"), blank=True)
    performance_targets = models.TextField(_("10. 기대효과별 재무적·비재무적 성과목표 및 관리지표"), blank=True)
    impact_review_report = models.TextField(_("11. 기존 시스템과의 영향도 검토서"), blank=True)
    changes_systems = models.BooleanField(
        _("정보시스템 신규 개발·변경"),
        default=True,
        help_text=_("관련 시스템 운영 부서에 영향도 검토를 요청합니다 (제8조제4항)"),
    )
    state = models.CharField(
        _("상태"), max_length=20, choices=PlanState.choices, default=PlanState.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("제출일시"), null=True, blank=True, editable=False)
    hold_reason = models.TextField(_("보류 사유"), blank=True, editable=False)
    hold_lifted_reason = models.TextField(_("보류 해제 사유"), blank=True, editable=False)
    priority_rank = models.PositiveSmallIntegerField(_("우선순위"), null=True, blank=True, editable=False)
    approved_budget = MoneyField(_("조정 예산"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("심의일시"), null=True, blank=True, editable=False)

    SECTIONS = (
        "necessity_effect",
        "scope_architecture",
        "business_process",
        "key_data",
        "application_functions",
        "legal_cooperation",
        "organization_budget_schedule",
        "operation_plan",
        "security_plan",
        "performance_targets",
        "impact_review_report",
    )

    class Meta:
        verbose_name = _("정보화 사업계획서")
        verbose_name_plural = _("정보화 사업계획서")
        ordering = ["-cycle__year", "priority_rank", "project__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "project"], name="plan_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.project} 사업계획 ({self.cycle.year}년도)"


class ImpactReviewState(models.TextChoices):
    REQUESTED = "requested", _("검토 요청")
    REPLIED = "replied", _("회신")
    REFLECTED = "reflected", _("반영 완료")


class ImpactReview(PrimaryModel):
    """영향도 검토 (a8.4–a8.5): one per IT department operating a related system; re-requested on adjustment (a9.3)."""

    restrict_scopes = {
        "own_unit": lambda user, units: _project_unit("plan__project")(user, units) | Q(it_unit_id__in=units),
    }

    plan = models.ForeignKey(
        ProjectPlan, verbose_name=_("사업계획"), on_delete=models.CASCADE, related_name="impact_reviews"
    )
    round = models.PositiveSmallIntegerField(
        _("차수"), default=1, help_text=_("세부계획 조정으로 다시 요청하면 2차 이상 (제9조제3항)")
    )
    it_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("검토 부서(정보화부서)"), on_delete=models.PROTECT, related_name="impact_reviews"
    )
    systems = models.ManyToManyField("resources.InformationSystem", verbose_name=_("관련 시스템"), related_name="+")
    requested_on = models.DateField(_("요청 접수일"))
    state = models.CharField(
        _("상태"), max_length=20, choices=ImpactReviewState.choices, default=ImpactReviewState.REQUESTED, editable=False
    )
    reply = models.TextField(_("검토 결과"), blank=True, editable=False)
    replied_at = models.DateTimeField(_("회신일시"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("회신자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    reflection = models.TextField(_("사업계획 반영 내용"), blank=True, editable=False)
    reflected_at = models.DateTimeField(_("반영일시"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("영향도 검토")
        verbose_name_plural = _("영향도 검토")
        ordering = ["plan", "round", "it_unit"]
        constraints = [models.UniqueConstraint(fields=["plan", "round", "it_unit"], name="impact_review_once")]

    def __str__(self) -> str:
        suffix = f" {self.round}차" if self.round > 1 else ""
        return f"{self.plan.project} 영향도 검토{suffix} — {self.it_unit.name}"


class EAReview(PrimaryModel):
    """정보기술아키텍처 검토 (a8.6) by the 정보기획담당관: four points, and the a7 / a8.6.4 conditions."""

    restrict_scopes = {"own_unit": _project_unit("plan__project")}

    plan = models.OneToOneField(
        ProjectPlan, verbose_name=_("사업계획"), on_delete=models.CASCADE, related_name="ea_review"
    )
    effectiveness = models.TextField(_("1. 사업 추진의 효과성"), blank=True)
    duplication = models.TextField(_("2. 기존 시스템 또는 추진사업 간의 중복성"), blank=True)
    feasibility_budget = models.TextField(_("3. 기술적 타당성 및 소요 예산 적합성"), blank=True)
    bpr_isp = models.TextField(_("4. 업무재설계·정보화전략계획 (10억원 이상 구축사업)"), blank=True)
    new_tech_justification = models.TextField(_("신기술 사업의 선행 검증을 갖추지 않은 사유 (제7조)"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("검토자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    POINTS = ("effectiveness", "duplication", "feasibility_budget")

    class Meta:
        verbose_name = _("정보기술아키텍처 검토")
        verbose_name_plural = _("정보기술아키텍처 검토")
        ordering = ["-plan__cycle__year", "plan__project__name"]

    def __str__(self) -> str:
        return f"{self.plan.project} EA 검토"


class DetailedPlanState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    SUBMITTED = "submitted", _("제출")  # a9.1
    REVIEWED = "reviewed", _("검토·조정")  # a9.2
    COUNCIL = "council", _("심의 상정")  # a9.4
    APPROVED = "approved", _("확정")


class DetailedPlan(PrimaryModel):
    """세부 사업계획 (a9): submitted by 12/31 of Y-1 (or a notified deadline), reviewed, adjusted in versions."""

    restrict_scopes = {"own_unit": _project_unit()}

    cycle = models.ForeignKey(
        PlanningCycle, verbose_name=_("계획 주기"), on_delete=models.PROTECT, related_name="detailed_plans"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="detailed_plans"
    )
    state = models.CharField(
        _("상태"), max_length=20, choices=DetailedPlanState.choices, default=DetailedPlanState.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("제출일시"), null=True, blank=True, editable=False)
    # a9.2: what the 정보기획담당관 reviews.
    duplication = models.TextField(_("기존 시스템과의 기능 중복성"), blank=True)
    reuse = models.TextField(_("기존 정보자원의 재활용성"), blank=True)
    technology_security = models.TextField(_("정보기술·보안의 적합성"), blank=True)
    targets_budget = models.TextField(_("성과목표 및 소요 예산의 적절성"), blank=True)
    period = models.TextField(_("사업기간 산정의 적절성"), blank=True)

    REVIEW_POINTS = ("duplication", "reuse", "technology_security", "targets_budget", "period")

    class Meta:
        verbose_name = _("세부 사업계획")
        verbose_name_plural = _("세부 사업계획")
        ordering = ["-cycle__year", "project__name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "project"], name="detailed_plan_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.project} 세부계획 ({self.cycle.year}년도)"

    @property
    def current_version(self) -> DetailedPlanVersion | None:
        return self.versions.order_by("-number").first()


class DetailedPlanVersion(models.Model):
    """One version of the detailed plan; an adjustment (a9.2) adds a version, never edits one."""

    detailed_plan = models.ForeignKey(
        DetailedPlan, verbose_name=_("세부계획"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("판"))
    budget = MoneyField(_("사업비"))
    start_date = models.DateField(_("사업 시작일"))
    end_date = models.DateField(_("사업 종료일"))
    scope = models.TextField(_("과업 범위"))
    targets = models.TextField(_("성과목표"), blank=True)
    reason = models.CharField(_("조정 사유"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("작성자"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("작성일시"), auto_now_add=True)

    COMPARED = ("budget", "start_date", "end_date", "scope", "targets")

    class Meta:
        verbose_name = _("세부계획 판")
        verbose_name_plural = _("세부계획 판")
        ordering = ["detailed_plan", "number"]
        constraints = [models.UniqueConstraint(fields=["detailed_plan", "number"], name="detailed_version_once")]

    def __str__(self) -> str:
        return f"{self.detailed_plan} 제{self.number}판"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("사업 종료일은 시작일보다 빠를 수 없습니다.")})
