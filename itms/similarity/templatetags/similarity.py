"""``{% similar_panel object %}``: the duplicate suggestions on a review page (a8.2, a8.6.2, a9.2, a25.2).

Renders nothing for records that are not registered reviews, so it can sit on the generic detail page.
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from ..panels import review_panel
from ..sources import review_of

register = template.Library()


@register.simple_tag(takes_context=True)
def similar_panel(context, obj):
    if obj is None or review_of(obj) is None:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    panel = review_panel(obj, user)
    if panel is None:
        return ""
    meta = obj._meta
    judge_url = reverse(
        "similarity:judge", kwargs={"app_label": meta.app_label, "model_name": meta.model_name, "pk": obj.pk}
    )
    context = {"panel": panel, "object": obj, "judge_url": judge_url}
    return render_to_string("similarity/panel.html", context, request=request)
