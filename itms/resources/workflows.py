"""The 실사 campaign (a29.3.2, a29.3.3): draft → under way → closed → result reported, each step a chained event.

Closing is refused while an asset is unchecked or a discrepancy is open (resolved or explicitly carried over:
a29.3.2); the result is owed to the 정보기획담당관 from the start (a29.3.3, ``inventory_audit_report_days`` after
the campaign's last day) and reporting it attaches the report (XLSX and PDF) to the campaign and meets that duty.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from itms.accounts.directory import roles_of
from itms.accounts.roles import Role
from itms.regulation.obligations import meets, opens
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow

from .actions.audits import list_items, open_discrepancies
from .choices import CheckResult, InventoryAuditState
from .models import InventoryAudit

IT_PLANNING = Role.IT_PLANNING_OFFICER
ASSET_OFFICER = Role.ASSET_OFFICER
RUNNERS = "정보기획담당관 또는 주관 부서의 정보자산 담당자"
REPORTER = "주관 부서의 정보자산 담당자"


def _asset_officer_of(user, audit) -> bool:
    return any(g.role == ASSET_OFFICER and g.unit_id == audit.unit_id for g in roles_of(user))


def _runs(user, audit) -> bool:
    """The 정보기획담당관 opens campaigns (issue: "opens a 실사 campaign"); the asset officer runs them (a29.3.2)."""
    return user.is_superuser or any(g.role == IT_PLANNING for g in roles_of(user)) or _asset_officer_of(user, audit)


def _reports(user, audit) -> bool:
    return user.is_superuser or _asset_officer_of(user, audit)


def _stamp(field: str):
    def effect(audit, ctx):
        setattr(audit, field, timezone.now())
        audit.save(update_fields=[field, "updated_at"])

    return effect


def _list_items(audit, ctx):
    list_items(audit, ctx["actor"])


def _notify_officers(audit, ctx):
    from itms.accounts.models import Assignment
    from itms.core.formats import format_date
    from itms.notifications.actions import notify

    users = {
        a.user
        for a in Assignment.objects.active_on(timezone.localdate())
        .filter(position__in=audit.officers.all())
        .select_related("user")
    }
    for user in sorted(users, key=lambda u: u.pk):
        notify(
            recipient=user,
            title=f"정보자산 실사 담당: {audit}",
            body=f"{format_date(audit.starts_on)}부터 {format_date(audit.ends_on)}까지 실사를 합니다. "
            "점검표에서 자산번호를 입력하거나 QR 코드를 읽어 확인 결과를 기록하십시오 (제29조제3항제2호).",
            url=audit.get_absolute_url(),
            dedupe_key=f"inventory-audit-officer:{audit.pk}",
        )


def _attach_report(audit, ctx):
    from .reports import attach_audit_report

    attach_audit_report(audit, actor=ctx["actor"])


def _notify_planning(audit, ctx):
    from itms.accounts.directory import holders
    from itms.notifications.actions import notify

    for holder in holders(IT_PLANNING):
        notify(
            recipient=holder.user,
            title=f"정보자산 실사 결과 통보: {audit}",
            body="정보자산 담당자가 실사 결과를 통보했습니다 (제29조제3항제3호). 결과 보고서(XLSX·PDF)가 실사에 첨부되어 있습니다.",
            url=audit.get_absolute_url(),
            dedupe_key=f"inventory-audit-report:{audit.pk}",
        )


def _waive_report(audit, ctx):
    from itms.regulation.models import Obligation, ObligationStatus
    from itms.regulation.obligations import waive_obligation

    for obligation in Obligation.objects.filter(
        kind="inventory_audit_report", subject_id=audit.pk, status=ObligationStatus.OPEN
    ).filter(subject_type__model="inventoryaudit"):
        waive_obligation(obligation=obligation, actor=ctx["actor"], reason=f"실사 취소: {ctx['data']['reason']}")


class CancelForm(forms.Form):
    reason = forms.CharField(label="취소 사유", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


InventoryAudit.workflow = Workflow(
    states=dict(InventoryAuditState.choices),
    transitions=[
        Transition(
            "start",
            "실사 시작",
            source=(InventoryAuditState.DRAFT,),
            target=InventoryAuditState.IN_PROGRESS,
            roles=(IT_PLANNING, ASSET_OFFICER),
            may=_runs,
            actor_label=RUNNERS,
            guards=(
                Guard("a29.3.2", "실사 담당 직위를 정해야 시작할 수 있습니다.", lambda a, ctx: a.officers.exists()),
                Guard(
                    "a29.3.1",
                    "실사 범위에 운영·유지관리 대상 자산이 없습니다. 대상 부서·유형·시스템을 확인하십시오.",
                    lambda a, ctx: a.scope_assets().exists(),
                ),
            ),
            effects=(
                _stamp("started_at"),
                _list_items,
                opens(
                    "inventory_audit_report",
                    start=lambda a, ctx: a.ends_on,
                    owed_by_unit=lambda a, ctx: a.unit,
                    owed_to_role=IT_PLANNING,
                    title=lambda a, ctx: f"정보자산 실사 결과 통보: {a}",
                ),
                _notify_officers,
            ),
            clause_ids=("a29.3.2",),
        ),
        Transition(
            "close",
            "실사 종료",
            source=(InventoryAuditState.IN_PROGRESS,),
            target=InventoryAuditState.CLOSED,
            roles=(IT_PLANNING, ASSET_OFFICER),
            may=_runs,
            actor_label=RUNNERS,
            guards=(
                Guard(
                    "a29.3.2",
                    "확인하지 않은 자산이 있습니다. 모두 확인하거나 '남은 자산 미발견 처리'를 하십시오.",
                    lambda a, ctx: not a.items.filter(result=CheckResult.PENDING).exists(),
                ),
                Guard(
                    "a29.3.2",
                    "처리하지 않은 불일치가 있습니다. 기록 수정·불용 처리·신규 등록·재확인으로 처리하거나 이월하십시오.",
                    lambda a, ctx: not open_discrepancies(a).exists(),
                ),
            ),
            effects=(_stamp("closed_at"),),
            clause_ids=("a29.3.2",),
        ),
        Transition(
            "report",
            "결과 통보",
            source=(InventoryAuditState.CLOSED,),
            target=InventoryAuditState.REPORTED,
            roles=(ASSET_OFFICER,),
            may=_reports,
            actor_label=REPORTER,
            effects=(_attach_report, _stamp("reported_at"), meets("inventory_audit_report"), _notify_planning),
            clause_ids=("a29.3.3",),
        ),
        Transition(
            "cancel",
            "실사 취소",
            source=(InventoryAuditState.DRAFT, InventoryAuditState.IN_PROGRESS),
            target=InventoryAuditState.CANCELLED,
            roles=(IT_PLANNING,),
            form=CancelForm,
            effects=(_waive_report,),
            clause_ids=("a29.3.2",),
            button="outline-danger",
        ),
    ],
)
register_workflow(InventoryAudit)
