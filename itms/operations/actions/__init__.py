"""Every state change of Chapter 6 outside the workflow engine's transitions, each in a transaction with its trail."""

from .common import heads, in_unit, it_head, it_member, vendor_of
from .requests import convert_to_project, move_in_queue, queue_of
from .sla import compute_month, start_sla

__all__ = [
    "compute_month",
    "convert_to_project",
    "heads",
    "in_unit",
    "it_head",
    "it_member",
    "move_in_queue",
    "queue_of",
    "start_sla",
    "vendor_of",
]
