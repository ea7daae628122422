"""Generic test suites for every registered record type (NetBox-style).

An app proves its record type by subclassing :class:`ObjectTypeTests` with
the label, a way to make objects and valid/invalid form data. The meta-test in
``itms/core/tests/test_registry.py`` fails when a registered type has none.
"""

from __future__ import annotations

import csv as csvlib
import io
import json
import re
from typing import Any, ClassVar

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from itms.core import registry

HANGUL = re.compile(r"[가-힣]")
SUITES: dict[str, type] = {}


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


@pytest.mark.django_db
class ObjectTypeTests:
    label: ClassVar[str]
    # Absolute ceiling for one list page or API list page (the growth check is the real guard).
    max_list_queries: ClassVar[int] = 20

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if getattr(cls, "label", None):
            SUITES[cls.label] = cls

    # --- to be provided by each app ----------------------------------------------------------
    def make(self, n: int) -> list[Any]:
        """n valid, distinct objects (saved)."""
        raise NotImplementedError

    def create_data(self) -> dict:
        """Valid form data for a new object."""
        raise NotImplementedError

    def update_data(self, obj) -> dict:
        """Valid form data changing ``obj``."""
        raise NotImplementedError

    def invalid_data(self) -> tuple[dict, str]:
        """Form data that must be refused, and the field whose Korean error is expected."""
        raise NotImplementedError

    def api_data(self, data: dict) -> dict:
        """Form data → API payload (override where the two differ)."""
        return {k: v for k, v in data.items() if k != "password" or v}

    # --- helpers -------------------------------------------------------------------------------
    @property
    def object_type(self):
        return registry.get(self.label)

    @property
    def model(self):
        return self.object_type.model

    def url(self, action: str, obj=None, **query) -> str:
        kwargs = {"pk": obj.pk} if obj is not None else {}
        url = reverse(self.object_type.url_name(action), kwargs=kwargs)
        return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def api_url(self, obj=None) -> str:
        base = f"/api/{self.object_type.app_label}/{self.object_type.path}/"
        return f"{base}{obj.pk}/" if obj is not None else base

    # --- list ----------------------------------------------------------------------------------
    def test_list_page_query_count_does_not_grow_with_rows(self, admin_client):
        self.make(3)
        first = count_queries(lambda: admin_client.get(self.url("list")))
        self.make(12)
        response = admin_client.get(self.url("list"))
        second = count_queries(lambda: admin_client.get(self.url("list")))
        assert response.status_code == 200
        assert second <= first, f"목록 조회 질의 수가 행 수에 따라 늘어납니다 ({first} → {second})"
        assert second <= self.max_list_queries

    def test_list_page_search_and_htmx_partial(self, admin_client):
        objects = self.make(2)
        response = admin_client.get(self.url("list", q=str(objects[0])[:2]))
        assert response.status_code == 200
        partial = admin_client.get(self.url("list"), HTTP_HX_REQUEST="true")
        assert partial.status_code == 200
        assert b"<html" not in partial.content

    def test_list_exports_csv_and_xlsx(self, admin_client):
        objects = self.make(2)
        csv = admin_client.get(self.url("list", _export="csv"))
        assert csv.status_code == 200
        assert csv["Content-Type"].startswith("text/csv")
        rows = list(csvlib.reader(io.StringIO(csv.content.decode("utf-8-sig"))))
        assert len(rows) == 1 + self.model._default_manager.count(), "내려받기에 모든 행이 들어 있지 않습니다"
        assert any(HANGUL.search(cell) for cell in rows[0]), "머리행이 한국어가 아닙니다"
        assert len(objects) == 2
        xlsx = admin_client.get(self.url("list", _export="xlsx"))
        assert xlsx.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet.max_row >= 3  # header + the two objects
        assert any(HANGUL.search(str(c.value or "")) for c in sheet[1]), "머리행이 한국어가 아닙니다"

    # --- detail and history ----------------------------------------------------------------------
    def test_detail_and_history_pages(self, admin_client):
        obj = self.make(1)[0]
        detail = admin_client.get(self.url("detail", obj))
        assert detail.status_code == 200
        assert str(obj) in detail.content.decode()
        history = admin_client.get(self.url("history", obj))
        assert history.status_code == 200

    def test_unknown_object_is_404(self, admin_client):
        assert admin_client.get(reverse(self.object_type.url_name("detail"), kwargs={"pk": 999_999})).status_code == 404

    # --- add / edit / delete through the UI ------------------------------------------------------
    def test_add_creates_and_logs_who_and_request(self, admin_client, user_of):
        if "add" not in self.object_type.actions():
            pytest.skip("등록 화면이 없는 자료")
        before = self.model._default_manager.count()
        response = admin_client.post(self.url("add"), self.create_data(), HTTP_X_REQUEST_ID="req-add-123456")
        assert response.status_code == 302, _errors(response)
        assert self.model._default_manager.count() == before + 1
        obj = self.model._default_manager.order_by("-pk").first()
        entry = LogEntry.objects.get_for_object(obj).get(action=LogEntry.Action.CREATE)
        assert entry.actor == user_of("admin")
        assert entry.cid == "req-add-123456"

    def test_add_with_bad_input_answers_in_korean_and_changes_nothing(self, admin_client, unchanged):
        if "add" not in self.object_type.actions():
            pytest.skip("등록 화면이 없는 자료")
        data, field = self.invalid_data()
        with unchanged():
            response = admin_client.post(self.url("add"), data)
        assert response.status_code == 400
        errors = response.context["form"].errors
        assert field in errors, errors
        assert HANGUL.search(" ".join(errors[field])), errors[field]

    def test_edit_changes_and_records_before_and_after(self, admin_client):
        if "edit" not in self.object_type.actions():
            pytest.skip("수정 화면이 없는 자료")
        obj = self.make(1)[0]
        response = admin_client.post(self.url("edit", obj), self.update_data(obj))
        assert response.status_code == 302, _errors(response)
        entry = LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.UPDATE).first()
        assert entry is not None and entry.changes_dict, "변경 전후 값이 기록되지 않았습니다"

    def test_delete(self, admin_client):
        if "delete" not in self.object_type.actions():
            assert admin_client.post(f"{self.url('detail', self.make(1)[0])}delete/").status_code == 404
            return
        obj = self.make(1)[0]
        assert admin_client.get(self.url("delete", obj)).status_code == 200
        response = admin_client.post(self.url("delete", obj))
        assert response.status_code == 302
        assert not self.model._default_manager.filter(pk=obj.pk).exists()
        assert LogEntry.objects.filter(object_pk=str(obj.pk), action=LogEntry.Action.DELETE).exists()

    # --- API ---------------------------------------------------------------------------------------
    def test_api_list_query_count_does_not_grow_and_retrieve(self, admin_client):
        if self.object_type.serializer is None:
            pytest.skip("API가 없는 자료")
        objects = self.make(3)
        first = count_queries(lambda: admin_client.get(self.api_url()))
        self.make(12)
        second = count_queries(lambda: admin_client.get(self.api_url()))
        assert second <= first, f"API 목록 질의 수가 늘어납니다 ({first} → {second})"
        assert second <= self.max_list_queries
        detail = admin_client.get(self.api_url(objects[0]))
        assert detail.status_code == 200
        assert detail.json()["id"] == objects[0].pk

    def test_api_create_update_delete(self, admin_client):
        if self.object_type.serializer is None or not self.object_type.can_add:
            pytest.skip("쓰기 API가 없는 자료")
        payload = self.api_data(self.create_data())
        response = admin_client.post(self.api_url(), json.dumps(payload), content_type="application/json")
        assert response.status_code == 201, response.content.decode()
        obj = self.model._default_manager.get(pk=response.json()["id"])
        if self.object_type.can_edit:
            patch = self.api_data(self.update_data(obj))
            response = admin_client.patch(self.api_url(obj), json.dumps(patch), content_type="application/json")
            assert response.status_code == 200, response.content.decode()
        if self.object_type.can_delete:
            assert admin_client.delete(self.api_url(obj)).status_code == 204
            assert not self.model._default_manager.filter(pk=obj.pk).exists()

    def test_api_bad_input_answers_in_korean_and_changes_nothing(self, admin_client, unchanged):
        if self.object_type.serializer is None or not self.object_type.can_add:
            pytest.skip("쓰기 API가 없는 자료")
        data, field = self.invalid_data()
        with unchanged():
            response = admin_client.post(
                self.api_url(), json.dumps(self.api_data(data)), content_type="application/json"
            )
        assert response.status_code == 400
        body = response.json()
        # A DRF field error, or a coded refusal ({code, message, clause, fields}) naming the field.
        assert field in body or field in body.get("fields", {}), body
        assert HANGUL.search(json.dumps(body, ensure_ascii=False)), body


def _errors(response) -> str:
    form = response.context.get("form") if response.context else None
    return str(form.errors) if form is not None else response.content.decode()[:500]
