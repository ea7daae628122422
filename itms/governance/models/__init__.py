from .bodies import QUORUM_CLAUSES, QUORUM_RULES, Body, Membership
from .meetings import (
    AgendaItem,
    Attendance,
    ConveningDemand,
    ConveningDemandSigner,
    Meeting,
    MeetingParticipant,
    Minutes,
    Recusal,
    Resolution,
    Vote,
)
from .requests import CIORequest, CIORequestRecipient

__all__ = [
    "QUORUM_CLAUSES",
    "QUORUM_RULES",
    "AgendaItem",
    "Attendance",
    "Body",
    "CIORequest",
    "CIORequestRecipient",
    "ConveningDemand",
    "ConveningDemandSigner",
    "Meeting",
    "MeetingParticipant",
    "Membership",
    "Minutes",
    "Recusal",
    "Resolution",
    "Vote",
]
