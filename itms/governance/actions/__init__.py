"""Everything that changes Chapter 2's state goes through these functions."""

from .demands import file_convening_demand, join_convening_demand
from .meetings import (
    add_agenda_item,
    convene_meeting,
    name_acting_chair,
    record_attendance,
    set_participants,
    short_notice_warning,
)
from .minutes import generate_minutes
from .requests import answer_cio_request, create_cio_request
from .votes import (
    cast_vote,
    close_vote,
    escalate_item,
    open_voting,
    record_recusal,
    register_resolution_handler,
    suspend_voting,
    tally,
    withdraw_item,
)

__all__ = [
    "add_agenda_item",
    "answer_cio_request",
    "cast_vote",
    "close_vote",
    "convene_meeting",
    "create_cio_request",
    "escalate_item",
    "file_convening_demand",
    "generate_minutes",
    "join_convening_demand",
    "name_acting_chair",
    "open_voting",
    "record_attendance",
    "record_recusal",
    "register_resolution_handler",
    "set_participants",
    "short_notice_warning",
    "suspend_voting",
    "tally",
    "withdraw_item",
]
