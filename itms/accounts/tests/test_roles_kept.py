"""A user's roles kept across requests (a shared cache): read once, and never granted after they change.

Rights follow positions (a2.0.5: 정보자산 담당자 is whoever holds the bound position; a4.7: an acting official
holds the position's powers for the period), so a revoked binding or a new acting period must count on the very
next request, in every worker. Transactional tests: roles are kept only outside a transaction.
"""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from itms.accounts.directory import holds, roles_of
from itms.accounts.models import Assignment, AssignmentKind, OrgUnit, RoleBinding, User
from itms.accounts.roles import Role

TODAY = timezone.localdate()
across_requests = override_settings(ITMS_ROLES_ACROSS_REQUESTS=True)


def _fresh(username: str) -> User:
    """The user as a new request loads it: nothing cached on the object."""
    return User.objects.get(username=username)


def _queries(username: str) -> tuple[int, frozenset]:
    user = _fresh(username)
    with CaptureQueriesContext(connection) as captured:
        grants = roles_of(user)
    return len(captured), grants


@pytest.mark.django_db(transaction=True)
@across_requests
def test_roles_read_in_one_request_are_not_read_again_in_the_next(demo):
    first_count, first = _queries("asset")
    again_count, again = _queries("asset")
    assert first_count >= 2  # assignments, bindings (and the acting periods of the positions)
    assert again_count == 0
    assert again == first
    assert any(g.role == Role.ASSET_OFFICER for g in again)


@pytest.mark.django_db(transaction=True)
@across_requests
def test_a2_0_5_a_revoked_binding_grants_nothing_on_the_next_request(demo):
    unit = OrgUnit.objects.get(code="KCS-SOT")
    assert holds(_fresh("asset"), Role.ASSET_OFFICER, unit)
    RoleBinding.objects.filter(role=Role.ASSET_OFFICER, position__unit=unit).delete()
    assert not holds(_fresh("asset"), Role.ASSET_OFFICER, unit)


@pytest.mark.django_db(transaction=True)
@across_requests
def test_a4_7_a_new_acting_period_takes_the_powers_from_the_regular_holder_at_once(demo):
    """직무대행 (제4조제7항): while 강지훈's position is exercised by another official, he keeps only his membership."""
    unit = OrgUnit.objects.get(code="KCS-SOT")
    asset = _fresh("asset")
    assert holds(asset, Role.ASSET_OFFICER, unit)
    position = Assignment.objects.active_on(TODAY).get(user=asset).position
    Assignment.objects.create(
        user=_fresh("itstaff"),
        position=position,
        kind=AssignmentKind.ACTING,
        start_date=TODAY,
        end_date=TODAY + dt.timedelta(days=10),
        reason="출장",
    )
    assert not holds(_fresh("asset"), Role.ASSET_OFFICER, unit)
    assert holds(_fresh("itstaff"), Role.ASSET_OFFICER, unit)


@pytest.mark.django_db(transaction=True)
@across_requests
def test_roles_read_inside_a_rolled_back_transaction_are_not_kept(demo):
    unit = OrgUnit.objects.get(code="KCS-SOT")
    with pytest.raises(RuntimeError), transaction.atomic():
        RoleBinding.objects.filter(role=Role.ASSET_OFFICER, position__unit=unit).delete()
        assert not holds(_fresh("asset"), Role.ASSET_OFFICER, unit)
        raise RuntimeError("rolled back")
    assert holds(_fresh("asset"), Role.ASSET_OFFICER, unit)


@pytest.mark.django_db(transaction=True)
@override_settings(ITMS_ROLES_ACROSS_REQUESTS=False)
def test_with_a_cache_of_its_own_per_process_every_request_reads_the_roles_again(demo):
    """Another worker process would not hear of a revocation, so nothing is kept beyond the request."""
    _queries("asset")
    again_count, _ = _queries("asset")
    assert again_count >= 2


@pytest.mark.django_db(transaction=True)
@across_requests
def test_a2_0_5_a_revoked_binding_is_gone_from_the_next_page(client_of):
    """Through the whole stack: the roles the home page lists, before and after the binding is revoked."""
    client = client_of("asset")
    unit = OrgUnit.objects.get(code="KCS-SOT")
    assert holds(_fresh("asset"), Role.ASSET_OFFICER, unit)
    before = client.get("/")
    assert before.status_code == 200
    RoleBinding.objects.filter(role=Role.ASSET_OFFICER, position__unit=unit).delete()
    after = client.get("/")
    assert str(Role.ASSET_OFFICER.label) in before.content.decode()
    assert str(Role.ASSET_OFFICER.label) not in after.content.decode()
