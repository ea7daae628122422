"""과업변경 (a13.3, 소프트웨어 진흥법 제50조): a change of scope, amount or period during execution, confirmed by the
과업심의위원회 before it takes effect; the contractor may ask for the deliberation."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel

from ..choices import ChangeState
from .contracts import Contract
from .scopes import project_scopes


class ChangeRequest(PrimaryModel):
    contract = models.ForeignKey(
        Contract, verbose_name=_("계약"), on_delete=models.CASCADE, related_name="change_requests"
    )
    title = models.CharField(_("변경 요청명"), max_length=200)
    reason = models.TextField(_("변경 사유"))
    scope_change = models.TextField(_("변경할 과업내용"))
    requirement_changes = models.TextField(
        _("요구사항 추가·변경"),
        blank=True,
        help_text=_("한 줄에 하나씩 '요구사항 ID | 요구사항명' (있는 ID는 이름을 바꾸고, '- ID'는 뺍니다)"),
    )
    new_amount = MoneyField(_("변경 계약금액"), null=True, blank=True)
    new_end_date = models.DateField(_("변경 계약 종료일"), null=True, blank=True)
    requested_by_contractor = models.BooleanField(
        _("계약상대자의 심의 요청"),
        default=False,
        help_text=_("소프트웨어 진흥법 제50조: 계약상대자도 심의를 요청할 수 있습니다"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("요청자"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    agenda_item = models.ForeignKey(
        "governance.AgendaItem",
        verbose_name=_("심의 안건"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("심의일시"), null=True, blank=True, editable=False)
    state = models.CharField(
        _("상태"), max_length=20, choices=ChangeState.choices, default=ChangeState.DRAFT, editable=False
    )

    restrict_scopes = project_scopes("contract__project")

    class Meta:
        verbose_name = _("과업변경 요청")
        verbose_name_plural = _("과업변경 요청")
        ordering = ["contract", "-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def project(self):
        return self.contract.project

    def clean(self) -> None:
        if self.new_end_date and self.contract_id and self.new_end_date < self.contract.start_date:
            raise ValidationError({"new_end_date": _("변경 종료일은 계약 시작일보다 빠를 수 없습니다.")})
        parse_requirement_changes(self.requirement_changes)


def parse_requirement_changes(text: str) -> list[tuple[str, str, str]]:
    """Lines 'ID | 이름' (add or rename) and '- ID' (withdraw) → [(op, code, title)]; refuses an unreadable line."""
    from itms.core.errors import Refused

    from ..error_codes import ExecutionErrors as E

    changes = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("-"):
            code = line[1:].strip()
            if not code or "|" in code:
                raise Refused(E.CHANGE_LINE, field="requirement_changes", line=number)
            changes.append(("remove", code, ""))
            continue
        code, sep, title = (part.strip() for part in line.partition("|"))
        if not sep or not code or not title:
            raise Refused(E.CHANGE_LINE, field="requirement_changes", line=number)
        changes.append(("set", code, title))
    return changes
