"""What in Chapter 6 carries out a clause that is not a guard, an obligation or a transition (regulation.citations)."""

from itms.regulation.citations import implements

implements("itms.operations.views.systems", "운영 시스템과 운영 정보화부서·운영 방식·계약", "a24.1")
implements("itms.operations.models.SystemTakeover", "범정부 예산으로 구축된 시스템의 인수 기록", "a24.2")
implements(
    "itms.operations.models.OperationArrangement", "자체 운영·위탁 운영과 유지관리 계약(업체·기간·금액·범위)", "a24.3"
)
implements("itms.operations.views.system_detail", "소속·산하기관 서브시스템을 포함한 운영 시스템 현황", "a24.4")
implements("itms.operations.similarity", "유지관리 요청 검토 화면의 기존 기능·시스템 중복 제안", "a25.2")
implements("itms.operations.actions.requests.convert_to_project", "정보화사업 전환 (요청과 사업의 연결 유지)", "a25.3")
implements("itms.operations.actions.requests.move_in_queue", "정보화부서의 유지관리 우선순위 대기열", "a25.4")
implements("itms.operations.reference.ARCHITECTURE_CHECKLIST", "아키텍처 표준 및 원칙 점검표", "a25.5")
implements("itms.operations.decisions.apply_to_request", "실무협의회·위원회 의결에 따른 추진방법 조정", "a25.6")
implements("itms.operations.models.ServiceLevelDiagnosis", "정기 IT서비스 수준 진단과 개선 과제 관리", "a26.1")
implements("itms.operations.actions.sla.compute_month", "서비스수준 월별 측정·점수·등급·대가 조정", "a26.2")
implements("itms.operations.models.Incident", "IT서비스관리: 장애·서비스 요청·계획 작업과 CSV·API 가져오기", "a26.3")
