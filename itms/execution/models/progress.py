"""진도관리 (a19): the WBS with milestones, planned against actual, the vendor's weekly and monthly reports, delays
with their reasons and the problem list."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.formats import format_date
from itms.core.models import PrimaryModel

from ..choices import ReportKind, Severity
from .contracts import Contract
from .scopes import project_scopes

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class WorkPackage(PrimaryModel):
    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="work_packages"
    )
    code = models.CharField(_("WBS 번호"), max_length=20)
    name = models.CharField(_("작업명"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("상위 작업"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_milestone = models.BooleanField(_("마일스톤"), default=False)
    planned_start = models.DateField(_("계획 시작일"))
    planned_end = models.DateField(_("계획 종료일"))
    weight = models.PositiveSmallIntegerField(_("가중치"), default=1, validators=[MinValueValidator(1)])
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("선행 작업"), blank=True, symmetrical=False, related_name="successors"
    )
    progress = models.PositiveSmallIntegerField(_("실적 진척률(%)"), default=0, validators=PERCENT, editable=False)
    actual_start = models.DateField(_("실제 시작일"), null=True, blank=True, editable=False)
    actual_end = models.DateField(_("실제 종료일"), null=True, blank=True, editable=False)
    delay_reason = models.TextField(_("지연 사유"), blank=True, editable=False)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("WBS 작업")
        verbose_name_plural = _("WBS 작업")
        # Grouped by contract on its own column, with an index in this order (issue 12; see Deliverable).
        ordering = ["-contract_id", "planned_start", "code"]
        constraints = [models.UniqueConstraint(fields=["contract", "code"], name="work_package_code_once")]
        indexes = [models.Index(fields=["-contract", "planned_start", "code", "id"], name="work_package_list_order")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def project(self):
        return self.contract.project

    def planned_percent(self, on: dt.date) -> int:
        """Where the plan says the work should be on ``on``: straight-line between its planned dates."""
        if on < self.planned_start:
            return 0
        if on >= self.planned_end:
            return 100
        span = (self.planned_end - self.planned_start).days + 1
        return round(100 * ((on - self.planned_start).days + 1) / span)

    def is_delayed(self, on: dt.date, tolerance: int = 0) -> bool:
        """a19.0.2: behind the plan by more than ``tolerance`` points, or past its end unfinished."""
        if self.progress >= 100:
            return False
        return on > self.planned_end or self.planned_percent(on) - self.progress > tolerance

    def clean(self) -> None:
        errors = {}
        if self.planned_start and self.planned_end:
            if self.planned_end < self.planned_start:
                errors["planned_end"] = _("계획 종료일은 시작일보다 빠를 수 없습니다.")
            elif self.is_milestone and self.planned_end != self.planned_start:
                errors["planned_end"] = _("마일스톤은 하루의 시점입니다: 시작일과 종료일을 같게 하십시오.")
        if self.contract_id and self.planned_start and self.planned_end:
            contract = self.contract
            for field in ("planned_start", "planned_end"):
                if not contract.contains(getattr(self, field)):
                    errors[field] = _(
                        "계약기간(%(start)s~%(end)s) 밖의 날짜입니다 (제19조: 계획일정은 계약기간 안에서 세웁니다)."
                    ) % {"start": format_date(contract.start_date), "end": format_date(contract.end_date)}
        if self.parent_id:
            if self.parent.contract_id != self.contract_id:
                errors["parent"] = _("상위 작업은 같은 계약의 작업이어야 합니다.")
            elif self.pk and _ancestor_loop(self):
                errors["parent"] = _("상위 작업을 이렇게 정하면 작업 구조가 순환합니다.")
        if errors:
            raise ValidationError(errors)


def _ancestor_loop(package: WorkPackage) -> bool:
    seen, node = {package.pk}, package.parent
    while node is not None:
        if node.pk in seen:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


def dependency_cycle(package: WorkPackage | None, predecessors, contract_id: int) -> list[str]:
    """The codes around a cycle that ``predecessors`` would make for ``package`` (empty: no cycle).

    Follows the predecessor links already stored for the contract (one query), with the new links in place.
    """
    links: dict[int, set[int]] = {}
    for pk, pred in WorkPackage.predecessors.through.objects.filter(
        from_workpackage__contract_id=contract_id
    ).values_list("from_workpackage_id", "to_workpackage_id"):
        links.setdefault(pk, set()).add(pred)
    names = dict(WorkPackage.objects.filter(contract_id=contract_id).values_list("pk", "code"))
    me = package.pk if package is not None and package.pk else 0
    if package is not None:
        names[me] = package.code
    links[me] = {p.pk for p in predecessors}
    # Depth-first from me along predecessor links: reaching me again is a cycle.
    stack = [(p, [me, p]) for p in links[me]]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node == me:
            return [names.get(pk, "?") for pk in path]
        if node in seen:
            continue
        seen.add(node)
        stack.extend((nxt, [*path, nxt]) for nxt in links.get(node, ()))
    return []


class ProgressReport(PrimaryModel):
    """주간·월간 보고 (a19): the vendor's report of progress per WBS item, with the problems met."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    kind = models.CharField(_("구분"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("보고 기간 시작"))
    period_end = models.DateField(_("보고 기간 종료"))
    summary = models.TextField(_("추진 실적"))
    problems = models.TextField(_("문제점·지연 사유"), blank=True)
    next_plan = models.TextField(_("다음 기간 계획"), blank=True)
    planned_percent = models.PositiveSmallIntegerField(_("계획 공정률(%)"), default=0, editable=False)
    actual_percent = models.PositiveSmallIntegerField(_("실적 공정률(%)"), default=0, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("보고자"), on_delete=models.PROTECT, related_name="+", editable=False
    )

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("진척 보고")
        verbose_name_plural = _("진척 보고")
        # Grouped by contract on its own column, with an index in this order (issue 12; see Deliverable).
        ordering = ["-contract_id", "-period_end", "-id"]
        indexes = [models.Index(fields=["contract", "period_end", "id"], name="progress_report_list_order")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_date(self.period_start)}~{format_date(self.period_end)}"

    @property
    def variance(self) -> int:
        return self.actual_percent - self.planned_percent


