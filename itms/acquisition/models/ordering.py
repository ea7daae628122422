"""발주 (a14): the ordering request to the 정보기획담당관 (or, for 소속·산하기관, the agency's own ordering), the legal
ordering requirements it reviews (a14.2), and projects merged or split by an IT department (a14.3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel
from itms.projects.models import Project

from ..choices import CheckResult, OrderingState, RestructuringKind
from .common import STATE_LABEL, actor_field, project_unit, stamp_field


def _ordering_unit(user, units):
    """The 정보화부서 of the agency that orders it (a14.1 단서: a 소속·산하기관 orders its own projects)."""
    from itms.accounts.models import OrgUnit

    organizations = OrgUnit.objects.filter(pk__in=units, is_it_department=True).values("organization_id")
    return project_unit()(user, units) | Q(project__organization_id__in=organizations)


class OrderingRequest(PrimaryModel):
    restrict_scopes = {"own_unit": _ordering_unit}

    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="ordering_requests"
    )
    rfp = models.ForeignKey(
        "acquisition.Rfp", verbose_name=_("제안요청서"), on_delete=models.PROTECT, related_name="ordering_requests"
    )
    note = models.TextField(_("의뢰 내용"), blank=True)
    urgent = models.BooleanField(
        _("긴급 발주"), default=False, help_text=_("입찰공고 기간 단축 사유가 있음 (국가계약법 시행령 제35조)")
    )
    state = models.CharField(
        STATE_LABEL, max_length=20, choices=OrderingState.choices, default=OrderingState.DRAFT, editable=False
    )
    requested_at = stamp_field(_("의뢰일시"))
    requested_by = actor_field(_("의뢰자"))
    reviewed_at = stamp_field(_("발주요건 검토일시"))
    reviewed_by = actor_field(_("검토자"))
    return_reason = models.TextField(_("보완 요청 사유"), blank=True, editable=False)
    notice_number = models.CharField(_("입찰공고번호"), max_length=50, blank=True, editable=False)
    notice_on = models.DateField(_("입찰공고일"), null=True, blank=True, editable=False)
    proposal_due_on = models.DateField(_("제안서 제출 마감일"), null=True, blank=True, editable=False)
    ordered_at = stamp_field(_("발주일시"))

    class Meta:
        verbose_name = _("발주 의뢰")
        verbose_name_plural = _("발주 의뢰")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.project} 발주 의뢰"

    @property
    def self_ordered(self) -> bool:
        """a14.1 단서: projects of 소속기관·산하기관 are ordered by that agency."""
        from itms.accounts.models import OrganizationKind

        return self.project.organization.kind != OrganizationKind.HEADQUARTERS


class OrderingCheck(PrimaryModel):
    """One legal ordering requirement (a14.2) the 정보기획담당관 reviews for the request."""

    restrict_scopes = {
        "own_unit": lambda user, units: Q(
            request__in=OrderingRequest.objects.filter(_ordering_unit(user, units)).values("pk")
        )
    }

    request = models.ForeignKey(
        OrderingRequest, verbose_name=_("발주 의뢰"), on_delete=models.CASCADE, related_name="checks"
    )
    code = models.CharField(_("항목 코드"), max_length=40)
    requirement = models.CharField(_("발주요건"), max_length=400)
    basis = models.CharField(_("근거"), max_length=200, blank=True)
    result = models.CharField(_("검토 결과"), max_length=20, choices=CheckResult.choices, blank=True)
    note = models.CharField(_("검토 의견"), max_length=300, blank=True)
    checked_by = actor_field(_("검토자"))
    checked_at = stamp_field(_("검토일시"))

    class Meta:
        verbose_name = _("발주요건 검토")
        verbose_name_plural = _("발주요건 검토")
        ordering = ["request", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "code"], name="ordering_check_once")]

    def __str__(self) -> str:
        return f"{self.request} — {self.requirement[:40]}"


class ProjectRestructuring(PrimaryModel):
    """정보화사업의 통합·분리 (a14.3): decided by a 정보화부서장, with the projects before and after."""

    kind = models.CharField(_("구분"), max_length=10, choices=RestructuringKind.choices)
    reason = models.TextField(_("사유"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("결정한 정보화부서장"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("결정일시"), default=timezone.now)
    sources = models.ManyToManyField(Project, verbose_name=_("이전 사업"), related_name="restructured_into")
    results = models.ManyToManyField(Project, verbose_name=_("이후 사업"), related_name="restructured_from")

    class Meta:
        verbose_name = _("사업 통합·분리")
        verbose_name_plural = _("사업 통합·분리")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"사업 {self.get_kind_display()} ({timezone.localtime(self.decided_at):%Y-%m-%d})"
