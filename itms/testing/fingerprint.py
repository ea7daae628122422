"""A fingerprint of every table, to prove that a refused request changed nothing."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db import connection

# Tables that legitimately change on any request (sessions, login bookkeeping).
VOLATILE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}


def db_fingerprint() -> dict[str, str]:
    result = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in VOLATILE or table not in _existing_tables():
            continue
        rows = model._base_manager.order_by("pk").values_list(*[f.attname for f in model._meta.concrete_fields])
        digest = hashlib.sha256(repr(list(rows)).encode("utf-8")).hexdigest()
        result[table] = digest
    return result


def _existing_tables() -> set[str]:
    return set(connection.introspection.table_names())


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
