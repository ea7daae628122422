"""Reference data of Chapter 6: the architecture-standards checklist a request of interlinked functions answers
(a25.5; the EA reference models of EXTERNAL-RULES §9, the standard's own list not obtained) and the starter
indicators of a new SLA (PRACTICE-FACTS §5.1; targets are typical values [U], each SLA sets its own). The numbers
that are rules (threshold, bands, grades, payment) are rule-pack parameters (itms/regulation/packs/kcs_2427.py)."""

from __future__ import annotations

from decimal import Decimal

from .choices import IndicatorKind, Severity

# code, item: the architecture standards and principles set in the 정보화관리시스템 (a25.5).
ARCHITECTURE_CHECKLIST = [
    ("EA-BRM", "업무참조모델(BRM): 바뀌는 기능을 업무 분류에 맞게 등록·갱신했는가"),
    ("EA-SRM", "서비스참조모델(SRM): 재사용할 수 있는 공통 서비스 컴포넌트를 먼저 검토했는가"),
    ("EA-DRM", "데이터참조모델(DRM): 데이터 표준(용어·도메인)과 테이블 정의를 따랐는가"),
    ("EA-TRM", "기술참조모델(TRM): 표준 프로파일의 기술·제품을 썼는가"),
    ("EA-IF", "연계 표준: 시스템 간 연계를 표준 방식으로 정의하고 연계 목록을 갱신했는가"),
    ("EA-SEC", "보안 아키텍처: 개발보안 기준과 접근통제 원칙을 지켰는가"),
    ("EA-DOC", "산출물: 변경한 설계서·연계 정의서·테이블 정의서를 정보화관리시스템에 등록했는가"),
]

# kind, severity, target, minimum, weight, limit hours: one SLA's starter set (weights sum to 100).
STARTER_INDICATORS = [
    (IndicatorKind.AVAILABILITY, "", Decimal("99.50"), Decimal("99.00"), 30, None),
    (IndicatorKind.MTTR, Severity.S1, Decimal("4.00"), Decimal("8.00"), 15, None),
    (IndicatorKind.INCIDENT_ON_TIME, "", Decimal("95.00"), Decimal("90.00"), 15, Decimal("8")),
    (IndicatorKind.RECURRENCE, "", Decimal("5.00"), Decimal("10.00"), 10, None),
    (IndicatorKind.REQUEST_ON_TIME, "", Decimal("95.00"), Decimal("90.00"), 15, None),
    (IndicatorKind.BACKUP, "", Decimal("100.00"), Decimal("95.00"), 5, None),
    (IndicatorKind.KEY_STAFF, "", Decimal("90.00"), Decimal("80.00"), 5, None),
    (IndicatorKind.SATISFACTION, "", Decimal("80.00"), Decimal("70.00"), 5, None),
]
