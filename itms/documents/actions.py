"""Attaching documents and adding versions: hashed, checked, recorded (a29.1)."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Max

from itms.core import registry
from itms.core.errors import Forbidden, Refused

from .error_codes import DocumentErrors
from .models import Document, DocumentVersion


def may_attach(user, subject) -> bool:
    """Whoever may change the record may attach documents to it (the registry's object-level rule)."""
    object_type = registry.get(type(subject))
    if object_type is None or not getattr(user, "is_authenticated", False):
        return False
    return object_type.base_queryset().restrict(user, "change").filter(pk=subject.pk).exists()


def project_of(subject):
    """The project a record concerns (itself, its .project, or its plan's project)."""
    # The model through the foreign key, not an import: documents sit below the chapters (pyproject.toml).
    Project = Document._meta.get_field("project").related_model
    if isinstance(subject, Project):
        return subject
    for path in ("project", "plan.project", "item.subject"):
        value = subject
        for attr in path.split("."):
            value = getattr(value, attr, None)
        if isinstance(value, Project):
            return value
    return None


def _hash(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _check(upload) -> str:
    from itms.core.uploads import validate_upload

    return validate_upload(upload)


@transaction.atomic
def attach_document(*, actor, subject, upload, title: str, kind: str, note: str = "") -> Document:
    if not may_attach(actor, subject):
        raise Forbidden(DocumentErrors.ATTACH_WHO)
    title = (title or upload.name).strip()[:200]
    document = Document(subject=subject, project=project_of(subject), title=title, kind=kind)
    document.full_clean(exclude=["subject_type", "subject_id"])
    document.save()
    add_version(actor=actor, document=document, upload=upload, note=note or "최초 등록")
    return document


@transaction.atomic
def add_version(*, actor, document: Document, upload, note: str = "") -> DocumentVersion:
    if not may_attach(actor, document.subject):
        raise Forbidden(DocumentErrors.VERSION_WHO)
    content_type = _check(upload)
    Document.objects.select_for_update(no_key=True).get(pk=document.pk)  # version numbers are handed out one at a time
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    sha256 = _hash(upload)
    if document.versions.filter(sha256=sha256).exists():
        raise Refused(DocumentErrors.SAME_CONTENT)
    version = DocumentVersion(
        document=document,
        number=number,
        filename=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        sha256=sha256,
        note=note[:300],
        uploaded_by=actor,
    )
    version.file.save(sha256, upload, save=False)
    version.save()
    document.save(update_fields=["updated_at"])
    return version
