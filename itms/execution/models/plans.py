"""사업수행계획서 (a18): submitted by the vendor after the contract, compared item by item with the RFP, the proposal
and the contract (a18.2), revised on request, approved by the sponsoring department."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import PlanAspect, PlanBasis, PlanState, Verdict
from .contracts import Contract
from .scopes import project_scopes


class ExecutionPlan(PrimaryModel):
    SECTIONS = ("staffing", "schedule", "quality_plan", "deliverable_plan")

    contract = models.OneToOneField(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="execution_plan"
    )
    kickoff_on = models.DateField(_("착수계 제출일"), null=True, blank=True)
    staffing = models.TextField(_("투입인력"), blank=True, help_text=_("역할·성명·등급·투입기간 (제18조제1항)"))
    schedule = models.TextField(_("추진일정"), blank=True, help_text=_("단계별 일정; 세부 일정은 WBS에 등록합니다"))
    quality_plan = models.TextField(_("품질관리 계획"), blank=True)
    deliverable_plan = models.TextField(_("산출물 제출 계획"), blank=True)
    revision = models.PositiveSmallIntegerField(_("제출 차수"), default=0, editable=False)
    revision_request = models.TextField(_("수정 요구 내용"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("제출일시"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("승인일시"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("상태"), max_length=30, choices=PlanState.choices, default=PlanState.DRAFT, editable=False
    )

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("사업수행계획서")
        verbose_name_plural = _("사업수행계획서")
        ordering = ["-contract__signed_on"]

    def __str__(self) -> str:
        return f"{self.contract.title} 사업수행계획서"

    @property
    def project(self):
        return self.contract.project


class PlanReviewItem(PrimaryModel):
    """One point of the sponsor's review: an aspect of the plan against one of the documents (a18.2)."""

    plan = models.ForeignKey(
        ExecutionPlan, verbose_name=_("사업수행계획서"), on_delete=models.CASCADE, related_name="review_items"
    )
    aspect = models.CharField(_("검토 항목"), max_length=20, choices=PlanAspect.choices, editable=False)
    basis = models.CharField(_("비교 대상"), max_length=20, choices=PlanBasis.choices, editable=False)
    verdict = models.CharField(_("검토 결과"), max_length=20, choices=Verdict.choices, default=Verdict.PENDING)
    comment = models.TextField(_("검토 의견"), blank=True)

    restrict_scopes = project_scopes("plan__contract__project")

    class Meta:
        verbose_name = _("사업수행계획서 검토 항목")
        verbose_name_plural = _("사업수행계획서 검토 항목")
        # A big list (issue 12): grouped by plan, the latest first, on its own columns (see Deliverable).
        ordering = ["-plan_id", "aspect", "basis"]
        constraints = [models.UniqueConstraint(fields=["plan", "aspect", "basis"], name="plan_review_item_once")]
        indexes = [models.Index(fields=["-plan", "aspect", "basis", "id"], name="plan_review_item_list_order")]

    def __str__(self) -> str:
        return f"{self.get_aspect_display()} ↔ {self.get_basis_display()}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.verdict == Verdict.DEFICIENT and not self.comment.strip():
            raise ValidationError({"comment": _("미흡한 점은 무엇을 고쳐야 하는지 적어야 합니다 (제18조제2항).")})
