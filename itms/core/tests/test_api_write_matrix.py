"""Writes through the API answer as the screens do: every registered type × every demo login × POST/PATCH/DELETE.

The API is one more surface of the one write gate (itms.core.gate): the role policy, the record's scope and
its state decide, exactly as for the pages. Every refusal leaves every table as it was; the expected answer
comes from the declared policy and conditions (itms.testing.matrix), not from the views. A field that only a
workflow step or another role writes (the project's stage, a plan's state, the reviewer's findings) is refused
with ``{code, message, clause}`` and changes nothing.
"""

from __future__ import annotations

import pytest
from django.test import Client

from itms.accounts.models import User
from itms.core import gate
from itms.testing import matrix
from itms.testing.fingerprint import changed_tables, db_fingerprint

USERNAMES = matrix.sweep_users()  # every login, over the two engines' runs (matrix.sweep_users)
ALLOWED = {200, 201, 204}


def _client(client_of, username):
    return client_of(username) if username else Client()


@pytest.mark.parametrize("username", USERNAMES, ids=matrix.sweep_ids(USERNAMES))
def test_a17_3_every_api_write_answers_each_role_as_the_policy_says_and_refusals_change_nothing(username, client_of):
    client = _client(client_of, username)
    user = User.objects.get(username=username) if username else matrix.ANONYMOUS
    before = db_fingerprint()
    mismatches, refused = [], 0
    for object_type in matrix.api_types():
        calls = [("POST", None)]
        for obj in (
            matrix.samples(object_type, user)
            if user is not matrix.ANONYMOUS
            else matrix.samples(object_type, matrix.ANONYMOUS)
        ):
            calls += [("PATCH", obj), ("DELETE", obj)]
        for method, obj in calls:
            expected = matrix.expected_api_write(object_type, method, user, obj)
            if expected in ALLOWED:
                continue  # an allowed write would change data; the generic suites exercise those
            refused += 1
            url = matrix.api_url(object_type, obj)
            response = getattr(client, method.lower())(url, {}, content_type="application/json")
            if response.status_code != expected:
                mismatches.append(f"{method} {url}: 기대 {expected}, 실제 {response.status_code}")
            elif expected in (403, 409):
                body = response.json()
                if not {"code", "message", "clause"} <= set(body):
                    mismatches.append(f"{method} {url}: 거절 응답에 code·message·clause가 없습니다: {body}")
    assert not mismatches, "\n".join(mismatches)
    assert changed_tables(before, db_fingerprint()) == []
    assert refused > 0


def _other_value(model_field, current, obj):
    """A value different from ``current`` for a plain field, or None when none is easy to make."""
    if model_field.many_to_many or model_field.one_to_many:
        return None
    if model_field.choices:
        others = [value for value, _label in model_field.flatchoices if value != current and value != ""]
        return others[0] if others else None
    if model_field.many_to_one:
        other = model_field.related_model._default_manager.exclude(pk=getattr(obj, model_field.attname)).first()
        return other.pk if other is not None else None
    internal = model_field.get_internal_type()
    if internal == "BooleanField":
        return not current
    if internal in ("CharField", "TextField"):
        return f"{current or ''}무단 변경"[: model_field.max_length or 200]
    if internal in ("IntegerField", "PositiveSmallIntegerField", "PositiveIntegerField", "BigIntegerField"):
        return (current or 0) + 1
    return None


def test_fields_no_form_offers_are_refused_through_the_api_and_change_nothing(admin_client):
    """Even the superuser cannot write, through the API, what only a workflow step sets (state, stage, findings)."""
    admin = User.objects.get(username="admin")
    tried, problems = set(), []
    for object_type in matrix.api_types():
        if not object_type.can_edit:
            continue
        condition = object_type.conditions.get("change")
        candidates = object_type.base_queryset().order_by("pk")[:50]
        obj = next((o for o in candidates if condition is None or condition.check(o)), None)
        if obj is None:
            continue
        writable = gate.writable_fields(object_type, admin, obj)
        model_fields = {f.name: f for f in object_type.model._meta.get_fields() if hasattr(f, "attname")}
        for name in object_type.serializer.Meta.fields:
            if name in writable or name not in model_fields or name in ("id", "created_at", "updated_at"):
                continue
            value = _other_value(model_fields[name], getattr(obj, model_fields[name].attname), obj)
            if value is None:
                continue
            tried.add(f"{object_type.label}.{name}")
            before = db_fingerprint()
            response = admin_client.patch(
                matrix.api_url(object_type, obj), {name: value}, content_type="application/json"
            )
            body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else {}
            if response.status_code != 400 or body.get("code") != "core.read_only_field":
                problems.append(f"{object_type.label}.{name}: {response.status_code} {body}")
            if changed_tables(before, db_fingerprint()):
                problems.append(f"{object_type.label}.{name}: 거절했는데 자료가 바뀌었습니다")
    assert not problems, "\n".join(problems)
    # The fields only a workflow step writes are among those tried (records in a later state are refused whole,
    # with the record's condition, by the matrix above).
    assert {"projects.project.stage", "planning.strategicplan.state"} <= tried
