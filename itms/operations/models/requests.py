"""유지관리 요청 (a25): filed by a business department, reviewed by its head and forwarded (a25.1), reviewed by the
IT department for overlap, scope and workload (a25.2), then accepted into the priority queue (a25.4), rejected,
adjusted with the department or turned into an 정보화사업 keeping the lineage (a25.3); disputes go to the council or
committee (a25.6). The workflow is in ``workflows.py``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.accounts.models import OrgUnit, User
from itms.core.errors import Refused
from itms.core.korean import josa
from itms.core.models import PrimaryModel
from itms.resources.models import InformationSystem, SystemFunction

from ..choices import Proposal, RequestState, Urgency
from ..error_codes import OperationsErrors as E
from .scopes import vendor_systems


def _request_own_unit(user, units):
    # The business department that asked (a25.1) and the IT department that operates the system (a25.2).
    return Q(requesting_unit_id__in=units) | Q(system__operating_unit_id__in=units)


class MaintenanceRequest(PrimaryModel):
    title = models.CharField(_("요청 제목"), max_length=200)
    description = models.TextField(_("요청 내용"), help_text=_("무엇을 고치거나 새로 만들지"))
    reason = models.TextField(_("요청 사유"), help_text=_("왜 필요한지 (업무 영향)"))
    system = models.ForeignKey(
        InformationSystem, verbose_name=_("정보시스템"), on_delete=models.PROTECT, related_name="maintenance_requests"
    )
    functions = models.ManyToManyField(
        SystemFunction, verbose_name=_("대상 기능"), blank=True, related_name="maintenance_requests"
    )
    urgency = models.CharField(_("긴급도"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    requesting_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("요청 부서"), on_delete=models.PROTECT, related_name="maintenance_requests"
    )
    requested_by = models.ForeignKey(
        User, verbose_name=_("요청자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("상태"), max_length=20, choices=RequestState.choices, default=RequestState.DRAFT)
    # a25.1: the head of the business department reviews and forwards.
    head_opinion = models.TextField(_("부서장 검토 의견"), blank=True)
    forwarded_at = models.DateTimeField(_("정보화부서 요청일시"), null=True, blank=True)
    # a25.2: the IT department's review.
    overlap_note = models.TextField(_("기존 기능과의 중복성 검토"), blank=True)
    change_scope = models.TextField(_("시스템 변경 범위"), blank=True)
    workload_days = models.DecimalField(_("개발 업무량(인일)"), max_digits=7, decimal_places=1, null=True, blank=True)
    interlinked_functions = models.PositiveSmallIntegerField(
        _("상호 연계된 기능 수"),
        default=0,
        help_text=_("개선하거나 새로 개발하는 기능 중 서로 연계된 기능의 수 (제25조제5항)"),
    )
    exceeds_scope = models.BooleanField(_("유지관리 범위 초과"), default=False)
    reviewed_at = models.DateTimeField(_("검토일시"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        User, verbose_name=_("검토자"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # a25.2–a25.3, a25.6: the decision.
    decision_reason = models.TextField(_("결정 사유"), blank=True)
    decided_at = models.DateTimeField(_("결정일시"), null=True, blank=True)
    proposal = models.CharField(_("조정 제안"), max_length=10, choices=Proposal.choices, blank=True)
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("심의 안건"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    converted_project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("전환된 정보화사업"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="from_maintenance_requests",
    )
    # a25.4: the IT department's queue (1 = first).
    priority = models.PositiveIntegerField(_("우선순위"), null=True, blank=True)
    completed_on = models.DateField(_("완료일"), null=True, blank=True)

    restrict_scopes = {
        "own_unit": _request_own_unit,
        "own_company": lambda user, units: (
            Q(state__in=(RequestState.ACCEPTED, RequestState.DONE)) & Q(system_id__in=vendor_systems(user))
        ),
    }

    class Meta:
        verbose_name = _("유지관리 요청")
        verbose_name_plural = _("유지관리 요청")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "priority"], name="mreq_state_priority")]

    def __str__(self) -> str:
        return self.title

    @property
    def it_unit(self) -> OrgUnit:
        return self.system.operating_unit


class ArchitectureCheck(PrimaryModel):
    """아키텍처 표준 및 원칙 점검 (a25.5): one row per item of the standard, answered for a request that improves or
    newly develops interlinked functions at or above the threshold."""

    request = models.ForeignKey(
        MaintenanceRequest,
        verbose_name=_("유지관리 요청"),
        on_delete=models.CASCADE,
        related_name="architecture_checks",
    )
    code = models.CharField(_("항목 코드"), max_length=20)
    item = models.CharField(_("점검 항목"), max_length=300)
    conforms = models.BooleanField(_("준수"), null=True, blank=True)
    note = models.TextField(_("근거·비고"), blank=True)

    restrict_scopes = {"own_unit": lambda user, units: Q(request__system__operating_unit_id__in=units)}

    class Meta:
        verbose_name = _("아키텍처 표준 점검")
        verbose_name_plural = _("아키텍처 표준 점검")
        ordering = ["request", "code"]
        constraints = [models.UniqueConstraint(fields=["request", "code"], name="archcheck_unique")]

    def __str__(self) -> str:
        return f"{self.request} · {self.item}"

    def clean(self) -> None:
        if self.request_id and self.request.state not in (RequestState.FORWARDED, RequestState.REVIEWED):
            raise Refused(E.CHECK_STATE)


def check_functions(request: MaintenanceRequest, functions) -> None:
    """The functions named must belong to the request's system (a25.1: which system, which functions)."""
    for function in functions:
        if function.system_id != request.system_id:
            raise Refused(
                E.FUNCTION_SYSTEM,
                field="functions",
                function=josa(f"'{function.name}'", "은/는"),
                system=request.system.name,
            )
