"""Generic list/detail/edit/delete/history views, built from the registry.

Every view reads through ``restrict(user, action)``: a row the user may not see
is a 404, a row they may see but not change is a 403. Saves run in one
transaction and are checked against the user's scope after the write, so a
form can never move a row outside what the user may touch (it rolls back).
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from . import gate, registry
from .display import detail_rows
from .errors import BadParameter, Forbidden
from .exports import export_table
from .imports import import_rows, read_rows, template_workbook
from .korean import josa
from .pagination import CURSOR_PARAM, EstimatedCountPaginator, counts_by_bound, is_big, order_keys
from .registry import ACTIONS_WITH_OBJECT, ObjectType
from .search import SLOW_SEARCH_NOTE, search_is_indexed
from .widgets import search_large_choices


class ObjectTypeMixin(LoginRequiredMixin):
    object_type: ObjectType = None
    action: str = "view"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        gate.require_permission(request.user, self.object_type, self.action)
        return super().dispatch(request, *args, **kwargs)

    def restricted(self, action: str | None = None):
        return self.object_type.base_queryset().restrict(self.request.user, action or self.action)

    def get_object(self):
        return gate.fetch(self.request.user, self.object_type, self.action, self.kwargs["pk"])

    def base_context(self, **extra):
        t = self.object_type
        user = self.request.user
        actions = t.actions()
        urls = {"list": reverse(t.url_name("list"))}
        for action in ("add", "import"):
            if action in actions:
                urls[action] = reverse(t.url_name(action))
        obj = extra.get("object")
        if obj is not None and obj.pk:
            for action in ACTIONS_WITH_OBJECT:
                if action in actions:
                    urls[action] = reverse(t.url_name(action), kwargs={"pk": obj.pk})
        return {
            "object_type": t,
            "verbose_name": t.verbose_name,
            "urls": urls,
            "can": {action: user.has_perm(t.permission(action)) for action in ("add", "change", "delete")},
            **extra,
        }


class ObjectListView(ObjectTypeMixin, View):
    template_name = "ui/object_list.html"
    export_formats = ("csv", "xlsx")

    def get(self, request, *args, **kwargs):
        check_list_parameters(request, self.object_type.table)
        filterset = self.object_type.filterset(request.GET or None, queryset=self.restricted(), request=request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        table = self.object_type.table(queryset, request=request, configure=False)
        check_sort_on_table(request, table)
        export_format = request.GET.get("_export")
        if export_format in self.export_formats:
            RequestConfig(request, paginate=False).configure(table)  # the page's sort order, every row
            return export_table(table, export_format, str(self.object_type.verbose_name))
        count_now = request.GET.get(COUNT_PARAM) == "1"
        if count_now and request.htmx:  # the count a keyset page asked for after it was shown
            paginator = EstimatedCountPaginator(queryset, 1)
            return render(request, "ui/partials/row_count.html", {"paginator": paginator})
        per_page = _per_page(request)
        count_url = ""
        if self._by_keyset(request, table):
            table.paginate_by_keyset(request, per_page)  # sorted above; "다음 쪽" without OFFSET or COUNT(*)
            if not count_now and counts_by_bound(table.data.data):
                count_url = _with_count(request)
        else:
            paginate = {"per_page": per_page, "paginator_class": EstimatedCountPaginator}
            RequestConfig(request, paginate=paginate).configure(table)
        context = self.base_context(
            table=table, filter=filterset, export_formats=self.export_formats, count_url=count_url
        )
        if request.GET.get("q") and not search_is_indexed(queryset.db):
            context["search_note"] = SLOW_SEARCH_NOTE
        template = "ui/partials/object_table.html" if request.htmx and not request.htmx.boosted else self.template_name
        return render(request, template, context)

    @staticmethod
    def _by_keyset(request, table) -> bool:
        """A ``?cursor=`` page, or a big list's page without ``?page=``, if its order can be a keyset."""
        RequestConfig(request, paginate=False).configure(table)  # the sort first: the keyset follows it
        if request.GET.get(CURSOR_PARAM):
            return True  # a cursor that does not fit the order is refused (400) by keyset_page
        queryset = table.data.data if hasattr(table.data.data, "query") else None
        if queryset is None or request.GET.get("page"):
            return False
        return is_big(queryset) and order_keys(queryset) is not None


