"""Who may see and manage the organisation and the users (deny by default)."""

from .policy import OWN_COMPANY, SELF, allow
from .privileges import MANAGEABLE
from .roles import Role

ORGANISATION = ("accounts.organization", "accounts.orgunit", "accounts.position", "accounts.rolebinding")
PEOPLE = ("accounts.user", "accounts.assignment", "accounts.company")

# Every official may look up the organisation and the staff directory.
allow(Role.STAFF, "view", *ORGANISATION, *PEOPLE)
# The system administrator keeps the organisation and accounts current (a2.0.7), but never an account with
# more privileges than their own (a superuser's): see itms/accounts/privileges.py.
allow(Role.SYSTEM_ADMINISTRATOR, "add change delete", *ORGANISATION, "accounts.assignment", "accounts.company")
allow(Role.SYSTEM_ADMINISTRATOR, "add change delete", "accounts.user", scope=MANAGEABLE)
# Vendors see their own company and its staff only (a17.3); experts see themselves.
allow(Role.VENDOR, "view", "accounts.user", scope=OWN_COMPANY)
allow(Role.VENDOR, "view", "accounts.company", scope=OWN_COMPANY)
allow(Role.EXTERNAL_EXPERT, "view", "accounts.user", scope=SELF)
