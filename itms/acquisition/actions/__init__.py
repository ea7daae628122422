"""Everything that changes Chapter 4's records goes through these functions (and the records' workflows)."""

from .consultation import add_results, reflect_result, start_consultation
from .deliberation import contractor_request, extend_contractor_answer, route, start_deliberation
from .draws import (
    commit_draw,
    enter_witness,
    exclude_expert,
    open_draw,
    perform_draw,
    published_record,
    readmit_expert,
    record_contact,
    verify,
)
from .evaluation import (
    choose_chair,
    create_evaluation,
    designate_internal,
    open_session,
    ranked_result,
    record_attendance,
    set_quantitative,
    set_travel,
)
from .experts import pool_status
from .ordering import create_ordering, merge_projects, set_check, split_project
from .rfp import (
    add_requirement,
    answer_self_check,
    create_rfp,
    new_template_version,
    publish_template,
    update_section,
)
from .scoring import save_score, submit_sheet
from .security import add_finding, reflect_finding, start_security_review

__all__ = [
    "add_finding",
    "add_requirement",
    "add_results",
    "answer_self_check",
    "choose_chair",
    "commit_draw",
    "contractor_request",
    "create_evaluation",
    "create_ordering",
    "create_rfp",
    "designate_internal",
    "enter_witness",
    "exclude_expert",
    "extend_contractor_answer",
    "merge_projects",
    "new_template_version",
    "open_draw",
    "open_session",
    "perform_draw",
    "pool_status",
    "publish_template",
    "published_record",
    "ranked_result",
    "readmit_expert",
    "record_attendance",
    "record_contact",
    "reflect_finding",
    "reflect_result",
    "route",
    "save_score",
    "set_check",
    "set_quantitative",
    "set_travel",
    "split_project",
    "start_consultation",
    "start_deliberation",
    "start_security_review",
    "submit_sheet",
    "update_section",
    "verify",
]
