from django import template
from django.contrib.contenttypes.models import ContentType

from itms.core import registry

from ..actions import may_attach
from ..forms import AttachForm, VersionForm
from ..models import Document

register = template.Library()


@register.inclusion_tag("documents/partials/panel.html", takes_context=True)
def documents_panel(context, obj):
    """The record's documents with their versions and hashes, and an upload form for who may attach."""
    object_type = registry.get(type(obj))
    if object_type is None or not object_type.documents or object_type.own_files:
        return {"enabled": False}  # a type with its own form for files lists them on its own page
    user = context["request"].user
    documents = Document.objects.filter(
        subject_type=ContentType.objects.get_for_model(obj), subject_id=obj.pk
    ).prefetch_related("versions__uploaded_by")
    meta = obj._meta
    return {
        "enabled": True,
        "object": obj,
        "documents": documents,
        "can_attach": may_attach(user, obj),
        "attach_form": AttachForm(),
        "version_form": VersionForm(),
        "app_label": meta.app_label,
        "model_name": meta.model_name,
        "csrf_token": context.get("csrf_token"),
    }
