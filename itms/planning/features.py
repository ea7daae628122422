"""What in Chapter 3 carries out a clause without being a rule, guard or deadline (see regulation.citations)."""

from itms.regulation.citations import implements

implements(
    "itms.planning.views.portfolio", "지능정보화책임관의 정보화사업 총괄 현황 (종류·부서·단계별 예산)", "a3.3", "a3.3.2"
)
implements("itms.planning.national_plan.national_plan_xlsx", "국가 정보화 계획 반영 자료 (XLSX)", "a10")
implements("itms.planning.national_plan.national_plan_hwpx", "국가 정보화 계획 반영 요약 (HWPX)", "a10")