PER_PAGE_RANGE = (10, 500)
COUNT_PARAM = "_count"


def _with_count(request) -> str:
    """This list's address asking for its count (``?_count=1``): htmx fetches it once the page is shown; without
    JavaScript the link opens the page with the count in it."""
    params = request.GET.copy()
    params[COUNT_PARAM] = "1"
    return f"{request.path}?{params.urlencode()}"


def _whole_number(request, name: str, default: int, low: int, high: int | None = None) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit():
        raise BadParameter(name, "0 이상의 정수여야 합니다.")
    value = int(raw)
    if value < low or (high is not None and value > high):
        raise BadParameter(name, f"{low}부터 {high}까지의 수여야 합니다." if high else f"{low} 이상이어야 합니다.")
    return value


def _per_page(request) -> int:
    return _whole_number(request, "per_page", 50, *PER_PAGE_RANGE)


def check_sort_on_table(request, table) -> None:
    """A sort the table refuses is refused (400), not ignored: a big list sorts only on indexed columns.

    Ignored, it would leave the list in another order than asked, and a cursor made for that other order would
    still be taken as if it fitted the requested one.
    """
    sort = request.GET.get("sort", "").lstrip("-")
    if sort and sort in table.columns and not table.columns[sort].orderable:
        raise BadParameter("sort", "자료가 많은 목록은 색인이 있는 열로만 정렬할 수 있습니다.")


def check_list_parameters(request, table_class) -> None:
    """Pagination and sorting parameters of a list page are checked before anything reads them (400 if bad)."""
    _per_page(request)
    _whole_number(request, "page", 1, 1)
    sort = request.GET.get("sort", "")
    if sort:
        orderable = {name for name, column in table_class.base_columns.items() if column.orderable is not False}
        if sort.lstrip("-") not in orderable:
            raise BadParameter("sort", "정렬할 수 있는 열이 아닙니다.")


class ObjectDetailView(ObjectTypeMixin, View):
    def get(self, request, pk):
        obj = self.get_object()
        t = self.object_type
        related = []
        for title, attribute, table_class in t.related:
            qs = getattr(obj, attribute)
            if hasattr(qs, "all"):
                qs = qs.all()
            if hasattr(qs, "restrict"):
                qs = qs.restrict(request.user, "view")
            # The column pointing back at this object would repeat it on every row.
            back = [name for name in table_class.base_columns if name == obj._meta.model_name]
            related.append((title, table_class(qs, request=request, orderable=False, exclude=back)))
        context = self.base_context(
            object=obj,
            rows=detail_rows(obj, t.detail_fields, request.user),
            related=related,
            can_change_object=gate.allows(request.user, "change", obj),
            can_delete_object=gate.allows(request.user, "delete", obj),
            tab="detail",
        )
        if t.detail_context:
            context.update(t.detail_context(obj, request))
        return render(request, t.detail_template, context)


class ObjectHistoryView(ObjectTypeMixin, View):
    def get(self, request, pk):
        from itms.audit.history import changes_for

        obj = self.get_object()
        include = [(apps.get_model(label), field) for label, field in self.object_type.history_include]
        context = self.base_context(object=obj, changes=changes_for(obj, include=include), tab="history")
        return render(request, "ui/object_history.html", context)


class ObjectEditView(ObjectTypeMixin, View):
    template_name = "ui/object_edit.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_instance(self):
        return self.get_object() if self.action == "change" else None

    def make_form(self, *args, **kwargs):
        form = self.object_type.form(*args, **kwargs)
        # The same fields the API lets this user write (itms.core.gate): nothing else reaches the model.
        writable = gate.writable_fields(self.object_type, self.request.user, kwargs.get("instance"))
        for name in [name for name in form.fields if name not in writable]:
            del form.fields[name]
        # A select over thousands of users, positions or projects becomes a search box (as in the filters).
        search_large_choices(form.fields, user=self.request.user)
        return form

    def get(self, request, pk=None):
        instance = self.get_instance()
        form = self.make_form(instance=instance, initial=request.GET.dict() if instance is None else None)
        return self.render_form(form, instance)

    def post(self, request, pk=None):
        instance = self.get_instance()
        form = self.make_form(request.POST, request.FILES, instance=instance)
        if form.is_valid():
            try:
                with transaction.atomic():
                    obj = form.save()
                    gate.require_saved_in_scope(self.request.user, self.object_type, self.action, obj)
            except Forbidden as refused:
                form.add_error(None, refused.message_text)
            else:
                verb = _("등록") if instance is None else _("수정")
                quoted = josa(f"'{obj}'", "을/를")
                messages.success(request, f"{self.object_type.verbose_name} {quoted} {verb}했습니다.")
                return HttpResponseRedirect(obj.get_absolute_url())
        return self.render_form(form, instance, status=400)

    def render_form(self, form, instance, status=200):
        context = self.base_context(form=form, object=instance)
        return render(self.request, self.template_name, context, status=status)


