import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn, ObjectColumn
from itms.regulation.due import DueColumn

from .models import (
    ConsultationResult,
    Evaluation,
    EvaluationItem,
    EvaluatorDraw,
    Expert,
    ExpertEmployment,
    ExpertExclusion,
    ExpertField,
    OrderingCheck,
    OrderingRequest,
    PreConsultation,
    ProjectRestructuring,
    Proposal,
    Requirement,
    RequirementCategory,
    Rfp,
    RfpSection,
    RfpSelfCheck,
    RfpTemplate,
    SecurityFinding,
    SecurityReview,
    TaskCommitteeScope,
    TaskDeliberation,
)


class PreConsultationTable(ItmsTable):
    record = ObjectColumn(verbose_name="사전협의")
    project = tables.Column(linkify=True)
    due = DueColumn()
    applied_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = PreConsultation
        fields = ("record", "project", "state", "due", "applied_on")


class ConsultationResultTable(ItmsTable):
    result = ObjectColumn(verbose_name="협의 결과")
    reflected_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ConsultationResult
        fields = ("result", "finding", "reflection", "reflected_at")


class SecurityReviewTable(ItmsTable):
    review = ObjectColumn(verbose_name="보안성 검토")
    project = tables.Column(linkify=True)
    due = DueColumn()
    requested_at = DateColumn()
    notified_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = SecurityReview
        fields = ("review", "project", "state", "due", "requested_at", "notified_at")


class SecurityFindingTable(ItmsTable):
    item = ObjectColumn(verbose_name="검토 의견")
    reflected_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = SecurityFinding
        fields = ("item", "source", "finding", "reflection", "reflected_at")


class TaskCommitteeScopeTable(ItmsTable):
    scope = ObjectColumn(verbose_name="심의 대상")
    body = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = TaskCommitteeScope
        fields = ("scope", "body", "note")


class TaskDeliberationTable(ItmsTable):
    record = ObjectColumn(verbose_name="과업심의")
    project = tables.Column(linkify=True)
    due = DueColumn()
    requested_at = DateColumn()
    body = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = TaskDeliberation
        fields = ("record", "project", "kind", "state", "body", "due", "requested_at")


class RequirementCategoryTable(ItmsTable):
    code = tables.Column(linkify=True)
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = RequirementCategory
        fields = ("code", "name", "scope_note", "is_active")


class RfpTemplateTable(ItmsTable):
    template = ObjectColumn(verbose_name="양식")
    published_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = RfpTemplate
        fields = ("template", "note", "published_at")


class RfpTable(ItmsTable):
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    budget = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = Rfp
        fields = ("title", "project", "budget", "period_months", "technical_weight", "state")


class RfpSectionTable(ItmsTable):
    section = ObjectColumn(verbose_name="장")

    class Meta(ItmsTable.Meta):
        model = RfpSection
        fields = ("section", "rfp")


class RequirementTable(ItmsTable):
    requirement = ObjectColumn(verbose_name="요구사항")
    category = tables.Column()

    class Meta(ItmsTable.Meta):
        model = Requirement
        fields = ("requirement", "category", "deliverable", "related", "source")


class RfpSelfCheckTable(ItmsTable):
    class Meta(ItmsTable.Meta):
        model = RfpSelfCheck
        fields = ("question", "answer", "note")


class OrderingRequestTable(ItmsTable):
    request = ObjectColumn(verbose_name="발주 의뢰")
    project = tables.Column(linkify=True)
    due = DueColumn()
    requested_at = DateColumn()
    notice_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = OrderingRequest
        fields = ("request", "project", "state", "due", "requested_at", "notice_number", "notice_on")


class OrderingCheckTable(ItmsTable):
    class Meta(ItmsTable.Meta):
        model = OrderingCheck
        fields = ("requirement", "basis", "result", "note")


class ProjectRestructuringTable(ItmsTable):
    restructuring = ObjectColumn(verbose_name="통합·분리")
    decided_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ProjectRestructuring
        fields = ("restructuring", "kind", "reason", "decided_by", "decided_at")


class ExpertFieldTable(ItmsTable):
    name = tables.Column(linkify=True)

    class Meta(ItmsTable.Meta):
        model = ExpertField
        fields = ("code", "name")


class ExpertTable(ItmsTable):
    expert = ObjectColumn(verbose_name="전문가")
    confirmed_on = DateColumn()
    is_available = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Expert
        fields = ("expert", "affiliation", "title", "is_available", "confirmed_on")


class ExpertEmploymentTable(ItmsTable):
    employment = ObjectColumn(verbose_name="근무 이력")
    start_date = DateColumn()
    end_date = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ExpertEmployment
        fields = ("employment", "start_date", "end_date")


class ExpertExclusionTable(ItmsTable):
    exclusion = ObjectColumn(verbose_name="위촉 제한")
    start_date = DateColumn()
    end_date = DateColumn()

    class Meta(ItmsTable.Meta):
        model = ExpertExclusion
        fields = ("exclusion", "reason", "start_date", "end_date")


class EvaluationTable(ItmsTable):
    title = tables.Column(linkify=True)
    project = tables.Column(linkify=True)
    due = DueColumn()
    evaluation_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Evaluation
        fields = ("title", "project", "kind", "method", "state", "due", "evaluation_at")


class EvaluationItemTable(ItmsTable):
    item = ObjectColumn(verbose_name="평가 항목")

    class Meta(ItmsTable.Meta):
        model = EvaluationItem
        fields = ("item", "kind", "evidence")


class ProposalTable(ItmsTable):
    proposal = ObjectColumn(verbose_name="제안서")
    bid_price = MoneyColumn()
    submitted_on = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Proposal
        fields = ("proposal", "evaluation", "bid_price", "submitted_on")


class EvaluatorDrawTable(ItmsTable):
    draw = ObjectColumn(verbose_name="평가위원 추출")
    committed_at = DateColumn()
    revealed_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = EvaluatorDraw
        fields = ("draw", "state", "needed", "committed_at", "revealed_at")
