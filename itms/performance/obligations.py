"""Deadlines of Chapter 7: the base data an IT department owes for the measurement (a27.2) and the evidence a unit
owes for the level diagnosis (a28.2)."""

from functools import cache

from itms.accounts.roles import Role
from itms.regulation.obligations import Forward, ObligationType, register_obligation_type
from itms.regulation.work import Work, register_work

from .models import DiagnosisScore, MaintenancePlan, MeasurementRound, MeasurementTarget

register_obligation_type(
    ObligationType(
        "performance_data_request",
        "성과측정 기초자료 제출",
        ("a27.2",),
        rule=Forward("performance_data_request_days"),
        owed_by_role=Role.IT_DEPARTMENT_HEAD,
        description="정보화부서장은 정보기획담당관이 운영타당성 진단에 필요하여 요구한 자료(연도별 개발·유지보수·운영비, "
        "활용규모, 기능별 사용량, 성과지표의 목표와 실적)를 낸다.",
    )
)
register_obligation_type(
    ObligationType(
        "diagnosis_evidence",
        "성과관리 수준진단 자료 제출",
        ("a28.2",),
        rule=Forward("diagnosis_evidence_days"),
        owed_by_role=Role.DEPARTMENT_HEAD,
        description="관세청 소속·산하기관 부서장은 전자정부 성과관리 수준진단에 필요한 자료(지표별 자체점검 점수와 증빙)를 "
        "낸다.",
    )
)


# --- 내 할 일 (itms.regulation.work) -----------------------------------------------------------------------------------
@cache  # one function per path: the work list asks a scope once for all the steps that share it
def _operating_unit(path: str):
    def scope(user, qs):
        from itms.accounts.directory import units_of

        return qs.filter(**{f"{path}__in": units_of(user)})

    return scope


register_work(MeasurementRound, Work("confirm"), Work("close", ready=True))
register_work(
    MeasurementTarget,
    Work("submit", scope=_operating_unit("system__operating_unit")),
    Work("measure"),
    Work("decide"),
)
register_work(
    MaintenancePlan,
    Work("start", scope=_operating_unit("target__system__operating_unit")),
    Work("complete", scope=_operating_unit("target__system__operating_unit")),
)
register_work(DiagnosisScore, Work("submit", scope=_operating_unit("indicator__responsible_unit")))
