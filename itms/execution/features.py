"""What in Chapter 5 carries out a clause that is not a guard, an obligation or a transition (regulation.citations)."""

from itms.regulation.citations import implements

implements(
    "itms.execution.actions.contracts.grant_vendor_access", "업체 직원의 사업별·기간 한정 접근권한 부여", "a17.3"
)
implements("itms.execution.actions.contracts.expire_vendor_access", "참여 기간이 끝난 업체 계정의 접근 만료", "a17.3")
implements(
    "itms.execution.actions.deliverables.upload_deliverable",
    "산출물 등록 (판·SHA-256, 형식·중복 검사)",
    "a17.2",
    "a29.1",
)
implements("itms.execution.models.education.Training", "사업관리방법 교육과 참석 기록", "a17.4")
implements("itms.execution.views.dashboard", "전 사업 진행상황·산출물 등록 현황 점검", "a17.5")
implements(
    "itms.execution.reference.IMPLEMENTATION_2021",
    "소프트웨어 개발보안 가이드 2021 (보안약점 49, 보안설계 20)",
    "a17.6",
)
implements("itms.execution.actions.progress.report_progress", "계획일정 대비 추진실적 보고", "a19.0.1")
implements("itms.execution.actions.progress.delayed", "지연 작업과 사유·문제점", "a19.0.2")
implements("itms.execution.models.progress.Issue", "그 밖에 필요한 사항: 문제점·이슈 관리", "a19.0.3")
implements("itms.execution.actions.quality.traceability", "요구사항 추적표 (요구사항→설계→시험→결과)", "a20.1")
implements("itms.execution.actions.audits.applicability", "감리 대상 여부 판단 (전자정부법 시행령 제71조)", "a21.1")
implements("itms.execution.models.audits.AuditFinding", "감리 지적사항과 시정조치 (정보시스템 감리기준 준용)", "a21.2")
implements("itms.execution.actions.inspection.inspection_report", "검사조서 (국가계약법 시행령 제55조)", "a22")
implements(
    "itms.execution.actions.inspection.register_system", "인계한 시스템을 정보화부서 운영으로 등록", "a23.1", "a24.1"
)
implements("itms.execution.models.contracts.Contract.rollout_plan", "단계적 적용계획·관련 규정 제·개정", "a23.3")
implements("itms.execution.actions.changes.apply_change", "과업변경 확정 후 계약·요구사항표 변경 이력", "a13.3")
