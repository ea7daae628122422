"""검사 (a22) and 인계 (a23): rounds of inspection with their items, the 검사조서, the handover into the register."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from itms.core import registry
from itms.core.errors import Refused
from itms.core.formats import format_date, format_won
from itms.core.verdicts import save as save_verdicts
from itms.regulation.obligations import open_obligation

from ..choices import AuditStageKind, DeliverableState, InspectionOutcome, ItemKind, TestRunKind
from ..error_codes import ExecutionErrors as E
from ..models import HANDOVER_CODE, Contract, InspectionItem, InspectionRound
from .common import today


def open_round(contract: Contract, *, actor=None, on: dt.date | None = None) -> InspectionRound:
    """A completion notice (or a notice that the corrections are done) opens a round of inspection: its items are
    the requirement table, the deliverable list, the test results and the audit's corrections (PRACTICE-FACTS §4.2);
    the inspection is owed within 14 days (국가계약법 시행령 제55조제1항)."""
    on = on or today()
    number = (contract.inspections.aggregate(n=Max("number"))["n"] or 0) + 1
    inspection = InspectionRound.objects.create(contract=contract, number=number, notified_on=on)
    items = [
        InspectionItem(inspection=inspection, kind=ItemKind.REQUIREMENT, reference=f"{r.code} {r.title}"[:300])
        for r in contract.requirements.filter(is_active=True).order_by("code")
    ]
    items += [
        InspectionItem(inspection=inspection, kind=ItemKind.DELIVERABLE, reference=d.title[:300])
        for d in contract.deliverables.filter(required=True).order_by("type__order", "title")
    ]
    items += [
        InspectionItem(inspection=inspection, kind=ItemKind.TEST, reference=label)
        for label in ("통합테스트·사용자 테스트·시범운영 결과 (제20조제2항)", "인수테스트 결과 (제20조제3항)")
    ]
    if hasattr(contract, "system_audit"):
        items.append(
            InspectionItem(inspection=inspection, kind=ItemKind.AUDIT, reference="종료단계 감리 시정조치 (제21조)")
        )
    InspectionItem.objects.bulk_create(items)
    open_obligation(
        kind="inspection",
        subject=contract,
        key=f"round-{number}",
        owed_by_unit=contract.project.sponsor_unit,
        start=on,
        title=f"{number}차 검사: {contract}",
        actor=actor,
    )
    return inspection


@transaction.atomic
def check_items(*, actor, inspection: InspectionRound, verdicts: dict[int, tuple[str, str]]) -> int:
    """The inspector's verdicts ``{item pk: (verdict, note)}`` on a round still open, all or none (a22)."""
    # The round's outcome as it stands now (locked), not as it was when the form was drawn.
    outcome = InspectionRound.objects.select_for_update().values_list("outcome", flat=True).get(pk=inspection.pk)
    if outcome != InspectionOutcome.PENDING:
        raise Refused(E.INSPECTION_ITEM_STATE)
    return save_verdicts(
        actor=actor,
        rows=inspection.items.all(),
        values=verdicts,
        fields=("verdict", "note"),
        forbidden=E.INSPECTION_WHO,
    )


def current_round(contract: Contract) -> InspectionRound | None:
    return contract.inspections.order_by("-number").first()


