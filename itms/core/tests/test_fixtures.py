"""The shared fixtures never touch the configured database (docs/quality.md, "Security", F5).

No django_db mark here on purpose: the fixtures must bring it themselves, also when a test is run alone.
"""

from __future__ import annotations

import pytest
from django.db import connection

from itms.testing import fixtures


def test_a_test_using_only_a_demo_client_gets_the_test_database(request, client_of):
    assert request.node.get_closest_marker("django_db") is not None
    assert fixtures.is_test_database(connection)
    assert client_of("admin").get("/django-admin/").status_code == 200


class _Item:
    def __init__(self, *fixturenames: str, marked: bool = False):
        self.fixturenames = fixturenames
        self.markers = [pytest.mark.django_db.mark] if marked else []

    def get_closest_marker(self, name):
        return next((m for m in self.markers if m.name == name), None)

    def add_marker(self, marker):
        self.markers.append(marker.mark)


def test_the_mark_is_transactional_only_where_the_test_asks_for_it():
    plain, transactional, live = (
        _Item("client_of", "demo"),
        _Item("transactional_db", "demo"),
        _Item("live_server", "demo"),
    )
    untouched, marked = _Item("tmp_path"), _Item("demo", marked=True)
    fixtures.pytest_collection_modifyitems([plain, transactional, live, untouched, marked])
    assert plain.markers[0].kwargs == {"transaction": False}
    assert transactional.markers[0].kwargs == live.markers[0].kwargs == {"transaction": True}
    assert untouched.markers == []
    assert len(marked.markers) == 1 and marked.markers[0].kwargs == {}


def test_the_demo_is_never_built_into_a_database_that_is_not_the_test_database(demo, monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/itms/var/itms.sqlite3")
    monkeypatch.setattr(fixtures, "build_demo", lambda **kwargs: pytest.fail("built into the configured database"))
    with pytest.raises(RuntimeError, match="시험용이 아닌 데이터베이스"):
        fixtures._build_demo_in_test_database()
