"""Filter choices name only rows the user may view (pen-test finding 6, issue 11; a17.3).

A list filter renders the chosen option's label, which is the row's name. ``?project=N`` on the participants or
documents list printed project N's name to a vendor outside project N, and ``?body=N`` printed a committee's name
to an external expert. Every model choice of every FilterSet (and of the search select over a big table) is now
resolved through ``restrict(user, "view")`` of its model: an id outside the user's scope renders nothing and
filters nothing.
"""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from itms.core import registry
from itms.core.filtersets import restrict_choices
from itms.core.widgets import search_large_choices

pytestmark = pytest.mark.django_db

OUTSIDERS = ("vendor", "expert")


def model_choice_filters(object_type, user) -> dict[str, type]:
    """{form field name: target model} of every model choice in the type's filter form."""
    request = RequestFactory().get("/")
    request.user = user
    filterset = object_type.filterset(queryset=object_type.model._default_manager.none(), request=request)
    return {
        name: field.queryset.model
        for name, field in filterset.form.fields.items()
        if isinstance(field, forms.ModelChoiceField) and field.queryset is not None
    }


def invisible(model, user):
    """A row of ``model`` outside the user's view scope, named by something the page could print."""
    manager = model._default_manager
    if not hasattr(manager, "restrict"):
        return None
    visible = manager.restrict(user, "view").values("pk")
    for row in manager.exclude(pk__in=visible).order_by("pk")[:20]:
        if len(str(row).strip()) >= 2:
            return row
    return None


def selected_options(html: str, name: str) -> list[str]:
    match = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    if not match:
        return []
    return re.findall(r"<option[^>]*\bselected\b[^>]*>(.*?)</option>", match.group(0), re.S)


def leaks(client, url: str, name: str, target) -> list[str]:
    """What the list shows of ``target`` when asked to filter by it, beyond what it shows without the filter."""
    label = escape(str(target))
    plain = client.get(url)
    asked = client.get(url, {name: target.pk})
    if asked.status_code != 200:
        return []
    html = asked.content.decode()
    found = []
    if selected_options(html, name):
        found.append(f"{name}: selected option {selected_options(html, name)}")
    if html.count(label) > plain.content.decode().count(label):
        found.append(f"{name}: '{target}' printed")
    return found


@pytest.mark.parametrize("username", OUTSIDERS)
def test_a17_3_no_filter_of_any_list_names_a_row_outside_the_users_scope(username, client_of, user_of):
    """Every registered type's FilterSet, every model-choice filter, an id the user may not view."""
    user = user_of(username)
    client = client_of(username)
    checked, found = 0, []
    for object_type in registry.REGISTRY.values():
        url = reverse(object_type.url_name("list"))
        if client.get(url).status_code != 200:
            continue  # a list this user may not open shows nothing at all
        for name, model in model_choice_filters(object_type, user).items():
            target = invisible(model, user)
            if target is None:
                continue
            checked += 1
            found += [f"{url} {leak}" for leak in leaks(client, url, name, target)]
    assert not found, "\n".join(found)
    assert checked >= 3, "the demo gives every outsider some list with a filter over rows they may not view"


@pytest.mark.parametrize(
    ("username", "url", "name", "model_label"),
    [
        ("vendor", "/projects/project-participants/", "project", "projects.project"),
        ("vendor", "/documents/documents/", "project", "projects.project"),
        ("expert", "/projects/project-participants/", "project", "projects.project"),
        ("expert", "/documents/documents/", "project", "projects.project"),
        ("expert", "/governance/meetings/", "body", "governance.body"),
        ("expert", "/governance/memberships/", "body", "governance.body"),
        ("expert", "/governance/resolutions/", "item__meeting__body", "governance.body"),
        ("expert", "/governance/minutes/", "meeting__body", "governance.body"),
    ],
)
def test_a17_3_the_reported_cases(username, url, name, model_label, client_of, user_of):
    """The pen test's own requests: participants and documents ?project=, committee lists ?body=."""
    client = client_of(username)
    if client.get(url).status_code != 200:
        pytest.skip(f"{username} may not open {url}")
    target = invisible(registry.get(model_label).model, user_of(username))
    assert target is not None
    response = client.get(url, {name: target.pk})
    assert response.status_code == 200
    assert escape(str(target)) not in response.content.decode()
    assert selected_options(response.content.decode(), name) == []
    filterset = response.context["filter"]
    assert not filterset.is_valid()  # not a choice: it filters nothing into existence


def test_a17_3_a_visible_choice_still_renders_and_filters(client_of, user_of):
    """The vendor's own project stays a choice on the participants list."""
    from itms.projects.models import Project

    vendor = user_of("vendor")
    mine = Project.objects.restrict(vendor, "view").order_by("pk").first()
    assert mine is not None
    response = client_of("vendor").get("/projects/project-participants/", {"project": mine.pk})
    assert response.context["filter"].is_valid()
    assert selected_options(response.content.decode(), "project") == [escape(str(mine))]


def test_a17_3_the_search_select_names_a_chosen_row_only_to_who_may_view_it(user_of):
    """A form (not a filter) whose own choices are wider than the user's view: the chosen row is not printed."""
    from itms.projects.models import Project

    vendor = user_of("vendor")
    hidden = invisible(Project, vendor)

    class Form(forms.Form):
        project = forms.ModelChoiceField(queryset=Project.objects.all(), label="사업")

    form = Form(initial={"project": hidden.pk})
    search_large_choices(form.fields, user=vendor)
    assert escape(str(hidden)) not in form.as_div()
    form = Form(initial={"project": hidden.pk})
    search_large_choices(form.fields, user=user_of("admin"))
    assert escape(str(hidden)) in form.as_div()


def test_no_user_no_choices():
    """A filter form made without a request offers no rows (deny by default)."""
    from itms.projects.models import Project

    fields = {"project": forms.ModelChoiceField(queryset=Project.objects.all())}
    restrict_choices(fields, None)
    assert not fields["project"].queryset.exists()