def inspection_report(inspection: InspectionRound):
    """검사조서 (a22): an official document with 기관명, 문서번호 and 서명란."""
    from itms.documents.official import Fields, Heading, OfficialDocument, Paragraph, Signature, Table

    contract = inspection.contract
    items = list(inspection.items.order_by("kind", "pk"))
    inspector = inspection.inspector
    doc = OfficialDocument(
        title="검 사 조 서",
        number=inspection.document_number,
        date=format_date(inspection.inspected_on or today()),
        blocks=[
            Fields(
                [
                    ("사업명", str(contract.project)),
                    ("계약명", contract.title),
                    ("계약번호", contract.number),
                    ("계약상대자", contract.company.name),
                    ("계약금액", format_won(contract.amount)),
                    ("계약기간", f"{format_date(contract.start_date)} ~ {format_date(contract.end_date)}"),
                    ("완료계 접수일", format_date(inspection.notified_on)),
                    ("검사일", format_date(inspection.inspected_on) if inspection.inspected_on else "-"),
                    ("검사 차수", f"{inspection.number}차"),
                    ("검사 결과", inspection.get_outcome_display()),
                ]
            ),
            Heading("검사 항목 (과업 이행 여부)"),
            Table(
                ["구분", "항목", "결과", "비고"],
                [[i.get_kind_display(), i.reference, i.get_verdict_display(), i.note] for i in items],
                [16, 50, 12, 22],
            ),
            Paragraph(inspection.remarks or ""),
            Paragraph(
                f"보완 요구: {inspection.correction_request}"
                if inspection.correction_request
                else "위와 같이 검사하였음.",
            ),
            Paragraph(
                "근거: 관세행정 정보화 추진에 관한 훈령 제22조, 국가를 당사자로 하는 계약에 관한 법률 시행령 제55조",
                small=True,
            ),
        ],
        signatures=[
            Signature("검사자", contract.project.sponsor_unit.name, inspector.name if inspector else ""),
        ],
    )
    return doc


def tests_recorded(contract: Contract, kind: str) -> bool:
    return contract.test_runs.filter(kind=kind, passed=True).exists()


REQUIRED_TESTS = {
    TestRunKind.INTEGRATION: "통합테스트",
    TestRunKind.USER: "사용자 테스트",
    TestRunKind.PILOT: "시범운영",
}


def final_audit_open(contract: Contract) -> bool:
    """a21: the final stage's corrections are done (confirmed) before the inspection — if the project is audited."""
    audit = getattr(contract, "system_audit", None)
    if audit is None:
        return False
    final = audit.stages.filter(kind=AuditStageKind.FINAL).first()
    if final is None:
        return audit.mandatory
    if not final.performed_on:
        return audit.mandatory
    return final.findings.filter(confirmed_on__isnull=True).exists()


def final_set_missing(contract: Contract) -> list[str]:
    """a23.2: the final deliverables (the handover document among them) not yet submitted through the system."""
    missing = [
        d.title
        for d in contract.deliverables.filter(is_final=True).exclude(
            state__in=(DeliverableState.SUBMITTED, DeliverableState.ACCEPTED)
        )
    ]
    if not contract.deliverables.filter(type__code=HANDOVER_CODE).exists():
        missing.append("인수인계서")
    return missing


def register_system(contract: Contract, *, actor, system=None, name: str = "", code: str = ""):
    """a24.1: the system enters the register as operated by the IT department that took it over.

    Written through the resources app's own registered form (its fields and its ``clean``: an IT department
    operates it, a24.1), never around it: an existing system gets the IT department as its operating unit and
    the status 운영; a new one is registered with the project's organisation.
    """
    from itms.resources.models import InformationSystem

    object_type = registry.get(InformationSystem)
    form_class = object_type.form
    fields = list(form_class.base_fields)
    if system is not None:
        data = {}
        for name_ in fields:
            value = getattr(system, name_, None)
            data[name_] = value.pk if hasattr(value, "pk") else value
        data.update({"operating_unit": contract.it_unit_id, "status": "operating"})
        if not data.get("service_start"):
            data["service_start"] = today()
        form = form_class(data={k: v for k, v in data.items() if v is not None and v != ""}, instance=system)
    else:
        data = {
            "name": name or contract.project.name,
            "code": code,
            "purpose": contract.project.summary or contract.project.name,
            "organization": contract.project.organization_id,
            "operating_unit": contract.it_unit_id,
            "status": "operating",
            "service_start": today(),
            "build_cost": contract.amount,
        }
        form = form_class(data=data)
    for name_ in ("is_public", "has_personal_data", "developed_by_affiliate"):
        if name_ in form.data and form.data[name_] is False:
            form.data.pop(name_)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''} {' '.join(e)}" for f, e in form.errors.items()
        )
        from ..error_codes import ExecutionErrors

        raise Refused(ExecutionErrors.SYSTEM_REGISTER, errors=errors)
    saved = form.save()
    contract.project.related_systems.add(saved)
    return saved
