"""Who may search, judge and keep the synonym list (deny by default).

What a search shows is further limited, record by record, by each source's own ``restrict(user, "view")``.
"""

from itms.accounts.policy import allow
from itms.accounts.roles import Role

# Every official may search what exists (the index) and read the synonym list and the reviewers' judgements.
allow(Role.STAFF, "view", "similarity.indexentry", "similarity.synonymgroup", "similarity.similarityjudgement")
# The synonym list is the administrators' (issue 18).
allow(Role.SYSTEM_ADMINISTRATOR, "add change delete", "similarity.synonymgroup")
# The reviewers who ask about duplication judge the suggestions: the 정보기획담당관 (a8.2, a8.6.2, a9.2).
# The maintenance review (a25.2) adds the IT departments here when Chapter 6 exists.
allow(Role.IT_PLANNING_OFFICER, "add change", "similarity.similarityjudgement")
