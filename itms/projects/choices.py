from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    CONSTRUCTION = "construction", _("구축")
    ENHANCEMENT = "enhancement", _("고도화")
    OPERATION = "operation", _("운영·유지관리")
    ISP = "isp", _("ISP·ISMP")
    BPR = "bpr", _("BPR")
    RESEARCH = "research", _("연구·시범·PoC")
    AUDIT = "audit", _("감리")
    PMO = "pmo", _("사업관리 위탁")


class FundingSource(models.TextChoices):
    OWN = "own", _("관세청 예산")
    AFFILIATE = "affiliate", _("소속·산하기관 예산")
    OTHER_BODY = "other_body", _("다른 기관 예산")


class ProjectStage(models.TextChoices):
    """The project spine (DESIGN.md): later chapters add their stage records."""

    IDEA = "idea", _("구상")
    PRE_REVIEW = "pre_review", _("사전검토")
    PLAN = "plan", _("사업계획")
    ON_HOLD = "on_hold", _("보류")
    DELIBERATED = "deliberated", _("심의 완료")
    DETAILED_PLAN = "detailed_plan", _("세부계획")
    ACQUISITION = "acquisition", _("도입·발주")
    EXECUTION = "execution", _("사업수행")
    INSPECTION = "inspection", _("검사·인수")
    OPERATION = "operation", _("운영")
    CLOSED = "closed", _("종료")
    CANCELLED = "cancelled", _("취소")


class ParticipantRole(models.TextChoices):
    VENDOR_MANAGER = "vendor_manager", _("사업수행업체 PM")
    VENDOR_STAFF = "vendor_staff", _("사업수행업체 투입인력")
    AUDITOR = "auditor", _("감리원")
    ADVISER = "adviser", _("외부 자문위원")
    EVALUATOR = "evaluator", _("평가위원")
