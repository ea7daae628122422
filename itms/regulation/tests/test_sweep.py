"""The daily obligation sweep: who is told, when, how often — and that it stays cheap.

Due soon = at most ``due_soon_working_days`` working days left (rule-pack parameter, a2.0.7);
recipients are the holders of the owing role on the day (직무대행 included, a4.7) and the owing
person; each notice once per obligation and kind, one digest per recipient per day.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from itms.accounts.directory import holders
from itms.accounts.models import OrgUnit, User
from itms.accounts.roles import Role
from itms.core.formats import format_date
from itms.notifications.models import Notification, NotificationKind
from itms.regulation.legal_calendar import add_working_days, next_working_day
from itms.regulation.models import Obligation, ObligationStatus, Parameter, ParameterValue
from itms.regulation.obligations import (
    ObligationType,
    meet_obligation,
    open_obligation,
    register_obligation_type,
    waive_obligation,
)
from itms.regulation.rules import param
from itms.regulation.sweep import HolderIndex, run_sweep
from itms.regulation.tasks import run_obligation_sweep_task

pytestmark = pytest.mark.django_db

# Inside the demo's acting period (직무대행 from today−3 to today+11, itms/accounts/demo.py).
TODAY = timezone.localdate()

# A deadline whose due date the test gives directly, owed by whoever the test names.
register_obligation_type(ObligationType("sweep_reply", "점검 회신", ("a8.5",)))


@pytest.fixture(autouse=True)
def _no_other_open_obligations(db):
    """Given only the obligations each test opens (the demo data may carry open ones of its own)."""
    Obligation.objects.filter(status=ObligationStatus.OPEN).update(
        status=ObligationStatus.MET, closed_at=timezone.now()
    )


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """run_sweep with its after-commit e-mail task executed, as outside a test transaction."""

    def run(today: dt.date = TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return run_sweep(today=today)

    return run


def _unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _open(key: str, due: dt.date, **owed) -> Obligation:
    return open_obligation(kind="sweep_reply", key=key, title=f"점검 회신 {key}", due=due, **owed)


def _due_soon_days() -> int:
    return int(param("due_soon_working_days", TODAY).value)


def _recipients(**filters) -> set[str]:
    return set(Notification.objects.filter(**filters).values_list("recipient__username", flat=True))


def _mailed_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


# --- who is told ----------------------------------------------------------------------------------------------
def test_a8_5_overdue_impact_review_is_notified_once_to_the_it_department_head(sweep):
    obligation = open_obligation(
        kind="example_review",
        key="a8.5",
        start=TODAY - dt.timedelta(days=40),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        owed_by_unit=_unit("KCS-DAT"),
    )
    assert obligation.due_date < TODAY

    result = sweep()
    assert (result.overdue, result.due_soon, result.notices, result.digests) == (1, 0, 1, 1)
    notice = Notification.objects.get(obligation=obligation)
    assert notice.recipient.username == "itdept"
    assert notice.kind == NotificationKind.OVERDUE
    assert notice.title == f"기한 경과: {obligation.title}"
    assert _mailed_to() == ["itdept@customs.example", "itdept@customs.example"]  # the notice and the digest

    again = sweep()
    assert (again.notices, again.digests) == (0, 0)
    assert Notification.objects.filter(obligation=obligation).count() == 1
    assert len(mail.outbox) == 2


def test_a4_7_during_the_acting_period_the_due_soon_notice_reaches_the_acting_head_alone(sweep):
    """The acting official carries the head's duties (제4조제7항 "그 직무를 대행"); the regular holder, who cannot
    perform them meanwhile, holds none of the position's roles (itms.accounts.directory)."""
    obligation = _open(
        "clp", add_working_days(TODAY, 1), owed_by_role=Role.DEPARTMENT_HEAD, owed_by_unit=_unit("KCS-CLP")
    )

    result = sweep()

    assert result.due_soon == 1 and result.notices == 1
    notices = Notification.objects.filter(obligation=obligation, kind=NotificationKind.DUE_SOON)
    assert {n.recipient.username for n in notices} == {"acting"}
    assert "직무대행(제4조제7항)으로서" in notices.get().body
    assert _mailed_to() == sorted(["acting@customs.example"] * 2)


def test_a4_7_acting_head_is_no_longer_told_after_the_acting_period(sweep):
    later = next_working_day(timezone.localdate() + dt.timedelta(days=12))  # the acting period has ended
    obligation = _open("later", later, owed_by_role=Role.DEPARTMENT_HEAD, owed_by_unit=_unit("KCS-CLP"))

    sweep(later)

    assert _recipients(obligation=obligation) == {"sponsor_head"}