class ObjectDeleteView(ObjectTypeMixin, View):
    action = "delete"
    template_name = "ui/object_delete.html"

    def get(self, request, pk):
        return render(request, self.template_name, self.base_context(object=self.get_object()))

    def post(self, request, pk):
        obj = self.get_object()
        name = str(obj)
        try:
            with transaction.atomic():
                obj.delete()
        except (ProtectedError, RestrictedError) as error:
            blockers = getattr(error, "protected_objects", None) or error.restricted_objects
            names = ", ".join(sorted({str(o._meta.verbose_name) for o in blockers}))
            messages.error(request, _("다른 자료(%(what)s)가 참조하고 있어 삭제할 수 없습니다.") % {"what": names})
            return HttpResponseRedirect(obj.get_absolute_url())
        messages.success(request, josa(f"'{name}'", "을/를") + " 삭제했습니다.")
        return HttpResponseRedirect(reverse(self.object_type.url_name("list")))


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV 또는 XLSX 파일",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx", "class": "form-control"}),
    )


class ObjectImportView(ObjectTypeMixin, View):
    """Upload a file of rows; every row is validated by the type's form; all are saved or none."""

    action = "add"
    template_name = "ui/object_import.html"

    def get(self, request):
        if request.GET.get("template") == "xlsx":
            response = HttpResponse(
                template_workbook(self.object_type),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = "attachment; filename*=UTF-8''import-template.xlsx"
            return response
        return render(request, self.template_name, self.base_context(form=ImportForm()))

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.ITMS_UPLOAD_MAX_BYTES:
                form.add_error("file", _("파일이 너무 큽니다."))
            else:
                try:
                    rows = read_rows(upload)
                except ValidationError as error:
                    form.add_error("file", error.messages)
                else:
                    result = import_rows(self.object_type, rows, user=request.user)
                    if result.ok:
                        messages.success(request, _("%(n)d건을 등록했습니다.") % {"n": result.created})
                        return HttpResponseRedirect(reverse(self.object_type.url_name("list")))
        context = self.base_context(form=form, result=result)
        return render(request, self.template_name, context, status=400)


def urls_for(app_label: str) -> list:
    """URL patterns for every registered type of an app: <path>/, <path>/add/, <path>/<pk>/ …"""
    patterns = []
    for t in registry.for_app(app_label):
        actions = t.actions()
        kw = {"object_type": t}
        patterns.append(path(f"{t.path}/", ObjectListView.as_view(**kw), name=f"{t.model_name}_list"))
        if "add" in actions:
            patterns.append(path(f"{t.path}/add/", ObjectEditView.as_view(**kw), name=f"{t.model_name}_add"))
        patterns.append(path(f"{t.path}/<int:pk>/", ObjectDetailView.as_view(**kw), name=f"{t.model_name}_detail"))
        patterns.append(
            path(f"{t.path}/<int:pk>/history/", ObjectHistoryView.as_view(**kw), name=f"{t.model_name}_history")
        )
        if "edit" in actions:
            patterns.append(path(f"{t.path}/<int:pk>/edit/", ObjectEditView.as_view(**kw), name=f"{t.model_name}_edit"))
        if "delete" in actions:
            patterns.append(
                path(f"{t.path}/<int:pk>/delete/", ObjectDeleteView.as_view(**kw), name=f"{t.model_name}_delete")
            )
        if "import" in actions:
            patterns.append(path(f"{t.path}/import/", ObjectImportView.as_view(**kw), name=f"{t.model_name}_import"))
    return patterns
