from .audits import AuditFinding, AuditStage, SystemAudit
from .changes import ChangeRequest
from .contracts import Contract, ContractVersion
from .deliverables import HANDOVER_CODE, Deliverable, DeliverableType
from .education import Training, TrainingAttendance
from .inspection import Defect, InspectionItem, InspectionRound
from .plans import ExecutionPlan, PlanReviewItem
from .progress import Issue, ProgressEntry, ProgressReport, WorkPackage, dependency_cycle
from .quality import AcceptanceTest, Requirement, TestCase, TestRun
from .security import SecurityDiagnosis, SecurityFinding, Weakness, WeaknessCatalog

__all__ = [
    "HANDOVER_CODE",
    "AcceptanceTest",
    "AuditFinding",
    "AuditStage",
    "ChangeRequest",
    "Contract",
    "ContractVersion",
    "Defect",
    "Deliverable",
    "DeliverableType",
    "ExecutionPlan",
    "InspectionItem",
    "InspectionRound",
    "Issue",
    "PlanReviewItem",
    "ProgressEntry",
    "ProgressReport",
    "Requirement",
    "SecurityDiagnosis",
    "SecurityFinding",
    "SystemAudit",
    "TestCase",
    "TestRun",
    "Training",
    "TrainingAttendance",
    "Weakness",
    "WeaknessCatalog",
    "WorkPackage",
    "dependency_cycle",
]
