"""The demo register and inventory: 국가관세종합정보망 (UNI-PASS, 4세대) and its subsystems (public facts, DEMO-FACTS.md),
the hardware and software they run on, the officials' PCs, and one 실사 under way.

Building it twice changes nothing: rows are found by natural keys (system code, asset tag, contract number …) and
written only where a value differs (``ensure``); the campaign is started through its workflow only once.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from itms.accounts.demo import ensure
from itms.accounts.models import Assignment, Company, Organization, OrgUnit, User
from itms.projects.models import Project

from .choices import AssetStatus, CheckResult, InventoryAuditState, LicenceKind, LocationKind, RelationKind
from .models import (
    Asset,
    AssetAssignment,
    AssetRelation,
    AssetType,
    InformationSystem,
    InventoryAudit,
    Licence,
    Location,
    MaintenanceContract,
    SystemFunction,
    SystemInterface,
    SystemStatus,
)

UNIPASS = (
    "UNIPASS",
    "국가관세종합정보망(UNI-PASS)",
    "수출입 통관·화물·징수·심사·조사 업무를 처리하는 4세대 관세행정 정보시스템",
    "KCS-SOT",
    174_200_000_000,
    18_500_000_000,
)
SUBSYSTEMS = [
    # code, name, unit, public, functions
    (
        "UP-IMP",
        "수입통관",
        "KCS-SOT",
        True,
        ["수입신고 접수", "수입신고 심사", "수입신고 수리", "통관 보류 관리", "검사 대상 선별"],
    ),
    ("UP-EXP", "수출통관", "KCS-SOT", True, ["수출신고 접수", "수출신고 수리", "적재 확인", "수출 정정·취하"]),
    ("UP-CRG", "화물·물류", "KCS-SOT", True, ["적하목록 제출", "보세운송 신고", "반출입 관리", "화물 추적"]),
    ("UP-TRV", "여행자 통관", "KCS-SOT", True, ["여행자 휴대품 신고", "면세 한도 계산", "유치품 관리"]),
    ("UP-COL", "징수", "KCS-SOT", True, ["세액 고지", "수납 관리", "체납 관리"]),
    ("UP-REF", "환급", "KCS-SOT", True, ["환급 신청", "환급 심사", "환급금 지급"]),
    ("UP-AUD", "심사", "KCS-SOT", False, ["사후심사 대상 선정", "심사 결과 관리"]),
    ("UP-INV", "조사", "KCS-SOT", False, ["조사 사건 관리", "압수물 관리"]),
    (
        "UP-SRV",
        "감시(위해물품 차단)",
        "KCS-SOT",
        False,
        ["위해물품 정보 관리", "감시 대상 선별", "엑스레이 영상 판독 기록"],
    ),
    ("UP-PRT", "인터넷통관포털", "KCS-SOT", True, ["전자신고 창구", "민원 처리", "통관 진행 조회"]),
    ("UP-APIS", "여행자 사전정보시스템(APIS)", "KCS-DAT", False, ["항공사 승객정보 수신", "우범 여행자 선별"]),
    ("UP-SMG", "밀수동향분석", "KCS-DAT", False, ["밀수 동향 통계", "위험도 분석 보고"]),
]
OTHERS = [
    (
        "BIGDATA",
        "관세 빅데이터 분석 플랫폼",
        "KCS",
        "KCS-DAT",
        False,
        "2019-03-04",
        ["데이터 수집·적재", "위험 분석 모형 실행", "시각화 대시보드", "분석 결과 배포"],
    ),
    (
        "ICN-TRV",
        "인천공항 여행자 휴대품 검사 관리시스템",
        "ICN",
        "ICN-CIM",
        False,
        "2018-07-01",
        ["검사 대상 지정", "검사 결과 기록", "엑스레이 영상 판독 기록"],
    ),
]
INTERFACES = [
    ("UP-IMP", "UP-CRG", "화물관리번호·반출입 정보"),
    ("UP-COL", "UP-IMP", "세액 정보"),
    ("UP-IMP", "BIGDATA", "수입신고 자료"),
    ("UP-EXP", "BIGDATA", "수출신고 자료"),
    ("UP-CRG", "BIGDATA", "적하목록 자료"),
    ("UP-APIS", "ICN-TRV", "우범 여행자 목록"),
]
# a24.4: a subsystem 인천공항본부세관 developed itself, with the policies the IT department set for it.
AFFILIATE_SUBSYSTEM = {
    "code": "ICN-SMART",
    "name": "인천공항 스마트 검사대 연동 서브시스템",
    "purpose": "여행자 검사대의 판독 결과를 휴대품 검사 관리시스템에 연동하는 인천공항본부세관 자체 개발 서브시스템",
    "operation_policy": "운영 시간 24시간, 장애 시 인천공항본부세관 전산정보관리과가 1차 조치하고 시스템운영팀에 보고한다. "
    "변경은 월 1회 정기 반영 창구로 한다.",
    "security_policy": "행정망 내부에서만 접속하고, 검사대 연동 계정은 기기별로 발급하며 분기마다 접근 기록을 점검한다. "
    "개인정보(여권번호)는 암호화하여 저장한다.",
}

LOCATIONS = [
    # code, organisation, building, floor, room, kind
    ("KCS-DJ-B1-DC1", "KCS", "정부대전청사 1동", "지하 1층", "관세청 제1전산실", LocationKind.DATA_CENTER),
    ("KCS-DJ-B1-DC2", "KCS", "정부대전청사 1동", "지하 1층", "관세청 제2전산실", LocationKind.DATA_CENTER),
    ("KCS-DJ-5F", "KCS", "정부대전청사 1동", "5층", "정보데이터정책관실", LocationKind.OFFICE),
    ("KCS-DJ-3F", "KCS", "정부대전청사 1동", "3층", "통관국", LocationKind.OFFICE),
    ("KCS-DJ-STORE", "KCS", "정부대전청사 1동", "지하 2층", "전산 물품 창고", LocationKind.STORE),
    ("ICN-T1-3F-DC", "ICN", "인천공항 제1여객터미널", "3층", "세관 전산실", LocationKind.DATA_CENTER),
]

ROLES_BY_SUBSYSTEM = (("WEB", 2), ("WAS", 2), ("DB", 1))
PC_HOLDERS = [
    "cio",
    "itplan",
    "council",
    "security",
    "sysadmin",
    "asset",
    "itdept",
    "itstaff",
    "sponsor_head",
    "sponsor",
    "acting",
    "budget",
]


@transaction.atomic
def build_demo_resources(today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    systems = _register()
    _inventory(systems, today)


def _register() -> dict[str, InformationSystem]:
    kcs = Organization.objects.get(code="KCS")
    code, name, purpose, unit, build, om = UNIPASS
    unipass, _ = ensure(
        InformationSystem,
        code=code,
        defaults={
            "name": name,
            "purpose": purpose,
            "organization": kcs,
            "operating_unit": OrgUnit.objects.get(code=unit),
            "service_start": dt.date(2016, 4, 23),
            "status": SystemStatus.OPERATING,
            "is_public": True,
            "grade": "1",
            "has_personal_data": True,
            "build_cost": build,
            "annual_om_cost": om,
            "brm_class": "관세행정 > 통관",
        },
    )
    systems = {code: unipass}
    for sub_code, sub_name, sub_unit, public, functions in SUBSYSTEMS:
        systems[sub_code], _ = ensure(
            InformationSystem,
            code=sub_code,
            defaults={
                "name": sub_name,
                "purpose": f"UNI-PASS {sub_name} 업무",
                "organization": kcs,
                "operating_unit": OrgUnit.objects.get(code=sub_unit),
                "parent": unipass,
                "service_start": dt.date(2016, 4, 23),
                "is_public": public,
                "grade": "1",
                "has_personal_data": True,
            },
        )
        for function in functions:
            SystemFunction.objects.get_or_create(system=systems[sub_code], name=function)
    for other_code, other_name, org, other_unit, public, start, functions in OTHERS:
        systems[other_code], _ = ensure(
            InformationSystem,
            code=other_code,
            defaults={
                "name": other_name,
                "purpose": other_name,
                "organization": Organization.objects.get(code=org),
                "operating_unit": OrgUnit.objects.get(code=other_unit),
                "service_start": dt.date.fromisoformat(start),
                "is_public": public,
                "grade": "2",
            },
        )
        for function in functions:
            SystemFunction.objects.get_or_create(system=systems[other_code], name=function)
    for source, target, data in INTERFACES:
        SystemInterface.objects.get_or_create(source=systems[source], target=systems[target], data=data)
    icn = Organization.objects.get(code="ICN")
    sub = AFFILIATE_SUBSYSTEM
    systems[sub["code"]], _ = ensure(
        InformationSystem,
        code=sub["code"],
        defaults={
            "name": sub["name"],
            "purpose": sub["purpose"],
            "organization": icn,
            "operating_unit": OrgUnit.objects.get(code="ICN-CIM"),
            "parent": systems["ICN-TRV"],
            "service_start": dt.date(2023, 3, 2),
            "grade": "3",
            "developed_by_affiliate": True,
            "operation_policy": sub["operation_policy"],
            "security_policy": sub["security_policy"],
            "policy_established_on": dt.date(2023, 2, 15),
        },
    )
    return systems


# --- the inventory ---------------------------------------------------------------------------------------------------
class _Builder:
    def __init__(self, today: dt.date):
        self.today = today
        self.rng = random.Random(2427)  # noqa: S311 - demo data
        self.types = {t.code: t for t in AssetType.objects.all()}
        self.units = OrgUnit.objects.in_bulk(["KCS-SOT", "KCS-DAT", "ICN-CIM", "KCS-ITP"], field_name="code")
        self.officer = User.objects.get(username="asset")

    def verified(self, index: int) -> dt.date | None:
        """Most records were checked in the last few months; some long ago, a few never (a29.3)."""
        roll = index % 10
        if roll == 0:
            return None
        if roll == 1:
            return self.today - dt.timedelta(days=400 + index % 200)
        return self.today - dt.timedelta(days=20 + (index * 37) % 150)

    def asset(self, tag: str, **values) -> Asset:
        asset_type = self.types[values.pop("type")]
        verified = values.pop("verified_on", None)
        if not Asset.objects.filter(tag=tag).exists():
            values["verified_on"] = verified  # later checks (a 실사, the officer) move it on: not reset on a rerun
        defaults = {
            "asset_type": asset_type,
            "status": AssetStatus.IN_USE,
            "is_om_target": True,
            "officer": self.officer,
            **values,
        }
        asset, _ = ensure(Asset, tag=tag, defaults=defaults)
        return asset


def _inventory(systems: dict[str, InformationSystem], today: dt.date) -> None:
    b = _Builder(today)
    organizations = Organization.objects.in_bulk([row[1] for row in LOCATIONS], field_name="code")
    locations = {}
    for code, org, building, floor, room, kind in LOCATIONS:
        locations[code], _ = ensure(
            Location,
            code=code,
            defaults={
                "organization": organizations[org],
                "building": building,
                "floor": floor,
                "room": room,
                "kind": kind,
            },
        )
    companies = list(Company.objects.order_by("pk")[:2])
    om_project = Project.objects.filter(code="2026-SOT-001").first()
    year = today.year
    unipass_om, _ = ensure(
        MaintenanceContract,
        number=f"{year}-UP-OM-01",
        defaults={
            "name": f"{year}년 국가관세종합정보망 운영·유지관리",
            "supplier": companies[0],
            "project": om_project,
            "managing_unit": b.units["KCS-SOT"],
            "starts_on": dt.date(year, 1, 1),
            "ends_on": dt.date(year, 12, 31),
            "annual_amount": 18_500_000_000,
            "scope": "UNI-PASS 서브시스템의 서버·DBMS·미들웨어 운영, 장애 대응, 정기 점검 (서비스수준협약 적용)",
        },
    )
    unipass_om.systems.set([s for code, s in systems.items() if code.startswith("UP") or code == "UNIPASS"])
    network_om, _ = ensure(
        MaintenanceContract,
        number=f"{year}-NW-OM-01",
        defaults={
            "name": f"{year}년 네트워크·정보보호 장비 유지관리",
            "supplier": companies[1],
            "managing_unit": b.units["KCS-SOT"],
            "starts_on": dt.date(year, 1, 1),
            "ends_on": dt.date(year, 12, 31),
            "annual_amount": 1_240_000_000,
            "scope": "스위치·라우터와 방화벽·침입방지·웹방화벽 장비의 정기 점검, 펌웨어 갱신, 장애 대응",
        },
    )
    bigdata_om, _ = ensure(
        MaintenanceContract,
        number=f"{year - 1}-BD-OM-01",
        defaults={
            "name": f"{year - 1}년 관세 빅데이터 분석 플랫폼 유지관리",
            "supplier": companies[1],
            "managing_unit": b.units["KCS-DAT"],
            "starts_on": dt.date(year - 1, 1, 1),
            "ends_on": dt.date(year - 1, 12, 31),
            "annual_amount": 640_000_000,
            "scope": "하둡 클러스터와 분석 도구의 유지관리 (계약 만료: 올해 계약 체결 전)",
        },
    )
    bigdata_om.systems.set([systems["BIGDATA"]])

    dc1, dc2 = locations["KCS-DJ-B1-DC1"], locations["KCS-DJ-B1-DC2"]
    servers: dict[str, list[Asset]] = {"WEB": [], "WAS": [], "DB": []}
    index = 0
    for position, (sub_code, sub_name, _unit, _public, _functions) in enumerate(SUBSYSTEMS):
        system = systems[sub_code]
        unit = system.operating_unit
        for role, count in ROLES_BY_SUBSYSTEM:
            for n in range(1, count + 1):
                index += 1
                replaced = position % 3 == 0  # a third of the subsystems got new servers in 2023
                acquired = dt.date(2023, 3, 15) if replaced else dt.date(2015, 11, 30)
                cores = {"WEB": 16, "WAS": 32, "DB": 64}[role] * (2 if replaced else 1)
                memory = {"WEB": 64, "WAS": 128, "DB": 512}[role] * (2 if replaced else 1)
                host = f"up-{sub_code[3:].lower()}-{role.lower()}{n:02d}"
                servers[role].append(
                    b.asset(
                        f"KCS-SV-{index:05d}",
                        type="SERVER",
                        name=f"UNI-PASS {sub_name} {role} 서버 {n}",
                        org_unit=unit,
                        system=system,
                        manufacturer="한국HPE" if role != "DB" else "한국오라클",
                        model_name="ProLiant DL380 Gen10" if role != "DB" else "SPARC T8-2",
                        serial_number=f"SN{2015 + (3 if replaced else 0)}{index:06d}",
                        acquired_on=acquired,
                        acquisition_cost={"WEB": 28_000_000, "WAS": 46_000_000, "DB": 310_000_000}[role],
                        support_ends_on=acquired.replace(year=acquired.year + 7),
                        location=dc1 if n == 1 else dc2,
                        rack=f"R{(index % 12) + 1:02d}",
                        rack_unit=f"U{(index * 3) % 40 + 1}",
                        supplier=companies[0],
                        project=om_project,
                        maintenance_contract=unipass_om,
                        attributes={
                            "role": role,
                            "hostname": host,
                            "ip_address": f"10.10.{position + 1}.{10 * (1 + ['WEB', 'WAS', 'DB'].index(role)) + n}",
                            "cpu_cores": cores,
                            "memory_gb": memory,
                            "disk_tb": 4 if role != "DB" else 20,
                        },
                        verified_on=b.verified(index),
                    )
                )
    # Storage, backup, network and security equipment shared by UNI-PASS.
    shared = []
    for n in range(1, 5):
        shared.append(
            b.asset(
                f"KCS-ST-{n:05d}",
                type="STORAGE",
                name=f"UNI-PASS 통합 스토리지 {n}",
                org_unit=b.units["KCS-SOT"],
                system=systems["UNIPASS"],
                manufacturer="한국델테크놀로지스",
                model_name="PowerMax 2000",
                serial_number=f"ST2016{n:05d}",
                acquired_on=dt.date(2016, 2, 1),
                acquisition_cost=1_450_000_000,
                support_ends_on=dt.date(2025, 12, 31),
                location=dc1 if n <= 2 else dc2,
                rack=f"S{n:02d}",
                supplier=companies[0],
                maintenance_contract=unipass_om,
                attributes={"capacity_tb": 480, "connection": "SAN", "raid": "RAID 6"},
                verified_on=b.verified(100 + n),
            )
        )
    for n in range(1, 3):
        shared.append(
            b.asset(
                f"KCS-BK-{n:05d}",
                type="BACKUP",
                name=f"UNI-PASS 백업 장비 {n}",
                org_unit=b.units["KCS-SOT"],
                system=systems["UNIPASS"],
                manufacturer="한국IBM",
                model_name="TS4500",
                serial_number=f"BK2019{n:05d}",
                acquired_on=dt.date(2019, 6, 10),
                acquisition_cost=620_000_000,
                location=dc2,
                rack=f"B{n:02d}",
                supplier=companies[0],
                maintenance_contract=unipass_om,
                attributes={"capacity_tb": 2000, "backup_method": "테이프"},
                verified_on=b.verified(110 + n),
            )
        )
    network = []
    for n in range(1, 21):
        kind = "L3 스위치" if n <= 4 else "L4 스위치" if n <= 6 else "L2 스위치"
        attrs = {"device_kind": kind, "management_ip": f"10.0.0.{n}", "ports": 48}
        if n in (17, 18, 19, 20):
            attrs.pop("management_ip")  # recorded before 관리 IP became a mandatory attribute (a29.3.3)
        network.append(
            b.asset(
                f"KCS-NW-{n:05d}",
                type="NETWORK",
                name=f"전산실 {kind} {n}",
                org_unit=b.units["KCS-SOT"],
                system=systems["UNIPASS"],
                manufacturer="시스코시스템즈코리아" if n % 2 else "다산네트웍스",
                model_name="Catalyst 9500" if n % 2 else "V5824G",
                serial_number=f"NW2017{n:05d}",
                acquired_on=dt.date(2017, 9, 1) if n <= 10 else dt.date(2021, 9, 1),
                acquisition_cost=35_000_000 if n <= 6 else 6_500_000,
                location=dc1 if n % 2 else dc2,
                rack=f"N{(n % 4) + 1:02d}",
                supplier=companies[1],
                maintenance_contract=network_om,
                attributes=attrs,
                verified_on=b.verified(120 + n),
            )
        )
    security_kinds = ["방화벽", "방화벽", "침입방지(IPS)", "침입방지(IPS)", "웹방화벽(WAF)", "DDoS 대응", "VPN", "NAC"]
    security = []
    for n, kind in enumerate(security_kinds, start=1):
        security.append(
            b.asset(
                f"KCS-SC-{n:05d}",
                type="SECURITY",
                name=f"UNI-PASS {kind} {n}",
                org_unit=b.units["KCS-SOT"],
                system=systems["UNIPASS"],
                manufacturer=["안랩", "시큐아이", "윈스", "펜타시큐리티", "나우콘", "퓨쳐시스템", "지니언스"][n % 7],
                model_name=f"{kind.split('(')[0]} 모델 {2020 + n % 4}",
                serial_number=f"SC2020{n:05d}",
                acquired_on=dt.date(2020, 4, 1) if n <= 4 else dt.date(2022, 8, 1),
                acquisition_cost=84_000_000,
                location=dc1 if n <= 5 else dc2,
                rack=f"F{(n % 3) + 1:02d}",
                supplier=companies[1],
                maintenance_contract=network_om,
                attributes={"device_kind": kind, "management_ip": f"10.0.9.{n}", "cc_certified": True},
                verified_on=b.verified(150 + n),
            )
        )
    # The big-data platform: its contract ran out last year (the coverage report lists it, a29.3.1).
    bigdata_nodes = []
    for n in range(1, 7):
        bigdata_nodes.append(
            b.asset(
                f"KCS-SV-B{n:04d}",
                type="SERVER",
                name=f"빅데이터 분석 노드 {n}",
                org_unit=b.units["KCS-DAT"],
                system=systems["BIGDATA"],
                manufacturer="한국레노버",
                model_name="ThinkSystem SR650",
                serial_number=f"BD2019{n:05d}",
                acquired_on=dt.date(2019, 2, 11),
                acquisition_cost=38_000_000,
                support_ends_on=dt.date(2026, 2, 28),
                location=dc2,
                rack="R20",
                rack_unit=f"U{n * 2}",
                supplier=companies[1],
                maintenance_contract=bigdata_om,
                attributes={
                    "role": "AP" if n > 1 else "DB",
                    "hostname": f"bd-node{n:02d}",
                    "ip_address": f"10.20.0.{n}",
                    "cpu_cores": 48,
                    "memory_gb": 384,
                    "disk_tb": 48,
                },
                verified_on=b.verified(170 + n),
            )
        )
    # 인천공항본부세관: its own IT department keeps these (ICN-CIM).
    icn_dc = locations["ICN-T1-3F-DC"]
    for n in range(1, 4):
        b.asset(
            f"ICN-SV-{n:05d}",
            type="SERVER",
            name=f"휴대품 검사 관리 서버 {n}",
            org_unit=b.units["ICN-CIM"],
            system=systems["ICN-TRV"],
            manufacturer="한국HPE",
            model_name="ProLiant DL360 Gen10",
            serial_number=f"ICN2018{n:05d}",
            acquired_on=dt.date(2018, 5, 2),
            acquisition_cost=22_000_000,
            location=icn_dc,
            rack="R01",
            maintained_by=b.units["ICN-CIM"],
            attributes={
                "role": ["WEB", "WAS", "DB"][n - 1],
                "hostname": f"icn-trv{n:02d}",
                "ip_address": f"10.30.0.{n}",
                "cpu_cores": 16,
                "memory_gb": 64,
            },
            verified_on=b.verified(180 + n),
        )
    for n in range(1, 11):
        b.asset(
            f"ICN-MB-{n:05d}",
            type="MOBILE",
            name=f"휴대용 판독기 {n}",
            org_unit=b.units["ICN-CIM"],
            manufacturer="삼성전자",
            model_name="Galaxy Tab Active4 Pro",
            serial_number=f"R54T{n:06d}",
            acquired_on=dt.date(2024, 3, 4),
            acquisition_cost=1_100_000,
            location=icn_dc,
            maintained_by=b.units["ICN-CIM"],
            attributes={"terminal_kind": "휴대용 판독기"},
            verified_on=b.verified(190 + n),
        )
    software = _software(b, systems, servers, bigdata_nodes, unipass_om, companies)
    _relations(shared, systems, servers, software)
    _pcs(b, locations, today)
    _campaign(b, security, today)
    from .actions.assets import check_currency

    check_currency(today=today)  # records not verified within the cycle: the officer owes bringing them up to date


def _software(b, systems, servers, bigdata_nodes, contract, companies) -> dict[str, Asset]:
    sot = b.units["KCS-SOT"]
    all_servers = [s for group in servers.values() for s in group]
    products = [
        # tag, type, name, maker, version, EOS, licence (quantity, expires), installed on, attributes
        ("KCS-SW-00001", "OS", "Red Hat Enterprise Linux Server", "레드햇", "7.9", dt.date(2024, 6, 30),
         (50, None), servers["WEB"] + servers["WAS"], {"edition": "Standard"}),
        ("KCS-SW-00002", "OS", "Oracle Solaris", "한국오라클", "11.4", dt.date(2031, 11, 30),
         (12, None), servers["DB"], {"edition": "SPARC"}),
        ("KCS-SW-00003", "DBMS", "Oracle Database Enterprise Edition", "한국오라클", "19c", dt.date(2027, 4, 30),
         (14, None), servers["DB"], {"edition": "Enterprise Edition"}),
        ("KCS-SW-00004", "MIDDLEWARE", "JEUS", "티맥스소프트", "8.5", dt.date(2028, 12, 31),
         (30, None), servers["WAS"], {"product_kind": "WAS"}),
        ("KCS-SW-00005", "MIDDLEWARE", "WebtoB", "티맥스소프트", "5.0", dt.date(2028, 12, 31),
         (30, None), servers["WEB"], {"product_kind": "웹 서버"}),
        ("KCS-SW-00006", "COMMERCIAL", "통합 접근제어 솔루션", "넷앤드", "6.2", None,
         (1, dt.date(b.today.year, 12, 31)), all_servers[:1], {"purpose": "서버 접근통제·작업 기록"}),
        ("KCS-SW-00007", "OSS", "Apache Hadoop", "Apache Software Foundation", "3.3.6", None,
         None, bigdata_nodes, {"licence_name": "Apache-2.0"}),
        ("KCS-SW-00008", "OSS", "PostgreSQL", "PostgreSQL Global Development Group", "15.6", dt.date(2027, 11, 11),
         None, bigdata_nodes[:1], {"licence_name": "PostgreSQL License"}),
    ]  # fmt: skip
    made = {}
    for tag, type_code, name, maker, version, eos, licence, installed, attrs in products:
        asset = b.asset(
            tag,
            type=type_code,
            name=name,
            org_unit=sot if type_code != "OSS" else b.units["KCS-DAT"],
            system=systems["BIGDATA"] if type_code == "OSS" else systems["UNIPASS"],
            manufacturer=maker,
            version=version,
            support_ends_on=eos,
            acquired_on=dt.date(2016, 1, 15) if type_code != "OSS" else dt.date(2019, 2, 11),
            supplier=companies[0] if type_code != "OSS" else None,
            maintenance_contract=contract if type_code != "OSS" else None,
            maintained_by=b.units["KCS-DAT"] if type_code == "OSS" else None,
            attributes=attrs,
            verified_on=b.verified(200 + len(made)),
        )
        if licence is not None:
            quantity, expires = licence
            ensure(
                Licence,
                software=asset,
                number=f"LIC-{tag[-5:]}",
                defaults={
                    "kind": LicenceKind.SUBSCRIPTION if expires else LicenceKind.PERPETUAL,
                    "quantity": quantity,
                    "expires_on": expires,
                    "supplier": companies[0],
                },
            )
        for server in installed:
            AssetRelation.objects.get_or_create(source=asset, kind=RelationKind.INSTALLED_ON, target_asset=server)
        made[tag] = asset
    return made


def _relations(shared, systems, servers, software) -> None:
    # The storage and backup serve every UNI-PASS subsystem: part of each, beyond the system they are booked to.
    for asset in shared:
        for code in ("UP-IMP", "UP-EXP", "UP-CRG"):
            AssetRelation.objects.get_or_create(source=asset, kind=RelationKind.PART_OF, target_system=systems[code])
    # Batch jobs of 인터넷통관포털 run in virtual servers on its WAS hosts.
    portal_hosts = [s for s in servers["WAS"] if s.system.code == "UP-PRT"]
    for n, host in enumerate(portal_hosts * 2, start=1):
        vm, _ = ensure(
            Asset,
            tag=f"KCS-VM-{n:05d}",
            defaults={
                "asset_type": AssetType.objects.get(code="VSERVER"),
                "name": f"인터넷통관포털 배치 가상 서버 {n}",
                "org_unit": host.org_unit,
                "system": host.system,
                "location": host.location,
                "maintenance_contract": host.maintenance_contract,
                "attributes": {
                    "role": "배치",
                    "hostname": f"up-prt-batch{n:02d}",
                    "ip_address": f"10.10.99.{n}",
                    "vcpu": 8,
                    "memory_gb": 32,
                },
            },
        )
        AssetRelation.objects.get_or_create(source=vm, kind=RelationKind.RUNS_ON, target_asset=host)


def _pcs(b: _Builder, locations, today: dt.date) -> None:
    """The demo officials' PCs, managed by 시스템운영팀 and handed to their users (a29.3.4)."""
    from itms.regulation.obligations import open_obligation

    users = User.objects.in_bulk(PC_HOLDERS, field_name="username")
    units = {
        a.user_id: a.position.unit
        for a in Assignment.objects.active_on(today).filter(user__in=users.values()).select_related("position__unit")
    }
    sot = b.units["KCS-SOT"]
    office = locations["KCS-DJ-5F"]
    for n, username in enumerate(PC_HOLDERS, start=1):
        user = users[username]
        for kind, type_code, model in (("PC", "PC", "삼성 DM500TFA"), ("NB", "NOTEBOOK", "LG gram 16")):
            if kind == "NB" and n % 3:
                continue
            asset = b.asset(
                f"KCS-{kind}-{n:05d}",
                type=type_code,
                name=f"업무용 {'PC' if kind == 'PC' else '노트북'} ({user.name})",
                org_unit=sot,
                manufacturer="삼성전자" if kind == "PC" else "LG전자",
                model_name=model,
                serial_number=f"{kind}{2024}{n:05d}",
                acquired_on=dt.date(2021, 3, 2) if n % 2 else dt.date(2024, 3, 4),
                acquisition_cost=1_350_000 if kind == "PC" else 1_900_000,
                location=office if units.get(user.pk) and units[user.pk].code.startswith("KCS-") else None,
                maintained_by=sot,
                attributes={"cpu": "Intel Core i5-13400", "memory_gb": 16, "os": "하모니카 OS 8"}
                if n % 4 == 0
                else {"cpu": "Intel Core i5-12400", "memory_gb": 16, "os": "Windows 11 Pro"},
                verified_on=b.verified(300 + n),
            )
            unit = units.get(user.pk) or sot
            starts = dt.date(2025, 1, 2) if n % 2 else dt.date(2025, 3, 4)
            acknowledged = (
                None if username == "sponsor" else timezone.make_aware(dt.datetime.combine(starts, dt.time(10)))
            )
            assignment, _ = ensure(
                AssetAssignment,
                asset=asset,
                starts_on=starts,
                defaults={
                    "holder": user,
                    "holder_unit": unit,
                    "assigned_by": b.officer,
                    "acknowledged_at": acknowledged,
                },
            )
            ensure(Asset, tag=asset.tag, defaults={"holder": user, "holder_unit": unit})
            if acknowledged is None:
                open_obligation(
                    kind="asset_acknowledgement",
                    subject=assignment,
                    owed_by_user=user,
                    start=max(starts, today - dt.timedelta(days=3)),
                    title=f"지급 자산 수령 확인: {asset}",
                )
    # 인천공항본부세관's inspection-desk PCs, kept by its own IT department, each with its monitor.
    icn_cim = b.units["ICN-CIM"]
    icn_dc = locations["ICN-T1-3F-DC"]
    for n in range(1, 41):
        b.asset(
            f"ICN-PC-{n:05d}",
            type="PC",
            name=f"여행자 검사대 PC {n}",
            org_unit=icn_cim,
            manufacturer="삼성전자",
            model_name="삼성 DM500TFA",
            serial_number=f"ICNPC2023{n:04d}",
            acquired_on=dt.date(2023, 2, 1),
            acquisition_cost=1_300_000,
            location=icn_dc,
            maintained_by=icn_cim,
            attributes={"cpu": "Intel Core i5-12400", "memory_gb": 16, "os": "Windows 11 Pro"},
            verified_on=b.verified(500 + n),
        )
        b.asset(
            f"ICN-MN-{n:05d}",
            type="HWETC",
            name=f"여행자 검사대 모니터 {n}",
            org_unit=icn_cim,
            manufacturer="LG전자",
            model_name="24MP400",
            serial_number=f"ICNMN2023{n:04d}",
            acquired_on=dt.date(2023, 2, 1),
            acquisition_cost=180_000,
            location=icn_dc,
            maintained_by=icn_cim,
            is_om_target=False,
            verified_on=b.verified(600 + n),
        )
    # Spare PCs in the store, not yet handed out.
    for n in range(1, 21):
        b.asset(
            f"KCS-PC-9{n:04d}",
            type="PC",
            name=f"예비 업무용 PC {n}",
            org_unit=sot,
            status=AssetStatus.SPARE,
            manufacturer="삼성전자",
            model_name="삼성 DM500TFA",
            serial_number=f"PC2025S{n:04d}",
            acquired_on=dt.date(2025, 9, 1),
            acquisition_cost=1_350_000,
            location=locations["KCS-DJ-STORE"],
            maintained_by=sot,
            is_om_target=n > 10,
            attributes={"cpu": "Intel Core i5-13400", "memory_gb": 16, "os": "Windows 11 Pro"},
            verified_on=b.verified(400 + n),
        )


