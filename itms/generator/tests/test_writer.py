"""The generator's bulk writer: COPY on PostgreSQL, batched INSERT on SQLite."""

from __future__ import annotations

import pytest

from itms.accounts.models import Organization, OrganizationKind
from itms.generator import writer
from itms.generator.writer import IdAllocator, insert


@pytest.mark.django_db
def test_a_row_generator_that_queries_while_it_yields_is_written(monkeypatch):
    """A lazy row generator may ask the database for its id range or a lookup after the first rows: on PostgreSQL
    those queries used to wait forever behind the open COPY on the same connection (the 2026-12 service requests)."""
    monkeypatch.setattr(writer, "COPY_BATCH_ROWS", 3)
    ids = IdAllocator()

    def rows():
        for n, pk in enumerate(ids.take(Organization, 7)):
            # Mid-way queries, as generators do: one inside what the first batch would be, one after it.
            if n in (1, 4):
                Organization.objects.exists()
            yield pk, f"생성 기관 {n}", f"GEN-ORG-{n}", OrganizationKind.AFFILIATE

    assert insert(Organization, ("id", "name", "code", "kind"), rows()) == 7
    assert Organization.objects.filter(code__startswith="GEN-ORG-").count() == 7
