from .calendar import CalendarException
from .obligations import DisplayStatus, Obligation, ObligationStatus
from .pack import Clause, ClauseLevel, RulePack
from .parameters import Confidence, Parameter, ParameterUnit, ParameterValue

__all__ = [
    "CalendarException",
    "Clause",
    "ClauseLevel",
    "Confidence",
    "DisplayStatus",
    "Obligation",
    "ObligationStatus",
    "Parameter",
    "ParameterUnit",
    "ParameterValue",
    "RulePack",
]
