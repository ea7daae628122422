"""Who sees and writes Chapter 5's records (deny by default; transitions also check the actor).

Officials read every project's execution records (the 정보기획담당관 checks progress and deliverables across the
portfolio, a17.5); the sponsoring department keeps its own (a17.1, a17.2); the vendor's staff see and write their
own project's records only, on their dates (a17.3); the 감리원 writes the audit's records (a21); the IT department
sees what it is asked to take over (a20.3, a23.1).
"""

from itms.accounts.policy import ASSIGNED, OWN_UNIT, SELF, allow
from itms.accounts.roles import Role

CONTRACTOR = "contractor"
AUDITOR = "auditor"
TAKING_OVER = "taking_over"

CONTRACT = ("execution.contract", "execution.contractversion")
PLAN = ("execution.executionplan", "execution.planreviewitem")
PROGRESS = ("execution.workpackage", "execution.progressreport", "execution.issue")
DELIVERABLES = ("execution.deliverable",)
QUALITY = ("execution.requirement", "execution.testcase", "execution.testrun", "execution.acceptancetest")
SECURITY = ("execution.securitydiagnosis", "execution.securityfinding")
AUDIT = ("execution.systemaudit", "execution.auditstage", "execution.auditfinding")
CLOSING = ("execution.changerequest", "execution.inspectionround", "execution.inspectionitem", "execution.defect")
PROJECT_RECORDS = (*CONTRACT, *PLAN, *PROGRESS, *DELIVERABLES, *QUALITY, *SECURITY, *AUDIT, *CLOSING)
REFERENCE = ("execution.deliverabletype", "execution.weaknesscatalog", "execution.weakness")
EDUCATION = ("execution.training", "execution.trainingattendance")

# Every official reads; the reference data and the training record are the agency's.
allow(Role.STAFF, "view", *PROJECT_RECORDS, *REFERENCE, *EDUCATION)

# The sponsoring department runs the project (a17.1, a17.2): its contract and what it reviews and records.
allow(Role.STAFF, "add change", "execution.contract", scope=OWN_UNIT)
allow(
    Role.STAFF,
    "change",
    "execution.executionplan",
    "execution.planreviewitem",
    "execution.inspectionitem",
    scope=OWN_UNIT,
)
allow(
    Role.STAFF,
    "add change delete",
    "execution.workpackage",
    "execution.issue",
    "execution.deliverable",
    "execution.requirement",
    "execution.testcase",
    "execution.testrun",
    "execution.changerequest",
    "execution.systemaudit",
    "execution.defect",
    scope=OWN_UNIT,
)
allow(
    Role.STAFF, "change", "execution.inspectionround", "execution.auditstage", "execution.auditfinding", scope=OWN_UNIT
)
# The 정보기획담당관 supports project management across the portfolio (a17.3–a17.5) and keeps the reference data.
allow(Role.IT_PLANNING_OFFICER, "add change", "execution.contract", "execution.systemaudit")
allow(Role.IT_PLANNING_OFFICER, "add change delete", *REFERENCE, *EDUCATION)
# The IT department taking the system over reports defects during the defect period (a23.1, a24.1).
allow(Role.IT_DEPARTMENT_STAFF, "add change", "execution.defect", scope=TAKING_OVER)
allow(Role.IT_DEPARTMENT_HEAD, "add change", "execution.defect", scope=TAKING_OVER)

# The vendor works inside the system on their own project only (a17.3).
allow(Role.VENDOR, "view", *PROJECT_RECORDS, scope=ASSIGNED)
allow(Role.VENDOR, "view", "execution.deliverabletype", "execution.weaknesscatalog", "execution.weakness")
allow(Role.VENDOR, "change", "execution.executionplan", "execution.deliverable", scope=CONTRACTOR)
allow(
    Role.VENDOR,
    "add change delete",
    "execution.workpackage",
    "execution.issue",
    "execution.requirement",
    "execution.testcase",
    "execution.testrun",
    "execution.securitydiagnosis",
    "execution.securityfinding",
    scope=CONTRACTOR,
)
allow(Role.VENDOR, "add change", "execution.changerequest", "execution.defect", scope=CONTRACTOR)
# The 감리원 records the stages and findings; the vendor records the corrective action on a finding (a21).
allow(Role.VENDOR, "change", "execution.auditstage", scope=AUDITOR)
allow(Role.VENDOR, "add change delete", "execution.auditfinding", scope=AUDITOR)
allow(Role.VENDOR, "change", "execution.auditfinding", scope=CONTRACTOR)
# Training: the people trained see their own sessions and attendance (a17.4).
allow(Role.VENDOR, "view", "execution.training", scope="attended")
allow(Role.VENDOR, "view", "execution.trainingattendance", scope=SELF)
