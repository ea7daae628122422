"""Attaching documents to a record, adding versions, downloading — each checked against the record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from itms.core import registry
from itms.core.action_views import form_action

from . import actions
from .forms import AttachForm, VersionForm
from .models import Document, DocumentVersion


def _visible_subject(request, subject_type: ContentType, subject_id: int):
    object_type = registry.get(subject_type.model_class())
    if object_type is None:
        raise Http404("자료를 찾을 수 없습니다.")
    subject = object_type.base_queryset().restrict(request.user, "view").filter(pk=subject_id).first()
    if subject is None:
        raise Http404("자료를 찾을 수 없습니다.")
    return subject


@login_required
@require_POST
def attach(request, app_label: str, model_name: str, pk: int):
    subject_type = get_object_or_404(ContentType, app_label=app_label, model=model_name)
    subject = _visible_subject(request, subject_type, pk)
    form = AttachForm(request.POST, request.FILES)
    return form_action(
        request,
        subject.get_absolute_url(),
        form,
        lambda data: actions.attach_document(
            actor=request.user,
            subject=subject,
            upload=data["file"],
            title=data["title"],
            kind=data["kind"],
            note=data["note"],
        ),
        "문서를 등록했습니다.",
    )


@login_required
@require_POST
def new_version(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    subject = _visible_subject(request, document.subject_type, document.subject_id)
    form = VersionForm(request.POST, request.FILES)
    return form_action(
        request,
        subject.get_absolute_url(),
        form,
        lambda data: actions.add_version(actor=request.user, document=document, upload=data["file"], note=data["note"]),
        "새 판을 등록했습니다.",
    )


@login_required
def download(request, pk: int):
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    _visible_subject(request, version.document.subject_type, version.document.subject_id)
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=version.filename, content_type=version.content_type
    )
    response["X-Content-SHA256"] = version.sha256
    return response
