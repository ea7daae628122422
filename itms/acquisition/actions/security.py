"""보안성 검토 (a12): the request record, the 정보보안담당관's findings, the sponsor's reflection of each."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from itms.core.errors import Forbidden, Refused

from ..choices import SecurityReviewState
from ..error_codes import AcquisitionErrors as E
from ..models import Rfp, SecurityFinding, SecurityReview
from .common import is_security_officer, logs_refusals, require_sponsor


@logs_refusals
@transaction.atomic
def start_security_review(*, actor, project, rfp: Rfp | None = None) -> SecurityReview:
    """The sponsor prepares a request; it is made (a12.1) through the record's ``request`` step, with the draft RFP."""
    require_sponsor(actor, project)
    if rfp is None:
        rfp = project.rfps.order_by("-created_at").first()
    if rfp is not None and rfp.project_id != project.pk:
        raise Refused(E.RFP_OF_OTHER_PROJECT, field="rfp")
    open_review = project.security_reviews.filter(state=SecurityReviewState.DRAFT).first()
    if open_review is not None:
        return open_review
    return SecurityReview.objects.create(project=project, rfp=rfp)


@logs_refusals
@transaction.atomic
def add_finding(*, actor, review: SecurityReview, source: str, finding: str) -> SecurityFinding:
    """The 정보보안담당관 records one finding — theirs, or one from the consultation with the NIS (a12.2)."""
    review = SecurityReview.objects.select_for_update(no_key=True).get(pk=review.pk)
    if not is_security_officer(actor):
        raise Forbidden(E.SECURITY_OFFICER_ONLY)
    if review.state != SecurityReviewState.REQUESTED:
        raise Refused(E.FINDING_STATE)
    if not finding.strip():
        raise Refused(E.FINDING_EMPTY, field="finding")
    number = (review.findings.aggregate(n=Max("number"))["n"] or 0) + 1
    item = SecurityFinding(review=review, number=number, source=source, finding=finding.strip())
    item.full_clean()
    item.save()
    return item


@logs_refusals
@transaction.atomic
def reflect_finding(*, actor, finding: SecurityFinding, reflection: str) -> SecurityFinding:
    """The sponsor marks how the finding is reflected in the project and the RFP (a12.3)."""
    finding = (
        SecurityFinding.objects.select_for_update(no_key=True).select_related("review__project").get(pk=finding.pk)
    )
    require_sponsor(actor, finding.review.project)
    if finding.review.state != SecurityReviewState.NOTIFIED:
        raise Refused(E.REFLECT_STATE)
    if not reflection.strip():
        raise Refused(E.REFLECTION_EMPTY, field="reflection")
    finding.reflection, finding.reflected_at, finding.reflected_by = reflection.strip(), timezone.now(), actor
    finding.save(update_fields=["reflection", "reflected_at", "reflected_by", "updated_at"])
    return finding


def security_cleared(project) -> tuple[bool, str]:
    """a12.3: a result was notified (or verified) and every finding of it is reflected — what ordering needs."""
    review = (
        project.security_reviews.filter(state__in=(SecurityReviewState.NOTIFIED, SecurityReviewState.VERIFIED))
        .order_by("-notified_at")
        .first()
    )
    if review is None:
        return False, "보안성 검토 결과가 없습니다"
    open_count = review.findings.filter(reflected_at__isnull=True).count()
    if open_count:
        return False, f"반영하지 않은 보안성 검토 의견이 {open_count}건 있습니다"
    return True, ""
