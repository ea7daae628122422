"""Who may do what in Chapter 8.

The register of systems is shared: officials read it; each IT department keeps its own systems (a24.1, a29.2).
The inventory is kept by the asset officers of their scope (a2.0.5, a29.3) and by the IT departments for the
systems they operate (a29.2); the 정보기획담당관 opens 실사 campaigns and receives their result (a29.3.3); an
administrator defines asset types and their mandatory attributes (a29.3.3). Read-only where the directive gives no
duty (CIO, 정보보안담당관); an official sees the assets handed to them; vendors see only the assets of the projects
they are assigned to (a17.3).
"""

from itms.accounts.policy import ALL, ASSIGNED, OWN_UNIT, SELF, allow
from itms.accounts.roles import Role

SYSTEMS = ("resources.informationsystem", "resources.systemfunction", "resources.systeminterface")

allow(Role.STAFF, "view", *SYSTEMS)
allow(Role.IT_DEPARTMENT_STAFF, "add change", *SYSTEMS, scope=OWN_UNIT)
allow(Role.IT_DEPARTMENT_HEAD, "add change delete", *SYSTEMS, scope=OWN_UNIT)
allow(Role.ASSET_OFFICER, "add change", *SYSTEMS, scope=OWN_UNIT)  # a29.2, per the officer's scope
allow(Role.IT_PLANNING_OFFICER, "add change", *SYSTEMS)  # keeps the agency-wide EA register

ASSET = "resources.asset"
KEPT = (ASSET, "resources.assetrelation", "resources.licence")
ASSIGNMENTS = "resources.assetassignment"
REFERENCE = ("resources.assettype", "resources.attributedefinition", "resources.location")
CONTRACT = "resources.maintenancecontract"
AUDIT = "resources.inventoryaudit"
AUDIT_WORK = ("resources.inventoryaudititem", "resources.auditdiscrepancy")
IMPORT = "resources.assetimportjob"
EVERYTHING = (*KEPT, ASSIGNMENTS, CONTRACT, AUDIT, *AUDIT_WORK)

# Every official: the reference lists, contracts, and the assets handed to them (to acknowledge them, a29.3.4).
allow(Role.STAFF, "view", *REFERENCE, CONTRACT)
allow(Role.STAFF, "view", ASSET, ASSIGNMENTS, scope=SELF)
# An official whose position is one of a campaign's officers sees the campaign and its checklist (a29.3.2).
allow(Role.STAFF, "view", AUDIT, *AUDIT_WORK, scope=ASSIGNED)

# The asset officer keeps the lists of their scope (a2.0.5, a29.3) and runs its campaigns.
allow(Role.ASSET_OFFICER, "view add change delete", *KEPT, scope=OWN_UNIT)
allow(Role.ASSET_OFFICER, "view", ASSIGNMENTS, *AUDIT_WORK, scope=OWN_UNIT)
allow(Role.ASSET_OFFICER, "view add change", AUDIT, CONTRACT, scope=OWN_UNIT)
allow(Role.ASSET_OFFICER, "add change", "resources.location")
allow(Role.ASSET_OFFICER, "view", IMPORT, scope=SELF)

# IT departments register the changes of the resources they operate (a29.2).
for role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF):
    allow(role, "view add change", *KEPT, CONTRACT, scope=OWN_UNIT)
    allow(role, "view", ASSIGNMENTS, AUDIT, *AUDIT_WORK, scope=OWN_UNIT)
    allow(role, "add change", "resources.location")
    allow(role, "view", IMPORT, scope=SELF)
allow(Role.IT_DEPARTMENT_HEAD, "delete", *KEPT, scope=OWN_UNIT)

# The 정보기획담당관 opens campaigns and receives their results (a29.3.3); reads the whole inventory.
allow(Role.IT_PLANNING_OFFICER, "view", *EVERYTHING)
allow(Role.IT_PLANNING_OFFICER, "add change delete", AUDIT)
allow(Role.IT_PLANNING_OFFICER, "add change delete", "resources.assettype", "resources.attributedefinition")

# An administrator defines asset types and their mandatory attributes without a code change (a29.3.3).
allow(Role.SYSTEM_ADMINISTRATOR, "view add change delete", *REFERENCE)

# No duty in Chapter 8: read-only.
for role in (Role.CIO, Role.SECURITY_OFFICER):
    allow(role, "view", *EVERYTHING, scope=ALL)

# Vendors: the assets, relations, licences and contracts of the projects they are assigned to (a17.3).
allow(Role.VENDOR, "view", *KEPT, CONTRACT, scope=ASSIGNED)
