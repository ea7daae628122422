"""Deadlines of Chapter 2."""

from django.db.models import Q

from itms.accounts.roles import Role
from itms.regulation.obligations import Backward, Forward, ObligationType, register_obligation_type
from itms.regulation.work import Work, register_work

from .models import Meeting

register_obligation_type(
    ObligationType(
        "agenda_distribution",
        "회의 안건 배포",
        ("a4.10", "a4.9"),
        rule=Backward("agenda_distribution_days", "agenda_distribution_counting", event="회의일"),
        owed_by_role=Role.COMMITTEE_SECRETARY,
        description="간사는 위원회 개최 7일 전까지 회의 안건을 작성하여 배포한다.",
    )
)
register_obligation_type(
    ObligationType(
        "convening_demand",
        "위원의 소집 요구에 따른 회의 소집",
        ("a4.6",),
        # The directive sets no period for convening on a demand: the rule pack's system default does.
        rule=Forward("convening_demand_days"),
        owed_by_role=Role.CIO,
        description="위원의 소집 요구가 있으면 위원장이 소집한다 (훈령에 기한 없음: 규정 값의 기관 기준 기한).",
    )
)
register_obligation_type(
    ObligationType(
        "written_vote",
        "서면 의결 회신",
        ("a4.11", "a5.9"),
        description="서면 심의·의결에 부친 안건에 마감 전까지 표결한다 (마감 전 알림).",
    )
)
register_obligation_type(
    ObligationType(
        "cio_request_response",
        "지능정보화책임관 조치 요구 이행",
        ("a3.4",),
        description="각 국(실)장 및 소속·산하기관의 장은 특별한 사유가 없으면 요구에 따른다.",
    )
)


def _runs_the_meeting(user, meetings):
    """The meetings of the bodies the user chairs or is the secretary of today (a4.9, a5.2), and those where the
    user is the member named to act for the chair (a4.7): who may run a meeting, narrowed in SQL before each
    meeting's own check (the chair or secretary on its date), which otherwise asks for every meeting of the agency."""
    from itms.core.middleware import per_request

    from .models.bodies import _secretariat_of_body

    condition = per_request(  # once per request, not once per step
        ("governance.runs_meeting", user.pk),
        lambda: _secretariat_of_body(user, None, prefix="body__") | Q(acting_chair__user=user),
    )
    return meetings.filter(condition)


register_work(
    Meeting,
    *(
        Work(step, scope=_runs_the_meeting)
        for step in ("distribute", "open", "close", "start_written", "finish_written", "cancel")
    ),
)
