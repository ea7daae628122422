"""Chapter 7 of the demo agency: three years of operational-performance measurement (a27) and two years of the
level diagnosis (a28).

- 2024 and 2025: closed rounds, every system measured and decided. Two past decisions fed planning: UP-APIS
  (2024, 기능개선) led to 2027-ICN-001 and UP-SMG (2025, 통폐합 into the big-data platform) to 2027-DAT-001.
- 2026: confirmed; most IT departments have submitted their base data, the 정보기획담당관 has measured a few; two
  systems still owe their data and show only what the system prefilled, with its sources (UP-INV: the O&M
  contract's share and the 서비스 가용률 from the SLA and the service desk's incidents). The officer measures and
  decides the rest in the browser; an improvement creates a project idea in the next planning cycle.
- The level diagnosis: 2025 closed, 2026 collecting evidence.

Every state change goes through the workflow engine, as a user's would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from itms.accounts.directory import holders
from itms.accounts.models import User
from itms.accounts.roles import Role
from itms.projects.models import Project

from . import actions
from .choices import IndicatorKind, Outcome, RetirementException
from .models import (
    CostYear,
    DiagnosisFramework,
    DiagnosisRound,
    MeasurementRound,
    MeasurementTarget,
    PerformanceIndicator,
)

YEARS = (2024, 2025, 2026)
# code → (development cost, maintenance share of development per year, yearly O&M growth, yearly usage growth,
#         function-use growth, achievement of the common and own indicators in % in 2025, own change per year)
PROFILES = {
    "UP-IMP": (9_000_000_000, Decimal("0.07"), Decimal("0.02"), Decimal("0.06"), Decimal("0.05"), (100, 99), 0),
    "UP-EXP": (6_000_000_000, Decimal("0.07"), Decimal("0.01"), Decimal("0.04"), Decimal("0.03"), (100, 97), 0),
    "UP-CRG": (7_500_000_000, Decimal("0.08"), Decimal("0.03"), Decimal("0.05"), Decimal("0.02"), (99, 95), -2),
    "UP-TRV": (3_000_000_000, Decimal("0.11"), Decimal("0.09"), Decimal("-0.02"), Decimal("-0.22"), (90, 62), -6),
    "UP-COL": (4_000_000_000, Decimal("0.06"), Decimal("0.00"), Decimal("0.02"), Decimal("0.01"), (100, 100), 0),
    "UP-REF": (2_500_000_000, Decimal("0.08"), Decimal("0.02"), Decimal("0.03"), Decimal("0.00"), (98, 96), 1),
    "UP-AUD": (2_000_000_000, Decimal("0.09"), Decimal("0.04"), Decimal("0.01"), Decimal("-0.02"), (97, 90), -3),
    "UP-INV": (1_800_000_000, Decimal("0.13"), Decimal("0.12"), Decimal("-0.05"), Decimal("-0.30"), (80, 48), 3),
    "UP-SRV": (2_200_000_000, Decimal("0.08"), Decimal("0.02"), Decimal("0.04"), Decimal("0.04"), (100, 98), 0),
    "UP-PRT": (3_500_000_000, Decimal("0.07"), Decimal("0.01"), Decimal("0.08"), Decimal("0.06"), (100, 101), 0),
    "UP-APIS": (1_500_000_000, Decimal("0.14"), Decimal("0.12"), Decimal("-0.06"), Decimal("-0.18"), (88, 60), 9),
    "UP-SMG": (900_000_000, Decimal("0.16"), Decimal("0.15"), Decimal("-0.12"), Decimal("-0.30"), (85, 45), -4),
    "BIGDATA": (5_500_000_000, Decimal("0.09"), Decimal("0.05"), Decimal("0.15"), Decimal("0.12"), (100, 94), 2),
    "ICN-TRV": (1_200_000_000, Decimal("0.10"), Decimal("0.04"), Decimal("0.02"), Decimal("0.01"), (99, 92), -1),
    "ICN-SMART": (400_000_000, Decimal("0.12"), Decimal("0.03"), Decimal("0.10"), Decimal("0.08"), (100, 96), 0),
}
USAGE_BASE = 1_000_000
DECISIONS = {
    # year → code → (outcome, reasons, exceptions)
    2024: {
        "UP-APIS": (Outcome.IMPROVE, "우범 여행자 선별 기능의 사용이 줄고 유지보수비가 늘어 선별 모형을 개선한다.", []),
        "UP-SMG": (
            Outcome.KEEP,
            "폐기 권고 대상이나 정보화추진위원회가 2025년에 빅데이터 플랫폼과의 통합 방안을 정하기로 하였다.",
            [RetirementException.COMMITTEE],
        ),
        "UP-TRV": (Outcome.KEEP, "정비권고 가능 구간이나 여행자 통관 간소화 과제와 함께 2025년에 다시 본다.", []),
        "UP-INV": (
            Outcome.KEEP,
            "총점은 낮으나 조사 사건 관리는 관세법에 따른 업무로, 법령상 근거가 있어 현행 유지하고 지표를 관리한다.",
            [RetirementException.LEGAL_BASIS],
        ),
    },
    2025: {
        "UP-SMG": (
            Outcome.MERGE,
            "밀수동향 통계와 위험도 분석을 빅데이터 분석 플랫폼으로 통합한다 (중복 기능, 사용 감소).",
            [],
        ),
        "UP-APIS": (Outcome.KEEP, "2024년 결정에 따른 기능 개선 사업이 진행 중이다.", []),
        "UP-TRV": (
            Outcome.KEEP,
            "여행자 휴대품 신고 기능을 모바일로 옮기는 방안을 UNI-PASS 운영 사업에서 검토한다.",
            [],
        ),
        "UP-INV": (
            Outcome.KEEP,
            "법령상 근거가 있는 조사 업무 시스템으로 현행 유지한다.",
            [RetirementException.LEGAL_BASIS],
        ),
    },
}
FOLLOW_UP = {(2024, "UP-APIS"): "2027-ICN-001", (2025, "UP-SMG"): "2027-DAT-001"}
OWING_2026 = ("UP-INV", "ICN-SMART")  # still owe their base data: they show only the prefilled figures
MEASURED_2026 = ("UP-IMP", "UP-EXP", "UP-COL")


def _execute(obj, name, actor, **data):
    type(obj).workflow.execute(obj, name, actor=actor, data=data or None)
    obj.refresh_from_db()


def _head_of(target: MeasurementTarget, fallback: User) -> User:
    found = holders(Role.IT_DEPARTMENT_HEAD, unit=target.system.operating_unit)
    return found[0].user if found else fallback


def _fill(target: MeasurementTarget) -> None:
    """The IT department's base data (a27.2): every year from the service start, functions, indicators."""
    code = target.system.code
    development, share, growth, usage_growth, function_growth, (common, own), trend = PROFILES[code]
    own += trend * (target.round.year - 2025)
    start = target.system.service_start.year
    CostYear.objects.filter(target=target).delete()
    for year in range(start, target.round.year + 1):
        age = year - start
        maintenance = 0 if age == 0 else int(development * share * (1 + growth) ** (age - 1))
        operating = 0 if age == 0 else int(development * Decimal("0.03") * (1 + growth) ** (age - 1))
        usage = int(USAGE_BASE * (1 + usage_growth) ** age * (1 + Decimal("0.02") * ((year + len(code)) % 3 - 1)))
        CostYear.objects.create(
            target=target,
            year=year,
            development_cost=development if age == 0 else 0,
            maintenance_cost=maintenance,
            operating_cost=operating,
            usage_scale=usage,
            usage_unit="처리 건수",
            source="정보화부서 제출 (결산·유지관리 계약)",
        )
    offset = target.round.year - YEARS[0]
    for index, usage in enumerate(target.function_usages.all()):
        previous = 20_000 + 5_000 * index + 1_000 * offset
        usage.usage_previous = previous
        usage.usage_current = int(previous * (1 + function_growth))
        usage.source = f"{usage.source}, 접속 기록 집계"
        usage.save()
    PerformanceIndicator.objects.get_or_create(
        target=target,
        name="서비스 가용률",
        defaults={"kind": IndicatorKind.COMMON, "unit": "%", "goal": Decimal("99.5"),
                  "result": Decimal("99.5") * common / 100, "source": "운영 상황 보고"},
    )  # fmt: skip
    PerformanceIndicator.objects.get_or_create(
        target=target,
        name="업무 처리 목표 달성",
        defaults={"kind": IndicatorKind.OWN, "unit": "건", "goal": Decimal(100_000),
                  "result": Decimal(1_000 * own), "source": "업무 통계"},
    )  # fmt: skip


