"""Who sees and writes Chapter 6's records (deny by default; transitions also check the actor).

Officials read how systems are run and the service levels (a24, a26); a business department sees and files its own
maintenance requests (a25.1); the IT department that operates a system keeps its arrangements, service desk, SLAs and
diagnoses and reviews the requests for it (a24.1, a25.2, a26); the O&M vendor sees only the systems of its own
contracts: their incidents, requests and windows, which it records, and its SLA figures, which it may dispute
(a24.3, a26.2, a17.3).
"""

from itms.accounts.policy import ALL, OWN_COMPANY, OWN_UNIT, allow
from itms.accounts.roles import Role

OPERATION = ("operations.operationarrangement", "operations.systemtakeover")
DESK = ("operations.incident", "operations.servicerequest", "operations.maintenancewindow")
SLA = (
    "operations.servicelevelagreement",
    "operations.slaindicator",
    "operations.slamonth",
    "operations.slameasurement",
)
DIAGNOSIS = ("operations.serviceleveldiagnosis", "operations.diagnosisfinding")
REQUESTS = ("operations.maintenancerequest", "operations.architecturecheck")
IT_ROLES = (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF)

# Every official reads how systems are run, the service desk and the service levels.
allow(Role.STAFF, "view", *OPERATION, *DESK, *SLA, *DIAGNOSIS)
# Business departments file and follow their own maintenance requests (a25.1).
allow(Role.STAFF, "view", *REQUESTS, scope=OWN_UNIT)
allow(Role.STAFF, "add", "operations.maintenancerequest", scope=OWN_UNIT)
allow(Role.STAFF, "change delete", "operations.maintenancerequest", scope=OWN_UNIT)
# The 정보기획담당관 sees every request (a25.6 agenda, a5.4.3) and the whole operation.
allow(Role.IT_PLANNING_OFFICER, "view", *REQUESTS)
# The IT department that operates the system runs it (a24.1, a24.3, a26).
for role in IT_ROLES:
    allow(role, "add change delete", *OPERATION, *DESK, scope=OWN_UNIT)
    allow(role, "add change delete", *SLA, *DIAGNOSIS, scope=OWN_UNIT)
    allow(role, "view change", *REQUESTS, scope=OWN_UNIT)
    allow(role, "add", "operations.architecturecheck", scope=OWN_UNIT)
    # The maintenance review shows the duplicate suggestions and the reviewer judges them (a25.2, issue 18).
    allow(role, "add change", "similarity.similarityjudgement", scope=ALL)

# The O&M vendor: only the systems and contracts of its own company (a24.3, a17.3).
allow(Role.VENDOR, "view", *DESK, *SLA, *DIAGNOSIS, "operations.operationarrangement", scope=OWN_COMPANY)
allow(Role.VENDOR, "add change", *DESK, scope=OWN_COMPANY)
allow(Role.VENDOR, "change", "operations.diagnosisfinding", scope=OWN_COMPANY)
allow(Role.VENDOR, "view", "operations.maintenancerequest", scope=OWN_COMPANY)
