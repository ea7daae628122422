"""Who may see and manage the organisation and the users (deny by default)."""

from .policy import OWN_COMPANY, SELF, allow
from .roles import Role

ORGANISATION = ("accounts.organization", "accounts.orgunit", "accounts.position", "accounts.rolebinding")
PEOPLE = ("accounts.user", "accounts.assignment", "accounts.company")

# Every official may look up the organisation and the staff directory.
allow(Role.STAFF, "view", *ORGANISATION, *PEOPLE)
# The system administrator keeps the organisation and accounts current (a2.0.7).
allow(Role.SYSTEM_ADMINISTRATOR, "add change delete", *ORGANISATION, *PEOPLE)
# Vendors see their own company and its staff only (a17.3); experts see themselves.
allow(Role.VENDOR, "view", "accounts.user", scope=OWN_COMPANY)
allow(Role.VENDOR, "view", "accounts.company", scope=OWN_COMPANY)
allow(Role.EXTERNAL_EXPERT, "view", "accounts.user", scope=SELF)