def _campaign(b: _Builder, security: list[Asset], today: dt.date) -> None:
    """One 실사 under way: the security equipment of 시스템운영팀, partly checked, one difference to resolve (a29.3.2)."""
    from itms.accounts.models import Position

    from .actions.audits import record_check, record_new_asset

    officer_position = Position.objects.get(unit__code="KCS-SOT", title="정보자산 담당 주무관")
    sot = b.units["KCS-SOT"]
    title = f"{today.year}년 정보보호 장비 방문 실사"
    audit = InventoryAudit.objects.filter(title=title).first()
    if audit is not None and audit.state != InventoryAuditState.DRAFT:
        return  # under way (or done): its period and results are the officers' now
    audit, _ = ensure(
        InventoryAudit,
        title=title,
        defaults={
            "unit": sot,
            "starts_on": today - dt.timedelta(days=3),
            "ends_on": today + dt.timedelta(days=11),
            "note": "시스템운영팀 관리 정보보호 장비의 설치 위치·일련번호·관리 IP를 현장에서 확인한다 (제29조제3항제2호).",
        },
    )
    audit.scope_units.set([sot])
    audit.scope_types.set([b.types["SECURITY"]])
    audit.officers.set([officer_position])
    itplan = User.objects.get(username="itplan")
    InventoryAudit.workflow.execute(audit, "start", actor=itplan)
    audit.refresh_from_db()
    asset_officer = b.officer
    for asset in security[:5]:
        record_check(audit=audit, actor=asset_officer, asset=asset, result=CheckResult.FOUND)
    record_check(
        audit=audit,
        actor=asset_officer,
        asset=security[5],
        result=CheckResult.DIFFERS,
        difference="랙 F03이 아니라 F01에 설치되어 있음",
        observed_location="관세청 제2전산실 랙 F01",
    )
    record_new_asset(
        audit=audit,
        actor=asset_officer,
        observed_name="보안 USB 관리 서버(라벨 없음)",
        observed_serial="USBM-2024-0173",
        observed_location="관세청 제1전산실 랙 F02",
        note="관리 라벨이 붙어 있지 않음",
    )
