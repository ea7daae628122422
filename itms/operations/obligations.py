"""Deadlines of Chapter 6: the IT department's decision on a forwarded maintenance request (a25.2), the periodic
service-level diagnosis of an O&M contract under an SLA (a26.1) and the analysis of a major incident owed within a
month of recovery (전자정부법 제56조의5, a26.3)."""

from itms.accounts.roles import Role
from itms.regulation.obligations import Forward, ObligationType, register_obligation_type

register_obligation_type(
    ObligationType(
        "maintenance_review",
        "유지관리 요청 검토·결정",
        ("a25.2",),
        rule=Forward("maintenance_review_days"),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        description="정보화부서장은 요청받은 유지관리사항의 기존 기능과의 중복성, 시스템 변경 범위, 개발 업무량을 검토하여 "
        "유지관리 여부를 결정한다.",
    )
)
register_obligation_type(
    ObligationType(
        "service_level_diagnosis",
        "IT서비스 수준 진단",
        ("a26.1",),
        owed_by_role=Role.DEPARTMENT_HEAD,
        description="운영·유지관리사업의 사업추진부서장은 정기적으로 IT서비스 수준을 진단하고 향상시킨다 "
        "(주기: 규정 값 service_diagnosis_months).",
    )
)
register_obligation_type(
    ObligationType(
        "major_incident_analysis",
        "중대 장애 원인 분석 결과 제출",
        ("a26.3",),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        description="중대한 장애는 행정안전부장관에게 지체 없이 알리고 복구한 날부터 1개월 안에 원인 분석 결과를 낸다 "
        "(전자정부법 제56조의5, 시행령 제70조의5; 규정 값 major_incident_analysis_months).",
    )
)
