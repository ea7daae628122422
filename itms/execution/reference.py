"""Reference data shipped with the chapter: deliverable types by phase (PRACTICE-FACTS §3) and the 2021
「소프트웨어 개발보안 가이드」 catalogue, 49 implementation weaknesses and 20 design criteria (PRACTICE-FACTS §7,
EXTERNAL-RULES §11). Loaded by a data migration (``load``), idempotent; a new guide edition is a new catalogue."""

from __future__ import annotations

import datetime as dt

# code, phase, name, required by default, 감리 stage, final set
DELIVERABLE_TYPES = [
    ("KO-KICKOFF", "kickoff", "착수계", True, "", False),
    ("KO-PLAN", "kickoff", "사업수행계획서", True, "requirements", False),
    ("KO-TAILOR", "kickoff", "방법론 테일러링결과서", False, "", False),
    ("KO-STANDARD", "kickoff", "개발표준정의서", False, "", False),
    ("KO-WEEKLY", "kickoff", "주간·월간 보고서", True, "", False),
    ("KO-MINUTES", "kickoff", "회의록", False, "", False),
    ("KO-RISK", "kickoff", "이슈·위험관리대장", False, "", False),
    ("KO-CHANGE", "kickoff", "변경요청서", False, "", False),
    ("KO-PLEDGE", "kickoff", "보안서약서", True, "", False),
    ("AN-ASIS", "analysis", "현행시스템 분석서", False, "requirements", False),
    ("AN-REQ", "analysis", "요구사항정의서", True, "requirements", True),
    ("AN-TRACE", "analysis", "요구사항추적표", True, "requirements", True),
    ("AN-USECASE", "analysis", "유스케이스 명세서", False, "requirements", False),
    ("AN-PROCESS", "analysis", "프로세스 정의서", False, "requirements", False),
    ("AN-IF", "analysis", "인터페이스 정의서", False, "requirements", False),
    ("AN-MIGRATION", "analysis", "데이터 전환 계획", False, "requirements", False),
    ("DS-ARCH", "design", "아키텍처설계서", True, "design", True),
    ("DS-UI", "design", "화면(UI)설계서", True, "design", True),
    ("DS-CLASS", "design", "클래스·컴포넌트 설계서", False, "design", False),
    ("DS-TABLE", "design", "테이블정의서·ERD", True, "design", True),
    ("DS-IF", "design", "인터페이스 설계서", False, "design", False),
    ("DS-BATCH", "design", "배치 설계서", False, "design", False),
    ("DS-PROGRAM", "design", "프로그램목록", True, "design", True),
    ("DS-SECURITY", "design", "보안설계서 (설계단계 보안설계 기준)", True, "design", False),
    ("DS-TESTPLAN", "design", "테스트계획서", True, "design", False),
    ("IM-SOURCE", "implementation", "소스코드", True, "final", True),
    ("IM-UNITTEST", "implementation", "단위시험결과서", True, "final", False),
    ("IM-SECDIAG", "implementation", "보안약점 진단결과서", True, "final", False),
    ("IM-INSPECTION", "implementation", "코드 인스펙션 결과", False, "final", False),
    ("TS-INTEGRATION", "test", "통합시험 시나리오·결과서", True, "final", True),
    ("TS-SYSTEM", "test", "시스템·성능시험결과서", False, "final", False),
    ("TS-VULN", "test", "보안 취약점 점검결과", False, "final", False),
    ("TS-MIGRATION", "test", "데이터 전환 검증결과", False, "final", False),
    ("TS-ACCEPTANCE", "test", "인수시험 계획·결과서", True, "final", True),
    ("TR-TRANSITION", "transition", "이행(전환)계획서·결과서", False, "final", False),
    ("TR-PILOT", "transition", "시험운영 결과", True, "final", False),
    ("TR-INSTALL", "transition", "설치 매뉴얼", False, "final", False),
    ("TR-USER", "transition", "사용자매뉴얼", True, "final", True),
    ("TR-OPERATOR", "transition", "운영자매뉴얼", True, "final", True),
    ("TR-TRAINING", "transition", "교육계획·결과", False, "final", False),
    ("TR-TECHTRANSFER", "transition", "기술이전 결과", False, "final", False),
    ("CLS-REPORT", "closing", "완료보고서", True, "final", True),
    ("CLS-FINAL", "closing", "최종 산출물 (전자파일·원본 소스·실행파일)", True, "final", True),
    ("CLS-HANDOVER", "closing", "인수인계서", True, "final", True),
    ("CLS-WARRANTY", "closing", "하자보수 계획서", True, "final", True),
    ("CLS-SWREPORT", "closing", "SW사업 정보(실적) 제출", False, "", False),
]

