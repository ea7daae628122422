"""Who sees and runs the committees (deny by default; meeting actions also check the body's seats)."""

from itms.accounts.policy import ALL, allow
from itms.accounts.roles import Role

MEMBER = "member"  # bodies the user sits on (external members of 과업심의위원회 and 평가위원회)
# Bodies the user chairs or keeps the secretariat of today (Body/Membership.restrict_scopes): a body's
# composition is changed by its own chair or secretary (a4.3.2, a4.9, a5.2), never by another body's.
SECRETARIAT = "secretariat"
RECORDS = (
    "governance.body",
    "governance.membership",
    "governance.meeting",
    "governance.resolution",
    "governance.minutes",
    "governance.ciorequest",
)

allow(Role.STAFF, "view", *RECORDS)
# The 정보기획담당관 sets up bodies (the 과업심의위원회 of a13, the evaluation committees of a15); a body's own
# secretariat keeps its member list and convenes (a4.9, a5.2); the committee's chair designates members (a4.3.2).
allow(Role.IT_PLANNING_OFFICER, "add", "governance.body", scope=ALL)
for role in (Role.IT_PLANNING_OFFICER, Role.COMMITTEE_SECRETARY, Role.COUNCIL_SECRETARY):
    allow(role, "change delete", "governance.body", scope=SECRETARIAT)
    allow(role, "add change delete", "governance.membership", scope=SECRETARIAT)
    allow(role, "add change", "governance.meeting", scope=ALL)
allow(Role.CIO, "change", "governance.body", scope=SECRETARIAT)
allow(Role.CIO, "add change delete", "governance.membership", scope=SECRETARIAT)
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
