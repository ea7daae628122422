"""Chapter 5's big lists (issue 12): grouped by contract on their own columns, so an index serves the numbered
pager's deep pages and the keyset cursors; sorting them through the contract's join would read every row."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction

from itms.core import pagination
from itms.execution import factories as f
from itms.execution.models import Deliverable, PlanReviewItem, ProgressReport, Requirement, WorkPackage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "parent", "keys"),
    [
        (Requirement, "contract", [("contract_id", True), ("code", False), ("id", False)]),
        (Deliverable, "contract", [("contract_id", True), ("title", False), ("id", False)]),
        (ProgressReport, "contract", [("contract_id", True), ("period_end", True), ("id", True)]),
        (WorkPackage, "contract", [("contract_id", True), ("planned_start", False), ("code", False), ("id", False)]),
        (PlanReviewItem, "plan", [("plan_id", True), ("aspect", False), ("basis", False), ("id", False)]),
    ],
)
def test_a_list_grouped_by_contract_is_a_keyset_on_its_own_columns(model, parent, keys):
    assert pagination.order_keys(model.objects.all()) == keys
    # By the parent itself, Django sorts through the parent's own order (the signed date): no keyset.
    assert pagination.order_keys(model.objects.order_by(parent)) is None


def test_requirements_walked_by_cursor_come_once_each_newest_contract_first(admin_client, big, demo):
    older, newer = f.ContractFactory(), f.ContractFactory()
    for contract in (newer, older):  # codes given out of order: the list sorts them
        for code in ("REQ-003", "REQ-001", "REQ-002"):
            f.RequirementFactory(contract=contract, code=code)
    expected = list(Requirement.objects.order_by("-contract_id", "code", "id").values_list("pk", flat=True))
    assert expected[:3] == list(newer.requirements.order_by("code").values_list("pk", flat=True))
    seen, url = [], "/execution/requirements/?per_page=10"
    while url:
        response = admin_client.get(url)
        assert response.status_code == 200
        seen += [row.record.pk for row in response.context["table"].paginated_rows]
        found = re.search(r'rel="next" href="(\?[^"]+)"', response.content.decode())  # the last: "#"
        url = "/execution/requirements/" + found.group(1).replace("&amp;", "&") if found else ""
    assert seen == expected and len(seen) > 10  # more than one page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the planner's choice: PostgreSQL")
@pytest.mark.parametrize("model", [Requirement, Deliverable, ProgressReport, WorkPackage, PlanReviewItem])
def test_a_deep_page_reads_its_keys_from_the_list_order_index_without_sorting(model):
    """Page 1,001 of the numbered pager asks for the keys in the list's order first (pagination.deferred_slice):
    an index in that order answers it, where the join's order had PostgreSQL sort every row."""
    keys = model.objects.values("pk")[50_000:50_050]
    sql, params = keys.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # Tiny test tables: can an index give the rows in this order? (A sort is still planned if none can.)
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")  # the contract index, then sorting each contract
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "_list_order" in plan, plan
    assert "Sort" not in plan, plan
