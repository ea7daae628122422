"""Who may see the deadlines, the rule pack and the holiday calendar — and who may change them."""

from itms.accounts.policy import OWN_UNIT, allow
from itms.accounts.roles import Role

OWED = "owed"  # Obligation.restrict_scopes: the duties the user owes (in person or by a role they hold)

# Every official sees the deadlines they owe and those of their unit (and the units below it).
allow(Role.STAFF, "view", "regulation.obligation", scope=OWED)
allow(Role.STAFF, "view", "regulation.obligation", scope=OWN_UNIT)
# The CIO oversees the whole portfolio (a3.3); the 정보기획담당관 coordinates it (a8.2) and the
# 정보보안담당관 oversees security duties (a2.0.15): they see every deadline.
for role in (Role.CIO, Role.IT_PLANNING_OFFICER, Role.SECURITY_OFFICER):
    allow(role, "view", "regulation.obligation")
# Waiving a deadline (면제) is the 정보기획담당관's (a8.2); "change" is the waiver — there is no edit form.
allow(Role.IT_PLANNING_OFFICER, "change", "regulation.obligation")

# The directive's numbers are public within the agency; the 정보기획담당관 keeps them current.
allow(Role.STAFF, "view", "regulation.rulepack", "regulation.parameter")
allow(Role.IT_PLANNING_OFFICER, "change", "regulation.parameter")

# Ad-hoc holidays (임시공휴일) are entered by the system administrator (a2.0.7) or the 정보기획담당관.
for role in (Role.SYSTEM_ADMINISTRATOR, Role.IT_PLANNING_OFFICER):
    allow(role, "view add change delete", "regulation.calendarexception")