def test_person_owed_obligation_is_told_only_to_that_person(sweep):
    obligation = _open("person", TODAY - dt.timedelta(days=1), owed_by_user=_user("sponsor"))

    sweep()

    assert _recipients(obligation=obligation) == {"sponsor"}
    assert _recipients(kind=NotificationKind.DIGEST) == {"sponsor"}
    assert _mailed_to() == ["sponsor@customs.example", "sponsor@customs.example"]


def test_obligation_owed_by_a_person_and_a_role_tells_each_once(sweep):
    # itplan holds the role and is also named: one notice, not two.
    obligation = _open("both", TODAY, owed_by_role=Role.IT_PLANNING_OFFICER, owed_by_user=_user("itplan"))
    other = _open("both-2", TODAY, owed_by_role=Role.IT_PLANNING_OFFICER, owed_by_user=_user("council"))

    result = sweep()

    assert Notification.objects.filter(obligation=obligation).count() == 1
    assert _recipients(obligation=obligation) == {"itplan"}
    assert _recipients(obligation=other) == {"itplan", "council"}
    assert result.notices == 3 and result.digests == 2


def test_a_vacant_role_is_counted_and_tells_nobody(sweep):
    # 통관기획과 is not an IT department (a2.0.9): nobody holds 정보화부서장 there.
    _open("vacant", TODAY, owed_by_role=Role.IT_DEPARTMENT_HEAD, owed_by_unit=_unit("KCS-CLP"))

    before = Notification.objects.count()  # the demo agency's own notices
    result = sweep()

    assert (result.due_soon, result.unassigned, result.created) == (1, 1, 0)
    assert Notification.objects.count() == before and not mail.outbox


def test_an_inactive_person_is_not_told(sweep):
    sponsor = _user("sponsor")
    sponsor.is_active = False
    sponsor.save(update_fields=["is_active"])
    _open("inactive", TODAY, owed_by_user=sponsor)

    result = sweep()

    assert result.unassigned == 1 and result.created == 0


def test_a_recipient_without_an_address_gets_the_inbox_notice_but_no_mail(sweep):
    sponsor = _user("sponsor")
    sponsor.email = ""
    sponsor.save(update_fields=["email"])
    _open("no-mail", TODAY, owed_by_user=sponsor)

    result = sweep()

    assert result.notices == 1 and mail.outbox == []
    assert Notification.objects.filter(recipient=sponsor, emailed_at__isnull=True).count() == 2


# --- when -------------------------------------------------------------------------------------------------------
def test_a2_0_7_due_soon_means_at_most_the_parameters_working_days_left(sweep):
    days = _due_soon_days()
    inside = _open("inside", add_working_days(TODAY, days), owed_by_user=_user("sponsor"))
    outside = _open("outside", add_working_days(TODAY, days + 1), owed_by_user=_user("sponsor"))

    result = sweep()

    assert result.due_soon == 1
    assert Notification.objects.filter(obligation=inside, kind=NotificationKind.DUE_SOON).count() == 1
    assert not Notification.objects.filter(obligation=outside).exists()


def test_a2_0_7_due_soon_counts_working_days_even_when_the_due_date_is_not_one(sweep):
    # Due on Saturday 2026-03-14, seen from N working days before Friday the 13th: N working days left.
    friday = dt.date(2026, 3, 13)
    days = int(param("due_soon_working_days", friday).value)
    today = add_working_days(friday, -days)
    obligation = _open("saturday", friday + dt.timedelta(days=1), owed_by_user=_user("sponsor"))

    result = sweep(today)

    assert result.due_soon == 1
    assert Notification.objects.filter(obligation=obligation, kind=NotificationKind.DUE_SOON).exists()
    assert not sweep(add_working_days(today, -1)).created  # one working day earlier: N+1 left


def test_a2_0_7_due_soon_follows_the_rule_pack_parameter_on_the_day(sweep):
    days = _due_soon_days()
    obligation = _open("wider", add_working_days(TODAY, days + 2), owed_by_user=_user("sponsor"))
    assert sweep().due_soon == 0
    parameter = Parameter.objects.get(pack__number=2427, key="due_soon_working_days")
    ParameterValue.objects.create(parameter=parameter, value=days + 2, effective_from=TODAY, reason="시험")

    result = sweep()

    assert result.due_soon == 1
    assert f"알림 기준: {days + 2}근무일 이내" in Notification.objects.get(obligation=obligation).body


