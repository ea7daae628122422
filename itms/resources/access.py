"""The register is shared: officials read it; each IT department keeps its own systems (a24.1, a29.2)."""

from itms.accounts.policy import OWN_UNIT, allow
from itms.accounts.roles import Role

SYSTEMS = ("resources.informationsystem", "resources.systemfunction", "resources.systeminterface")

allow(Role.STAFF, "view", *SYSTEMS)
allow(Role.IT_DEPARTMENT_STAFF, "add change", *SYSTEMS, scope=OWN_UNIT)
allow(Role.IT_DEPARTMENT_HEAD, "add change delete", *SYSTEMS, scope=OWN_UNIT)
allow(Role.ASSET_OFFICER, "add change", *SYSTEMS, scope=OWN_UNIT)  # a29.2, per the officer's scope
allow(Role.IT_PLANNING_OFFICER, "add change", *SYSTEMS)  # keeps the agency-wide EA register
