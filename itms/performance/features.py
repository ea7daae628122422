"""What in Chapter 7 carries out a clause that is not a guard, an obligation or a transition (regulation.citations)."""

from itms.regulation.citations import implements

implements("itms.performance.actions.selection.propose_round", "운영 3년 이상 시스템의 측정 대상 제안", "a27.1")
implements(
    "itms.performance.scoring.score",
    "성과관리 지침의 지표·배점에 따른 운영타당성 측정 (비용 40·업무 60, 판정 기준과 예외)",
    "a27.1",
)
implements(
    "itms.performance.actions.decisions.create_follow_up_project",
    "개선·재개발·통폐합 결정을 다음 계획 주기의 사업 구상으로 연결",
    "a27.1",
)
implements("itms.performance.reports.target_document", "시스템별 운영 성과측정 결과 문서", "a27.1")
implements(
    "itms.performance.actions.measurement.prefill",
    "기초자료 요구 시 계약·정보시스템 목록의 비용과 기능을 출처와 함께 미리 채움",
    "a27.2",
)
implements("itms.performance.actions.diagnosis.load_framework", "연도별 수준진단 지표체계 (배점 합계 100)", "a28.1")
implements("itms.performance.actions.diagnosis.comparison", "수준진단 결과와 전년 대비", "a28.1")
