from itms.accounts.roles import Role
from itms.regulation.obligations import Forward, ObligationType, register_obligation_type

register_obligation_type(
    ObligationType(
        "example_review",
        "시험 요청 검토",
        ("a8.5",),
        rule=Forward("impact_review_days"),
        owed_by_role=Role.IT_PLANNING_OFFICER,
    )
)
