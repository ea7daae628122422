from .consultation import ConsultationResult, PreConsultation
from .deliberation import TaskCommitteeScope, TaskDeliberation
from .draws import DrawContact, DrawExclusion, DrawWitness, EvaluatorDraw
from .evaluation import (
    Allowance,
    Evaluation,
    EvaluationItem,
    EvaluationResult,
    Proposal,
    QualitativeScore,
    QuantitativeScore,
    ScoreSheet,
)
from .experts import Expert, ExpertEmployment, ExpertExclusion, ExpertField
from .ordering import OrderingCheck, OrderingRequest, ProjectRestructuring
from .rfp import Requirement, RequirementCategory, Rfp, RfpSection, RfpSelfCheck, RfpTemplate
from .security import SecurityFinding, SecurityReview

__all__ = [
    "Allowance",
    "ConsultationResult",
    "DrawContact",
    "DrawExclusion",
    "DrawWitness",
    "Evaluation",
    "EvaluationItem",
    "EvaluationResult",
    "EvaluatorDraw",
    "Expert",
    "ExpertEmployment",
    "ExpertExclusion",
    "ExpertField",
    "OrderingCheck",
    "OrderingRequest",
    "PreConsultation",
    "ProjectRestructuring",
    "Proposal",
    "QualitativeScore",
    "QuantitativeScore",
    "Requirement",
    "RequirementCategory",
    "Rfp",
    "RfpSection",
    "RfpSelfCheck",
    "RfpTemplate",
    "ScoreSheet",
    "SecurityFinding",
    "SecurityReview",
    "TaskCommitteeScope",
    "TaskDeliberation",
]
