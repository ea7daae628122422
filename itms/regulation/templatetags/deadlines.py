"""``{% due_panel object %}``: the deadlines of a record on its detail page (itms.regulation.due)."""

from django import template

from itms.regulation.due import panel_rows

register = template.Library()


@register.inclusion_tag("regulation/partials/due_panel.html", takes_context=True)
def due_panel(context, obj):
    """기한: the record's open and closed deadlines — due date, who owes it, status and the calculation.

    Nothing is shown for a record without deadlines, or to a user who may see none of them.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if obj is None or getattr(obj, "pk", None) is None or user is None or not user.is_authenticated:
        return {"rows": []}
    rows = panel_rows(obj, user)
    if rows:
        from itms.regulation.models import Obligation

        linkable = (
            set(
                Obligation.objects.restrict(user, "view")
                .filter(pk__in=[r["obligation"].pk for r in rows])
                .values_list("pk", flat=True)
            )
            if user.has_perm("regulation.view_obligation")
            else set()
        )
        for row in rows:
            row["url"] = row["obligation"].get_absolute_url() if row["obligation"].pk in linkable else ""
    return {"rows": rows}


@register.filter
def due(obligation):
    """``{{ obligation|due }}``: 2026. 5. 14.(목) · 데이터담당관 with the calculation on hover, late ones marked."""
    from itms.regulation.due import render_due
    from itms.regulation.tables import StatusClock

    return render_due(obligation, StatusClock.now())


@register.filter
def due_title(obligation) -> str:
    """The hover text of a deadline: what is owed, the clause and the arithmetic of the date."""
    from itms.regulation.due import calculation

    return calculation(obligation) if obligation is not None else ""
