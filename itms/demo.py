"""The whole demo agency, chapter by chapter (seed_demo and the test database use it)."""

from __future__ import annotations

from django.db import transaction

from itms.accounts.demo import DEMO_PASSWORD, DemoLogin, build_demo_agency


@transaction.atomic
def build_demo(*, password: str = DEMO_PASSWORD) -> list[DemoLogin]:
    from itms.acquisition.demo import build_demo_acquisition
    from itms.execution.demo import build_demo_execution
    from itms.governance.demo import build_demo_governance
    from itms.operations.demo import build_demo_operations
    from itms.performance.demo import build_demo_performance
    from itms.planning.demo import build_demo_planning
    from itms.projects.demo import build_demo_projects
    from itms.resources.demo import build_demo_resources

    logins = build_demo_agency(password=password)
    build_demo_projects()
    build_demo_resources()
    build_demo_governance()
    build_demo_planning()
    build_demo_acquisition()
    build_demo_execution()
    build_demo_operations()
    build_demo_performance()
    return logins
