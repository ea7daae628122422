"""``{% itms_tbody table %}``: the rows of an ItmsTable rendered in Python (ui/table.html; itms.core.tables)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def itms_tbody(context, table):
    render = getattr(table, "render_tbody", None)
    if render is None:
        raise template.TemplateSyntaxError("itms_tbody: ItmsTable만 그릴 수 있습니다.")
    return render(context)
