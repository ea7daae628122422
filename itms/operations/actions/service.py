"""The service desk's obligations: a major incident, once restored, owes its cause analysis within a month of
recovery (전자정부법 제56조의5, 시행령 제70조의5; a26.3); the submission date closes it. Follows every save of an
incident (a form, the import, the API), connected in apps.py."""

from __future__ import annotations

from django.utils import timezone

from itms.core.formats import format_date
from itms.regulation.obligations import meet_obligation, open_obligation
from itms.regulation.rules import param

from .common import add_months


def follow_incident(sender, instance, **kwargs) -> None:
    if kwargs.get("raw") or not instance.is_major or instance.restored_at is None:
        return
    restored = timezone.localtime(instance.restored_at).date()
    reading = param("major_incident_analysis_months", restored)
    due = add_months(restored, int(reading.value))
    open_obligation(
        kind="major_incident_analysis",
        subject=instance,
        owed_by_unit=instance.system.operating_unit,
        start=restored,
        due=due,
        explanation=f"복구일 {format_date(restored)}부터 {reading.value}개월 (전자정부법 시행령 제70조의5, {reading.pack_version})",
        once=True,
    )
    if instance.analysis_submitted_on:
        meet_obligation(kind="major_incident_analysis", subject=instance, note="분석 결과 제출")


def follow_diagnosis(sender, instance, created=False, **kwargs) -> None:
    """A diagnosis meets the one owed for its contract and opens the next, a period later (a26.1)."""
    if kwargs.get("raw") or not created:
        return
    import datetime as dt

    contract = instance.contract
    meet_obligation(kind="service_level_diagnosis", subject=contract, note=f"{format_date(instance.diagnosed_on)} 진단")
    if not hasattr(contract, "sla"):
        return
    months = int(param("service_diagnosis_months", instance.diagnosed_on).value)
    due = add_months(instance.diagnosed_on, months)
    if due - dt.timedelta(days=1) > contract.ends_on:
        return
    open_obligation(
        kind="service_level_diagnosis",
        subject=contract,
        owed_by_unit=contract.managing_unit,
        due=due,
        explanation=f"직전 진단일 {format_date(instance.diagnosed_on)}부터 {months}개월 (규정 값 service_diagnosis_months)",
    )
