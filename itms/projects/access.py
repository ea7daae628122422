"""Who may see and change 정보화사업 (deny by default)."""

from itms.accounts.policy import ASSIGNED, OWN_UNIT, SELF, allow
from itms.accounts.roles import Role

# Projects are the agency's shared record: every official may read them.
allow(Role.STAFF, "view", "projects.project", "projects.projectparticipant", "projects.budgetline")
allow(Role.STAFF, "add change delete", "projects.budgetline", scope=OWN_UNIT)
allow(Role.IT_PLANNING_OFFICER, "add change delete", "projects.budgetline")
# The sponsoring department (사업추진부서, incl. co-performing ones, a2.0.8) registers and keeps its projects.
allow(Role.STAFF, "add change", "projects.project", scope=OWN_UNIT)
allow(Role.DEPARTMENT_HEAD, "delete", "projects.project", scope=OWN_UNIT)
allow(Role.STAFF, "add change delete", "projects.projectparticipant", scope=OWN_UNIT)
# The 정보기획담당관 coordinates the whole portfolio (a8.2, a14.1, a17.3).
allow(Role.IT_PLANNING_OFFICER, "add change", "projects.project")
allow(Role.IT_PLANNING_OFFICER, "add change delete", "projects.projectparticipant")
# Vendors and external experts see only what they are assigned to (a17.3).
allow(Role.VENDOR, "view", "projects.project", scope=ASSIGNED)
allow(Role.EXTERNAL_EXPERT, "view", "projects.project", scope=ASSIGNED)
allow(Role.VENDOR, "view", "projects.projectparticipant", scope=SELF)
allow(Role.EXTERNAL_EXPERT, "view", "projects.projectparticipant", scope=SELF)
