"""산출물 (a17.2, a23.2, a29.1): types by phase, each project's checklist from its deliverable plan, and the files
— documents of the documents app, in versions with their SHA-256."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel

from ..choices import AuditStageKind, DeliverableState, Phase
from .contracts import Contract
from .scopes import project_scopes

HANDOVER_CODE = "CLS-HANDOVER"  # 인수인계서 (a23.2)


class DeliverableType(PrimaryModel):
    code = models.CharField(_("코드"), max_length=30, unique=True)
    phase = models.CharField(_("단계"), max_length=20, choices=Phase.choices)
    name = models.CharField(_("산출물명"), max_length=100)
    required_default = models.BooleanField(_("기본 필수"), default=False)
    audit_stage = models.CharField(_("감리 단계"), max_length=20, choices=AuditStageKind.choices, blank=True)
    is_final = models.BooleanField(
        _("최종 산출물"), default=False, help_text=_("인수인계서를 포함한 최종 산출물 (제23조제2항)")
    )
    order = models.PositiveSmallIntegerField(_("순서"), default=0)

    class Meta:
        verbose_name = _("산출물 유형")
        verbose_name_plural = _("산출물 유형")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_phase_display()})"


class Deliverable(PrimaryModel):
    """One line of a project's deliverable checklist; its file is a document with versions."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="deliverables"
    )
    type = models.ForeignKey(DeliverableType, verbose_name=_("산출물 유형"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("산출물명"), max_length=200)
    required = models.BooleanField(_("필수"), default=True)
    due_date = models.DateField(_("제출 예정일"), null=True, blank=True)
    is_final = models.BooleanField(_("최종 산출물"), default=False)
    document = models.OneToOneField(
        "documents.Document",
        verbose_name=_("문서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deliverable",
        editable=False,
    )
    state = models.CharField(
        _("검토 상태"),
        max_length=20,
        choices=DeliverableState.choices,
        default=DeliverableState.PLANNED,
        editable=False,
    )
    review_comment = models.TextField(_("검토 의견"), blank=True, editable=False)
    submitted_at = models.DateTimeField(_("최근 제출일시"), null=True, blank=True, editable=False)

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("산출물")
        verbose_name_plural = _("산출물")
        # A big list (issue 12): grouped by contract, the latest registered first, on its own columns, so an index
        # serves deep pages and keyset cursors (ordering by the contract itself would sort through its join).
        ordering = ["-contract_id", "title"]
        constraints = [models.UniqueConstraint(fields=["contract", "title"], name="deliverable_title_once")]
        indexes = [
            # Every home page asks which deliverables wait in a state (itms.regulation.work): 1,018 of 60,000.
            models.Index(fields=["state"], name="deliverable_state"),
            models.Index(fields=["-contract", "title", "id"], name="deliverable_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def project(self):
        return self.contract.project

    @property
    def phase(self) -> str:
        return self.type.get_phase_display()

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from itms.core.formats import format_date

        if self.due_date and self.contract_id and not self.contract.contains(self.due_date):
            raise ValidationError(
                {
                    "due_date": _("계약기간(%(start)s~%(end)s) 안의 날짜여야 합니다.")
                    % {"start": format_date(self.contract.start_date), "end": format_date(self.contract.end_date)}
                }
            )
