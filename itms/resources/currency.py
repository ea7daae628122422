"""The 현행화 dashboard: is the inventory current, and who has registered what the directive asks (a29)?

Each row answers to a clause:

- a29.3.3 — assets of each unit and type lacking a mandatory attribute (counted from ``Asset.missing_attributes``,
  kept up to date when an asset or its type's definitions change: one GROUP BY, no per-asset work);
- a29.3 — assets not verified (by a 실사 or the officer) within ``asset_verification_months``;
- a29.2 — systems an IT department operates with no asset registered, and their unverified assets;
- a29.1 — projects past a stage without the plan, RFP or deliverables registered as documents;
- a24.4 — subsystems of 소속·산하기관 and whether their operation and security policy is registered.

Everything is read through the user's own view scope.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from itms.documents.models import Document, DocumentKind
from itms.projects.choices import ProjectStage
from itms.projects.models import Project

from .actions.assets import stale_before
from .choices import HARDWARE_KINDS, AssetStatus
from .models import Asset, InformationSystem, SystemStatus

TOP_UNITS = 15
PLAN_ON = [
    ProjectStage.PLAN,
    ProjectStage.DELIBERATED,
    ProjectStage.DETAILED_PLAN,
    ProjectStage.ACQUISITION,
    ProjectStage.EXECUTION,
    ProjectStage.INSPECTION,
    ProjectStage.OPERATION,
    ProjectStage.CLOSED,
]
RFP_ON = PLAN_ON[3:]
DELIVERABLES_ON = PLAN_ON[5:]
REQUIRED_DOCUMENTS = [
    # (document kind, stages from which it must be registered, label)
    (DocumentKind.PLAN, PLAN_ON, "사업계획서"),
    (DocumentKind.RFP, RFP_ON, "제안요청서"),
    (DocumentKind.DELIVERABLE, DELIVERABLES_ON, "산출물"),
]


def dashboard(user) -> dict:
    today = timezone.localdate()
    limit = stale_before(today)
    assets = Asset.objects.restrict(user, "view").exclude(status=AssetStatus.DISPOSED)
    stale = Q(verified_on__isnull=True) | Q(verified_on__lt=limit)
    # One GROUP BY over the assets (a few hundred groups); the totals and the per-unit rows are sums of it.
    groups = list(
        assets.values("org_unit_id", "org_unit__name", "asset_type__name", "asset_type__kind")
        .annotate(
            total=Count("pk"),
            incomplete=Count("pk", filter=Q(missing_attributes__gt=0)),
            stale=Count("pk", filter=stale),
        )
        .order_by()
    )
    counted = ("total", "incomplete", "stale")
    totals = {key: sum(g[key] for g in groups) for key in counted}
    totals["hardware"] = sum(g["total"] for g in groups if g["asset_type__kind"] in HARDWARE_KINDS)
    totals["software"] = totals["total"] - totals["hardware"]
    by_unit_type = sorted(
        groups, key=lambda r: (-r["incomplete"], -r["stale"], r["org_unit__name"], r["asset_type__name"])
    )[:60]
    list_url = reverse("resources:asset_list")
    for row in by_unit_type:
        row["complete_percent"] = (
            round(100 * (row["total"] - row["incomplete"]) / row["total"]) if row["total"] else 100
        )
        row["incomplete_url"] = f"{list_url}?org_unit={row['org_unit_id']}&incomplete=true"
        row["stale_url"] = f"{list_url}?org_unit={row['org_unit_id']}&currency=stale"
    units: dict[int, dict] = {}
    for g in groups:
        unit = units.setdefault(g["org_unit_id"], {"org_unit__name": g["org_unit__name"], **dict.fromkeys(counted, 0)})
        for key in counted:
            unit[key] += g[key]
    by_unit = sorted(units.values(), key=lambda r: (-r["total"], r["org_unit__name"]))[:TOP_UNITS]
    systems = _systems(user, limit)
    projects = _projects(user)
    subsystems = _subsystems(user)
    chart = {
        "units": {
            "labels": [r["org_unit__name"] for r in by_unit],
            "complete": [r["total"] - r["incomplete"] for r in by_unit],
            "incomplete": [r["incomplete"] for r in by_unit],
            "stale": [r["stale"] for r in by_unit],
        },
        "documents": {
            "labels": [label for _kind, _stages, label in REQUIRED_DOCUMENTS],
            "values": [projects["missing"][label] for _kind, _stages, label in REQUIRED_DOCUMENTS],
        },
    }
    return {
        "today": today,
        "stale_before": limit,
        "totals": totals,
        "by_unit_type": by_unit_type,
        "systems": systems,
        "projects": projects,
        "subsystems": subsystems,
        "chart": chart,
        "list_url": list_url,
    }


def _systems(user, limit) -> list[dict]:
    """a29.2: per operating IT department, its operating systems with no asset, and its unverified assets."""
    has_asset = Asset.objects.filter(system=OuterRef("pk")).exclude(status=AssetStatus.DISPOSED)
    systems = (
        InformationSystem.objects.restrict(user, "view")
        .filter(status=SystemStatus.OPERATING)
        .annotate(has_asset=Exists(has_asset))
    )
    rows = list(
        systems.values("operating_unit__name")
        .annotate(total=Count("pk"), without_assets=Count("pk", filter=Q(has_asset=False)))
        .order_by("-without_assets", "operating_unit__name")[:TOP_UNITS]
    )
    stale_by_unit = dict(
        Asset.objects.restrict(user, "view")
        .exclude(status=AssetStatus.DISPOSED)
        .filter(system__isnull=False)
        .filter(Q(verified_on__isnull=True) | Q(verified_on__lt=limit))
        .values_list("system__operating_unit__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        row["stale"] = stale_by_unit.get(row["operating_unit__name"], 0)
    return rows


def _projects(user) -> dict:
    """a29.1: projects past a stage without the document that stage needs."""
    projects = Project.objects.restrict(user, "view")
    annotations = {
        label: Exists(Document.objects.filter(project=OuterRef("pk"), kind=kind))
        for kind, _stages, label in REQUIRED_DOCUMENTS
    }
    annotated = projects.annotate(**{f"has_{i}": a for i, a in enumerate(annotations.values())})
    missing = {}
    by_unit: dict[str, dict] = {}
    for i, (_kind, stages, label) in enumerate(REQUIRED_DOCUMENTS):
        lacking = annotated.filter(stage__in=stages, **{f"has_{i}": False})
        missing[label] = 0  # the sum of the units' counts: no second pass over the projects
        for name, n in lacking.values_list("sponsor_unit__name").annotate(n=Count("pk")).order_by():
            by_unit.setdefault(name, {"unit": name, **{lbl: 0 for _k, _s, lbl in REQUIRED_DOCUMENTS}})[label] = n
            missing[label] += n
    rows = sorted(by_unit.values(), key=lambda r: -sum(r[lbl] for _k, _s, lbl in REQUIRED_DOCUMENTS))[:TOP_UNITS]
    examples = list(
        annotated.filter(stage__in=PLAN_ON, has_0=False)
        .select_related("sponsor_unit")
        .order_by("-start_year", "name")[:10]
    )
    return {
        "missing": missing,
        "rows": rows,
        "labels": [lbl for _k, _s, lbl in REQUIRED_DOCUMENTS],
        "examples": examples,
    }


def _subsystems(user) -> dict:
    """a24.4: subsystems of 소속·산하기관 registered, and those whose policies are not dated yet."""
    subsystems = InformationSystem.objects.restrict(user, "view").filter(developed_by_affiliate=True)
    return {
        "total": subsystems.count(),
        "undated": subsystems.filter(policy_established_on__isnull=True).count(),
        "url": reverse("resources:informationsystem_list") + "?developed_by_affiliate=true",
    }
