"""산출물 (a17.2, a23.2, a29.1): the checklist from the deliverable plan and checked, hashed uploads."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import PurePath

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.documents.models import DocumentKind, DocumentVersion

from ..choices import DeliverableState, Phase
from ..error_codes import ExecutionErrors as E
from ..models import Contract, Deliverable, DeliverableType
from .common import is_contractor, is_sponsor


def _compact(text: str) -> str:
    return "".join((text or "").split())


def planned_types(contract: Contract):
    """The deliverable types of the project's checklist: those every project submits (기본 필수) and those the
    vendor's deliverable plan names (a18.1 산출물 제출 계획; a name matched without its spaces, so "인터페이스
    정의서" in the plan finds 인터페이스 정의서)."""
    plan = getattr(contract, "execution_plan", None)
    named = _compact(plan.deliverable_plan if plan is not None else "")
    return [
        dtype
        for dtype in DeliverableType.objects.order_by("order")
        if dtype.required_default or (named and _compact(dtype.name) in named)
    ]


# The words a WBS item's name uses for each phase ("분석", "1.2 상세 설계" …): its deliverables are due at its end.
PHASE_WORDS = {
    Phase.ANALYSIS: ("분석",),
    Phase.DESIGN: ("설계",),
    Phase.IMPLEMENTATION: ("구현", "개발"),
    Phase.TEST: ("시험", "테스트"),
    Phase.TRANSITION: ("이행", "전개"),
}


def due_dates(contract: Contract) -> dict[str, dt.date]:
    """When each phase's deliverables are due (a17.2, a19): the end of the WBS items named for the phase; the
    kick-off documents with the 착수계 (its obligation's due date); the closing ones at the contract's end."""
    from django.contrib.contenttypes.models import ContentType

    from itms.regulation.models import Obligation

    packages = list(contract.work_packages.only("name", "planned_end"))
    due = {}
    for phase, words in PHASE_WORDS.items():
        ends = [p.planned_end for p in packages if any(word in p.name for word in words)]
        if ends:
            due[phase] = max(ends)
    kickoff = (
        Obligation.objects.filter(
            kind="kickoff_submission", subject_type=ContentType.objects.get_for_model(Contract), subject_id=contract.pk
        )
        .values_list("due_date", flat=True)
        .first()
    )
    if kickoff:
        due[Phase.KICKOFF] = kickoff
    due[Phase.CLOSING] = contract.end_date
    return due


def build_checklist(contract: Contract) -> int:
    """The project's checklist from its deliverable plan (a17.2, a18.1): one line per planned type not yet listed,
    due when its phase ends in the WBS (``due_dates``)."""
    existing = set(contract.deliverables.values_list("type_id", flat=True))
    titles = set(contract.deliverables.values_list("title", flat=True))
    due = due_dates(contract)
    created = 0
    for dtype in planned_types(contract):
        if dtype.pk in existing or dtype.name in titles:
            continue
        when = due.get(dtype.phase)
        Deliverable.objects.create(
            contract=contract,
            type=dtype,
            title=dtype.name,
            required=True,
            is_final=dtype.is_final,
            due_date=when if when and contract.contains(when) else None,
        )
        created += 1
    return created


def _sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@transaction.atomic
def upload_deliverable(*, actor, deliverable: Deliverable, upload, note: str = "") -> DocumentVersion:
    """Registers a file of a deliverable (a17.2): a type the contract allows, content checked, never the same file
    twice in the project (SHA-256). The first file makes the document; later ones are its versions. The deliverable
    goes to review (submitted)."""
    from itms.documents import actions as documents

    deliverable = (
        Deliverable.objects.select_for_update(no_key=True, of=("self",))
        .select_related("contract__project")
        .get(pk=deliverable.pk)
    )
    contract = deliverable.contract
    if not (is_contractor(actor, contract.project) or is_sponsor(actor, contract.project)):
        raise Forbidden(E.DELIVERABLE_WHO)
    if deliverable.state == DeliverableState.ACCEPTED:
        raise Refused(E.DELIVERABLE_ACCEPTED)
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    if extension not in contract.file_types:
        raise Refused(
            E.FILE_TYPE, field="file", allowed=", ".join(t.upper() for t in contract.file_types), ext=extension or "?"
        )
    sha = _sha256(upload)
    same = (
        DocumentVersion.objects.filter(sha256=sha, document__deliverable__contract__project=contract.project)
        .select_related("document")
        .first()
    )
    if same is not None:
        raise Refused(E.DUPLICATE_FILE, sha=sha[:12], title=same.document.title, version=f" 제{same.number}판")
    if deliverable.document_id is None:
        document = documents.attach_document(
            actor=actor,
            subject=deliverable,
            upload=upload,
            title=deliverable.title,
            kind=DocumentKind.DELIVERABLE,
            note=note,
            own_form=True,
        )
        deliverable.document = document
        deliverable.save(update_fields=["document", "updated_at"])
        version = document.versions.get()
    else:
        version = documents.add_version(
            actor=actor, document=deliverable.document, upload=upload, note=note, own_form=True
        )
    deliverable.submitted_at = timezone.now()
    deliverable.save(update_fields=["submitted_at", "updated_at"])
    if deliverable.state in (DeliverableState.PLANNED, DeliverableState.RETURNED):
        Deliverable.workflow.execute(deliverable, "submit", actor=actor, internal=True)
    return version


def missing(contracts, on=None):
    """Required deliverables not yet submitted (those past their date first): the missing-deliverable report."""
    qs = Deliverable.objects.filter(contract__in=contracts, required=True, state=DeliverableState.PLANNED)
    # Dated ones first, the earliest first; undated ones after them on both engines.
    return qs.select_related("contract__project", "type").order_by(
        F("due_date").asc(nulls_last=True), "contract", "type__order"
    )
