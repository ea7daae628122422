"""Who sees and runs the committees (deny by default; meeting actions also check the body's seats)."""

from itms.accounts.policy import ALL, allow
from itms.accounts.roles import Role

MEMBER = "member"  # bodies the user sits on (external members of 과업심의위원회 and 평가위원회)
RECORDS = (
    "governance.body",
    "governance.membership",
    "governance.meeting",
    "governance.resolution",
    "governance.minutes",
    "governance.ciorequest",
)

allow(Role.STAFF, "view", *RECORDS)
# The secretariat keeps bodies and member lists and convenes (a4.9, a5.2).
for role in (Role.IT_PLANNING_OFFICER, Role.COMMITTEE_SECRETARY, Role.COUNCIL_SECRETARY):
    allow(role, "add change delete", "governance.body", "governance.membership", scope=ALL)
    allow(role, "add change", "governance.meeting", scope=ALL)
allow(Role.CIO, "add change", "governance.meeting")
allow(Role.CIO, "add", "governance.ciorequest")  # a3.4
# External members see the bodies they sit on, their meetings and minutes.
allow(
    Role.EXTERNAL_EXPERT,
    "view",
    "governance.body",
    "governance.meeting",
    "governance.minutes",
    "governance.resolution",
    scope=MEMBER,
)
