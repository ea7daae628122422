"""과업심의 (a13; 소프트웨어 진흥법 제50조): which 과업심의위원회 deliberates what, and each request for deliberation."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.governance.choices import TaskAgendaKind
from itms.projects.choices import ProjectKind
from itms.projects.models import Project

from ..choices import DeliberationState
from .common import STATE_LABEL, actor_field, project_unit, stamp_field


class TaskCommitteeScope(PrimaryModel):
    """What one 과업심의위원회 deliberates, when the CIO sets up several with separate subjects (a13.2).

    A request goes to the committee whose scope takes the project's kind, the kind of deliberation and the
    project's budget; with one committee and no scope rows, that committee takes everything.
    """

    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("과업심의위원회"),
        on_delete=models.CASCADE,
        related_name="task_scopes",
        limit_choices_to={"kind": "task_deliberation"},
    )
    project_kinds = models.JSONField(
        _("사업유형"), default=list, blank=True, help_text=_("비워 두면 모든 사업유형 (예: construction, enhancement)")
    )
    deliberation_kinds = models.JSONField(
        _("심의 구분"), default=list, blank=True, help_text=_("비워 두면 과업내용 확정·변경·금액 조정 모두")
    )
    min_budget = MoneyField(_("총사업비 하한(이상)"), null=True, blank=True)
    max_budget = MoneyField(_("총사업비 상한(미만)"), null=True, blank=True)
    note = models.CharField(_("비고"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("과업심의위원회 심의 대상")
        verbose_name_plural = _("과업심의위원회 심의 대상")
        ordering = ["body", "pk"]

    def __str__(self) -> str:
        return f"{self.body} — {self.describe()}"

    def describe(self) -> str:
        kinds = dict(ProjectKind.choices)
        deliberations = dict(TaskAgendaKind.choices)
        parts = [
            "·".join(str(kinds.get(k, k)) for k in self.project_kinds) or "모든 사업",
            "·".join(str(deliberations.get(k, k)) for k in self.deliberation_kinds) or "모든 심의",
        ]
        if self.min_budget is not None or self.max_budget is not None:
            low = f"{self.min_budget:,}원 이상" if self.min_budget is not None else ""
            high = f"{self.max_budget:,}원 미만" if self.max_budget is not None else ""
            parts.append(" ".join(p for p in (low, high) if p))
        return ", ".join(parts)

    def takes(self, project: Project, kind: str) -> bool:
        if self.project_kinds and project.kind not in self.project_kinds:
            return False
        if self.deliberation_kinds and kind not in self.deliberation_kinds:
            return False
        if self.min_budget is not None and project.total_budget < self.min_budget:
            return False
        return self.max_budget is None or project.total_budget < self.max_budget

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = set(self.project_kinds or ()) - set(ProjectKind.values)
        if unknown:
            raise ValidationError(
                {"project_kinds": _("알 수 없는 사업유형: %(v)s") % {"v": ", ".join(sorted(unknown))}}
            )
        unknown = set(self.deliberation_kinds or ()) - set(TaskAgendaKind.values)
        if unknown:
            raise ValidationError(
                {"deliberation_kinds": _("알 수 없는 심의 구분: %(v)s") % {"v": ", ".join(sorted(unknown))}}
            )


def _contractor(user, units):
    """Requests a vendor's company filed (a contractor may request deliberation, 소프트웨어 진흥법 제50조)."""
    return Q(contractor_company_id=user.company_id) if user.company_id else Q(pk__in=[])


def _secretariat(user, units):
    """Requests routed to a 과업심의위원회 the user is the secretary or chair of: they put them on the agenda (a13.3)."""
    from itms.governance.models import Body

    return Q(body__in=Body.objects.filter(Body.restrict_scopes["secretariat"](user, units)).values("pk"))


class TaskDeliberation(PrimaryModel):
    """A request that the 과업심의위원회 deliberate the scope, a change of scope, or the amount and period (a13.3)."""

    restrict_scopes = {"own_unit": project_unit(), "own_company": _contractor, "secretariat": _secretariat}

    project = models.ForeignKey(
        Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="task_deliberations"
    )
    kind = models.CharField(_("심의 구분"), max_length=20, choices=TaskAgendaKind.choices)
    rfp = models.ForeignKey(
        "acquisition.Rfp",
        verbose_name=_("심의할 제안요청서(안)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliberations",
    )
    content = models.TextField(_("심의 요청 내용"), help_text=_("확정·변경하려는 과업내용, 사업기간, 금액"))
    period_months = models.PositiveSmallIntegerField(_("사업기간(개월)"), null=True, blank=True)
    amount = MoneyField(_("사업금액"), null=True, blank=True)
    requested_by_contractor = models.BooleanField(_("계약상대자의 요청"), default=False, editable=False)
    contractor_company = models.ForeignKey(
        "accounts.Company",
        verbose_name=_("요청한 계약상대자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    state = models.CharField(
        STATE_LABEL, max_length=20, choices=DeliberationState.choices, default=DeliberationState.DRAFT, editable=False
    )
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("심의할 과업심의위원회"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    agenda_item = models.OneToOneField(
        "governance.AgendaItem",
        verbose_name=_("안건"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    scope_fingerprint = models.CharField(
        _("심의한 과업내용의 지문(SHA-256)"), max_length=64, blank=True, editable=False
    )
    requested_at = stamp_field(_("요청일시"))
    requested_by = actor_field(_("요청자"))
    decided_at = stamp_field(_("의결일시"))
    decision = models.TextField(_("심의 결과"), blank=True, editable=False)
    reflection = models.TextField(_("제안요청서 반영 내용"), blank=True, editable=False)
    reflected_fingerprint = models.CharField(
        _("반영한 제안요청서의 지문(SHA-256)"), max_length=64, blank=True, editable=False
    )
    reflected_at = stamp_field(_("반영일시"))
    answer = models.TextField(_("계약상대자에 통보한 결과와 조치계획"), blank=True, editable=False)
    answered_at = stamp_field(_("통보일시"))

    class Meta:
        verbose_name = _("과업심의")
        verbose_name_plural = _("과업심의")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.project} {self.get_kind_display()}"
