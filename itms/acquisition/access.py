"""Who sees and writes Chapter 4's records (deny by default; the workflows and actions also check the actor).

Evaluations are confidential (a15.8): besides the 정보기획담당관, only the sponsoring department, the IT department
that conducts the evaluation and its evaluators see one; an evaluator sees only their own score sheet until the
result is locked (checked by the scoring page). A bidder's representative sees the draw record and nothing else
(a15.3); a contractor sees the deliberation requests its company filed (소프트웨어 진흥법 제50조).
"""

from itms.accounts.policy import ALL, ASSIGNED, OWN_COMPANY, OWN_UNIT, allow
from itms.accounts.roles import Role

A = "acquisition."
SPONSOR_RECORDS = tuple(
    A + m
    for m in (
        "preconsultation",
        "consultationresult",
        "securityreview",
        "securityfinding",
        "taskdeliberation",
        "rfp",
        "rfpsection",
        "requirement",
        "rfpselfcheck",
        "orderingrequest",
        "orderingcheck",
    )
)
EVALUATION_RECORDS = tuple(A + m for m in ("evaluation", "evaluationitem", "proposal", "evaluatordraw"))
LIBRARY = tuple(A + m for m in ("requirementcategory", "rfptemplate", "taskcommitteescope", "projectrestructuring"))
POOL = tuple(A + m for m in ("expert", "expertemployment", "expertexclusion", "expertfield"))

# Every official sees the library (templates, categories, the committees' scopes, the lineage of projects).
allow(Role.STAFF, "view", *LIBRARY)
# The sponsoring department: its own project's 사전협의, 보안성 검토, 과업심의, RFP and ordering request (a11–a14).
allow(Role.STAFF, "view", *SPONSOR_RECORDS, *EVALUATION_RECORDS, scope=OWN_UNIT)
allow(
    Role.STAFF,
    "add change",
    A + "preconsultation",
    A + "securityreview",
    A + "taskdeliberation",
    A + "rfp",
    A + "rfpsection",
    A + "requirement",
    A + "orderingrequest",
    scope=OWN_UNIT,
)
allow(Role.STAFF, "delete", A + "requirement", scope=OWN_UNIT)
# Internal evaluators see the evaluation they sit on.
allow(Role.STAFF, "view", A + "evaluation", A + "evaluationitem", scope=ASSIGNED)

# The 정보기획담당관: receives the ordering requests and reviews them (a14.1, a14.2), keeps the template library and
# the expert list (a14.1, a15.7), and may conduct evaluations like any IT department.
allow(Role.IT_PLANNING_OFFICER, "view", *SPONSOR_RECORDS, *EVALUATION_RECORDS, *POOL, scope=ALL)
allow(Role.IT_PLANNING_OFFICER, "add change", *LIBRARY, *POOL, scope=ALL)
allow(Role.IT_PLANNING_OFFICER, "delete", A + "rfptemplate", A + "taskcommitteescope", *POOL, scope=ALL)
allow(Role.IT_PLANNING_OFFICER, "change", A + "evaluation", A + "evaluationitem", A + "proposal", scope=ALL)
allow(Role.IT_PLANNING_OFFICER, "add delete", A + "evaluationitem", A + "proposal", scope=ALL)
# The CIO sets up the 과업심의위원회 and may split their subjects (a13.1, a13.2).
allow(Role.CIO, "view", *SPONSOR_RECORDS, *EVALUATION_RECORDS, scope=ALL)
allow(Role.CIO, "add change delete", A + "taskcommitteescope", scope=ALL)

# The secretary (or chair) of a 과업심의위원회 opens the requests routed to it and puts them on the agenda (a13.3).
for role in (Role.COMMITTEE_SECRETARY, Role.COUNCIL_SECRETARY):
    allow(role, "view", A + "taskdeliberation", scope="secretariat")

# The 정보보안담당관 reviews the draft RFPs (a12.2, a12.4).
allow(Role.SECURITY_OFFICER, "view", A + "securityreview", A + "securityfinding", scope=ALL)
allow(Role.SECURITY_OFFICER, "view", A + "rfp", A + "rfpsection", A + "requirement", scope=ALL)

# IT departments: use the shared expert list (a15.7 후단), conduct evaluations (a15.1), and order a 소속·산하기관's
# projects (a14.1 단서).
for role in (Role.IT_DEPARTMENT_HEAD, Role.IT_DEPARTMENT_STAFF):
    allow(role, "view", *POOL, scope=ALL)
    allow(role, "view", *EVALUATION_RECORDS, A + "orderingrequest", A + "orderingcheck", scope=OWN_UNIT)
    allow(role, "change", A + "evaluation", A + "evaluationitem", A + "proposal", scope=OWN_UNIT)
    allow(role, "add delete", A + "evaluationitem", A + "proposal", scope=OWN_UNIT)

# External evaluators: the evaluation they sit on (a15.3, a15.8).
allow(Role.EXTERNAL_EXPERT, "view", A + "evaluation", A + "evaluationitem", scope=ASSIGNED)
# Bidders' representatives: the draw record of the procurement they bid in (a15.3); contractors: their requests.
allow(Role.VENDOR, "view", A + "evaluatordraw", scope=ASSIGNED)
allow(Role.VENDOR, "view", A + "taskdeliberation", scope=OWN_COMPANY)
