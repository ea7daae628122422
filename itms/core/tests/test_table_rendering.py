"""The rows of every list render exactly as django-tables2's own template renders them (issue 12)."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory

from itms.core import registry

pytestmark = pytest.mark.django_db


def tbody(html: str) -> str:
    match = re.search(r"<tbody[^>]*>(.*?)</tbody>", html, re.S)
    assert match, html[:500]
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", match.group(1))).strip()


@pytest.mark.parametrize("username", ["admin", "sponsor", "vendor"])
def test_every_list_renders_its_rows_as_django_tables2_does(username, user_of):
    user = user_of(username)
    checked = 0
    for object_type in registry.REGISTRY.values():
        request = RequestFactory().get("/")
        request.user = user
        queryset = object_type.base_queryset().restrict(user, "view")
        if not queryset.exists():
            continue
        table = object_type.table(queryset, request=request)
        ours = table.as_html(request)
        table = object_type.table(queryset, request=request)
        table.template_name = "django_tables2/bootstrap5-responsive.html"
        theirs = table.as_html(request)
        assert tbody(ours) == tbody(theirs), object_type.label
        checked += 1
    assert checked >= 5


def test_row_links_to_own_pages_need_no_reverse_per_row(admin_client, monkeypatch):
    from django import urls

    from itms.core import tables

    calls = []
    original = urls.reverse

    def counting(*args, **kwargs):
        calls.append(args[0] if args else kwargs.get("viewname"))
        return original(*args, **kwargs)

    monkeypatch.setattr(tables, "reverse", counting)
    tables._DETAIL_URLS.clear()
    html = admin_client.get("/projects/projects/").content.decode()
    assert len(re.findall(r'href="/projects/projects/\d+/"', html)) >= 5
    assert calls.count("projects:project_detail") <= 1


def test_an_empty_list_says_so(admin_client):
    html = admin_client.get("/projects/projects/", {"q": "없는사업이름xyz"}).content.decode()
    assert "조건에 맞는 자료가 없습니다." in tbody(html)


@pytest.mark.parametrize("username", ["admin", "sponsor"])
def test_every_filter_form_renders_as_djangos_templates_do(username, user_of):
    """The selects of the filter forms, written in Python (itms.core.widgets.FastSelectRenderer)."""
    from django.forms.renderers import get_default_renderer

    user = user_of(username)
    selects = 0
    for object_type in registry.REGISTRY.values():
        request = RequestFactory().get("/", {"status": "open", "kind": "x"})
        request.user = user
        ours = object_type.filterset(request.GET, queryset=object_type.model._default_manager.none(), request=request)
        for name in ours.form.fields:
            fast = str(ours.form[name])
            ours.form.renderer = get_default_renderer()
            plain = str(ours.form[name])
            ours.form.renderer = __import__("itms.core.widgets", fromlist=["x"]).fast_select_renderer()
            assert fast == plain, f"{object_type.label}.{name}"
            selects += "<select" in plain
    assert selects >= 20


def test_choice_labels_read_from_a_table_say_what_django_says():
    """registry.cache_choice_labels: the same label for every choice and for a value that is not one."""
    from django.db.models import Model
    from django.utils import translation

    checked = 0
    for object_type in registry.REGISTRY.values():
        model = object_type.model
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value in [choice for choice, _ in field.flatchoices] + ["not-a-choice"]:
                record = model(**{field.attname: value})
                with translation.override("ko"):
                    ours = getattr(record, f"get_{field.name}_display")()
                    django = Model._get_FIELD_display(record, field)
                assert ours == django, (object_type.label, field.name, value)
                checked += 1
    assert checked > 100


def test_a_date_time_column_made_from_a_model_field_is_formatted_in_python():
    """django-tables2's own DateTimeColumn compiled a template for every cell; the same Korean text, in Python."""
    import datetime as dt

    import django_tables2 as tables

    from itms.core.tables import DateColumn
    from itms.operations.models import Incident

    class IncidentTimes(tables.Table):
        class Meta:
            model = Incident
            fields = ("started_at",)

    table = IncidentTimes(
        [Incident(started_at=dt.datetime(2026, 1, 31, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))))]
    )
    assert isinstance(table.columns["started_at"].column, DateColumn)
    assert table.rows[0].get_cell("started_at") == "2026. 1. 31.(토) 14:30"
