"""Everything that changes Chapter 5's state goes through these functions (STYLE.md: actions)."""

from . import defects, plans
from .audits import applicability, assess
from .changes import apply_change, parse_requirement_changes
from .common import is_auditor, is_contractor, is_it_head_of, is_it_planning, is_sponsor
from .contracts import contract_registered, expire_vendor_access, grant_vendor_access, record_version
from .deliverables import build_checklist, missing, upload_deliverable
from .inspection import current_round, inspection_report, open_round, register_system
from .progress import EntryInput, check_no_cycle, delayed, gantt_tasks, report_progress, s_curve
from .quality import request_acceptance_test, traceability

__all__ = [
    "EntryInput",
    "applicability",
    "apply_change",
    "assess",
    "build_checklist",
    "check_no_cycle",
    "contract_registered",
    "current_round",
    "defects",
    "delayed",
    "expire_vendor_access",
    "gantt_tasks",
    "grant_vendor_access",
    "inspection_report",
    "is_auditor",
    "is_contractor",
    "is_it_head_of",
    "is_it_planning",
    "is_sponsor",
    "missing",
    "open_round",
    "parse_requirement_changes",
    "plans",
    "record_version",
    "register_system",
    "report_progress",
    "request_acceptance_test",
    "s_curve",
    "traceability",
    "upload_deliverable",
]
