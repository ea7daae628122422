"""What in Chapter 4 carries out a clause without being a rule, guard or deadline (see regulation.citations)."""

from itms.regulation.citations import implements

implements(
    "itms.acquisition.consultation.assess", "사전협의 대상 여부 판정 (연계·공동이용, 제외 기준)과 그 이유", "a11.1"
)
implements(
    "itms.acquisition.actions.security.add_finding", "보안성 검토 의견 (정보보안담당관·국가정보원 협의)", "a12.2"
)
implements("itms.acquisition.actions.security.reflect_finding", "보안성 검토 의견별 반영 내용", "a12.3")
implements(
    "itms.acquisition.workflows", "그 밖의 정보보안 사항은 관세청 정보보안 훈령에 따름 (보안성 검토 절차)", "a12.5"
)
implements("itms.acquisition.actions.deliberation.route", "심의 대상에 따라 여러 과업심의위원회로 나눈 요청", "a13.2")
implements("itms.acquisition.actions.deliberation.composition_problems", "과업심의위원회 구성 기준 확인", "a13.1")
implements("itms.acquisition.actions.deliberation.contractor_request", "계약상대자의 과업심의 개최 요청", "a13.3")
implements(
    "itms.acquisition.actions.rfp.create_rfp", "등재된 양식으로 작성하는 제안요청서 (요구사항 분류·고유번호)", "a14.1"
)
implements("itms.acquisition.actions.rfp.publish_template", "제안요청서 작성 지침·양식의 등재와 판 관리", "a14.1")
implements("itms.acquisition.documents.rfp_hwpx", "제안요청서 HWPX·PDF", "a14.1")
implements(
    "itms.acquisition.actions.ordering.legal_checks", "발주요건 검토표 (국가계약법·소프트웨어 진흥법)", "a14.2", "a14.4"
)
implements("itms.acquisition.actions.ordering.merge_projects", "정보화사업 통합 (이력 보존)", "a14.3")
implements("itms.acquisition.actions.ordering.split_project", "정보화사업 분리 (이력 보존)", "a14.3")
implements(
    "itms.acquisition.actions.evaluation.create_evaluation",
    "제안서 기술평가 준비 (평가위원회 또는 조달청 위임)",
    "a15.1",
)
implements("itms.acquisition.actions.evaluation.size_from_table", "사업규모별 평가위원 수 (표)", "a15.2")
implements("itms.acquisition.actions.evaluation.choose_chair", "평가위원 중에서 위원장 선정", "a15.2")
implements("itms.acquisition.draw.contact_order", "검증할 수 있는 무작위 추출 (교섭 순서)", "a15.3")
implements("itms.acquisition.actions.draws.record_contact", "추출 순서에 따른 평가위원 교섭", "a15.3")
implements("itms.acquisition.actions.evaluation.postpone", "정족수 미달 시 연기하고 새로 추출", "a15.5")
implements("itms.acquisition.actions.evaluation.set_travel", "외부 평가위원 수당·여비", "a15.6")
implements(
    "itms.acquisition.actions.experts.pool_status", "전문가명부 50명 이상·최신 유지 경고, 정보화부서와 공유", "a15.7"
)
implements("itms.acquisition.actions.scoring.save_score", "평가위원별 채점 (자기 평가표만, 잠금 후 공개)", "a15.8")
implements("itms.acquisition.documents.result_xlsx", "평가결과 조달청 통보 (XLSX·PDF)", "a15.8")
implements("itms.acquisition.arithmetic.price_score", "가격점수·최고최저 제외 평균·협상적격자·동점 처리", "a15.9")
implements("itms.acquisition.actions.evaluation.suitability", "단독 응찰 제안서의 적합성평가 (적합 기준 선택)", "a16")
