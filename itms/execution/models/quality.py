"""품질관리 (a20): the requirement table traced to design, test cases and results; the tests a20.2 requires before
the inspection; the acceptance test asked of the IT department (a20.3)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit
from itms.core.models import PrimaryModel

from ..choices import AcceptanceState, RequirementCategory, RequirementSource, TestLevel, TestResult, TestRunKind
from .contracts import Contract
from .scopes import project_scopes


class Requirement(PrimaryModel):
    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="requirements"
    )
    code = models.CharField(_("요구사항 ID"), max_length=30)
    title = models.CharField(_("요구사항명"), max_length=200)
    description = models.TextField(_("내용"), blank=True)
    category = models.CharField(_("분류"), max_length=20, choices=RequirementCategory.choices, default="functional")
    source = models.CharField(
        _("출처"), max_length=20, choices=RequirementSource.choices, default=RequirementSource.ENTERED
    )
    design_refs = models.TextField(
        _("설계 추적 (화면·프로그램·인터페이스·테이블 ID)"),
        blank=True,
        help_text=_("요구사항 ID → 유스케이스 → 화면 ID → 인터페이스 → 프로그램 ID → 테이블 (추적표)"),
    )
    is_active = models.BooleanField(
        _("유효"), default=True, help_text=_("과업변경으로 빠진 요구사항은 유효하지 않습니다")
    )

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("요구사항")
        verbose_name_plural = _("요구사항")
        # Grouped by contract on its own column, with an index in this order (issue 12; see Deliverable).
        ordering = ["-contract_id", "code"]
        constraints = [models.UniqueConstraint(fields=["contract", "code"], name="requirement_code_once")]
        indexes = [models.Index(fields=["-contract", "code", "id"], name="requirement_list_order")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class TestCase(PrimaryModel):
    contract = models.ForeignKey(Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="test_cases")
    code = models.CharField(_("시험 ID"), max_length=30)
    title = models.CharField(_("시험명"), max_length=200)
    level = models.CharField(_("시험 단계"), max_length=20, choices=TestLevel.choices, default=TestLevel.INTEGRATION)
    requirements = models.ManyToManyField(Requirement, verbose_name=_("검증하는 요구사항"), related_name="test_cases")
    steps = models.TextField(_("절차"), blank=True)
    expected = models.TextField(_("기대 결과"), blank=True)
    result = models.CharField(_("결과"), max_length=20, choices=TestResult.choices, default=TestResult.NOT_RUN)
    executed_on = models.DateField(_("수행일"), null=True, blank=True)
    defect = models.TextField(_("결함 내용"), blank=True)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("시험 케이스")
        verbose_name_plural = _("시험 케이스")
        ordering = ["contract", "code"]
        constraints = [models.UniqueConstraint(fields=["contract", "code"], name="test_case_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        errors = {}
        if self.result != TestResult.NOT_RUN and not self.executed_on:
            errors["executed_on"] = _("결과를 적으려면 수행일을 적어야 합니다.")
        if self.result == TestResult.FAILED and not self.defect.strip():
            errors["defect"] = _("결함이면 결함 내용을 적어야 합니다.")
        if self.executed_on and self.contract_id and not self.contract.contains(self.executed_on):
            errors["executed_on"] = _("계약기간 안의 날짜여야 합니다.")
        if errors:
            raise ValidationError(errors)


class TestRun(PrimaryModel):
    """통합테스트·사용자 테스트·시범운영 (a20.2): recorded before the inspection is completed."""

    contract = models.ForeignKey(Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="test_runs")
    kind = models.CharField(_("구분"), max_length=20, choices=TestRunKind.choices)
    started_on = models.DateField(_("시작일"))
    ended_on = models.DateField(_("종료일"))
    passed = models.BooleanField(_("이상 없음"), default=False)
    summary = models.TextField(_("결과 요약"))

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("시험·시범운영")
        verbose_name_plural = _("시험·시범운영")
        ordering = ["contract", "started_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.contract.title})"

    def clean(self) -> None:
        errors = {}
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("종료일은 시작일보다 빠를 수 없습니다.")
        if self.contract_id:
            for field in ("started_on", "ended_on"):
                if getattr(self, field) and not self.contract.contains(getattr(self, field)):
                    errors[field] = _("계약기간 안의 날짜여야 합니다 (제20조제2항).")
        if errors:
            raise ValidationError(errors)


class AcceptanceTest(PrimaryModel):
    """인수테스트 (a20.3): asked of the IT department at least 14 days before the inspection completes, run jointly,
    the result notified to the sponsoring department; handover needs a clean result (a23.1)."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="acceptance_tests"
    )
    it_unit = models.ForeignKey(OrgUnit, verbose_name=_("정보화부서"), on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField(_("요청일"))
    inspection_due = models.DateField(_("검사 완료 예정일"))
    scope = models.TextField(_("시험 범위·시나리오"), help_text=_("요구사항추적표에서 뽑은 인수 시나리오"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("요청자"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    conducted_on = models.DateField(_("실시일"), null=True, blank=True, editable=False)
    participants = models.TextField(_("합동 참여자"), blank=True, editable=False)
    result_summary = models.TextField(_("결과"), blank=True, editable=False)
    state = models.CharField(
        _("상태"), max_length=20, choices=AcceptanceState.choices, default=AcceptanceState.REQUESTED, editable=False
    )

    restrict_scopes = project_scopes("contract__project", it_unit="it_unit")

    class Meta:
        verbose_name = _("인수테스트")
        verbose_name_plural = _("인수테스트")
        ordering = ["contract", "-requested_on"]

    def __str__(self) -> str:
        return f"{self.contract.title} 인수테스트 ({self.requested_on:%Y-%m-%d})"

    @property
    def project(self):
        return self.contract.project
