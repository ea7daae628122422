from .decisions import create_follow_up_project, decide, next_cycle_year
from .diagnosis import comparison, load_framework, open_scores, result
from .measurement import base_data, measure, prefill
from .selection import eligible, propose_round

__all__ = [
    "base_data",
    "comparison",
    "create_follow_up_project",
    "decide",
    "eligible",
    "load_framework",
    "measure",
    "next_cycle_year",
    "open_scores",
    "prefill",
    "propose_round",
    "result",
]
