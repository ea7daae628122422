"""사전협의 (a11): starting the record, and reflecting each result. The steps themselves are the record's workflow."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from itms.core.errors import Refused

from ..choices import ConsultationState
from ..consultation import suggested_agencies
from ..error_codes import AcquisitionErrors as E
from ..models import ConsultationResult, PreConsultation
from .common import logs_refusals, require_sponsor


@logs_refusals
@transaction.atomic
def start_consultation(*, actor, project) -> PreConsultation:
    """The sponsor opens the project's 사전협의 record; the agencies its systems exchange data with are suggested."""
    require_sponsor(actor, project)
    record, _created = PreConsultation.objects.get_or_create(
        project=project, defaults={"interlinked_agencies": "\n".join(suggested_agencies(project))}
    )
    return record


def add_results(record: PreConsultation, text: str) -> list[ConsultationResult]:
    """One result per line of MOIS's reply (or of its answer to an objection)."""
    start = record.results.count()
    rows = []
    for offset, line in enumerate((line.strip() for line in text.splitlines() if line.strip()), start=1):
        rows.append(ConsultationResult.objects.create(consultation=record, number=start + offset, finding=line))
    return rows


@logs_refusals
@transaction.atomic
def reflect_result(*, actor, result: ConsultationResult, reflection: str) -> ConsultationResult:
    """The sponsor checks off how one result was reflected in the project (a11.2: the results must be reflected)."""
    result = (
        ConsultationResult.objects.select_for_update(no_key=True)
        .select_related("consultation__project")
        .get(pk=result.pk)
    )
    require_sponsor(actor, result.consultation.project)
    if result.consultation.state not in (ConsultationState.REPLIED, ConsultationState.ANSWERED):
        raise Refused(E.RESULT_STATE)
    if not reflection.strip():
        raise Refused(E.RESULT_EMPTY, field="reflection")
    result.reflection, result.reflected_at, result.reflected_by = reflection.strip(), timezone.now(), actor
    result.save(update_fields=["reflection", "reflected_at", "reflected_by", "updated_at"])
    return result
