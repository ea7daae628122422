import pytest

from itms.accounts.policy import RULES, Rule, _index
from itms.accounts.roles import Role


@pytest.fixture
def vendor_may_search():
    """Grants vendors the search for one test: what they see must still follow each record's view scope (a17.3)."""
    rule = Rule(Role.VENDOR, "similarity.view_indexentry", "all")
    RULES.append(rule)
    _index.cache_clear()
    yield
    RULES.remove(rule)
    _index.cache_clear()
