"""Choices of Chapter 7: the measurement's steps, its result categories (PRACTICE-FACTS §6, EXTERNAL-RULES §6),
the exceptions to a retirement recommendation and the retirement triggers that need no measurement (§6.1, §6.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundState(models.TextChoices):
    PROPOSED = "proposed", _("대상 제안")
    CONFIRMED = "confirmed", _("대상 확정·자료 요청")
    CLOSED = "closed", _("측정 종료")


class TargetState(models.TextChoices):
    REQUESTED = "requested", _("자료 요청")
    SUBMITTED = "submitted", _("자료 제출")
    MEASURED = "measured", _("측정 완료")
    DECIDED = "decided", _("결정")


class Outcome(models.TextChoices):
    """Result categories (EXTERNAL-RULES §6: 현행유지 / 기능개선·고도화 / 재개발 / 통폐합 / 폐기)."""

    KEEP = "keep", _("현행유지")
    IMPROVE = "improve", _("기능개선·고도화")
    REDEVELOP = "redevelop", _("재개발")
    MERGE = "merge", _("통폐합")
    RETIRE = "retire", _("폐기")


# improvement, redevelopment and merger go back into planning as a project idea (Ch.3)
REBUILDING = (Outcome.IMPROVE, Outcome.REDEVELOP, Outcome.MERGE)


class Band(models.TextChoices):
    """What the decision rule (성과관리 지침 제26조, PRACTICE-FACTS §6.1) recommends for a total."""

    KEEP = "keep", _("정비권고 없음 (현행유지)")
    REVIEW = "review", _("정비권고 가능 (개선·재개발·통폐합·폐기)")
    RETIRE = "retire", _("폐기 권고")
    RETIRE_TRIGGER = "retire_trigger", _("측정 없이 폐기·통폐합 대상")
    UNDETERMINED = "undetermined", _("판정 불가 (자료 부족)")


class RetirementException(models.TextChoices):
    """제26조: a system below 40 points is not recommended for retirement where one of these applies."""

    LEGAL_BASIS = "legal_basis", _("법령상 근거가 있음")
    SAFETY = "safety", _("생명·안전·보안·치안")
    ECONOMY = "economy", _("국가경제·국민생활")
    PUBLIC_SERVICE = "public_service", _("대국민 서비스")
    VULNERABLE = "vulnerable", _("사회적 약자 지원")
    STANDARD = "standard", _("표준 보급시스템")
    YOUNG = "young", _("운영 3년 미만")
    COMMITTEE = "committee", _("위원회가 인정한 사유")


class RetirementTrigger(models.TextChoices):
    """Retire or merge without measurement (MOIS·MOEF 2016 일제정비, PRACTICE-FACTS §6.2 ①–⑤)."""

    FIXED_PERIOD = "fixed_period", _("① 운영기간이 정해졌거나 한시적인 시스템의 기간 종료")
    LEGAL_BASIS_GONE = "legal_basis_gone", _("② 법적 근거의 폐지·변경")
    BUDGET_ENDED = "budget_ended", _("③ 운영유지 예산 종료")
    ORGANISATION_DISSOLVED = "organisation_dissolved", _("④ 이용·운영 조직의 해체")
    UNUSED = "unused", _("⑤ 최근 1년간 사용 실적이 거의 없음")


class IndicatorKind(models.TextChoices):
    COMMON = "common", _("공통지표")
    OWN = "own", _("고유지표")


class PlanState(models.TextChoices):
    DRAFT = "draft", _("작성 중")
    IN_PROGRESS = "in_progress", _("이행 중")
    COMPLETED = "completed", _("이행 완료")


class DiagnosisState(models.TextChoices):
    DRAFT = "draft", _("준비")
    COLLECTING = "collecting", _("증빙 요청·자체점검")
    CLOSED = "closed", _("결과 확정")


class ScoreState(models.TextChoices):
    PENDING = "pending", _("제출 전")
    SUBMITTED = "submitted", _("제출")
