"""기관, 부서, 직위, 사람, 보직 (with 10 years of rotations and 직무대행), 역할 지정, 업체."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.auth.hashers import make_password

from itms.accounts.demo import DEMO_PASSWORD
from itms.accounts.models import (
    Assignment,
    AssignmentKind,
    Company,
    Grade,
    Organization,
    OrganizationKind,
    OrgUnit,
    OrgUnitKind,
    RoleBinding,
    User,
    UserKind,
)
from itms.accounts.models import Position as PositionModel
from itms.accounts.roles import Role
from itms.accounts.validators import complete_business_number

from . import vocab
from .context import Context, Phase, Position, Unit
from .writer import aware, insert


def build(ctx: Context) -> None:
    ctx.password_hash = make_password(DEMO_PASSWORD)  # once: hashing 5,000 times would take minutes
    _load_existing(ctx)
    with Phase(ctx, "기관·부서"):
        _organizations(ctx)
        _units(ctx)
    with Phase(ctx, "직위·사람·보직"):
        _positions(ctx)
        _companies(ctx)
        _people(ctx)
        _role_bindings(ctx)


# --- what the demo already has ---------------------------------------------------------------------------
def _load_existing(ctx: Context) -> None:
    for pk, code in Organization.objects.values_list("pk", "code"):
        ctx.org_codes[pk] = code
    for pk, org_id, parent_id, name, kind, is_it, code in OrgUnit.objects.values_list(
        "pk", "organization_id", "parent_id", "name", "kind", "is_it_department", "organization__code"
    ):
        ctx.units[pk] = Unit(pk, org_id, parent_id, name, kind, is_it, code)
    for pk, unit_id, title, is_head in PositionModel.objects.values_list("pk", "unit_id", "title", "is_head"):
        ctx.positions[pk] = Position(pk, unit_id, title, is_head)
    for user_id, position_id, kind, start, end in Assignment.objects.values_list(
        "user_id", "position_id", "kind", "start_date", "end_date"
    ):
        ctx.positions[position_id].tenure.append((start, end, user_id, kind))
    for pk, name, kind, company_id in User.objects.values_list("pk", "name", "kind", "company_id"):
        ctx.user_names[pk] = name
        if kind == UserKind.VENDOR and company_id:
            ctx.vendors_by_company.setdefault(company_id, []).append(pk)
        elif kind == UserKind.EXPERT:
            ctx.experts.append(pk)
    for position in ctx.positions.values():
        for start, end, user_id, kind in position.tenure:
            if kind == AssignmentKind.REGULAR and start <= ctx.today and (end is None or end >= ctx.today):
                ctx.user_units.setdefault(user_id, position.unit_id)
    ctx.staff = sorted(ctx.user_units)


# --- organisations and departments -----------------------------------------------------------------------
def _organizations(ctx: Context) -> None:
    existing = Organization.objects.count()
    wanted = ctx.target("organizations", existing)
    codes = {code: pk for pk, code in ctx.org_codes.items()}
    pool = [*vocab.CUSTOMS_OFFICES, *vocab.PUBLIC_INSTITUTIONS]
    for n in range(len(pool), wanted):  # beyond S = 1.0: numbered customs offices
        pool.append((f"GX{n:03d}", f"제{n - len(pool) + 1}지역세관", f"제{n - len(pool) + 1}지역세관", "SEL"))
    taken = set(Organization.objects.values_list("name", flat=True))
    chosen = [row for row in pool if row[0] not in codes and row[1] not in taken][:wanted]
    ids = ctx.ids.take(Organization, len(chosen))
    order = (max(Organization.objects.values_list("sort_order", flat=True), default=0) or 0) + 1
    rows = []
    for pk, (code, name, short, parent) in zip(ids, chosen, strict=True):
        kind = OrganizationKind.PUBLIC_INSTITUTION if parent == "KCS" else OrganizationKind.AFFILIATE
        rows.append((pk, name, short, kind, codes.get(parent) or codes["KCS"], code, order, True))
        ctx.org_codes[pk] = code
        order += 1
    insert(Organization, ("id", "name", "short_name", "kind", "parent_id", "code", "sort_order", "is_active"), rows)
    ctx.count("organizations", len(rows))
    ctx.remember("accounts.organization", [(r[0], r[1]) for r in rows])


def _units(ctx: Context) -> None:
    rng = ctx.rng("units")
    wanted = ctx.target("units", len(ctx.units), minimum=5)
    codes = {code: pk for pk, code in ctx.org_codes.items()}
    kinds = dict(Organization.objects.values_list("pk", "kind"))
    unit_by_code = dict(OrgUnit.objects.values_list("code", "pk"))
    taken = {(u.org_id, u.parent_id, u.name) for u in ctx.units.values()}
    has_it = {u.org_id for u in ctx.units.values() if u.is_it}

    # Per organisation, the departments it could still get, in the order an agency would add them.
    plans: dict[int, list[tuple[int | None, str, str, bool]]] = {}
    kcs = codes["KCS"]
    plans[kcs] = [(unit_by_code.get(parent), name, kind, False) for parent, name, kind in vocab.HQ_DIVISIONS]
    for org_id, kind in kinds.items():
        if org_id == kcs:
            continue
        if kind == OrganizationKind.PUBLIC_INSTITUTION:
            plans[org_id] = [
                (None, n, OrgUnitKind.OFFICE, n in vocab.INSTITUTION_IT_UNITS) for n in vocab.INSTITUTION_UNITS
            ]
            continue
        big = ctx.org_codes[org_id] in {"SEL", "PUS", "ICH", "TAE", "KWJ", "ICN", "PTK"}
        divisions = vocab.OFFICE_DIVISIONS[: (18 if big else 8)]
        plan = [(None, divisions[0], OrgUnitKind.DIVISION, False)]
        if org_id not in has_it:
            it_name = vocab.OFFICE_IT_DIVISIONS[0 if big else 1]
            plan.append((None, it_name, OrgUnitKind.DIVISION if big else OrgUnitKind.TEAM, True))
        plan += [(None, name, OrgUnitKind.DIVISION, False) for name in divisions[1:]]
        plans[org_id] = plan
    order = [org_id for org_id in plans if plans[org_id]]
    rng.shuffle(order)
    order.sort(key=lambda org_id: org_id != kcs)  # headquarters first, then a fair round over the others

    chosen: list[tuple[int, int | None, str, str, bool]] = []
    while len(chosen) < wanted and any(plans[o] for o in order):
        for org_id in order:
            if plans[org_id] and len(chosen) < wanted:
                parent, name, kind, is_it = plans[org_id].pop(0)
                if (org_id, parent, name) not in taken:
                    taken.add((org_id, parent, name))
                    chosen.append((org_id, parent, name, kind, is_it))
    # Then teams under divisions, numbered once the names run out.
    divisions = [u for u in ctx.units.values() if u.kind == OrgUnitKind.DIVISION]
    serial = 0
    while len(chosen) < wanted:
        parent = rng.choice(divisions) if divisions else None
        serial += 1
        name = vocab.TEAM_NAMES[serial % len(vocab.TEAM_NAMES)]
        org_id = parent.org_id if parent else kcs
        parent_id = parent.pk if parent else None
        if (org_id, parent_id, name) in taken:
            name = f"{name.removesuffix('팀')}{serial // len(vocab.TEAM_NAMES) + 2}팀"
        if (org_id, parent_id, name) in taken:
            continue
        taken.add((org_id, parent_id, name))
        chosen.append((org_id, parent_id, name, OrgUnitKind.TEAM, False))

    ids = ctx.ids.take(OrgUnit, len(chosen))
    rows = []
    base_order = 1000
    for i, (pk, (org_id, parent_id, name, kind, is_it)) in enumerate(zip(ids, chosen, strict=True)):
        code = f"{ctx.org_codes[org_id]}-G{pk:04d}"
        rows.append((pk, org_id, parent_id, name, kind, code, is_it, False, base_order + i, True))
        ctx.units[pk] = Unit(pk, org_id, parent_id, name, kind, is_it, ctx.org_codes[org_id])
    insert(
        OrgUnit,
        (
            "id",
            "organization_id",
            "parent_id",
            "name",
            "kind",
            "code",
            "is_it_department",
            "is_budget_department",
            "sort_order",
            "is_active",
        ),
        rows,
    )
    ctx.count("units", len(rows))
    ctx.remember("accounts.orgunit", [(r[0], r[3]) for r in rows])


# --- positions, people and their assignments ------------------------------------------------------------------
def _head_title(unit: Unit) -> str:
    return unit.name if unit.name.endswith("관") else f"{unit.name}장"  # 행정관리담당관; 인사팀장, 정보기획처장


def _positions(ctx: Context) -> None:
    """A head for every new unit, and staff positions spread over every unit (bigger ones get more)."""
    rng = ctx.rng("positions")
    existing_users = User.objects.count()
    new_users = ctx.target("users", existing_users, minimum=30)
    vendors = round(new_users * 0.06)
    experts = round(new_users * 0.02)
    former = round((new_users - vendors - experts) * 0.08)  # retired or left: they hold only past positions
    active = new_users - vendors - experts - former
    ctx.scratch["split"] = (active, former, vendors, experts)

    titles: dict[int, set[str]] = defaultdict(set)
    heads = set()
    for position in ctx.positions.values():
        titles[position.unit_id].add(position.title)
        if position.is_head:
            heads.add(position.unit_id)
    rows = []
    new_positions: list[int] = []

    def add(unit: Unit, title: str, grade: str, is_head: bool, sort: int) -> None:
        pk = ctx.ids.one(PositionModel)
        rows.append((pk, unit.pk, title, grade, is_head, sort, True))
        titles[unit.pk].add(title)
        ctx.positions[pk] = Position(pk, unit.pk, title, is_head)
        new_positions.append(pk)

    for unit in ctx.units.values():
        if unit.pk not in heads:
            grade = (
                Grade.PUBLIC_INSTITUTION
                if unit.org_code.startswith("GK") or unit.org_code == "KCIS"
                else (Grade.GRADE_5 if unit.kind == OrgUnitKind.TEAM else Grade.GRADE_4)
            )
            add(unit, _head_title(unit), grade, True, 0)
    weights = {}
    for unit in ctx.units.values():
        weight = 1.0
        if unit.org_code == "KCS":
            weight = 1.6
        elif unit.org_code in {"SEL", "PUS", "ICH", "ICN"}:
            weight = 1.3
        if unit.kind == OrgUnitKind.TEAM:
            weight *= 0.6
        if unit.kind in (OrgUnitKind.BUREAU, OrgUnitKind.OFFICE) and unit.org_code == "KCS":
            weight *= 0.3
        weights[unit.pk] = weight
    units = list(ctx.units.values())
    staff_slots = max(0, active - len(new_positions))
    picks = rng.choices(units, [weights[u.pk] for u in units], k=staff_slots)
    all_titles = [*vocab.POSITION_TITLES, *((f"{t} {n}", g) for n in range(2, 99) for t, g in vocab.POSITION_TITLES)]
    next_title: dict[int, int] = defaultdict(int)
    for unit in picks:
        while next_title[unit.pk] < len(all_titles):
            title, grade = all_titles[next_title[unit.pk]]
            next_title[unit.pk] += 1
            if title not in titles[unit.pk]:
                add(unit, title, grade, False, 10 + len(titles[unit.pk]))
                break
    insert(PositionModel, ("id", "unit_id", "title", "grade", "is_head", "sort_order", "is_active"), rows)
    ctx.scratch["new_positions"] = new_positions
    ctx.count("positions", len(rows))
    ctx.remember("accounts.position", [(r[0], r[2]) for r in rows])


def _companies(ctx: Context) -> None:
    rng = ctx.rng("companies")
    _active, _former, vendors, _experts = ctx.scratch["split"]
    wanted = max(2, round(vendors / 7))
    taken_names = set(Company.objects.values_list("name", flat=True))
    taken_numbers = set(Company.objects.values_list("business_number", flat=True))
    rows = []
    combos = [(p, s) for p in vocab.COMPANY_PREFIXES for s in vocab.COMPANY_SUFFIXES]
    rng.shuffle(combos)
    names = vocab.Names(rng)
    for prefix, suffix in combos:
        if len(rows) >= wanted:
            break
        name = f"(주){prefix}{suffix}"
        if name in taken_names:
            continue
        number = complete_business_number(f"{rng.randint(101, 899)}{rng.randint(81, 88)}{rng.randint(1000, 9999)}")
        if number in taken_numbers:
            continue
        taken_names.add(name)
        taken_numbers.add(number)
        pk = ctx.ids.one(Company)
        address = f"{rng.choice(vocab.COMPANY_CITIES)} 디지털로 {rng.randint(1, 300)}"
        rows.append(
            (pk, name, number, names.person(), f"02-{rng.randint(2000, 8999)}-{rng.randint(1000, 9999)}", address)
        )
        ctx.vendors_by_company.setdefault(pk, [])
    insert(Company, ("id", "name", "business_number", "representative", "phone", "address"), rows)
    ctx.count("companies", len(rows))
    ctx.remember("accounts.company", [(r[0], r[1]) for r in rows])


def _people(ctx: Context) -> None:
    rng = ctx.rng("people")
    names = vocab.Names(rng)
    active, former, vendors, experts = ctx.scratch["split"]
    new_positions: list[int] = ctx.scratch["new_positions"]
    start, today = ctx.start, ctx.today
    user_rows, assignment_rows = [], []
    serial = {"k": 0, "v": 0, "x": 0}

    def new_user(kind: str, *, is_active: bool = True, company: int | None = None, joined: dt.date) -> int:
        prefix = {UserKind.STAFF: "k", UserKind.VENDOR: "v", UserKind.EXPERT: "x"}[kind]
        serial[prefix] += 1
        pk = ctx.ids.one(User)
        username = f"{prefix}{serial[prefix]:05d}"
        name = names.person()
        domain = {"k": "customs.example", "v": "vendor.example", "x": "expert.example"}[prefix]
        expertise = affiliation = ""
        if kind == UserKind.EXPERT:
            expertise, affiliation = rng.choice(vocab.EXPERT_FIELDS), rng.choice(vocab.EXPERT_AFFILIATIONS)
        joined_at = aware(joined, 9)
        user_rows.append(
            (
                pk,
                ctx.password_hash,
                None,
                False,
                username,
                f"{username}@{domain}",
                False,
                is_active,
                joined_at,
                name,
                kind,
                company,
                f"{2000000 + serial[prefix]}" if kind == UserKind.STAFF else "",
                f"042-481-{rng.randint(2000, 9999)}"
                if kind == UserKind.STAFF
                else f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}",
                expertise,
                affiliation,
                joined_at,
                joined_at,
            )
        )
        ctx.user_names[pk] = name
        return pk

    busy: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)

    def free(user_id: int, first: dt.date, last: dt.date) -> bool:
        return all(last < s or first > e for s, e in busy[user_id])

    def assign(user_id: int, position: Position, first: dt.date, last: dt.date | None, kind: str, reason: str = ""):
        pk = ctx.ids.one(Assignment)
        created = aware(first, 9)
        assignment_rows.append((pk, user_id, position.pk, kind, first, last, reason, created, created))
        position.tenure.append((first, last, user_id, kind))
        busy[user_id].append((first, last or dt.date.max))

    # Current holders: one new active official for each new position (vacancies left for the demo's).
    current: list[tuple[int, dt.date]] = []
    for position_id in new_positions[:active]:
        position = ctx.positions[position_id]
        first = today - dt.timedelta(days=rng.randint(20, 3 * 365))
        user_id = new_user(UserKind.STAFF, joined=max(start, first - dt.timedelta(days=rng.randint(0, 20 * 365))))
        assign(user_id, position, first, None, AssignmentKind.REGULAR)
        current.append((user_id, first))
        ctx.user_units[user_id] = position.unit_id
    former_ids = [new_user(UserKind.STAFF, is_active=False, joined=start) for _ in range(former)]

    # Earlier holders of every position, back to the start of the history: people rotate every 1–3 years.
    movers = sorted(current, key=lambda pair: pair[1])
    for position in ctx.positions.values():
        if not position.tenure:
            continue
        first_held = (
            min(s for s, _e, _u, k in position.tenure if k == AssignmentKind.REGULAR)
            if any(k == AssignmentKind.REGULAR for *_, k in position.tenure)
            else today
        )
        end = first_held - dt.timedelta(days=1)
        while end > start:
            begin = max(start, end - dt.timedelta(days=rng.randint(365, 3 * 365)))
            holder = None
            for _ in range(6):
                if movers and rng.random() < 0.6:
                    user_id, moved = rng.choice(movers)
                    if moved > end and free(user_id, begin, end):
                        holder = user_id
                        break
                elif former_ids:
                    user_id = rng.choice(former_ids)
                    if free(user_id, begin, end):
                        holder = user_id
                        break
            if holder is not None:
                assign(holder, position, begin, end, AssignmentKind.REGULAR)
            end = begin - dt.timedelta(days=rng.randint(1, 40))  # a short vacancy between holders

    # 직무대행 (a4.7): a member of the unit acts for its head for days or weeks; a few are running today.
    by_unit: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in ctx.user_units.items():
        by_unit[unit_id].append(user_id)
    heads = [p for p in ctx.positions.values() if p.is_head and len(by_unit[p.unit_id]) > 1]
    acting_count = max(3, round(len(heads) * 0.25))
    for i in range(acting_count):
        position = rng.choice(heads)
        head = position.holder_on(today)
        if i % 10 == 0:
            first = today - dt.timedelta(days=rng.randint(0, 10))
        else:
            first = ctx.day_between(rng, start, today - dt.timedelta(days=40))
        last = first + dt.timedelta(days=rng.randint(5, 30))
        candidates = [u for u in by_unit[position.unit_id] if u != head]
        if not candidates:
            continue
        assign(rng.choice(candidates), position, first, last, AssignmentKind.ACTING, rng.choice(vocab.ACTING_REASONS))

    # Vendors' staff (사업수행업체) and external experts (외부 전문가).
    companies = list(ctx.vendors_by_company)
    for i in range(vendors):
        company = companies[i % len(companies)]
        ctx.vendors_by_company[company].append(
            new_user(UserKind.VENDOR, company=company, joined=ctx.day_between(rng, start, today))
        )
    for _ in range(experts):
        ctx.experts.append(new_user(UserKind.EXPERT, joined=ctx.day_between(rng, start, today)))

    insert(
        User,
        (
            "id",
            "password",
            "last_login",
            "is_superuser",
            "username",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "name",
            "kind",
            "company_id",
            "employee_number",
            "phone",
            "expertise",
            "affiliation",
            "created_at",
            "updated_at",
        ),
        user_rows,
    )
    insert(
        Assignment,
        ("id", "user_id", "position_id", "kind", "start_date", "end_date", "reason", "created_at", "updated_at"),
        assignment_rows,
    )
    ctx.staff = sorted(ctx.user_units)
    ctx.count("users", len(user_rows))
    ctx.count("assignments", len(assignment_rows))
    ctx.count("acting_assignments", sum(1 for r in assignment_rows if r[3] == AssignmentKind.ACTING))
    ctx.remember("accounts.user", [(r[0], f"{r[9]} ({r[4]})") for r in user_rows])
    ctx.remember("accounts.assignment", [(r[0], "보직") for r in assignment_rows])
    for row in assignment_rows:
        if row[3] == AssignmentKind.ACTING or row[0] % 7 == 0:
            position = ctx.positions[row[2]]
            ctx.event(
                aware(row[4], 9, 30),
                "role_changed",
                None,
                "accounts.assignment",
                row[0],
                f"{ctx.user_names[row[1]]} — {position.title}",
                f"보직 변경: {ctx.user_names[row[1]]} → {position.title} ({row[3]})",
                {"user": row[1], "position": row[2], "kind": row[3], "start": row[4], "end": row[5]},
                ("a4.7",) if row[3] == AssignmentKind.ACTING else (),
            )


def _role_bindings(ctx: Context) -> None:
    """정보자산 담당자 (a2.0.5) in every IT department and some others; a system administrator per IT unit."""
    rng = ctx.rng("bindings")
    existing = set(RoleBinding.objects.values_list("role", "position_id"))
    bound_units = {(role, unit) for role, unit in RoleBinding.objects.values_list("role", "position__unit_id")}
    rows = []
    staff_positions: dict[int, list[Position]] = defaultdict(list)
    for position in ctx.positions.values():
        if not position.is_head and position.holder_on(ctx.today):
            staff_positions[position.unit_id].append(position)
    for unit in ctx.units.values():
        candidates = staff_positions.get(unit.pk)
        if not candidates:
            continue
        roles = []
        if unit.is_it:
            roles.append(Role.ASSET_OFFICER)
            if rng.random() < 0.3:
                roles.append(Role.SYSTEM_ADMINISTRATOR)
        elif rng.random() < 0.15:
            roles.append(Role.ASSET_OFFICER)
        for role in roles:
            if (role, unit.pk) in bound_units:
                continue
            position = rng.choice(candidates)
            if (role, position.pk) in existing:
                continue
            existing.add((role, position.pk))
            pk = ctx.ids.one(RoleBinding)
            scope = unit.pk if role == Role.ASSET_OFFICER else None
            rows.append((pk, role, position.pk, scope, "생성된 역할 지정"))
    insert(RoleBinding, ("id", "role", "position_id", "scope_unit_id", "note"), rows)
    ctx.count("role_bindings", len(rows))
    ctx.remember("accounts.rolebinding", [(r[0], r[1]) for r in rows])
