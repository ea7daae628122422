"""Template filters available in every template (registered as builtins)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from itms.core import formats

register = template.Library()


@register.filter
def kdate(value):
    """2026. 1. 31.(토)"""
    return formats.format_date(value)


@register.filter
def won(value):
    """1,234,000,000원"""
    return formats.format_won(value)


@register.filter
def eok(value):
    """1,742억원"""
    return formats.format_eok(value)


@register.filter
def josa(word, pair):
    """{{ word|josa:"을/를" }} → 계획서를: the word and the particle its last syllable takes."""
    from itms.core import korean

    return korean.josa(word, pair)


@register.filter
def particle(word, pair):
    """{{ word|particle:"을/를" }} → 를: the particle alone, for a word printed separately (in bold, in quotes)."""
    from itms.core import korean

    return korean.particle(word, pair)


@register.filter
def clause(clause_id):
    """a8.5 → 제8조제5항, linked to the directive page, with the clause text on hover."""
    from itms.regulation.clauses import lookup

    found = lookup(str(clause_id))
    if found is None:
        return format_html('<span class="text-danger" title="알 수 없는 조항">{}</span>', clause_id)
    return format_html(
        '<a class="clause-ref" href="{}#{}" title="{}" data-clause="{}">{}</a>',
        reverse("regulation:directive"),
        found.id,
        found.text,
        found.id,
        found.label,
    )


@register.filter
def clauses(clause_ids):
    """A list (or comma-separated string) of clause ids, each rendered by ``clause``."""
    if isinstance(clause_ids, str):
        clause_ids = [c.strip() for c in clause_ids.split(",") if c.strip()]
    if not clause_ids:
        return ""
    return format_html(", ".join(["{}"] * len(clause_ids)), *[clause(c) for c in clause_ids])


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def active_filter_count(form) -> int:
    """{% active_filter_count filter.form as n %}: how many conditions besides the search box are set (the phone's
    folded filter button shows it)."""
    if form is None or not form.is_bound:
        return 0
    return sum(1 for field in form if field.name != "q" and field.value() not in (None, "", [], ()))


@register.simple_tag(takes_context=True)
def link(context, obj, text=None):
    """{% link obj %} or {% link obj "text" %}: the object's name (or the text), linked only if the signed-in user
    may open its page."""
    from itms.core.display import link as render_link

    request = context.get("request")
    return render_link(obj, getattr(request, "user", None), text) if obj is not None else ""


@register.simple_tag(takes_context=True)
def allowed(context, action, obj):
    """{% allowed "change" obj as can_change %}: the one access gate (role, scope, state) as a yes/no."""
    from itms.core import gate

    request = context.get("request")
    return obj is not None and gate.allows(getattr(request, "user", None), action, obj)
