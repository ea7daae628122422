"""Who sees and writes Chapter 3's records (deny by default; transitions also check the actor)."""

from itms.accounts.policy import OWN_UNIT, allow
from itms.accounts.roles import Role

STRATEGY = ("planning.strategicplan", "planning.strategicgoal", "planning.strategictask", "planning.opinionrequest")
CYCLE = (
    "planning.planningcycle",
    "planning.prereview",
    "planning.projectplan",
    "planning.impactreview",
    "planning.eareview",
    "planning.detailedplan",
)

allow(Role.STAFF, "view", *STRATEGY, *CYCLE)
# The CIO and the 정보기획담당관 keep the strategy (a6) and run the cycle (a8.2, a8.6, a9.2).
for role in (Role.CIO, Role.IT_PLANNING_OFFICER):
    allow(role, "add change delete", "planning.strategicplan", "planning.strategicgoal", "planning.strategictask")
allow(Role.IT_PLANNING_OFFICER, "add change", "planning.planningcycle", "planning.eareview")
allow(Role.IT_PLANNING_OFFICER, "add change", "planning.prereview", "planning.projectplan", "planning.detailedplan")
# The sponsoring department writes its own submissions (a8.1, a8.3, a9.1).
allow(Role.STAFF, "add change", "planning.prereview", "planning.projectplan", "planning.detailedplan", scope=OWN_UNIT)