CATALOG_2021 = ("2021", "소프트웨어 개발보안 가이드 (2021. 12. 29.)", dt.date(2021, 12, 29))

IMPLEMENTATION_2021 = {
    "입력데이터 검증 및 표현": [
        "SQL 삽입", "코드 삽입", "경로 조작 및 자원 삽입", "크로스사이트 스크립트(XSS)", "운영체제 명령어 삽입",
        "위험한 형식 파일 업로드", "신뢰되지 않는 URL 주소로 자동접속 연결", "부적절한 XML 외부 개체 참조(XXE)",
        "XML 삽입", "LDAP 삽입", "크로스사이트 요청 위조(CSRF)", "서버사이드 요청 위조(SSRF)", "HTTP 응답분할",
        "정수형 오버플로우", "보안기능 결정에 사용되는 부적절한 입력값", "메모리 버퍼 오버플로우", "포맷 스트링 삽입",
    ],
    "보안기능": [
        "적절한 인증 없는 중요 기능 허용", "부적절한 인가", "중요한 자원에 대한 잘못된 권한 설정",
        "취약한 암호화 알고리즘 사용", "암호화되지 않은 중요정보", "하드코드된 중요정보", "충분하지 않은 키 길이 사용",
        "적절하지 않은 난수 값 사용", "취약한 비밀번호 허용", "부적절한 전자서명 확인", "부적절한 인증서 유효성 검증",
        "사용자 하드디스크에 저장되는 쿠키를 통한 정보 노출", "주석문 안에 포함된 시스템 주요정보",
        "솔트 없이 일방향 해쉬 함수 사용", "무결성 검사 없는 코드 다운로드", "반복된 인증시도 제한 기능 부재",
    ],
    "시간 및 상태": ["경쟁조건: 검사시점과 사용시점(TOCTOU)", "종료되지 않는 반복문 또는 재귀 함수"],
    "에러처리": ["오류 메시지 정보노출", "오류상황 대응 부재", "부적절한 예외 처리"],
    "코드오류": [
        "Null Pointer 역참조", "부적절한 자원 해제", "해제된 자원 사용", "초기화되지 않은 변수 사용",
        "신뢰할 수 없는 데이터의 역직렬화",
    ],
    "캡슐화": [
        "잘못된 세션에 의한 데이터 정보 노출", "제거되지 않고 남은 디버그 코드", "Public 메소드로부터 반환된 Private 배열",
        "Private 배열에 Public 데이터 할당",
    ],
    "API 오용": ["DNS lookup에 의존한 보안결정", "취약한 API 사용"],
}  # fmt: skip

DESIGN_2021 = {
    "입력데이터 검증 및 표현": [
        "DBMS 조회 및 결과 검증", "XML 조회 및 결과 검증", "디렉토리 서비스 조회 및 결과 검증",
        "시스템 자원 접근 및 명령어 수행 입력값 검증", "웹 서비스 요청 및 결과 검증",
        "웹 기반 중요기능 수행 요청 유효성 검증", "HTTP 프로토콜 유효성 검증", "허용된 범위내 메모리 접근",
        "보안기능 입력값 검증", "업로드·다운로드 파일 검증",
    ],
    "보안기능": [
        "인증 대상 및 방식", "인증 수행 제한", "비밀번호 관리", "중요자원 접근통제", "암호키 관리", "암호연산",
        "중요정보 저장", "중요정보 전송",
    ],
    "에러처리": ["예외처리"],
    "세션통제": ["세션통제"],
}  # fmt: skip


def load(apps=None) -> None:
    """Adds what is missing; never changes a row someone edited."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    DeliverableType = apps.get_model("execution", "DeliverableType")
    WeaknessCatalog = apps.get_model("execution", "WeaknessCatalog")
    Weakness = apps.get_model("execution", "Weakness")
    for order, (code, phase, name, required, stage, final) in enumerate(DELIVERABLE_TYPES, start=1):
        DeliverableType.objects.get_or_create(
            code=code,
            defaults={
                "phase": phase,
                "name": name,
                "required_default": required,
                "audit_stage": stage,
                "is_final": final,
                "order": order,
            },
        )
    edition, title, published = CATALOG_2021
    catalog, _ = WeaknessCatalog.objects.get_or_create(
        edition=edition, defaults={"title": title, "published_on": published, "is_current": True}
    )
    for phase, table in (("implementation", IMPLEMENTATION_2021), ("design", DESIGN_2021)):
        seq = 0
        for category, names in table.items():
            for name in names:
                seq += 1
                Weakness.objects.get_or_create(
                    catalog=catalog, phase=phase, seq=seq, defaults={"category": category, "name": name}
                )
