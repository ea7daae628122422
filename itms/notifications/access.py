"""Who may read and mark notifications: everyone, their own only (deny by default)."""

from itms.accounts.policy import SELF, allow
from itms.accounts.roles import Role

# An inbox is personal: officials, vendors and experts see and mark read only what was sent to them.
for role in (Role.STAFF, Role.VENDOR, Role.EXTERNAL_EXPERT):
    allow(role, "view change", "notifications.notification", scope=SELF)
