"""The demo agency: 관세청 with its 소속기관 and 산하기관, departments, positions and people (projects: itms.projects.demo).

Organisations and systems carry their public names (../shared/DEMO-FACTS.md);
every person is fictional. Building it twice changes nothing: rows are found by natural keys and written only
where a value differs (``ensure``), so a second run (every start of scripts/run) saves no row, writes no
change-log entry and chains no role-change event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone

from .models import (
    Assignment,
    AssignmentKind,
    Company,
    Grade,
    Organization,
    OrganizationKind,
    OrgUnit,
    OrgUnitKind,
    Position,
    RoleBinding,
    User,
    UserKind,
)
from .roles import Role
from .validators import complete_business_number

M = TypeVar("M", bound=models.Model)

DEMO_PASSWORD = "Itms-demo-2026!"  # noqa: S105 - printed for the demo logins; production has no demo data
SINCE = dt.date(2025, 1, 1)

ORGANIZATIONS = [
    # code, name, short name, kind, parent code
    ("KCS", "관세청", "관세청", OrganizationKind.HEADQUARTERS, None),
    ("SEL", "서울본부세관", "서울세관", OrganizationKind.AFFILIATE, "KCS"),
    ("PUS", "부산본부세관", "부산세관", OrganizationKind.AFFILIATE, "KCS"),
    ("ICH", "인천본부세관", "인천세관", OrganizationKind.AFFILIATE, "KCS"),
    ("TAE", "대구본부세관", "대구세관", OrganizationKind.AFFILIATE, "KCS"),
    ("KWJ", "광주본부세관", "광주세관", OrganizationKind.AFFILIATE, "KCS"),
    ("ICN", "인천공항본부세관", "인천공항세관", OrganizationKind.AFFILIATE, "KCS"),
    ("PTK", "평택직할세관", "평택세관", OrganizationKind.AFFILIATE, "KCS"),
    ("CVC", "관세평가분류원", "평가분류원", OrganizationKind.AFFILIATE, "KCS"),
    ("ACD", "관세국경관리연수원", "연수원", OrganizationKind.AFFILIATE, "KCS"),
    ("LAB", "중앙관세분석소", "분석소", OrganizationKind.AFFILIATE, "KCS"),
    ("AYG", "안양세관", "안양세관", OrganizationKind.AFFILIATE, "SEL"),
    ("USN", "울산세관", "울산세관", OrganizationKind.AFFILIATE, "PUS"),
    ("GMP", "김해공항세관", "김해공항세관", OrganizationKind.AFFILIATE, "PUS"),
    ("GMI", "구미세관", "구미세관", OrganizationKind.AFFILIATE, "TAE"),
    ("GWY", "광양세관", "광양세관", OrganizationKind.AFFILIATE, "KWJ"),
    ("KCIS", "한국관세정보원", "관세정보원", OrganizationKind.PUBLIC_INSTITUTION, "KCS"),
]

# code, organisation, parent unit code, name, kind, IT department (a2.0.9), budget department (a4.3.2), head title
UNITS = [
    ("KCS-IDP", "KCS", None, "정보데이터정책관", OrgUnitKind.OFFICE, False, False, "정보데이터정책관"),
    ("KCS-ITP", "KCS", "KCS-IDP", "정보기획담당관", OrgUnitKind.OFFICER, True, False, "정보기획담당관"),
    ("KCS-DAT", "KCS", "KCS-IDP", "데이터담당관", OrgUnitKind.OFFICER, True, False, "데이터담당관"),
    ("KCS-AIT", "KCS", "KCS-IDP", "인공지능혁신팀", OrgUnitKind.TEAM, True, False, "인공지능혁신팀장"),
    ("KCS-RDE", "KCS", "KCS-IDP", "연구개발장비팀", OrgUnitKind.TEAM, True, False, "연구개발장비팀장"),
    ("KCS-SOT", "KCS", "KCS-IDP", "시스템운영팀", OrgUnitKind.TEAM, True, False, "시스템운영팀장"),
    ("KCS-PCO", "KCS", None, "기획조정관", OrgUnitKind.OFFICE, False, False, "기획조정관"),
    ("KCS-BUD", "KCS", "KCS-PCO", "기획재정담당관", OrgUnitKind.OFFICER, False, True, "기획재정담당관"),
    ("KCS-INO", "KCS", "KCS-PCO", "혁신행정담당관", OrgUnitKind.OFFICER, False, False, "혁신행정담당관"),
    ("KCS-LAW", "KCS", "KCS-PCO", "법무담당관", OrgUnitKind.OFFICER, False, False, "법무담당관"),
    ("KCS-CLR", "KCS", None, "통관국", OrgUnitKind.BUREAU, False, False, "통관국장"),
    ("KCS-CLP", "KCS", "KCS-CLR", "통관기획과", OrgUnitKind.DIVISION, False, False, "통관기획과장"),
    ("KCS-IMP", "KCS", "KCS-CLR", "수입과", OrgUnitKind.DIVISION, False, False, "수입과장"),
    ("KCS-ECM", "KCS", "KCS-CLR", "전자상거래통관과", OrgUnitKind.DIVISION, False, False, "전자상거래통관과장"),
    ("KCS-AUD", "KCS", None, "심사국", OrgUnitKind.BUREAU, False, False, "심사국장"),
    ("KCS-AUP", "KCS", "KCS-AUD", "심사정책과", OrgUnitKind.DIVISION, False, False, "심사정책과장"),
    ("KCS-ORG", "KCS", "KCS-AUD", "원산지심사과", OrgUnitKind.DIVISION, False, False, "원산지심사과장"),
    ("KCS-INV", "KCS", None, "조사국", OrgUnitKind.BUREAU, False, False, "조사국장"),
    ("KCS-INP", "KCS", "KCS-INV", "조사총괄과", OrgUnitKind.DIVISION, False, False, "조사총괄과장"),
    ("KCS-FXI", "KCS", "KCS-INV", "외환조사과", OrgUnitKind.DIVISION, False, False, "외환조사과장"),
    ("KCS-INT", "KCS", None, "국제관세협력국", OrgUnitKind.BUREAU, False, False, "국제관세협력국장"),
    ("KCS-INC", "KCS", "KCS-INT", "국제협력총괄과", OrgUnitKind.DIVISION, False, False, "국제협력총괄과장"),
    ("KCS-FTA", "KCS", "KCS-INT", "FTA집행과", OrgUnitKind.DIVISION, False, False, "FTA집행과장"),
    ("KCS-ADT", "KCS", None, "감사관", OrgUnitKind.OFFICER, False, False, "감사관"),
    ("KCS-SUP", "KCS", None, "운영지원과", OrgUnitKind.DIVISION, False, False, "운영지원과장"),
    ("ICN-OPS", "ICN", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("ICN-CIM", "ICN", None, "전산정보관리과", OrgUnitKind.DIVISION, True, False, "전산정보관리과장"),
    ("ICN-TR1", "ICN", None, "여행자통관1과", OrgUnitKind.DIVISION, False, False, "여행자통관1과장"),
    ("SEL-OPS", "SEL", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("SEL-IMP", "SEL", None, "수입과", OrgUnitKind.DIVISION, False, False, "수입과장"),
    ("PUS-OPS", "PUS", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("PUS-CRG", "PUS", None, "화물정보과", OrgUnitKind.DIVISION, False, False, "화물정보과장"),
    ("ICH-OPS", "ICH", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("TAE-OPS", "TAE", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("KWJ-OPS", "KWJ", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("PTK-OPS", "PTK", None, "세관운영과", OrgUnitKind.DIVISION, False, False, "세관운영과장"),
    ("CVC-CLS", "CVC", None, "품목분류1과", OrgUnitKind.DIVISION, False, False, "품목분류1과장"),
    ("KCIS-PLN", "KCIS", None, "경영기획실", OrgUnitKind.OFFICE, False, False, "경영기획실장"),
    ("KCIS-OPS", "KCIS", None, "정보운영처", OrgUnitKind.OFFICE, False, False, "정보운영처장"),
]


# The demo logins: username → (name, unit code, position title, grade, head?, roles bound to the position, note)
@dataclass(frozen=True)
class DemoLogin:
    username: str
    name: str
    unit: str | None
    title: str | None
    grade: str | None
    is_head: bool
    bound: tuple[Role, ...]
    what: str
    kind: str = UserKind.STAFF


LOGINS = [
    DemoLogin(
        "cio",
        "김정민",
        "KCS-IDP",
        "정보데이터정책관",
        Grade.SENIOR_EXECUTIVE,
        True,
        (Role.CIO,),
        "지능정보화책임관 (a3.2), 정보화추진위원회 위원장",
    ),
    DemoLogin(
        "itplan",
        "이서연",
        "KCS-ITP",
        "정보기획담당관",
        Grade.GRADE_4,
        True,
        (Role.IT_PLANNING_OFFICER, Role.COMMITTEE_SECRETARY),
        "정보기획담당관, 위원회 간사 (a4.9), 실무협의회 위원장 (a5.2)",
    ),
    DemoLogin(
        "council",
        "박준호",
        "KCS-ITP",
        "정보화기획 담당 사무관",
        Grade.GRADE_5,
        False,
        (Role.COUNCIL_SECRETARY,),
        "실무협의회 간사 (a5.2)",
    ),
    DemoLogin(
        "security",
        "최민수",
        "KCS-SOT",
        "시스템운영팀장",
        Grade.GRADE_4,
        True,
        (Role.SECURITY_OFFICER,),
        "정보보안담당관 (a2.0.15), 정보화부서장",
    ),
    DemoLogin(
        "sysadmin",
        "정하늘",
        "KCS-SOT",
        "시스템관리 담당 주무관",
        Grade.GRADE_6,
        False,
        (Role.SYSTEM_ADMINISTRATOR,),
        "시스템 관리자 (조직·사용자 관리, 계정 잠금 해제)",
    ),
    DemoLogin(
        "asset",
        "강지훈",
        "KCS-SOT",
        "정보자산 담당 주무관",
        Grade.GRADE_7,
        False,
        (Role.ASSET_OFFICER,),
        "정보자산 담당자 (a2.0.5)",
    ),
    DemoLogin("itdept", "윤서진", "KCS-DAT", "데이터담당관", Grade.GRADE_4, True, (), "정보화부서장 (데이터담당관)"),
    DemoLogin("itstaff", "장유진", "KCS-DAT", "데이터 담당 주무관", Grade.GRADE_6, False, (), "정보화부서 직원"),
    DemoLogin(
        "sponsor_head", "한동욱", "KCS-CLP", "통관기획과장", Grade.GRADE_4, True, (), "사업추진부서장 (통관기획과)"
    ),
    DemoLogin(
        "sponsor",
        "오수빈",
        "KCS-CLP",
        "통관정보화 담당 사무관",
        Grade.GRADE_5,
        False,
        (),
        "사업추진부서 담당자 (통관기획과)",
    ),
    DemoLogin(
        "acting",
        "노은비",
        "KCS-IMP",
        "수입과 사무관",
        Grade.GRADE_5,
        False,
        (),
        "통관기획과장 직무대행 (a4.7, 기간 한정)",
    ),
    DemoLogin("budget", "서현우", "KCS-BUD", "기획재정담당관", Grade.GRADE_4, True, (), "예산부서장 (a4.3.2)"),
    DemoLogin(
        "airport_it",
        "임재원",
        "ICN-CIM",
        "전산정보관리과장",
        Grade.GRADE_5,
        True,
        (),
        "소속기관 정보화부서장 (인천공항본부세관 전산정보관리과)",
    ),
    DemoLogin(
        "kcis",
        "송민지",
        "KCIS-OPS",
        "정보운영처 선임",
        Grade.PUBLIC_INSTITUTION,
        False,
        (),
        "산하기관 직원 (한국관세정보원)",
    ),
    DemoLogin(
        "vendor", "배성훈", None, None, None, False, (), "사업수행업체 PM — 배정된 사업만 (a17.3)", UserKind.VENDOR
    ),
    DemoLogin("vendor2", "유하은", None, None, None, False, (), "다른 업체 직원 — 다른 사업만", UserKind.VENDOR),
    DemoLogin("expert", "문가영", None, None, None, False, (), "외부 전문가 — 배정된 자문만 (a15.3)", UserKind.EXPERT),
]

# Other officials so that every unit has a head and the directory looks like an agency.
FAMILY = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
GIVEN = [
    "민준",
    "서준",
    "도윤",
    "예준",
    "시우",
    "하준",
    "지호",
    "주원",
    "지후",
    "준우",
    "서연",
    "서윤",
    "지우",
    "서현",
    "하은",
    "하윤",
    "민서",
    "지유",
    "윤서",
    "채원",
    "수아",
    "지민",
    "지아",
    "다은",
    "은서",
    "예은",
    "현우",
    "준서",
    "건우",
    "우진",
    "선우",
    "연우",
    "유준",
    "정우",
    "승우",
    "승현",
    "시윤",
    "준혁",
    "은우",
    "지환",
]

COMPANIES = [
    # name, business number (first nine digits; the check digit is computed), representative
    ("(주)한국정보기술", "120811234", "김대표"),
    ("(주)미래데이터시스템", "214862345", "이대표"),
]


def ensure(model: type[M], *, defaults: dict, **lookup) -> tuple[M, bool]:
    """``update_or_create`` that writes only what differs: (object, created).

    Django's ``update_or_create`` saves the row even when nothing changed: a new ``updated_at``, and the
    post_save signals run again (a role binding's save chains a role-change event, a4.9 …).
    """
    obj, created = model._default_manager.get_or_create(defaults=defaults, **lookup)
    if created:
        return obj, True
    changed = []
    for name, value in defaults.items():
        field = model._meta.get_field(name)
        wanted = value.pk if isinstance(value, models.Model) else value
        if getattr(obj, field.attname) != wanted:
            setattr(obj, name, value)
            changed.append(name)
    if changed:
        stamps = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        obj.save(update_fields=[*changed, *stamps])
    return obj, False


@transaction.atomic
def build_demo_agency(*, password: str = DEMO_PASSWORD, today: dt.date | None = None) -> list[DemoLogin]:
    today = today or timezone.localdate()
    orgs: dict[str, Organization] = {}
    for order, (code, name, short, kind, parent) in enumerate(ORGANIZATIONS):
        orgs[code], _ = ensure(
            Organization,
            code=code,
            defaults={"name": name, "short_name": short, "kind": kind, "parent": orgs.get(parent), "sort_order": order},
        )
    units: dict[str, OrgUnit] = {}
    heads: dict[str, Position] = {}
    # A head who is a demo login has that login's title and grade from the start (not a default grade that the
    # login's loop then changed: two change-log entries at every run).
    head_logins = {login.unit: login for login in LOGINS if login.is_head}
    for order, (code, org, parent, name, kind, is_it, is_budget, head_title) in enumerate(UNITS):
        units[code], _ = ensure(
            OrgUnit,
            code=code,
            defaults={
                "organization": orgs[org],
                "parent": units.get(parent),
                "name": name,
                "kind": kind,
                "is_it_department": is_it,
                "is_budget_department": is_budget,
                "sort_order": order,
            },
        )
        grade = Grade.SENIOR_EXECUTIVE if kind in (OrgUnitKind.BUREAU, OrgUnitKind.OFFICE) else Grade.GRADE_4
        if org == "KCIS":
            grade = Grade.PUBLIC_INSTITUTION
        if login := head_logins.get(code):
            head_title, grade = login.title, login.grade
        heads[code], _ = ensure(
            Position, unit=units[code], is_head=True, defaults={"title": head_title, "grade": grade, "sort_order": 0}
        )

    companies = []
    for name, digits, representative in COMPANIES:
        company, _ = ensure(
            Company,
            business_number=complete_business_number(digits),
            defaults={"name": name, "representative": representative},
        )
        companies.append(company)

    users: dict[str, User] = {}
    for login in LOGINS:
        user = _user(
            login.username,
            login.name,
            login.kind,
            password,
            company=companies[0]
            if login.username == "vendor"
            else companies[1]
            if login.username == "vendor2"
            else None,
            affiliation="한국대학교 산업공학과" if login.kind == UserKind.EXPERT else "",
            expertise="인공지능·영상분석" if login.kind == UserKind.EXPERT else "",
        )
        users[login.username] = user
        if login.unit is None:
            continue
        if login.is_head:
            position = heads[login.unit]
        else:
            position, _ = ensure(
                Position, unit=units[login.unit], title=login.title, defaults={"grade": login.grade, "sort_order": 10}
            )
        _assign(user, position, SINCE)
        for role in login.bound:
            ensure(
                RoleBinding,
                role=role,
                position=position,
                defaults={"scope_unit": units[login.unit] if role == Role.ASSET_OFFICER else None},
            )

    # 직무대행 (a4.7): 통관기획과장's duties are carried by 노은비 for a short, dated period, moved to around
    # today only once it is no longer current (a run on the next day changes nothing).
    acting = {"user": users["acting"], "position": heads["KCS-CLP"], "kind": AssignmentKind.ACTING}
    current = Assignment.objects.filter(**acting, start_date__lte=today, end_date__gte=today).exists()
    period = {"start_date": today - dt.timedelta(days=3), "end_date": today + dt.timedelta(days=11)}
    ensure(Assignment, **acting, defaults={"reason": "통관기획과장 국외출장", **({} if current else period)})

    # Every other unit gets a head; divisions, teams and offices get an official under the head.
    taken = {login.unit for login in LOGINS if login.is_head}
    serial = 0
    for code, position in heads.items():
        if code not in taken:
            serial += 1
            _assign(_user(f"staff{serial:03d}", _name(serial), UserKind.STAFF, password), position, SINCE)
        if units[code].kind in (OrgUnitKind.DIVISION, OrgUnitKind.TEAM, OrgUnitKind.OFFICER):
            serial += 1
            officer, _ = ensure(
                Position, unit=units[code], title="주무관", defaults={"grade": Grade.GRADE_6, "sort_order": 20}
            )
            _assign(_user(f"staff{serial:03d}", _name(serial), UserKind.STAFF, password), officer, SINCE)

    admin = _user("admin", "최고관리자", UserKind.STAFF, password)
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    return [*LOGINS, DemoLogin("admin", admin.name, None, None, None, False, (), "Django 관리자 (슈퍼유저)")]


def _name(serial: int) -> str:
    return FAMILY[(serial * 7) % len(FAMILY)] + GIVEN[(serial * 11) % len(GIVEN)]


def _user(username: str, name: str, kind: str, password: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"name": name, "kind": kind, "email": f"{username}@customs.example", **extra}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def _assign(user: User, position: Position, since: dt.date) -> None:
    Assignment.objects.get_or_create(
        user=user, position=position, kind=AssignmentKind.REGULAR, defaults={"start_date": since}
    )
