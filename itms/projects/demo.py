"""The demo projects of the demo agency: 관세청's and 인천공항본부세관's information projects and their participants.

Built after the agency (``itms.accounts.demo.build_demo_agency``), whose organisations, units and users they
name by code and username. Building them twice changes nothing (natural keys; ``ensure`` writes only what differs).
"""

from __future__ import annotations

from django.db import transaction

from itms.accounts.demo import SINCE, ensure
from itms.accounts.models import Organization, OrgUnit, User

from .choices import FundingSource, ParticipantRole, ProjectKind, ProjectStage
from .models import Project, ProjectParticipant

PROJECTS = [
    # code, name, organisation, sponsor unit, kind, start, end, budget, new tech, stage, summary
    (
        "2027-CLP-001",
        "AI 기반 엑스레이 영상 판독 시범사업",
        "KCS",
        "KCS-CLP",
        ProjectKind.RESEARCH,
        2027,
        2027,
        900_000_000,
        True,
        ProjectStage.PRE_REVIEW,
        "여행자 휴대품 엑스레이 영상에서 위해물품을 인공지능으로 판독하는 기술을 검증한다 (제7조에 따른 기술검증).",
    ),
    (
        "2027-CLP-002",
        "전자상거래 통관시스템 구축",
        "KCS",
        "KCS-CLP",
        ProjectKind.CONSTRUCTION,
        2027,
        2028,
        1_200_000_000,
        False,
        ProjectStage.PLAN,
        "해외직구 급증에 대응하여 전자상거래 물품 통관 처리를 자동화한다 (사업규모 10억원 이상, 제8조제6항제4호).",
    ),
    (
        "2027-DAT-001",
        "빅데이터 분석 플랫폼 고도화",
        "KCS",
        "KCS-DAT",
        ProjectKind.ENHANCEMENT,
        2027,
        2027,
        2_400_000_000,
        False,
        ProjectStage.PLAN,
        "수입·수출·화물 서브시스템과 연계된 분석 플랫폼의 처리 용량과 분석 모형을 고도화한다.",
    ),
    (
        "2026-SOT-001",
        "국가관세종합정보망(UNI-PASS) 운영·유지관리",
        "KCS",
        "KCS-SOT",
        ProjectKind.OPERATION,
        2026,
        2026,
        18_500_000_000,
        False,
        ProjectStage.EXECUTION,
        "4세대 UNI-PASS의 연간 운영·유지관리 (서비스수준협약 적용, 제26조).",
    ),
    (
        "2027-DAT-002",
        "데이터 거버넌스 정보화전략계획(ISP)",
        "KCS",
        "KCS-DAT",
        ProjectKind.ISP,
        2027,
        2027,
        450_000_000,
        False,
        ProjectStage.PRE_REVIEW,
        "관세 데이터 표준·품질·개방 체계를 수립하는 정보화전략계획.",
    ),
    (
        "2027-ICN-001",
        "여행자 사전정보시스템(APIS) 기능 개선",
        "ICN",
        "ICN-TR1",
        ProjectKind.ENHANCEMENT,
        2027,
        2027,
        380_000_000,
        False,
        ProjectStage.IDEA,
        "인천공항본부세관의 여행자 사전정보 분석 기능을 개선한다.",
    ),
]


@transaction.atomic
def build_demo_projects() -> None:
    orgs = Organization.objects.in_bulk({row[2] for row in PROJECTS}, field_name="code")
    units = OrgUnit.objects.in_bulk({row[3] for row in PROJECTS} | {"KCS-CLP", "PUS-CRG"}, field_name="code")
    users = User.objects.in_bulk(["vendor", "vendor2", "expert"], field_name="username")
    # No stage here: it follows the project's chapter records (itms.projects.stage); the column says what the
    # demo's chapter data (planning demo …) should bring each project to.
    for code, name, org, sponsor, kind, start, end, budget, new_tech, _stage, summary in PROJECTS:
        ensure(
            Project,
            code=code,
            defaults={
                "name": name,
                "organization": orgs[org],
                "sponsor_unit": units[sponsor],
                "kind": kind,
                "start_year": start,
                "end_year": end,
                "total_budget": budget,
                "is_new_technology": new_tech,
                "summary": summary,
                "funding": FundingSource.OWN,
            },
        )
    big_data = Project.objects.get(code="2027-DAT-001")
    big_data.co_units.set([units["KCS-CLP"], units["PUS-CRG"]])
    for username, code, role in [
        ("vendor", "2026-SOT-001", ParticipantRole.VENDOR_MANAGER),
        ("vendor2", "2027-CLP-001", ParticipantRole.VENDOR_STAFF),
        ("expert", "2027-CLP-001", ParticipantRole.ADVISER),
    ]:
        ProjectParticipant.objects.get_or_create(
            project=Project.objects.get(code=code),
            user=users[username],
            role=role,
            start_date=SINCE,
        )
