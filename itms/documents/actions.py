"""Attaching documents and adding versions: hashed, checked, recorded (a29.1)."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import Max

from itms.core import registry
from itms.core.errors import Forbidden, Refused

from .error_codes import DocumentErrors
from .models import Document, DocumentVersion


def may_attach(user, subject, *, own_form: bool = False) -> bool:
    """Whoever may change the record may attach documents to it (the registry's object-level rule), if its type
    carries documents; a type with a form of its own for its files (``own_files``) takes them only through it."""
    object_type = registry.get(type(subject))
    if object_type is None or not object_type.documents or not getattr(user, "is_authenticated", False):
        return False
    if object_type.own_files and not own_form:
        return False
    return object_type.base_queryset().restrict(user, "change").filter(pk=subject.pk).exists()


def _check_may_attach(actor, subject, code, own_form: bool) -> None:
    object_type = registry.get(type(subject))
    if object_type is not None and object_type.own_files and not own_form:
        raise Refused(DocumentErrors.OWN_FORM, form=object_type.own_files)
    if not may_attach(actor, subject, own_form=own_form):
        raise Forbidden(code)


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
def attach_document(
    *, actor, subject, upload, title: str, kind: str, note: str = "", own_form: bool = False
) -> Document:
    """``own_form``: called by the record's own form for its files, after its own checks."""
    _check_may_attach(actor, subject, DocumentErrors.ATTACH_WHO, own_form)
    title = (title or upload.name).strip()[:200]
    document = Document(subject=subject, project=project_of(subject), title=title, kind=kind)
    document.full_clean(exclude=["subject_type", "subject_id"])
    document.save()
    add_version(actor=actor, document=document, upload=upload, note=note or "최초 등록", own_form=own_form)
    return document


@transaction.atomic
def add_version(*, actor, document: Document, upload, note: str = "", own_form: bool = False) -> DocumentVersion:
    _check_may_attach(actor, document.subject, DocumentErrors.VERSION_WHO, own_form)
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
