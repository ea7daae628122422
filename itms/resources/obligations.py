"""Deadlines of Chapter 8: the 실사 result owed to the 정보기획담당관 (a29.3.3), records to bring up to date (a29.3),
and the acknowledgement of an asset handed to a person (a29.3.4)."""

from itms.accounts.roles import Role
from itms.regulation.obligations import Forward, ObligationType, register_obligation_type

register_obligation_type(
    ObligationType(
        "inventory_audit_report",
        "정보자산 실사 결과 통보",
        ("a29.3.3", "a29.3.2"),
        rule=Forward("inventory_audit_report_days"),
        owed_by_role=Role.ASSET_OFFICER,
        description="정보자산 담당자는 운영·유지관리 대상 식별과 방문 실사의 결과를 정보기획담당관에게 통보한다.",
    )
)
register_obligation_type(
    ObligationType(
        "asset_currency",
        "정보자산 현행화",
        ("a29.3",),
        rule=Forward("asset_currency_update_days"),
        owed_by_role=Role.ASSET_OFFICER,
        description="확인 주기를 넘긴 정보자산을 확인하여 목록을 현행화한다 (장비별 하드웨어·소프트웨어 목록).",
    )
)
register_obligation_type(
    ObligationType(
        "asset_acknowledgement",
        "지급 자산 수령 확인",
        ("a29.3.4",),
        rule=Forward("asset_acknowledgement_days"),
        description="PC·단말기 등 정보자산을 지급받은 사람이 수령을 확인한다.",
    )
)
