from django import template
from django.urls import reverse

from itms.core.forms import style_widgets
from itms.regulation.workflows import Workflow

register = template.Library()


@register.inclusion_tag("regulation/partials/workflow_panel.html", takes_context=True)
def workflow_panel(context, obj):
    """The available transitions and the blocked ones with their reasons (every detail page)."""
    workflow = getattr(type(obj), "workflow", None)
    if not isinstance(workflow, Workflow):
        return {"workflow": None}
    user = context["request"].user
    meta = obj._meta
    statuses = []
    for status in workflow.statuses(obj, user):
        url = reverse("regulation:transition", args=[meta.app_label, meta.model_name, obj.pk, status.transition.name])
        form = status.transition.form(prefix=status.transition.name) if status.transition.form else None
        if form is not None:
            style_widgets(form.fields, small=True)
        statuses.append({"status": status, "url": url, "form": form})
    return {
        "workflow": workflow,
        "object": obj,
        "state_label": workflow.state_label(obj),
        "statuses": statuses,
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def state_label(obj) -> str:
    """The Korean name of a process object's state: {{ record|state_label }}."""
    workflow = getattr(type(obj), "workflow", None) if obj is not None else None
    return workflow.state_label(obj) if isinstance(workflow, Workflow) else ""
