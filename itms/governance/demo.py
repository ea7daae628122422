"""Demo committees: 정보화추진위원회, 정보화실무협의회, two 과업심의위원회, and upcoming meetings.

Meetings are convened through the actions (so their a4.10 deadlines exist); building twice
changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from itms.accounts.demo import DEMO_PASSWORD, SINCE
from itms.accounts.models import Position, User, UserKind
from itms.projects.models import Project

from . import actions
from .choices import BodyKind, CommitteeAgendaKind, CouncilAgendaKind, MembershipBasis
from .models import Body, Membership

EXPERTS = [
    ("expert", "문가영", "한국대학교 산업공학과", "인공지능·영상분석"),
    ("expert2", "권도현", "미래대학교 소프트웨어학과", "소프트웨어공학·요구공학"),
    ("expert3", "양서윤", "정보통신산업진흥원 출신 감리인", "정보시스템 감리"),
    ("expert4", "남궁민", "(사)공공SW사업자협회 자문위원", "공공SW 사업관리"),
    ("expert5", "백지원", "한국IT대학원 교수", "데이터베이스·데이터 품질"),
]


def _head(code: str) -> Position:
    return Position.objects.get(unit__code=code, is_head=True)


def _officer(code: str, title: str = "주무관") -> Position:
    return Position.objects.get(unit__code=code, title=title)


def _seat(body, basis, *, position=None, user=None, chair=False, external=False, years=None):
    end = dt.date(SINCE.year + years, SINCE.month, SINCE.day) - dt.timedelta(days=1) if years else None
    Membership.objects.get_or_create(
        body=body,
        basis=basis,
        position=position,
        user=user,
        defaults={"is_chair": chair, "is_external": external, "start_date": SINCE, "end_date": end},
    )


@transaction.atomic
def build_demo_governance(*, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    experts = {}
    for username, name, affiliation, expertise in EXPERTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "name": name,
                "kind": UserKind.EXPERT,
                "affiliation": affiliation,
                "expertise": expertise,
                "email": f"{username}@expert.example",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        experts[username] = user

    committee, _ = Body.objects.get_or_create(
        name="정보화추진위원회",
        defaults={
            "kind": BodyKind.COMMITTEE,
            "chair_position": _head("KCS-IDP"),
            "secretary_position": _head("KCS-ITP"),
        },
    )
    _seat(committee, MembershipBasis.EX_OFFICIO, position=_head("KCS-IDP"), chair=True)  # a4.1
    for code in ("KCS-ITP", "KCS-DAT", "KCS-AIT", "KCS-RDE", "KCS-SOT"):  # a4.3.1
        _seat(committee, MembershipBasis.EX_OFFICIO, position=_head(code))
    for code in ("KCS-BUD", "KCS-CLP", "ICN-CIM"):  # a4.3.2: budget, a sponsor, a customs office
        _seat(committee, MembershipBasis.DESIGNATED, position=_head(code))
    _seat(committee, MembershipBasis.ADVISER, user=experts["expert"], external=True)  # a4.4

    council, _ = Body.objects.get_or_create(
        name="정보화실무협의회",
        defaults={
            "kind": BodyKind.COUNCIL,
            "parent": committee,
            "chair_position": _head("KCS-ITP"),
            "secretary_position": _officer("KCS-ITP", "정보화기획 담당 사무관"),
        },
    )
    _seat(council, MembershipBasis.EX_OFFICIO, position=_head("KCS-ITP"), chair=True)  # a5.2
    for code, title in (
        ("KCS-DAT", "데이터 담당 주무관"),
        ("KCS-AIT", "주무관"),
        ("KCS-RDE", "주무관"),
        ("KCS-SOT", "시스템관리 담당 주무관"),
    ):  # a5.2.1
        _seat(council, MembershipBasis.EX_OFFICIO, position=_officer(code, title))
    for code, title in (("KCS-CLP", "통관정보화 담당 사무관"), ("KCS-BUD", "주무관"), ("ICN-CIM", "주무관")):
        _seat(council, MembershipBasis.DESIGNATED, position=_officer(code, title))  # a5.2.2

    task, _ = Body.objects.get_or_create(
        name="과업심의위원회 (구축·고도화)",
        defaults={
            "kind": BodyKind.TASK_DELIBERATION,
            "secretary_position": _officer("KCS-ITP", "정보화기획 담당 사무관"),
            "scope": "정보시스템 구축·고도화 사업의 과업내용 확정·변경 및 계약금액·기간 조정 (제13조제2항)",
        },
    )
    _seat(task, MembershipBasis.DESIGNATED, position=_head("KCS-ITP"), years=2)
    _seat(task, MembershipBasis.DESIGNATED, position=_head("KCS-DAT"), years=2)
    _seat(task, MembershipBasis.DESIGNATED, position=_head("KCS-BUD"), years=2)
    for index, username in enumerate(("expert2", "expert3", "expert4", "expert5")):
        _seat(task, MembershipBasis.EXTERNAL, user=experts[username], external=True, chair=index == 0, years=2)

    small, _ = Body.objects.get_or_create(
        name="과업심의위원회 (운영·유지관리)",
        defaults={
            "kind": BodyKind.TASK_DELIBERATION,
            "secretary_position": _officer("KCS-ITP", "정보화기획 담당 사무관"),
            "scope": "운영·유지관리 사업의 과업내용 변경 (제13조제2항)",
        },
    )
    _seat(small, MembershipBasis.DESIGNATED, position=_head("KCS-SOT"), chair=True)  # composition warnings shown
    _seat(small, MembershipBasis.EXTERNAL, user=experts["expert3"], external=True, years=2)

    secretary = User.objects.get(username="itplan")
    if not committee.meetings.exists():
        meeting = actions.convene_meeting(
            actor=secretary,
            body=committee,
            title="2027년도 정보화사업 심의",
            scheduled_at=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=12), dt.time(14, 0))),
            place="정부대전청사 관세청 대회의실",
        )
        for code, kind in (
            ("2027-CLP-001", CommitteeAgendaKind.NEW_TECHNOLOGY),
            ("2027-CLP-002", CommitteeAgendaKind.SYSTEM_PLAN),
            ("2027-DAT-001", CommitteeAgendaKind.PRIORITY),
        ):
            project = Project.objects.get(code=code)
            actions.add_agenda_item(
                actor=secretary,
                meeting=meeting,
                kind=kind,
                title=project.name,
                subject=project,
                proposing_unit=project.sponsor_unit,
            )
    if not council.meetings.exists():
        council_secretary = User.objects.get(username="council")
        meeting = actions.convene_meeting(
            actor=council_secretary,
            body=council,
            title="2027년도 사업계획 실무 검토",
            scheduled_at=timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=5), dt.time(10, 0))),
            place="정보데이터정책관실 회의실",
        )
        for code in ("2027-CLP-002", "2027-DAT-001", "2027-DAT-002"):
            project = Project.objects.get(code=code)
            actions.add_agenda_item(
                actor=council_secretary,
                meeting=meeting,
                kind=CouncilAgendaKind.PRIORITY,
                title=project.name,
                subject=project,
                proposing_unit=project.sponsor_unit,
            )
