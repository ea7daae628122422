"""내 할 일 (home): the open deadlines the user owes — by a role they hold (직무대행 included) or in
person — overdue first then by date, with status badges, clause labels and a link to the subject."""

import datetime as dt

import pytest

from itms.accounts.models import User
from itms.accounts.roles import Role
from itms.regulation.models import Obligation
from itms.regulation.obligations import meet_obligation
from itms.testing.example.models import ExampleRequest
from itms.testing.suites import count_queries

from .helpers import IMPACT_REVIEW, REPLY, TODAY, obligation, unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _only_these_obligations(db):
    Obligation.objects.all().delete()


def _tasks(response):
    return [row["obligation"].title for row in response.context["tasks"]["rows"]]


def _request(title="통관 자동화"):
    return ExampleRequest.objects.create(title=title, unit=unit("KCS-CLP"), amount=1)


def test_a8_5_my_tasks_list_what_i_owe_overdue_first_then_by_due_date(client_of):
    obligation(due=TODAY + dt.timedelta(days=20), owed_by_unit=unit("KCS-DAT"), title="다음 달 회신")
    obligation(
        kind=IMPACT_REVIEW.key, start=TODAY - dt.timedelta(days=30), owed_by_unit=unit("KCS-DAT"), title="지난 검토"
    )
    obligation(due=TODAY + dt.timedelta(days=2), owed_by_unit=unit("KCS-DAT"), title="곧 회신")
    obligation(due=TODAY - dt.timedelta(days=1), owed_by_unit=unit("KCS-CLP"), title="남의 부서 회신")
    obligation(due=TODAY + dt.timedelta(days=1), title="정보기획 회신")  # a role itdept does not hold
    met = obligation(due=TODAY, owed_by_unit=unit("KCS-DAT"), title="이행한 회신")
    meet_obligation(kind=REPLY.key, key=met.key)

    response = client_of("itdept").get("/")  # 데이터담당관 (부서장, 정보화부서장)
    assert _tasks(response) == ["지난 검토", "곧 회신", "다음 달 회신"]
    html = response.content.decode()
    assert 'data-status="overdue"' in html and "기한 경과" in html
    assert "제8조제5항" in html and "제8조제4항" in html
    assert "까지" in html


def test_deadlines_addressed_to_me_in_person_appear_and_my_staff_do_not_see_them(client_of):
    obligation(owed_by_user=User.objects.get(username="sponsor"), title="개인 회신")
    assert _tasks(client_of("sponsor").get("/")) == ["개인 회신"]
    assert _tasks(client_of("sponsor_head").get("/")) == []


def test_a4_7_acting_head_owes_the_units_deadlines_during_the_acting_period(client_of):
    obligation(owed_by_unit=unit("KCS-CLP"), title="통관기획과 회신")  # owed by its head (부서장)
    assert _tasks(client_of("acting").get("/")) == ["통관기획과 회신"]
    # The regular head, away for the acting period, owes none of the head's duties meanwhile (제4조제7항).
    assert _tasks(client_of("sponsor_head").get("/")) == []


def test_my_task_links_to_its_subject_when_i_may_see_it(client_of):
    request = _request()
    obligation(subject=request, owed_by_role=Role.IT_PLANNING_OFFICER, title="요청 검토")
    response = client_of("itplan").get("/")
    html = response.content.decode()
    assert f'href="{request.get_absolute_url()}" data-testid="task-subject"' in html


def test_my_tasks_query_count_does_not_grow_with_the_number_of_deadlines(client_of):
    client = client_of("itplan")
    for i in range(2):
        obligation(subject=_request(f"요청 {i}"), owed_by_role=Role.IT_PLANNING_OFFICER)
    first = count_queries(lambda: client.get("/"))
    for i in range(12):
        obligation(subject=_request(f"추가 요청 {i}"), owed_by_role=Role.IT_PLANNING_OFFICER)
    obligation(owed_by_role=Role.IT_PLANNING_OFFICER)  # one without a subject
    response = client.get("/")
    second = count_queries(lambda: client.get("/"))
    assert len(response.context["tasks"]["rows"]) == 15
    assert second <= first, f"내 할 일 질의 수가 늘어납니다 ({first} → {second})"


def test_a17_3_a_vendor_sees_a_deadline_owed_in_person_but_gets_no_link_to_deadline_pages(client_of):
    item = obligation(owed_by_user=User.objects.get(username="vendor"), title="업체 회신")
    response = client_of("vendor").get("/")
    assert _tasks(response) == ["업체 회신"]
    assert item.get_absolute_url() not in response.content.decode()
    assert client_of("vendor").get(item.get_absolute_url()).status_code == 403
    assert _tasks(client_of("expert").get("/")) == []


def test_naming_the_subjects_reads_no_row_more_per_deadline(client_of):
    """A subject named through its relations (an asset assignment: "자산번호 → 사용자") is fetched joined as its
    list joins it, not one asset per deadline."""
    from itms.resources.factories import AssetFactory
    from itms.resources.models import AssetAssignment

    client = client_of("itplan")
    holder = User.objects.get(username="itplan")

    def owe(n):
        for _ in range(n):
            given = AssetAssignment.objects.create(
                asset=AssetFactory(), holder=holder, holder_unit=unit("KCS-ITP"), starts_on=TODAY
            )
            obligation(subject=given, owed_by_role=Role.IT_PLANNING_OFFICER)

    owe(2)
    first = count_queries(lambda: client.get("/"))
    owe(10)
    response = client.get("/")
    second = count_queries(lambda: client.get("/"))
    assert sum(isinstance(row["subject"], AssetAssignment) for row in response.context["tasks"]["rows"]) == 12
    assert second <= first, f"내 할 일 질의 수가 늘어납니다 ({first} → {second})"
