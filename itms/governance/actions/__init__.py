"""Everything that changes Chapter 2's state goes through these functions."""

from .meetings import add_agenda_item, convene_meeting, name_acting_chair, record_attendance, set_participants
from .minutes import generate_minutes
from .requests import answer_cio_request, create_cio_request
from .votes import cast_vote, close_vote, escalate_item, open_voting, record_recusal, register_resolution_handler, tally

__all__ = [
    "add_agenda_item",
    "answer_cio_request",
    "cast_vote",
    "close_vote",
    "convene_meeting",
    "create_cio_request",
    "escalate_item",
    "generate_minutes",
    "name_acting_chair",
    "open_voting",
    "record_attendance",
    "record_recusal",
    "register_resolution_handler",
    "set_participants",
    "tally",
]