def test_due_soon_then_overdue_tells_once_each_kind(sweep):
    due = add_working_days(TODAY, 1)
    obligation = _open("twice", due, owed_by_user=_user("sponsor"))

    sweep(TODAY)
    sweep(TODAY)
    sweep(due + dt.timedelta(days=1))
    sweep(due + dt.timedelta(days=2))

    kinds = sorted(Notification.objects.filter(obligation=obligation).values_list("kind", flat=True))
    assert kinds == [NotificationKind.DUE_SOON, NotificationKind.OVERDUE]


def test_met_and_waived_obligations_are_never_told(sweep):
    _open("met", TODAY - dt.timedelta(days=3), owed_by_user=_user("sponsor"))
    meet_obligation(kind="sweep_reply", key="met", actor=_user("sponsor"))
    waived = _open("waived", TODAY, owed_by_user=_user("sponsor"))
    waive_obligation(obligation=waived, actor=_user("itplan"), reason="사업 취소")

    before = Notification.objects.count()
    result = sweep()

    assert (result.due_soon, result.overdue, result.created) == (0, 0, 0)
    assert Notification.objects.count() == before and not mail.outbox


def test_an_obligation_met_after_its_notice_is_not_told_again(sweep):
    _open("closed", add_working_days(TODAY, 1), owed_by_user=_user("sponsor"))
    sweep()
    meet_obligation(kind="sweep_reply", key="closed", actor=_user("sponsor"))

    result = sweep(add_working_days(TODAY, 3))

    assert result.created == 0
    assert Notification.objects.filter(kind=NotificationKind.OVERDUE).count() == 0


# --- how often --------------------------------------------------------------------------------------------------
def test_the_sweep_run_twice_sends_nothing_twice(sweep):
    for i in range(3):
        _open(f"r{i}", TODAY - dt.timedelta(days=i), owed_by_role=Role.IT_PLANNING_OFFICER)
    _open("clp", TODAY, owed_by_role=Role.DEPARTMENT_HEAD, owed_by_unit=_unit("KCS-CLP"))

    before = Notification.objects.count()
    first = sweep()
    rows, mails = Notification.objects.count(), len(mail.outbox)
    second = sweep()

    # itplan: 3 notices + digest; the 통관기획과장's role is held by the acting official alone while the 직무대행
    # runs (a3.4): 1 notice + digest to acting, none to sponsor_head.
    assert (first.notices, first.digests) == (4, 2)
    assert rows - before == 6 and mails == 6
    assert (second.notices, second.digests) == (0, 0)
    assert Notification.objects.count() == rows and len(mail.outbox) == mails
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_digest_is_sent_once_a_day_and_lists_every_due_item(sweep):
    late = _open("late", TODAY - dt.timedelta(days=2), owed_by_role=Role.IT_PLANNING_OFFICER)
    soon = _open("soon", add_working_days(TODAY, 1), owed_by_role=Role.IT_PLANNING_OFFICER)

    sweep(TODAY)
    sweep(TODAY)
    digest = Notification.objects.get(kind=NotificationKind.DIGEST)
    next_day = add_working_days(TODAY, 1)
    sweep(next_day)

    assert digest.recipient.username == "itplan"
    assert digest.title == f"일일 기한 요약 {format_date(TODAY)}: 기한 경과 1건, 기한 임박 1건"
    assert f"- [기한 경과] {format_date(late.due_date)} {late.title} (제8조제5항)" in digest.body
    assert f"- [기한 임박] {format_date(soon.due_date)} {soon.title} (제8조제5항)" in digest.body
    digests = Notification.objects.filter(kind=NotificationKind.DIGEST, recipient__username="itplan")
    assert sorted(digests.values_list("dedupe_key", flat=True)) == [
        f"digest:{TODAY.isoformat()}",
        f"digest:{next_day.isoformat()}",
    ]


def test_a_long_digest_lists_the_first_items_and_points_to_the_inbox(sweep):
    for i in range(35):
        _open(f"many{i}", TODAY - dt.timedelta(days=1), owed_by_user=_user("sponsor"))

    sweep()

    body = Notification.objects.get(kind=NotificationKind.DIGEST).body
    assert body.count("\n- [기한 경과]") == 30 and "외 5건은 내 알림에서 확인하십시오." in body


