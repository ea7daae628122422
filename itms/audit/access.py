"""Who may read the chain of legal events."""

from itms.accounts.policy import allow
from itms.accounts.roles import Role

for role in (Role.CIO, Role.IT_PLANNING_OFFICER, Role.SECURITY_OFFICER, Role.SYSTEM_ADMINISTRATOR):
    allow(role, "view", "audit.legalevent")
