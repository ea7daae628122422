"""Who sees and writes Chapter 7's records (deny by default; transitions also check the actor).

Officials read the measurements and the diagnosis: the results feed the next year's plans of every department
(a27.1). The 정보기획담당관 runs both (a27.1, a28.1): rounds, target lists, decisions, indicator sets. The IT
department operating a system supplies its base data and carries out its 정비계획 (a27.2); the unit responsible for
a diagnosis indicator supplies its self-score and evidence (a28.2).
"""

from itms.accounts.policy import OWN_UNIT, allow
from itms.accounts.roles import Role

ROUNDS = ("performance.measurementround", "performance.measurementtarget")
BASE_DATA = ("performance.costyear", "performance.functionusage", "performance.performanceindicator")
PLAN = "performance.maintenanceplan"
FRAMEWORK = ("performance.diagnosisframework", "performance.diagnosisindicator", "performance.diagnosisround")
SCORE = "performance.diagnosisscore"
EVERYTHING = (*ROUNDS, *BASE_DATA, PLAN, *FRAMEWORK, SCORE)

allow(Role.STAFF, "view", *EVERYTHING)

# The 정보기획담당관 runs the measurement and the diagnosis (a27.1, a28.1).
allow(Role.IT_PLANNING_OFFICER, "add change delete", *ROUNDS, *BASE_DATA, *FRAMEWORK)
allow(Role.IT_PLANNING_OFFICER, "change", PLAN, SCORE)

# The operating IT department supplies the base data (a27.2) and writes the 정비계획.
for role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF):
    allow(role, "add change delete", *BASE_DATA, scope=OWN_UNIT)
    allow(role, "change", PLAN, scope=OWN_UNIT)

# The unit responsible for an indicator supplies its self-score and evidence (a28.2).
allow(Role.DEPARTMENT_HEAD, "change", SCORE, scope=OWN_UNIT)
allow(Role.STAFF, "change", SCORE, scope=OWN_UNIT)
