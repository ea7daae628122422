from .diagnosis import DiagnosisFramework, DiagnosisIndicator, DiagnosisRound, DiagnosisScore
from .measurement import (
    CostYear,
    FunctionUsage,
    MaintenancePlan,
    MeasurementRound,
    MeasurementTarget,
    PerformanceIndicator,
)

__all__ = [
    "CostYear",
    "DiagnosisFramework",
    "DiagnosisIndicator",
    "DiagnosisRound",
    "DiagnosisScore",
    "FunctionUsage",
    "MaintenancePlan",
    "MeasurementRound",
    "MeasurementTarget",
    "PerformanceIndicator",
]