# --- what the e-mail says -----------------------------------------------------------------------------------------
def test_the_mail_is_korean_with_the_due_date_and_the_clause_label(sweep):
    due = TODAY - dt.timedelta(days=2)
    obligation = _open("mail", due, owed_by_user=_user("sponsor"))

    sweep()

    notice = next(m for m in mail.outbox if "기한 경과:" in m.subject)
    assert notice.subject == f"[정보화관리시스템] 기한 경과: {obligation.title}"
    assert notice.to == ["sponsor@customs.example"]
    assert notice.body.startswith("오수빈님,")
    assert f"기한({format_date(due)})이 2일 지났습니다." in notice.body
    assert f"기한: {format_date(due)}" in notice.body
    assert "근거: 제8조제5항" in notice.body
    assert f"내 알림: {settings.ITMS_SITE_URL.rstrip('/')}/notifications/" in notice.body
    assert Notification.objects.get(obligation=obligation).emailed_at is not None


def test_the_notice_links_to_the_subject_page_when_it_has_one(sweep):
    from itms.testing.example.models import ExampleRequest

    request = ExampleRequest.objects.create(title="통관 자동화", unit=_unit("KCS-CLP"), amount=1)
    obligation = open_obligation(kind="example_review", subject=request, start=TODAY - dt.timedelta(days=30))

    sweep()

    assert Notification.objects.get(obligation=obligation).url == f"/example/example-requests/{request.pk}/"


# --- scale ----------------------------------------------------------------------------------------------------------
def test_holder_index_agrees_with_directory_holders_for_every_role_and_unit():
    units = [None, *OrgUnit.objects.values_list("pk", flat=True)]
    for on in (TODAY, TODAY + dt.timedelta(days=30)):
        index = HolderIndex(on)
        for role in Role:
            for unit_id in units:
                expected: dict[int, bool] = {}
                for holder in holders(role, unit_id, on):
                    expected[holder.user.pk] = expected.get(holder.user.pk, True) and holder.acting
                assert dict(index.holders(role, unit_id)) == expected, (role, unit_id, on)


def test_sweep_query_count_does_not_grow_with_obligations(sweep):
    roles = [(Role.IT_PLANNING_OFFICER, None), (Role.DEPARTMENT_HEAD, "KCS-CLP"), (Role.IT_DEPARTMENT_HEAD, "KCS-DAT")]

    def add(n: int, offset: int) -> None:
        for i in range(n):
            role, unit = roles[i % len(roles)]
            _open(
                f"q{offset + i}",
                TODAY - dt.timedelta(days=i % 5),
                owed_by_role=role,
                owed_by_unit=_unit(unit) if unit else None,
            )

    add(3, 0)
    with CaptureQueriesContext(connection) as few:
        sweep()
    add(45, 100)
    with CaptureQueriesContext(connection) as many:
        result = sweep()

    assert result.notices == 45  # 통관기획과장's duties go to the acting head alone during the acting period
    assert len(many.captured_queries) <= len(few.captured_queries), (
        f"점검 질의 수가 의무 수에 따라 늘어납니다 ({len(few.captured_queries)} → {len(many.captured_queries)})"
    )


# --- how it is run ------------------------------------------------------------------------------------------------
def test_the_command_prints_the_counts_in_korean_for_the_given_date(django_capture_on_commit_callbacks):
    _open("cmd", TODAY - dt.timedelta(days=1), owed_by_user=_user("sponsor"))
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_obligation_sweep", "--date", TODAY.isoformat(), stdout=out)

    assert out.getvalue().strip() == (
        f"{format_date(TODAY)} 기한 점검: 기한 임박 0건, 기한 경과 1건 (담당자 없음 0건)"
        " → 새 알림 2건 (개별 알림 1건, 일일 요약 1건)"
    )
    with pytest.raises(CommandError, match="존재하지 않는 날짜"):
        call_command("run_obligation_sweep", "--date", "2026-02-30")


def test_the_daily_task_is_scheduled_and_runs_the_sweep(django_capture_on_commit_callbacks):
    entry = settings.CELERY_BEAT_SCHEDULE["run-obligation-sweep"]
    assert entry["task"] == run_obligation_sweep_task.name
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({6}, {0})
    _open("task", timezone.localdate() - dt.timedelta(days=1), owed_by_user=_user("sponsor"))

    with django_capture_on_commit_callbacks(execute=True):
        result = run_obligation_sweep_task.delay().get()
        again = run_obligation_sweep_task.delay().get()

    assert (result["overdue"], result["created"], again["created"]) == (1, 2, 0)
    assert len(mail.outbox) == 2
