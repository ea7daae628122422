"""정보시스템 with their functions and interfaces, and ten years of 정보화사업 with budgets and participants."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from itms.accounts.models import Organization, OrgUnitKind, User
from itms.projects.choices import FundingSource, ParticipantRole, ProjectKind, ProjectStage
from itms.projects.models import Project, ProjectParticipant

from . import vocab
from .context import Context, Phase
from .writer import aware, insert, table_exists

KIND_WEIGHTS = [
    (ProjectKind.OPERATION, 30),
    (ProjectKind.ENHANCEMENT, 20),
    (ProjectKind.CONSTRUCTION, 15),
    (ProjectKind.RESEARCH, 8),
    (ProjectKind.ISP, 7),
    (ProjectKind.BPR, 3),
    (ProjectKind.AUDIT, 10),
    (ProjectKind.PMO, 7),
]
RUNNING = [
    (ProjectStage.EXECUTION, 50),
    (ProjectStage.ACQUISITION, 20),
    (ProjectStage.INSPECTION, 15),
    (ProjectStage.DETAILED_PLAN, 10),
    (ProjectStage.ON_HOLD, 5),
]
NEXT_YEAR = [
    (ProjectStage.PLAN, 35),
    (ProjectStage.PRE_REVIEW, 30),
    (ProjectStage.IDEA, 15),
    (ProjectStage.DELIBERATED, 10),
    (ProjectStage.DETAILED_PLAN, 5),
    (ProjectStage.ON_HOLD, 5),
]
FINISHED = [(ProjectStage.CLOSED, 70), (ProjectStage.OPERATION, 25), (ProjectStage.CANCELLED, 5)]
WITH_VENDOR = {
    ProjectStage.ACQUISITION,
    ProjectStage.EXECUTION,
    ProjectStage.INSPECTION,
    ProjectStage.OPERATION,
    ProjectStage.CLOSED,
}
INTERFACE_DATA = [
    "신고 자료",
    "화물 정보",
    "세액 정보",
    "통계 자료",
    "사용자 정보",
    "위험 정보",
    "영상 자료",
    "업체 정보",
]


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def build(ctx: Context) -> None:
    if apps.is_installed("itms.resources") and table_exists(apps.get_model("resources", "InformationSystem")):
        with Phase(ctx, "정보시스템·기능"):
            _systems(ctx)
    else:
        ctx.log("  정보시스템: itms.resources가 없어 건너뜁니다")
    with Phase(ctx, "정보화사업"):
        _projects(ctx)


# --- information systems ---------------------------------------------------------------------------------------
def _systems(ctx: Context) -> None:
    system_model = apps.get_model("resources", "InformationSystem")
    function_model = apps.get_model("resources", "SystemFunction")
    interface_model = apps.get_model("resources", "SystemInterface")
    rng = ctx.rng("systems")
    org_names = dict(Organization.objects.values_list("pk", "short_name"))
    existing = list(system_model.objects.values_list("pk", "name", "operating_unit_id"))
    ctx.systems.extend(existing)
    wanted = ctx.target("systems", len(existing), minimum=3)
    it_units = [u for u in ctx.units.values() if u.is_it]
    weights = [3.0 if u.org_code == "KCS" else 1.0 for u in it_units]
    staff_by_unit: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in ctx.user_units.items():
        staff_by_unit[unit_id].append(user_id)
    rows, by_org = [], defaultdict(list)
    for _ in range(wanted):
        pk = ctx.ids.one(system_model)
        unit = rng.choices(it_units, weights)[0]
        domain = rng.choice(vocab.PROJECT_DOMAINS)
        prefix = "" if unit.org_code == "KCS" else f"{org_names[unit.org_id]} "
        name = f"{prefix}{domain} {rng.choice(vocab.SYSTEM_SUFFIXES)}"
        parent = None
        if by_org[unit.org_id] and rng.random() < 0.25:
            parent_pk, parent_name = rng.choice(by_org[unit.org_id])
            parent, name = parent_pk, f"{parent_name} › {domain}"
        else:
            by_org[unit.org_id].append((pk, name))
        status = _pick(rng, [("operating", 85), ("building", 5), ("planned", 5), ("retired", 5)])
        service_start = (
            None
            if status in ("planned", "building")
            else ctx.day_between(rng, dt.date(ctx.start.year - 8, 1, 1), ctx.today)
        )
        build_cost = round(math.exp(rng.gauss(math.log(2_000_000_000), 1.0)), -6)
        officer = rng.choice(staff_by_unit[unit.pk]) if staff_by_unit[unit.pk] else None
        created = aware(service_start or ctx.today, 10)
        rows.append(
            (
                pk,
                name[:200],
                f"GS{pk:05d}",
                f"{domain} 업무를 전산으로 처리하고 관련 기관과 자료를 연계한다.",
                unit.org_id,
                unit.pk,
                officer,
                parent,
                f"관세행정 > {domain}",
                service_start,
                status,
                rng.random() < 0.3,
                str(rng.randint(1, 4)),
                rng.random() < 0.5,
                int(build_cost),
                int(build_cost * rng.uniform(0.08, 0.2) // 1_000_000 * 1_000_000),
                created,
                created,
            )
        )
        ctx.systems.append((pk, name[:200], unit.pk))
    insert(
        system_model,
        (
            "id",
            "name",
            "code",
            "purpose",
            "organization_id",
            "operating_unit_id",
            "officer_id",
            "parent_id",
            "brm_class",
            "service_start",
            "status",
            "is_public",
            "grade",
            "has_personal_data",
            "build_cost",
            "annual_om_cost",
            "created_at",
            "updated_at",
        ),
        rows,
    )
    ctx.count("systems", len(rows))
    ctx.remember("resources.informationsystem", [(r[0], r[1]) for r in rows])

    new_systems = [(r[0], r[1], r[16]) for r in rows]
    functions = ctx.target("functions", function_model.objects.count(), minimum=10)
    per_system = max(1, functions // max(1, len(new_systems)))
    combos = [f"{o} {v}" for o in vocab.FUNCTION_OBJECTS for v in vocab.FUNCTION_VERBS]
    function_rows = []
    for index, (system_id, system_name, created) in enumerate(new_systems):
        count = per_system + (1 if index < functions - per_system * len(new_systems) else 0)
        for name in rng.sample(combos, min(count, len(combos))):
            pk = ctx.ids.one(function_model)
            function_rows.append((pk, system_id, name, f"{system_name}의 {name} 기능", created, created))
    insert(function_model, ("id", "system_id", "name", "description", "created_at", "updated_at"), function_rows)
    ctx.count("functions", len(function_rows))
    ctx.remember("resources.systemfunction", [(r[0], r[2]) for r in function_rows])

    seen = set(interface_model.objects.values_list("source_id", "target_id", "data"))
    interface_rows = []
    all_ids = [s[0] for s in ctx.systems]
    for system_id, _name, created in new_systems:
        for _ in range(rng.randint(0, 4)):
            target = rng.choice(all_ids)
            data = rng.choice(INTERFACE_DATA)
            if target == system_id or (system_id, target, data) in seen:
                continue
            seen.add((system_id, target, data))
            interface_rows.append((ctx.ids.one(interface_model), system_id, target, data, created, created))
    insert(interface_model, ("id", "source_id", "target_id", "data", "created_at", "updated_at"), interface_rows)
    ctx.count("interfaces", len(interface_rows))


# --- projects ----------------------------------------------------------------------------------------------------
def _projects(ctx: Context) -> None:
    rng = ctx.rng("projects")
    today = ctx.today
    existing = list(
        Project.objects.values_list(
            "pk", "code", "name", "organization_id", "sponsor_unit_id", "start_year", "end_year", "stage"
        )
    )
    ctx.projects.extend(existing)
    wanted = ctx.target("projects", len(existing), minimum=10)
    codes = {p[1] for p in existing}
    units = [
        u
        for u in ctx.units.values()
        if u.kind in (OrgUnitKind.DIVISION, OrgUnitKind.TEAM, OrgUnitKind.OFFICER) or u.is_it
    ] or list(ctx.units.values())
    it_units = [u for u in units if u.is_it] or units
    demo_sponsor = next((u for u in ctx.units.values() if u.org_code == "KCS" and u.name == "통관기획과"), None)
    systems_by_org: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, name, unit_id in ctx.systems:
        systems_by_org[ctx.units[unit_id].org_id].append((pk, name))
    serial: dict[tuple[int, str], int] = defaultdict(lambda: 100)
    first_year, last_year = ctx.start.year, today.year + 1

    project_rows, co_rows, budget_rows, participant_rows, related_rows = [], [], [], [], []
    budget_model = apps.get_model("projects", "BudgetLine") if _has_model("projects", "BudgetLine") else None
    related_field = _m2m(Project, "related_systems") if ctx.systems else None
    companies = [c for c, staff in ctx.vendors_by_company.items() if staff]
    demo_vendor = User.objects.filter(username="vendor").values_list("pk", flat=True).first()
    demo_expert = User.objects.filter(username="expert").values_list("pk", flat=True).first()
    demo_links = {"vendor": 0, "expert": 0}

    for _ in range(wanted):
        pk = ctx.ids.one(Project)
        kind = _pick(rng, KIND_WEIGHTS)
        start = rng.randint(first_year, last_year)
        end = (
            start
            if kind in (ProjectKind.OPERATION, ProjectKind.AUDIT)
            else start + _pick(rng, [(0, 60), (1, 30), (2, 10)])
        )
        if demo_sponsor is not None and rng.random() < 0.015:
            sponsor = demo_sponsor
        elif kind in (ProjectKind.OPERATION, ProjectKind.AUDIT, ProjectKind.PMO) or rng.random() < 0.35:
            sponsor = rng.choice(it_units)
        else:
            sponsor = rng.choice(units)
        org_id = sponsor.org_id
        system = rng.choice(systems_by_org[org_id]) if systems_by_org[org_id] else None
        name = vocab.project_name(rng, kind, start, system[1] if system else None)[:200]
        if end < today.year:
            stage = ProjectStage.CLOSED if kind in (ProjectKind.OPERATION, ProjectKind.AUDIT) else _pick(rng, FINISHED)
        elif start <= today.year:
            stage = _pick(rng, RUNNING)
        elif start == today.year + 1:
            stage = _pick(rng, NEXT_YEAR)
        else:
            stage = ProjectStage.IDEA
        key = (start, ctx.org_codes[org_id])
        serial[key] += 1
        code = f"{start}-{ctx.org_codes[org_id]}-{serial[key]:03d}"
        while code in codes:
            serial[key] += 1
            code = f"{start}-{ctx.org_codes[org_id]}-{serial[key]:03d}"
        codes.add(code)
        budget = int(round(math.exp(rng.gauss(math.log(800_000_000), 1.1)), -6))
        budget = min(max(budget, 30_000_000), 40_000_000_000)
        funding = _pick(rng, [(FundingSource.OWN, 85), (FundingSource.AFFILIATE, 12), (FundingSource.OTHER_BODY, 3)])
        funding_body = (
            rng.choice(["행정안전부", "과학기술정보통신부", "기획재정부"])
            if funding == FundingSource.OTHER_BODY
            else ""
        )
        new_tech = kind == ProjectKind.RESEARCH or name.startswith(("AI", "블록체인", "지능형"))
        created = aware(dt.date(start - 1, 1, 10) + dt.timedelta(days=rng.randint(0, 300)), 10)
        project_rows.append(
            (
                pk,
                name,
                code,
                org_id,
                sponsor.pk,
                kind,
                start,
                end,
                budget,
                funding,
                funding_body,
                new_tech,
                stage,
                vocab.project_summary(rng, name),
                created,
                created,
            )
        )
        ctx.projects.append((pk, code, name, org_id, sponsor.pk, start, end, stage))

        if rng.random() < 0.15:
            same_org = [u for u in rng.sample(units, min(20, len(units))) if u.org_id == org_id and u.pk != sponsor.pk]
            for unit in same_org[: rng.randint(1, 2)]:
                co_rows.append((pk, unit.pk))
        if budget_model is not None:
            years = list(range(start, end + 1))
            shares = [rng.uniform(0.6, 1.4) for _ in years]
            amounts = [int(budget * s / sum(shares) // 1_000_000 * 1_000_000) for s in shares]
            amounts[-1] += budget - sum(amounts)
            for year, amount in zip(years, amounts, strict=True):
                budget_rows.append(
                    (
                        ctx.ids.one(budget_model),
                        pk,
                        year,
                        amount,
                        int(amount * rng.choice([0, 0, 0.1, 0.2, 0.3]) // 1_000_000 * 1_000_000),
                        created,
                        created,
                    )
                )
        if (
            related_field is not None
            and system
            and kind in (ProjectKind.OPERATION, ProjectKind.ENHANCEMENT, ProjectKind.AUDIT, ProjectKind.CONSTRUCTION)
        ):
            related_rows.append((pk, system[0]))
        if stage in WITH_VENDOR and companies:
            participant_rows += _participants(ctx, rng, pk, start, end, companies, demo_vendor, demo_expert, demo_links)

    insert(
        Project,
        (
            "id",
            "name",
            "code",
            "organization_id",
            "sponsor_unit_id",
            "kind",
            "start_year",
            "end_year",
            "total_budget",
            "funding",
            "funding_body",
            "is_new_technology",
            "stage",
            "summary",
            "created_at",
            "updated_at",
        ),
        project_rows,
    )
    co_through = Project.co_units.through
    insert(co_through, ("project_id", "orgunit_id"), co_rows)
    if budget_model is not None:
        insert(
            budget_model,
            ("id", "project_id", "year", "amount", "hw_sw_purchase", "created_at", "updated_at"),
            budget_rows,
        )
    if related_field is not None:
        through = related_field.remote_field.through
        source, target = (f.attname for f in through._meta.concrete_fields if f.is_relation)
        insert(through, (source, target), related_rows)
    insert(
        ProjectParticipant,
        ("id", "project_id", "user_id", "role", "start_date", "end_date", "created_at", "updated_at"),
        participant_rows,
    )
    ctx.count("projects", len(project_rows))
    ctx.count("project_co_units", len(co_rows))
    ctx.count("budget_lines", len(budget_rows))
    ctx.count("project_participants", len(participant_rows))
    ctx.count("project_related_systems", len(related_rows))
    ctx.remember("projects.project", [(r[0], r[1]) for r in project_rows])
    ctx.remember("projects.projectparticipant", [(r[0], "참여자") for r in participant_rows])


def _participants(ctx, rng, project_id, start, end, companies, demo_vendor, demo_expert, demo_links) -> list[tuple]:
    """The vendor's PM and staff, sometimes an auditor from another firm and outside experts (a17.3)."""
    rows = []
    company = rng.choice(companies)
    staff = ctx.vendors_by_company[company]
    first = dt.date(start, rng.randint(2, 5), rng.randint(1, 28))
    last = dt.date(end, 12, rng.randint(10, 28))
    last = last if last < ctx.today else None
    created = aware(first, 11)
    people = rng.sample(staff, min(len(staff), rng.randint(1, 4)))
    for index, user_id in enumerate(people):
        role = ParticipantRole.VENDOR_MANAGER if index == 0 else ParticipantRole.VENDOR_STAFF
        rows.append((ctx.ids.one(ProjectParticipant), project_id, user_id, role, first, last, created, created))
    # The demo vendor and expert see a handful of generated projects, so their scoped pages have rows.
    if demo_vendor and demo_links["vendor"] < 15 and demo_vendor not in people and rng.random() < 0.05:
        demo_links["vendor"] += 1
        rows.append(
            (
                ctx.ids.one(ProjectParticipant),
                project_id,
                demo_vendor,
                ParticipantRole.VENDOR_STAFF,
                first,
                last,
                created,
                created,
            )
        )
    if rng.random() < 0.1 and len(companies) > 1:
        other = rng.choice([c for c in companies if c != company])
        rows.append(
            (
                ctx.ids.one(ProjectParticipant),
                project_id,
                rng.choice(ctx.vendors_by_company[other]),
                ParticipantRole.AUDITOR,
                first,
                last,
                created,
                created,
            )
        )
    if ctx.experts and rng.random() < 0.3:
        for user_id in rng.sample(ctx.experts, min(len(ctx.experts), rng.randint(1, 2))):
            if user_id == demo_expert:
                continue
            role = rng.choice([ParticipantRole.ADVISER, ParticipantRole.EVALUATOR])
            rows.append((ctx.ids.one(ProjectParticipant), project_id, user_id, role, first, last, created, created))
    if demo_expert and demo_links["expert"] < 10 and rng.random() < 0.03:
        demo_links["expert"] += 1
        rows.append(
            (
                ctx.ids.one(ProjectParticipant),
                project_id,
                demo_expert,
                ParticipantRole.ADVISER,
                first,
                last,
                created,
                created,
            )
        )
    return rows


def _has_model(app_label: str, name: str) -> bool:
    try:
        return table_exists(apps.get_model(app_label, name))
    except LookupError:
        return False


def _m2m(model, name: str):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # not (yet) in this version of the model
        return None
    return field if field.many_to_many and table_exists(field.remote_field.through) else None
