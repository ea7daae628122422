"""Home ("내 할 일"), chapter overviews."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from itms.accounts.directory import roles_of
from itms.accounts.models import OrgUnit, UserKind
from itms.core.menu import CHAPTER_BY_KEY
from itms.projects.models import Project
from itms.regulation.clauses import current

from .navigation import menu_for


@login_required
def home(request):
    user = request.user
    grants = sorted(roles_of(user), key=lambda g: g.role.label)
    units = OrgUnit.objects.in_bulk({g.unit_id for g in grants if g.unit_id})
    projects = Project.objects.restrict(user, "view").select_related("sponsor_unit")
    if user.kind == UserKind.STAFF:
        from itms.accounts.directory import units_of

        projects = projects.filter(sponsor_unit_id__in=units_of(user))
    work = my_work(user)
    context = {
        "roles": [(g.role.label, units.get(g.unit_id), g.acting) for g in grants],
        "my_projects": projects.order_by("-start_year", "name")[:10],
        "work": work,
        # A deadline already shown with the record that answers it is not listed twice.
        "tasks": my_tasks(user, shown={item["due"].pk for item in work["rows"] if item["due"] is not None}),
    }
    return render(request, "ui/home.html", context)


MAX_TASKS = 50


def my_work(user) -> dict:
    """The records waiting for a step this user may take (itms.regulation.work), each with its deadline."""
    from itms.regulation.due import calculation, owner_text
    from itms.regulation.tables import StatusClock, status_badge
    from itms.regulation.work import waiting_for

    items, more = waiting_for(user)
    clock = StatusClock.now() if items else None
    rows = []
    for item in items:
        status = clock.status(item.due) if item.due is not None else None
        rows.append(
            {
                "record": item.record,
                "url": item.url,
                "kind": item.kind,
                "actions": item.actions,
                "due": item.due,
                "status": status,
                "badge": status_badge(status) if status is not None else "",
                "owner": owner_text(item.due) if item.due is not None else "",
                "calculation": calculation(item.due) if item.due is not None else "",
            }
        )
    return {"rows": rows, "more": more}


def my_tasks(user, shown: set[int] = frozenset()) -> dict:
    """The open deadlines the user owes (in person or by a role they hold), overdue first then by date; those in
    ``shown`` (already listed with their record) left out.

    Queries do not grow with the number of deadlines: the subjects are fetched per type in bulk.
    """
    from itms.regulation.due import calculation
    from itms.regulation.models import Obligation
    from itms.regulation.obligations import OBLIGATION_TYPES
    from itms.regulation.subjects import visible_subjects
    from itms.regulation.tables import StatusClock, status_badge

    # Overdue deadlines have the earliest dates, so ordering by date puts them first.
    owed = Obligation.objects.owed_by(user).open().exclude(pk__in=shown).select_related("owed_by_unit", "owed_by_user")
    obligations = list(owed.order_by("due_date", "pk")[: MAX_TASKS + 1])
    more = len(obligations) > MAX_TASKS
    obligations = obligations[:MAX_TASKS]
    subjects = visible_subjects(obligations, user)
    clock = StatusClock.now() if obligations else None
    rows = []
    for obligation in obligations:
        subject = subjects.get((obligation.subject_type_id, obligation.subject_id))
        obligation_type = OBLIGATION_TYPES.get(obligation.kind)
        status = clock.status(obligation)
        rows.append(
            {
                "obligation": obligation,
                "status": status,
                "badge": status_badge(status),
                "kind": obligation_type.title if obligation_type else obligation.kind,
                "calculation": calculation(obligation),
                "subject": subject,
                "subject_url": subject.get_absolute_url() if hasattr(subject, "get_absolute_url") else "",
            }
        )
    # Vendors may owe a deadline in person yet have no deadline pages (a17.3): no link for them.
    return {"rows": rows, "more": more, "can_open": user.has_perm("regulation.view_obligation")}


@login_required
def chapter(request, key: str):
    chapter = CHAPTER_BY_KEY.get(key)
    if chapter is None or request.user.kind != UserKind.STAFF:
        raise Http404("장을 찾을 수 없습니다.")
    directive = current()
    articles = [c for c in directive.clauses if c.level == "article" and c.chapter in chapter.chapters]
    visible = {v.chapter.key: v for v in menu_for(request.user)}
    context = {
        "chapter": chapter,
        "directive_chapters": [(n, directive.chapters[n]) for n in chapter.chapters],
        "articles": articles,
        "items": visible[key].items if key in visible else [],
    }
    return render(request, "ui/chapter.html", context)
