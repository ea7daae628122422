"""The demo register: 국가관세종합정보망 (UNI-PASS, 4세대) and its subsystems (public facts, DEMO-FACTS.md)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from itms.accounts.demo import ensure
from itms.accounts.models import Organization, OrgUnit

from .models import InformationSystem, SystemFunction, SystemInterface, SystemStatus

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


@transaction.atomic
def build_demo_resources() -> None:
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
