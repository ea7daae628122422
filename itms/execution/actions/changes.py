"""과업변경 (a13.3, SW진흥법 제50조): what a confirmed change does to the contract and the requirement table."""

from __future__ import annotations

from django.utils import timezone

from ..choices import RequirementSource
from ..models import ChangeRequest, Requirement
from ..models.changes import parse_requirement_changes
from .contracts import record_version


def apply_change(change: ChangeRequest, *, actor) -> None:
    """The committee confirmed the change: the contract's amount and period, the requirement table, a new version."""
    contract = change.contract
    fields = []
    if change.new_amount is not None and change.new_amount != contract.amount:
        contract.amount = change.new_amount
        fields.append("amount")
    if change.new_end_date and change.new_end_date != contract.end_date:
        contract.end_date = change.new_end_date
        fields.append("end_date")
    if fields:
        contract.full_clean()
        contract.save(update_fields=[*fields, "updated_at"])
    for op, code, title in parse_requirement_changes(change.requirement_changes):
        existing = Requirement.objects.filter(contract=contract, code=code).first()
        if op == "remove":
            if existing is not None and existing.is_active:
                existing.is_active = False
                existing.save(update_fields=["is_active", "updated_at"])
        elif existing is None:
            Requirement.objects.create(contract=contract, code=code, title=title, source=RequirementSource.CHANGE)
        elif existing.title != title or not existing.is_active:
            existing.title, existing.is_active = title, True
            existing.save(update_fields=["title", "is_active", "updated_at"])
    record_version(contract=contract, reason=f"과업변경: {change.title}", actor=actor, change_request=change)
    change.decided_at = timezone.now()
    change.save(update_fields=["decided_at", "updated_at"])
