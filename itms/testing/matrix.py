"""The permission matrix: every registered URL × every demo login, with the answer the policy expects.

Routes come from the URL resolver, so a new page is in the matrix the moment
it is registered. Registry pages and API routes derive their expectation from
the access policy (``itms/<app>/access.py``); every other page must have an
entry in ``SPECIAL`` — the meta-test fails otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from itms.accounts.demo import LOGINS
from itms.accounts.directory import roles_of
from itms.accounts.policy import RULES
from itms.core import registry
from itms.core.registry import ObjectType

UI_ACTION_PERMISSION = {
    "list": "view",
    "detail": "view",
    "history": "view",
    "add": "add",
    "edit": "change",
    "delete": "delete",
    "import": "add",
}
OBJECT_ACTIONS = {"detail", "history", "edit", "delete"}
ANONYMOUS = None

# Nobody, every demo login, and the superuser: whom the per-user sweeps ask.
EVERYONE = [ANONYMOUS, *[login.username for login in LOGINS], "admin"]
# One of each kind of scope the policy draws: signed out, a sponsoring department's official (unit scope), an
# IT department's head (the systems it runs), a vendor (its own company and assigned projects, a17.3), an external
# expert (assigned evaluations and consultations only), and the superuser (everything).
ON_BOTH_ENGINES = (ANONYMOUS, "sponsor", "itdept", "vendor", "expert", "admin")


def sweep_users(*, signed_in: bool = False, engine: str | None = None) -> list[str | None]:
    """The users an exhaustive per-user sweep asks on this run's database engine.

    The sweeps (every URL, every refused change, every API write, every menu page in a browser) check the access
    policy, the same code on either engine; what differs between engines is how each kind of scope runs as SQL.
    So the users in ON_BOTH_ENGINES, one per kind of scope, are asked on both engines, and the others take turns:
    the SQLite run asks half of them, the PostgreSQL run the other half. Together the two runs of .ci/run ask
    everyone, and the suite does not spend six minutes asking the same questions twice (docs/quality.md, "Test
    time"). ``ITMS_SWEEP=all`` asks everyone on this engine.
    """
    users = [u for u in EVERYONE if u or not signed_in]
    if os.environ.get("ITMS_SWEEP") == "all":
        return users
    others = [u for u in users if u not in ON_BOTH_ENGINES]
    mine = set(others[_engine_turn(engine) :: 2])
    return [u for u in users if u in ON_BOTH_ENGINES or u in mine]


def _engine_turn(engine: str | None = None) -> int:
    engine = engine or settings.DATABASES["default"]["ENGINE"]
    return 1 if engine.endswith("postgresql") else 0


def walked_on(engine: str):
    """A browser journey walks on one engine of .ci/run's two ("sqlite" or "postgresql"), as the sweeps split
    their users: its steps run the same code on either, each engine's SQL is the other tests' to check, and
    together the two runs walk every journey once. ``ITMS_SWEEP=all`` walks every journey on this engine."""
    import pytest

    other = os.environ.get("ITMS_SWEEP") != "all" and _engine_turn(engine) != _engine_turn()
    return pytest.mark.skipif(other, reason=f"이 여정은 {engine} 실행에서 걷습니다 (ITMS_SWEEP=all이면 둘 다)")


def sweep_ids(users: list[str | None]) -> list[str]:
    return [u or "anonymous" for u in users]


@dataclass(frozen=True)
class Route:
    name: str
    object_type: ObjectType | None = None
    action: str | None = None
    api: bool = False

    @property
    def needs_object(self) -> bool:
        return self.action in OBJECT_ACTIONS or (self.api and self.action == "detail")


def routes() -> list[Route]:
    """Every named route of the project's own apps (Django admin is tested on its own)."""
    by_ui_name = {t.url_name(a): (t, a) for t in registry.REGISTRY.values() for a in t.actions()}
    by_api_name = {
        f"api:{t.app_label}-{t.model_name}-{kind}": (t, "list" if kind == "list" else "detail")
        for t in registry.REGISTRY.values()
        if t.serializer is not None
        for kind in ("list", "detail")
    }
    seen, result = set(), []
    for name in _names(get_resolver().url_patterns):
        if name in seen or name.startswith("admin:"):
            continue
        seen.add(name)
        if name in by_ui_name:
            result.append(Route(name, *by_ui_name[name]))
        elif name in by_api_name:
            result.append(Route(name, *by_api_name[name], api=True))
        else:
            result.append(Route(name))
    return result


def _names(patterns, namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def policy_allows(user, permission: str) -> bool:
    """What the access policy (not the views) says about a permission."""
    if user is ANONYMOUS:
        return False
    if user.is_superuser:
        return True
    roles = {g.role for g in roles_of(user)}
    return any(rule.permission == permission and rule.role in roles for rule in RULES)


def url_for(route: Route, obj=None) -> str:
    if route.api:
        base = f"/api/{route.object_type.app_label}/{route.object_type.path}/"
        return f"{base}{obj.pk}/" if obj is not None else base
    if route.needs_object:
        return reverse(route.name, kwargs={"pk": obj.pk})
    return reverse(route.name, **SPECIAL_ARGS.get(route.name, {}))


def expected_status(route: Route, user, obj=None) -> int:
    t = route.object_type
    if t is None:
        return SPECIAL[route.name](user)
    if user is ANONYMOUS:
        return 401 if route.api else 302
    action = "view" if route.api else UI_ACTION_PERMISSION[route.action]
    if not policy_allows(user, t.permission(action)):
        return 403
    if obj is None:
        return 200
    if t.base_queryset().restrict(user, action).filter(pk=obj.pk).exists():
        condition = t.conditions.get(action)
        if route.action in ("edit", "delete") and condition is not None and not condition.check(obj):
            return 403  # in scope, but not in this state (e.g. a submitted plan)
        return 200
    return 403 if t.base_queryset().restrict(user, "view").filter(pk=obj.pk).exists() else 404


def samples(object_type: ObjectType, user) -> list:
    """One object the user may see and one they may not (where such exist)."""
    qs = object_type.base_queryset().order_by("pk")
    visible_ids = object_type.base_queryset().restrict(user, "view").values("pk") if user is not ANONYMOUS else []
    inside = qs.filter(pk__in=visible_ids).first() if user is not ANONYMOUS else None
    outside = qs.exclude(pk__in=visible_ids).first() if user is not ANONYMOUS else qs.first()
    return [o for o in (inside, outside) if o is not None]


def _signed_in(status: int) -> Callable:
    return lambda user: 302 if user is ANONYMOUS else status


def _staff_only(user) -> int:
    if user is ANONYMOUS:
        return 302
    return 200 if user.kind == "staff" else 404


def _api_signed_in(user) -> int:
    return 401 if user is ANONYMOUS else 200


def _chain_readers(user) -> int:
    if user is ANONYMOUS:
        return 302
    return 200 if policy_allows(user, "audit.view_legalevent") else 403


def _officials(user) -> int:
    """Pages for every official; vendors and external experts are refused (a17.3)."""
    if user is ANONYMOUS:
        return 302
    return 200 if user.kind == "staff" or user.is_superuser else 403


def _obligation_readers(status: int = 200) -> Callable:
    def expected(user) -> int:
        if user is ANONYMOUS:
            return 302
        return status if policy_allows(user, "regulation.view_obligation") else 403

    return expected


def _sees_demo_meeting(user) -> bool:
    from itms.governance.models import Meeting

    return Meeting.objects.restrict(user, "view").filter(pk=_MEETING["pk"]).exists()


def _secretariat_only(user) -> int:
    """Pages of the committee's secretariat (the demo committee: secretary itplan, chair cio)."""
    if user is ANONYMOUS:
        return 302
    if not _sees_demo_meeting(user):
        return 404  # they cannot even see the committee (vendors; experts who sit on no body)
    return 200 if user.is_superuser or user.username in ("itplan", "cio") else 403


def _meeting_viewers(user) -> int:
    if user is ANONYMOUS:
        return 302
    return 200 if _sees_demo_meeting(user) else 404


# Pages outside the registry: the answer to a GET, by who asks.
SPECIAL: dict[str, Callable] = {
    "ui:home": _signed_in(200),
    "ui:chapter": _staff_only,
    "accounts:login": lambda user: 200 if user is ANONYMOUS else 302,
    "accounts:login_code": lambda user: 302,  # nothing pending: back to the login page
    "accounts:logout": lambda user: 405,  # POST only
    "accounts:password_change": _signed_in(200),
    "accounts:profile": _signed_in(200),
    "accounts:two_factor": _signed_in(200),
    "accounts:token_regenerate": _signed_in(405),
    "accounts:user_unlock": _signed_in(405),
    "accounts:user_reset_two_factor": _signed_in(405),
    "audit:verify": _chain_readers,
    "regulation:directive": _signed_in(200),
    "regulation:obligation_waive": _signed_in(405),  # POST only
    "regulation:parameter_change": _signed_in(405),  # POST only
    "regulation:calculator": _officials,
    "regulation:coverage": _officials,
    "regulation:compliance": _obligation_readers(),
    "regulation:calendar": _obligation_readers(),
    "regulation:calendar_events": _obligation_readers(400),  # no start/end given: a Korean 400
    "api:token": lambda user: 405,  # POST only
    "api:schema": _api_signed_in,
    "api:docs": _api_signed_in,
    "api:api-root": _api_signed_in,
    "regulation:transition": _signed_in(405),  # POST only
    "api:workflow_state": lambda user: 401 if user is ANONYMOUS else 404,  # the sample id does not exist
    "api:workflow_transition": lambda user: 401 if user is ANONYMOUS else 405,  # POST only
    "notifications:notification_list": _signed_in(200),  # everyone has an inbox (their own rows only)
    "notifications:notification_read": _signed_in(405),  # POST only
    "notifications:notification_read_all": _signed_in(405),  # POST only
    "governance:my_meetings": _signed_in(200),
    "governance:convene": _secretariat_only,
    "governance:cio_request_new": lambda user: (
        302 if user is ANONYMOUS else (200 if policy_allows(user, "governance.add_ciorequest") else 403)
    ),
    "governance:live": _meeting_viewers,
    "governance:minutes_file": lambda user: 302 if user is ANONYMOUS else 404,  # the sample has no minutes
    "governance:results_notice": _secretariat_only,
    **{
        f"governance:{name}": _signed_in(405)
        for name in (
            "item_add",
            "participants",
            "attendance",
            "acting_chair",
            "recusal",
            "open_voting",
            "vote",
            "close_vote",
            "item_transition",
            "escalate",
            "minutes_generate",
            "cio_request_answer",
            "convening_demand",
        )
    },
    "planning:cycle_open": lambda user: (
        302 if user is ANONYMOUS else (200 if user.is_superuser or user.username == "itplan" else 403)
    ),
    "planning:portfolio": _signed_in(200),
    "planning:national_plan": lambda user: 302 if user is ANONYMOUS else (200 if user.kind == "staff" else 404),
    **{
        f"planning:{name}": _signed_in(405)
        for name in ("cycle_start", "cycle_notify_deadline", "detailed_plan_adjust", "opinion_round", "opinion_answer")
    },
    "documents:attach": _signed_in(405),  # POST only
    "documents:version_add": _signed_in(405),  # POST only
    "documents:download": lambda user: 302 if user is ANONYMOUS else 404,  # the sample id does not exist
    "similarity:search": lambda user: (
        302 if user is ANONYMOUS else (200 if policy_allows(user, "similarity.view_indexentry") else 403)
    ),
    "similarity:judge": _signed_in(405),  # POST only
    "similarity_api:search": lambda user: (  # no text given: a Korean 400 for those who may search
        401 if user is ANONYMOUS else (400 if policy_allows(user, "similarity.view_indexentry") else 403)
    ),
    "similarity_api:judgement": lambda user: 401 if user is ANONYMOUS else 405,  # POST only
}
_WORKFLOW_SAMPLE = {"app_label": "accounts", "model_name": "user", "pk": 999_999}
_MEETING = {"pk": 1}  # the demo committee meeting
SPECIAL_ARGS: dict[str, dict] = {
    "documents:attach": {"kwargs": {"app_label": "projects", "model_name": "project", "pk": 1}},
    "documents:version_add": {"kwargs": {"pk": 1}},
    "documents:download": {"kwargs": {"pk": 999_999}},
    "similarity:judge": {"kwargs": {"app_label": "planning", "model_name": "prereview", "pk": 1}},
    "planning:cycle_start": {"kwargs": {"pk": 1, "what": "plan"}},
    "planning:cycle_notify_deadline": {"kwargs": {"pk": 1}},
    "planning:national_plan": {"kwargs": {"pk": 1, "fmt": "xlsx"}},
    "planning:detailed_plan_adjust": {"kwargs": {"pk": 1}},
    "planning:opinion_round": {"kwargs": {"pk": 1}},
    "planning:opinion_answer": {"kwargs": {"pk": 1}},
    "governance:convene": {"kwargs": {"pk": 1}},
    "governance:live": {"kwargs": _MEETING},
    "governance:minutes_file": {"kwargs": {"pk": 999_999, "fmt": "pdf"}},
    "governance:results_notice": {"kwargs": {**_MEETING, "unit_id": 1}},
    "governance:item_add": {"kwargs": _MEETING},
    "governance:participants": {"kwargs": _MEETING},
    "governance:attendance": {"kwargs": {**_MEETING, "membership_id": 1}},
    "governance:acting_chair": {"kwargs": _MEETING},
    "governance:recusal": {"kwargs": {**_MEETING, "item_id": 1}},
    "governance:open_voting": {"kwargs": {**_MEETING, "item_id": 1}},
    "governance:vote": {"kwargs": {**_MEETING, "item_id": 1}},
    "governance:close_vote": {"kwargs": {**_MEETING, "item_id": 1}},
    "governance:item_transition": {"kwargs": {**_MEETING, "item_id": 1, "name": "withdraw"}},
    "governance:convening_demand": {"kwargs": {"pk": 1}},
    "governance:escalate": {"kwargs": {**_MEETING, "item_id": 1}},
    "governance:minutes_generate": {"kwargs": _MEETING},
    "governance:cio_request_answer": {"kwargs": {"pk": 1}},
    "regulation:transition": {"kwargs": {**_WORKFLOW_SAMPLE, "name": "submit"}},
    "regulation:obligation_waive": {"kwargs": {"pk": 999_999}},
    "regulation:parameter_change": {"kwargs": {"pk": 999_999}},
    "api:workflow_state": {"kwargs": _WORKFLOW_SAMPLE},
    "api:workflow_transition": {"kwargs": {**_WORKFLOW_SAMPLE, "name": "submit"}},
    "ui:chapter": {"kwargs": {"key": "planning"}},
    "accounts:user_unlock": {"kwargs": {"pk": 1}},
    "accounts:user_reset_two_factor": {"kwargs": {"pk": 1}},
    "notifications:notification_read": {"kwargs": {"pk": 999_999}},
}


# --- writes through the API: every registered type × every login × POST/PATCH/DELETE -----------------------------
API_WRITE_ACTION = {"POST": "add", "PATCH": "change", "DELETE": "delete"}
API_METHOD_ALLOWED = {"POST": "can_add", "PATCH": "can_edit", "DELETE": "can_delete"}


def api_types() -> list[ObjectType]:
    return [t for t in registry.REGISTRY.values() if t.serializer is not None]


def expected_api_write(object_type: ObjectType, method: str, user, obj=None) -> int:
    """What the policy (roles, scopes, the record's declared conditions) says a write should answer.

    200/201/204 mean "allowed" (the caller does not send those: they would change data); every other answer is
    a refusal that must change nothing.
    """
    if user is ANONYMOUS:
        return 401
    action = API_WRITE_ACTION[method]
    if not policy_allows(user, object_type.permission(action)):
        return 403  # DRF checks the permission before it looks for the method
    if not getattr(object_type, API_METHOD_ALLOWED[method]):
        return 405
    if obj is None:
        return 201
    if not object_type.base_queryset().restrict(user, action).filter(pk=obj.pk).exists():
        return 403 if object_type.base_queryset().restrict(user, "view").filter(pk=obj.pk).exists() else 404
    condition = object_type.conditions.get(action)
    if condition is not None and not condition.check(obj):
        return condition.code.status
    return 204 if method == "DELETE" else 200


def api_url(object_type: ObjectType, obj=None) -> str:
    base = f"/api/{object_type.app_label}/{object_type.path}/"
    return f"{base}{obj.pk}/" if obj is not None else base


# --- Chapter 8 (itms/resources): pages outside the registry ----------------------------------------------------------
_DEMO_AUDIT = {"pk": 1}  # the demo's 실사 under way (itms/resources/demo.py)


def _resources_may(*permissions: str, ok: int = 200) -> Callable:
    def expected(user) -> int:
        if user is ANONYMOUS:
            return 302
        return ok if any(policy_allows(user, p) for p in permissions) else 403

    return expected


def _api_action(permission: str) -> Callable:
    """POST-only API actions: a GET is refused for want of the permission (403), else for its method (405)."""
    return lambda user: 401 if user is ANONYMOUS else (405 if policy_allows(user, permission) else 403)


def _demo_audit(visible: int = 200) -> Callable:
    def expected(user) -> int:
        from itms.resources.models import InventoryAudit

        if user is ANONYMOUS:
            return 302
        if not policy_allows(user, "resources.view_inventoryaudit"):
            return 403
        return visible if InventoryAudit.objects.restrict(user, "view").filter(**_DEMO_AUDIT).exists() else 404

    return expected


SPECIAL.update(
    {
        "resources:asset_attribute_fields": _resources_may("resources.add_asset", "resources.change_asset"),
        # Without a filter nothing is labelled: a Korean 400 asks to choose the assets first.
        "resources:asset_labels": _resources_may("resources.view_asset", ok=400),
        "resources:currency": _resources_may("resources.view_asset"),
        "resources:coverage": _resources_may("resources.view_asset"),
        "resources:import_job_progress": _resources_may("resources.view_assetimportjob", ok=404),  # no such job
        "resources:audit_checklist": _demo_audit(),
        "resources:audit_lookup": _demo_audit(),
        "resources:audit_report": _demo_audit(404),  # the demo campaign is under way: no report yet
        **{
            f"resources:{name}": _signed_in(405)  # POST only
            for name in (
                "asset_assign",
                "asset_return",
                "asset_dispose",
                "asset_verify",
                "assignment_acknowledge",
                "import_job_commit",
                "audit_check",
                "audit_new",
                "audit_mark_missing",
                "discrepancy_resolve",
            )
        },
        "resources_api:asset_bulk": _api_action("resources.add_asset"),
        "resources_api:audit_check": _api_action("resources.view_inventoryaudit"),
        "resources_api:discrepancy_resolve": _api_action("resources.view_auditdiscrepancy"),
        "resources_api:assignment_acknowledge": _api_action("resources.view_assetassignment"),
        **{
            f"resources_api:asset_{name}": _api_action("resources.change_asset")
            for name in ("assign", "return", "dispose", "verify")
        },
        "resources_api:audit_new": _api_action("resources.view_inventoryaudit"),
        "resources_api:audit_mark_missing": _api_action("resources.view_inventoryaudit"),
        "resources_api:import_upload": _api_action("resources.add_asset"),
        "resources_api:import_commit": _api_action("resources.view_assetimportjob"),
        "execution_api:progress_report": _api_action("execution.view_contract"),
        "execution_api:deliverable_upload": _api_action("execution.view_deliverable"),
        "execution_api:defect_to_request": _api_action("execution.view_defect"),
    }
)
SPECIAL_ARGS.update(
    {
        **{
            f"resources:{name}": {"kwargs": {"pk": 1}}
            for name in ("asset_assign", "asset_return", "asset_dispose", "asset_verify", "assignment_acknowledge")
        },
        "resources:import_job_progress": {"kwargs": {"pk": 999_999}},
        "resources:import_job_commit": {"kwargs": {"pk": 999_999}},
        **{
            f"resources:{name}": {"kwargs": _DEMO_AUDIT}
            for name in ("audit_checklist", "audit_lookup", "audit_check", "audit_new", "audit_mark_missing")
        },
        "resources:audit_report": {"kwargs": {**_DEMO_AUDIT, "fmt": "pdf"}},
        "resources:discrepancy_resolve": {"kwargs": {"pk": 1}},
        "resources_api:audit_check": {"kwargs": _DEMO_AUDIT},
        "resources_api:discrepancy_resolve": {"kwargs": {"pk": 1}},
        "resources_api:assignment_acknowledge": {"kwargs": {"pk": 1}},
        **{f"resources_api:asset_{name}": {"kwargs": {"pk": 1}} for name in ("assign", "return", "dispose", "verify")},
        "resources_api:audit_new": {"kwargs": _DEMO_AUDIT},
        "resources_api:audit_mark_missing": {"kwargs": _DEMO_AUDIT},
        "resources_api:import_commit": {"kwargs": {"pk": 999_999}},
        "execution_api:progress_report": {"kwargs": {"pk": 1}},
        "execution_api:deliverable_upload": {"kwargs": {"pk": 1}},
        "execution_api:defect_to_request": {"kwargs": {"pk": 1}},
    }
)


# --- Chapter 4 (itms/acquisition): pages outside the registry --------------------------------------------------------
def _acquisition_project(user) -> int:
    """The contractor's request page of the demo's first project (pk 1): whoever sees the project opens it."""
    from itms.projects.models import Project

    if user is ANONYMOUS:
        return 302
    return 200 if Project.objects.restrict(user, "view").filter(pk=1).exists() else 404


SPECIAL.update(
    {
        "acquisition:contractor_request": _acquisition_project,
        "acquisition:restructure": _officials,
        "acquisition:expert_pool": _resources_may("acquisition.view_expert"),
        **{  # the sample id does not exist: not found for everyone signed in
            f"acquisition:{name}": _signed_in(404)
            for name in ("section_edit", "rfp_export", "evaluation_start", "score", "evaluation_export", "draw_export")
        },
        **{
            f"acquisition:{name}": _signed_in(405)  # POST only
            for name in (
                "start",
                "consultation_reflect",
                "finding_add",
                "finding_reflect",
                "deliberation_extend",
                "template_publish",
                "template_new_version",
                "rfp_requirement_add",
                "self_check_answer",
                "ordering_check",
                "evaluation_internal",
                "evaluation_chair",
                "evaluation_attendance",
                "evaluation_open",
                "evaluation_quantitative",
                "score_save",
                "score_submit",
                "allowance_travel",
                "draw_exclude",
                "draw_readmit",
                "draw_commit",
                "draw_witness",
                "draw_reveal",
                "draw_contact",
            )
        },
    }
)
_ACQ_MISSING = {"pk": 999_999}
SPECIAL_ARGS.update(
    {
        "acquisition:start": {"kwargs": {"what": "rfp"}},
        "acquisition:contractor_request": {"kwargs": {"pk": 1}},
        "acquisition:rfp_export": {"kwargs": {**_ACQ_MISSING, "fmt": "pdf"}},
        "acquisition:evaluation_export": {"kwargs": {**_ACQ_MISSING, "fmt": "xlsx"}},
        "acquisition:draw_export": {"kwargs": {**_ACQ_MISSING, "fmt": "json"}},
        "acquisition:evaluation_chair": {"kwargs": {**_ACQ_MISSING, "membership_id": 1}},
        "acquisition:evaluation_attendance": {"kwargs": {**_ACQ_MISSING, "membership_id": 1}},
        "acquisition:evaluation_quantitative": {"kwargs": {**_ACQ_MISSING, "proposal_id": 1, "item_id": 1}},
        "acquisition:draw_readmit": {"kwargs": {**_ACQ_MISSING, "expert_id": 1}},
        **{
            f"acquisition:{name}": {"kwargs": _ACQ_MISSING}
            for name in (
                "consultation_reflect",
                "finding_add",
                "finding_reflect",
                "deliberation_extend",
                "template_publish",
                "template_new_version",
                "section_edit",
                "rfp_requirement_add",
                "self_check_answer",
                "ordering_check",
                "evaluation_start",
                "evaluation_internal",
                "evaluation_open",
                "score",
                "score_save",
                "score_submit",
                "allowance_travel",
                "draw_exclude",
                "draw_commit",
                "draw_witness",
                "draw_reveal",
                "draw_contact",
            )
        },
    }
)


# --- Chapter 5 (itms/execution): pages outside the registry ----------------------------------------------------------
_CONTRACT = {"pk": 1}  # a demo contract under way: the contractor is the company of "vendor", not of "vendor2"
_INSPECTION = {"pk": 1}  # the demo's first inspection round: a contract of "vendor2"'s company


def _sees(model_path: str, pk: int, user) -> bool:
    from django.apps import apps

    return apps.get_model(model_path).objects.restrict(user, "view").filter(pk=pk).exists()


def _contract_readers(user) -> int:
    """Lists over contracts: whoever the policy lets see contracts (officials, contractors), each their own rows."""
    if user is ANONYMOUS:
        return 302
    return 200 if policy_allows(user, "execution.view_contract") else 403


def _demo_contract(user) -> int:
    """A contract's own pages: a contractor opens only its company's (a17.3); others are not told it exists."""
    if user is ANONYMOUS:
        return 302
    return 200 if _sees("execution.Contract", _CONTRACT["pk"], user) else 404


def _dashboard(user) -> int:
    """The 정보기획담당관's overview of every project (a17.5) is for officials only."""
    if user is ANONYMOUS:
        return 302
    allowed = policy_allows(user, "execution.view_contract") and (user.kind == "staff" or user.is_superuser)
    return 200 if allowed else 403


def _inspection_report(user) -> int:
    """The 검사조서 (a22) is the agency's document: a contractor who sees the round is still refused it."""
    if user is ANONYMOUS:
        return 302
    if not _sees("execution.InspectionRound", _INSPECTION["pk"], user):
        return 404
    return 200 if user.kind == "staff" or user.is_superuser else 403


SPECIAL.update(
    {
        "execution:dashboard": _dashboard,
        "execution:missing_deliverables": _contract_readers,
        "execution:portal": _contract_readers,
        "execution:portal_contract": _demo_contract,
        "execution:traceability": _demo_contract,
        "execution:inspection_report": _inspection_report,
        **{
            f"execution:{name}": _signed_in(405)  # POST only
            for name in (
                "progress_report",
                "acceptance_request",
                "grant_access",
                "deliverable_upload",
                "plan_review",
                "defect_to_request",
                "inspection_check",
            )
        },
    }
)
SPECIAL_ARGS.update(
    {
        **{
            f"execution:{name}": {"kwargs": _CONTRACT}
            for name in ("portal_contract", "traceability", "progress_report", "acceptance_request", "grant_access")
        },
        "execution:deliverable_upload": {"kwargs": {"pk": 999_999}},
        "execution:plan_review": {"kwargs": {"pk": 999_999}},
        "execution:defect_to_request": {"kwargs": {"pk": 999_999}},
        "execution:inspection_check": {"kwargs": {"pk": 999_999}},
        "execution:inspection_report": {"kwargs": {**_INSPECTION, "fmt": "pdf"}},
    }
)


# --- Chapter 7 (itms/performance): pages outside the registry --------------------------------------------------------
_ROUND = {"pk": 1}  # the demo's 2024 measurement round
_TARGET = {"pk": 1}  # a system measured in 2024
_DIAGNOSIS = {"pk": 1}  # the demo's 2025 level diagnosis


def _performance_readers(user) -> int:
    """The 성과관리 현황 (a27.1): whoever the policy lets see the measured systems."""
    if user is ANONYMOUS:
        return 302
    return 200 if policy_allows(user, "performance.view_measurementtarget") else 403


def _performance_document(model_path: str, pk: int) -> Callable:
    """The measurement's documents are the agency's: seen only by officials who may see the record."""

    def expected(user) -> int:
        if user is ANONYMOUS:
            return 302
        if not _sees(model_path, pk, user):
            return 404
        return 200 if user.kind == "staff" or user.is_superuser else 403

    return expected


SPECIAL.update(
    {
        "performance:dashboard": _performance_readers,
        "performance:propose": _signed_in(405),  # POST only
        "performance:round_summary": _performance_document("performance.MeasurementRound", _ROUND["pk"]),
        "performance:target_report": _performance_document("performance.MeasurementTarget", _TARGET["pk"]),
        "performance:diagnosis_report": _performance_document("performance.DiagnosisRound", _DIAGNOSIS["pk"]),
    }
)
SPECIAL_ARGS.update(
    {
        "performance:round_summary": {"kwargs": {**_ROUND, "fmt": "xlsx"}},
        "performance:target_report": {"kwargs": _TARGET},
        "performance:diagnosis_report": {"kwargs": _DIAGNOSIS},
    }
)


# --- Chapter 6 (itms/operations): pages outside the registry --------------------------------------------------------
def _operations_officials(permission: str) -> Callable:
    """An IT department's dashboard and queue (a24.1, a25.4): officials the policy lets see the records."""

    def expected(user) -> int:
        if user is ANONYMOUS:
            return 302
        return 200 if policy_allows(user, permission) and (user.kind == "staff" or user.is_superuser) else 403

    return expected


def _operated_systems(user) -> int:
    """The operated systems: officials see all, a vendor the systems of its own contracts (a24.3, a17.3)."""
    if user is ANONYMOUS:
        return 302
    return 200 if user.kind == "vendor" or policy_allows(user, "operations.view_incident") else 403


_SYSTEM = {"pk": 1}  # the demo's UNI-PASS, registered first (resources demo)


def _operated_system(user) -> int:
    """UNI-PASS: covered by the O&M contract of ``vendor``'s company, not of ``vendor2``'s."""
    from itms.resources.models import InformationSystem

    if user is ANONYMOUS:
        return 302
    if user.kind == "vendor":
        from itms.operations.models.scopes import vendor_systems

        return 200 if InformationSystem.objects.filter(pk__in=vendor_systems(user), pk=_SYSTEM["pk"]).exists() else 404
    return 200 if policy_allows(user, "operations.view_incident") else 403


def _sla_year():
    from django.utils import timezone

    return {"pk": 1, "year": timezone.localdate().year}  # the demo's one SLA (<year>-UP-OM-01)


_SLA_YEAR = _sla_year()


def _sla_readers(user) -> int:
    """The SLA's yearly report: whoever may see the SLA (the IT department, officials, the vendor of the contract)."""
    if user is ANONYMOUS:
        return 302
    return 200 if _sees("operations.ServiceLevelAgreement", _SLA_YEAR["pk"], user) else 404


SPECIAL.update(
    {
        "operations:dashboard": _operations_officials("operations.view_incident"),
        "operations:queue": _operations_officials("operations.view_maintenancerequest"),
        "operations:systems": _operated_systems,
        "operations:system": _operated_system,
        "operations:queue_move": _signed_in(405),  # POST only
        "operations:sla_measure": _signed_in(405),  # POST only
        "operations:sla_year": _sla_readers,
        "operations_api:sla_measure": lambda user: 401 if user is ANONYMOUS else 405,  # POST only
        "operations:sla_year_export": _sla_readers,
    }
)
SPECIAL_ARGS.update(
    {
        "operations:system": {"kwargs": _SYSTEM},
        "operations:queue_move": {"kwargs": {"pk": 999_999}},
        "operations:sla_measure": {"kwargs": {"pk": 999_999}},
        "operations:sla_year": {"kwargs": _SLA_YEAR},
        "operations_api:sla_measure": {"kwargs": {"pk": 999_999}},
        "operations:sla_year_export": {"kwargs": {**_SLA_YEAR, "fmt": "xlsx"}},
    }
)