def _link_follow_up(target: MeasurementTarget, code: str) -> None:
    """The past decisions' project ideas became the demo's projects (the loop, closed before the demo began)."""
    target.follow_up_project = Project.objects.get(code=code)
    target.save(update_fields=["follow_up_project", "updated_at"])


def _run_round(year: int, itplan: User) -> MeasurementRound:
    round_ = MeasurementRound.objects.filter(year=year).first() or actions.propose_round(year, actor=itplan)
    if round_.state != "proposed":
        return round_
    parent = round_.targets.filter(system__code="UNIPASS").first()
    if parent is not None:
        parent.included = False
        parent.exclusion_reason = "UNI-PASS는 서브시스템(수입통관·수출통관 …)별로 측정한다."
        parent.save()
    _execute(round_, "confirm", itplan)
    for target in round_.targets.filter(included=True).select_related("system__operating_unit", "round"):
        code = target.system.code
        if year == 2026 and code in OWING_2026:
            continue  # only what the system prefilled, each figure with its source (a27.2)
        _fill(target)
        _execute(target, "submit", _head_of(target, itplan))
        if year == 2026 and code not in MEASURED_2026:
            continue
        _execute(target, "measure", itplan)
        if year == 2026:
            continue
        outcome, reasons, exceptions = DECISIONS.get(year, {}).get(
            code, (Outcome.KEEP, "운영의 적정성과 업무성과가 기준을 넘어 현행 유지하고 성과지표를 관리한다.", [])
        )
        if (year, code) in FOLLOW_UP:
            _link_follow_up(target, FOLLOW_UP[(year, code)])
        _execute(target, "decide", itplan, outcome=outcome, reasons=reasons, exceptions=exceptions)
    if year < 2026:
        _execute(round_, "close", itplan)
    return round_


