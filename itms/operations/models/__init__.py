from .requests import ArchitectureCheck, MaintenanceRequest
from .service import Incident, MaintenanceWindow, ServiceRequest
from .sla import (
    DiagnosisFinding,
    ServiceLevelAgreement,
    ServiceLevelDiagnosis,
    SlaIndicator,
    SlaMeasurement,
    SlaMonth,
)
from .systems import OperationArrangement, SystemTakeover

__all__ = [
    "ArchitectureCheck",
    "DiagnosisFinding",
    "Incident",
    "MaintenanceRequest",
    "MaintenanceWindow",
    "OperationArrangement",
    "ServiceLevelAgreement",
    "ServiceLevelDiagnosis",
    "ServiceRequest",
    "SlaIndicator",
    "SlaMeasurement",
    "SlaMonth",
    "SystemTakeover",
]
