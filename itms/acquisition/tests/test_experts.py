"""전문가 명부 (a15.7): "정보기획담당관은 정보화 전문인력 정보를 수집하여 50명 이상의 전문가명부를 작성ㆍ관리하여야
하며, 최신의 자료가 유지되도록 하여야 한다. 이 경우 정보화부서장은 … 수집한 전문가 명부를 활용할 수 있다."

The demo list has 52 experts: one marked not available and one under an appointment restriction, so exactly 50 can
be appointed — the rule's minimum, no warning. Entries not confirmed for 12 months (a dated system parameter, the
directive gives no period) are stale.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from itms.acquisition.actions.experts import pool_status, stale_before
from itms.acquisition.models import Expert

pytestmark = pytest.mark.django_db


def test_a15_7_fifty_appointable_experts_meet_the_rule_and_forty_nine_do_not(demo):
    """50명 이상: 50 appointable experts raise no warning; one more made unavailable leaves 49 and warns."""
    status = pool_status()
    assert (status.total, status.usable, status.minimum) == (52, 50, 50)
    assert not [w for w in status.warnings if "50명 이상" in w]
    expert = Expert.objects.filter(is_available=True, exclusions__isnull=True).order_by("code").first()
    expert.unavailable_until = timezone.localdate() + dt.timedelta(days=30)  # on leave for a month
    expert.save()
    status = pool_status()
    assert status.usable == 49
    assert "위촉할 수 있는 전문가가 49명입니다. 전문가명부는 50명 이상이어야 합니다 (제15조제7항)." in status.warnings


def test_a15_7_an_entry_unconfirmed_for_twelve_months_is_stale(demo):
    """최신의 자료: confirmed 12 months and one day ago is stale; confirmed exactly 12 months ago is not yet."""
    on = dt.date(2026, 12, 3)
    before, months = stale_before(on)
    assert (before, months) == (dt.date(2025, 12, 3), 12)
    Expert.objects.update(confirmed_on=on)
    first, second = Expert.objects.order_by("code")[:2]
    Expert.objects.filter(pk=first.pk).update(confirmed_on=dt.date(2025, 12, 2))
    Expert.objects.filter(pk=second.pk).update(confirmed_on=dt.date(2025, 12, 3))
    status = pool_status(on)
    assert status.stale == 1
    assert "1명의 정보를 12개월 넘게(2025. 12. 3.(수) 이전) 확인하지 않았습니다." in " ".join(status.warnings)


def test_a15_7_the_planning_officer_keeps_the_list_and_it_departments_use_it(demo, client_of):
    """작성ㆍ관리 by the 정보기획담당관; 정보화부서장 (and staff) may use (view) it; a sponsoring official may not."""
    page = client_of("itplan").get(reverse("acquisition:expert_pool"))
    assert page.status_code == 200
    text = page.content.decode()
    assert 'data-testid="pool-usable">50명' in text and "전문가 등록" in text
    assert "정보를 다시 확인할 전문가" in text  # the demo's oldest entries are over a year old
    shared = client_of("itdept").get(reverse("acquisition:expert_pool"))
    assert shared.status_code == 200 and "전문가 등록" not in shared.content.decode()
    assert client_of("itdept").get(reverse("acquisition:expert_list")).status_code == 200
    assert client_of("itdept").get(reverse("acquisition:expert_add")).status_code == 403
    assert client_of("sponsor").get(reverse("acquisition:expert_pool")).status_code == 403
