"""Documents attached to any record, in versions with their SHA-256 (a29.1, a17.2, a23.2).

A document belongs to a subject (a plan, a meeting, a pre-review …) and, where there is one, to the
project it concerns, so that the project's register lists every plan, RFP and deliverable (a29.1).
A new file is a new version; versions are never replaced.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from itms.core.models import PrimaryModel


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("사업계획서·검토서")
    RFP = "rfp", _("제안요청서")
    MEETING = "meeting", _("회의 안건·자료")
    DELIVERABLE = "deliverable", _("산출물")
    REPORT = "report", _("보고서")
    OTHER = "other", _("기타")


def _visible_projects(user, units):
    # The project model through the foreign key, not an import: documents sit below the chapters (pyproject.toml).
    Project = Document._meta.get_field("project").related_model
    return Q(project__in=Project.objects.restrict(user, "view").values("pk")) | Q(project__isnull=True)


class Document(PrimaryModel):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("정보화사업"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("문서명"), max_length=200)
    kind = models.CharField(_("종류"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)

    restrict_scopes = {"visible_project": _visible_projects}

    class Meta:
        verbose_name = _("문서")
        verbose_name_plural = _("문서")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="document_subject")]

    def __str__(self) -> str:
        return self.title

    @property
    def latest(self) -> DocumentVersion | None:
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number, default=None)
        return self.versions.order_by("-number").first()


def _upload_to(version: DocumentVersion, filename: str) -> str:
    # The stored name is the hash: no user-chosen path ever reaches the file system.
    return f"documents/{version.sha256[:2]}/{version.sha256}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, verbose_name=_("문서"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("판"))
    file = models.FileField(_("파일"), upload_to=_upload_to)
    filename = models.CharField(_("파일명"), max_length=255)
    content_type = models.CharField(_("형식"), max_length=100)
    size = models.PositiveBigIntegerField(_("크기(바이트)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    note = models.CharField(_("변경 내용"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("등록자"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("등록일시"), auto_now_add=True)

    class Meta:
        verbose_name = _("문서 판")
        verbose_name_plural = _("문서 판")
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_once")]

    def __str__(self) -> str:
        return f"{self.document} 제{self.number}판"