def _plans(itplan: User) -> None:
    target = MeasurementTarget.objects.filter(round__year=2025, system__code="UP-SMG").first()
    plan = getattr(target, "plan", None) if target else None
    if plan is None or plan.state != "draft":
        return
    plan.user_inconvenience = "통합 전 3개월 동안 두 화면을 함께 열어 두고, 사용자 교육과 안내문을 배포한다."
    plan.data_migration = "밀수동향 통계 원천 자료(2016년~)를 빅데이터 플랫폼으로 이관하고 원본은 5년 보존한다."
    plan.service_continuity = "이관 검증을 마칠 때까지 기존 시스템을 읽기 전용으로 운영한다."
    plan.schedule = "2027. 상반기 이관, 2027. 하반기 기존 시스템 폐기"
    plan.due_on = dt.date(2027, 12, 31)
    plan.save()
    _execute(plan, "start", itplan)


FRAMEWORK_2021 = [
    ("정보자원 관리수준", "1-1", "EA 표준등록항목 등록의 완전성", "15", "KCS-ITP"),
    ("정보자원 관리수준", "1-2", "정보자원 현행화 품질·일관성", "15", "KCS-SOT"),
    ("정보자원 관리수준", "1-3", "정책 참여", "5", "KCS-ITP"),
    ("단계별 성과관리 이행수준", "2-1", "정보화사업 성과계획·평가·환류", "25", "KCS-ITP"),
    ("단계별 성과관리 이행수준", "2-2", "정보시스템 운영 성과측정", "25", "KCS-SOT"),
    ("성과관리 기반", "3-1", "성과관리 조직·교육", "15", "KCS-DAT"),
]
SCORES = {2025: ("12", "11", "4", "19", "18", "10"), 2026: ("14", "12", "4", "21", "22", "11")}


def _diagnosis(itplan: User) -> None:
    text = "\n".join(" | ".join(row) for row in FRAMEWORK_2021)
    for year in (2025, 2026):
        framework = DiagnosisFramework.objects.filter(year=year).first() or actions.load_framework(
            year=year,
            title="전자정부 성과관리 수준진단 지표",
            text=text,
            source="행정안전부 수준진단 편람 (3개 영역; EXTERNAL-RULES.md §7, 셋째 영역 명칭은 미확인)",
        )
        round_, created = DiagnosisRound.objects.get_or_create(framework=framework)
        if not created:
            continue
        _execute(round_, "start", itplan)
        for score, value in zip(
            round_.scores.select_related("indicator__responsible_unit").order_by("indicator__code"),
            SCORES[year],
            strict=True,
        ):
            if year == 2026 and score.indicator.code in ("2-2", "3-1"):
                continue  # still owed by the units (a28.2)
            score.score = Decimal(value)
            score.evidence = f"{score.indicator.name}: 관련 문서와 등록 현황 ({year}년)"
            score.save()
            found = holders(Role.DEPARTMENT_HEAD, unit=score.indicator.responsible_unit)
            _execute(score, "submit", found[0].user if found else itplan)
        if year == 2025:
            _execute(round_, "close", itplan)


@transaction.atomic
def build_demo_performance() -> None:
    itplan = User.objects.get(username="itplan")
    for year in YEARS:
        _run_round(year, itplan)
    _plans(itplan)
    _diagnosis(itplan)