class ProgressEntry(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("진척 보고"), on_delete=models.CASCADE, related_name="entries"
    )
    work_package = models.ForeignKey(
        WorkPackage, verbose_name=_("WBS 작업"), on_delete=models.CASCADE, related_name="entries"
    )
    previous = models.PositiveSmallIntegerField(_("이전 진척률(%)"), validators=PERCENT)
    percent = models.PositiveSmallIntegerField(_("진척률(%)"), validators=PERCENT)
    reason = models.TextField(_("사유"), blank=True)

    class Meta:
        verbose_name = _("작업별 진척")
        verbose_name_plural = _("작업별 진척")
        constraints = [models.UniqueConstraint(fields=["report", "work_package"], name="progress_entry_once")]

    def __str__(self) -> str:
        return f"{self.work_package.code} {self.percent}%"


class Issue(PrimaryModel):
    """문제점 (a19.0.2): a problem met while carrying out the project, with the action taken."""

    contract = models.ForeignKey(Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="issues")
    title = models.CharField(_("문제점"), max_length=200)
    description = models.TextField(_("현황"), blank=True)
    severity = models.CharField(_("영향도"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    work_package = models.ForeignKey(
        WorkPackage,
        verbose_name=_("관련 작업"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues",
    )
    raised_on = models.DateField(_("제기일"))
    action_plan = models.TextField(_("조치 계획"), blank=True)
    resolved_on = models.DateField(_("해결일"), null=True, blank=True)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("문제점·이슈")
        verbose_name_plural = _("문제점·이슈")
        ordering = ["contract", "resolved_on", "-raised_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.work_package_id and self.contract_id and self.work_package.contract_id != self.contract_id:
            errors["work_package"] = _("같은 계약의 작업을 고르십시오.")
        if self.resolved_on and self.raised_on and self.resolved_on < self.raised_on:
            errors["resolved_on"] = _("해결일은 제기일보다 빠를 수 없습니다.")
        if errors:
            raise ValidationError(errors)
