from itms.accounts.policy import OWN_UNIT, allow
from itms.accounts.roles import Role

allow(Role.STAFF, "view", "example.examplerequest")
allow(Role.STAFF, "add change", "example.examplerequest", scope=OWN_UNIT)
allow(Role.IT_PLANNING_OFFICER, "change", "example.examplerequest")
