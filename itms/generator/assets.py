"""정보자산 (Ch.8, a29.3): 60,000 hardware and software assets at S = 1.0 with their mandatory attributes (and the
typed index of ADR 0016), locations, O&M contracts, licences, installed-on / runs-on / part-of relations, PCs handed
to officials with their history, and past 실사 campaigns with their results and chained transitions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.apps import apps

from .context import Context, Phase
from .writer import aware, insert, table_exists

ASSETS_AT_FULL_SCALE = 60_000
CAMPAIGNS_AT_FULL_SCALE = 40
HARDWARE = [
    # asset type code, share of system-bound assets, makers and models
    ("SERVER", 52, [("한국HPE", "ProLiant DL380"), ("한국레노버", "ThinkSystem SR650"), ("한국오라클", "SPARC T8-2")]),
    ("VSERVER", 14, [("", "")]),
    ("STORAGE", 4, [("한국델테크놀로지스", "PowerStore 5200"), ("한국IBM", "FlashSystem 7300")]),
    ("BACKUP", 2, [("한국IBM", "TS4500")]),
    ("NETWORK", 12, [("시스코시스템즈코리아", "Catalyst 9300"), ("다산네트웍스", "V5824G"), ("한드림넷", "SG2400")]),
    ("SECURITY", 6, [("안랩", "TrusGuard 5000"), ("시큐아이", "BLUEMAX NGF"), ("윈스", "SNIPER ONE")]),
]
SOFTWARE = [
    # type, product, maker, versions, support ends (year), licence kind
    ("OS", "Red Hat Enterprise Linux", "레드햇", ["7.9", "8.8", "9.3"], [2024, 2029, 2032]),
    ("OS", "Windows Server", "한국마이크로소프트", ["2016", "2019", "2022"], [2027, 2029, 2031]),
    ("DBMS", "Oracle Database", "한국오라클", ["12c", "19c"], [2022, 2027]),
    ("DBMS", "Tibero", "티맥스티베로", ["6", "7"], [2026, 2030]),
    ("MIDDLEWARE", "JEUS", "티맥스소프트", ["7", "8.5"], [2025, 2028]),
    ("MIDDLEWARE", "WebtoB", "티맥스소프트", ["5.0"], [2028]),
    ("COMMERCIAL", "서버 접근제어", "넷앤드", ["6.2"], [2030]),
    ("OSS", "PostgreSQL", "PostgreSQL Global Development Group", ["13", "15"], [2025, 2027]),
    ("OSS", "Apache Tomcat", "Apache Software Foundation", ["9.0", "10.1"], [2027, 2029]),
]
LIFE = {"server": 6, "storage": 6, "network": 6, "security": 6, "terminal": 5, "hw_other": 6}


def build(ctx: Context) -> None:
    if not apps.is_installed("itms.resources") or not table_exists(apps.get_model("resources", "Asset")):
        ctx.log("  정보자산: itms.resources가 없어 건너뜁니다")
        return
    with Phase(ctx, "정보자산"):
        _Assets(ctx).build()


class _Assets:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.rng = ctx.rng("assets")
        self.m = {name: apps.get_model("resources", name) for name in (
            "Asset", "AssetType", "AttributeDefinition", "AssetAttributeValue", "AssetRelation", "Licence",
            "Location", "MaintenanceContract", "AssetAssignment", "InventoryAudit", "InventoryAuditItem",
            "AuditDiscrepancy",
        )}  # fmt: skip
        from itms.resources import attributes

        self.attributes = attributes
        self.types = {t.code: t for t in self.m["AssetType"].objects.all()}
        self.definitions = defaultdict(list)
        for d in self.m["AttributeDefinition"].objects.order_by("order", "pk"):
            self.definitions[d.asset_type_id].append(attributes.Definition.of(d))
        self.asset_rows, self.index_rows, self.remembered = [], [], []
        self.servers_by_system: dict[int, list[int]] = defaultdict(list)
        self.storage_by_system: dict[int, list[int]] = defaultdict(list)
        self.today = ctx.today

    # --- reference rows ----------------------------------------------------------------------------------------
    def locations(self) -> dict[int, tuple[int, int]]:
        """Per organisation: (data centre, office) location ids."""
        Location = self.m["Location"]
        existing = set(Location.objects.values_list("code", flat=True))
        rows, by_org = [], {}
        for org_id, code in sorted(self.ctx.org_codes.items()):
            ids = []
            for suffix, room, kind in (("DC", "전산실", "data_center"), ("OF", "사무실", "office")):
                location_code = f"GEN-{code}-{suffix}"
                if location_code in existing:
                    continue
                pk = self.ctx.ids.one(Location)
                rows.append((pk, location_code, org_id, f"{code} 청사", "", room, kind))
                ids.append(pk)
            if len(ids) == 2:
                by_org[org_id] = (ids[0], ids[1])
        insert(Location, ("id", "code", "organization_id", "building", "floor", "room", "kind"), rows)
        self.ctx.count("asset_locations", len(rows))
        return by_org

    def contracts(self, companies: list[int]) -> dict[int, int]:
        """One O&M contract per operating system group: this year's covers 85% of systems; a few ran out last year."""
        Contract = self.m["MaintenanceContract"]
        year = self.today.year
        rows, by_system = [], {}
        systems = list(self.ctx.systems)
        self.rng.shuffle(systems)
        for index in range(0, len(systems), 3):
            group = systems[index : index + 3]
            current = self.rng.random() < 0.85
            start = dt.date(year if current else year - 1, 1, 1)
            pk = self.ctx.ids.one(Contract)
            rows.append(
                (
                    pk,
                    f"GEN-{start.year}-OM-{pk:05d}",
                    f"{start.year}년 {group[0][1][:60]} 등 유지관리",
                    self.rng.choice(companies),
                    group[0][2],
                    start,
                    dt.date(start.year, 12, 31),
                    self.rng.randint(80, 2_400) * 1_000_000,
                    "정기 점검, 장애 대응, 소규모 변경",
                )
            )
            for system_id, _name, _unit in group:
                by_system[system_id] = pk
        insert(
            Contract,
            (
                "id",
                "number",
                "name",
                "supplier_id",
                "managing_unit_id",
                "starts_on",
                "ends_on",
                "annual_amount",
                "scope",
            ),
            rows,
        )
        field = Contract._meta.get_field("systems")
        Through = field.remote_field.through
        insert(Through, ("maintenancecontract_id", "informationsystem_id"), [(c, s) for s, c in by_system.items()])
        self.ctx.count("maintenance_contracts", len(rows))
        self.ctx.remember("resources.maintenancecontract", [(r[0], r[2]) for r in rows])
        return by_system

    # --- assets ----------------------------------------------------------------------------------------------------
    def values(self, asset_type, pk: int) -> dict:
        rng = self.rng
        out = {}
        for d in self.definitions[asset_type.pk]:
            if d.value_type == "choice":
                out[d.key] = rng.choice(d.choices)
            elif d.value_type == "number":
                out[d.key] = rng.choice([8, 16, 32, 64, 128, 256, 512] if "memory" in d.key else [2, 4, 8, 16, 32, 64])
            elif d.value_type == "boolean":
                out[d.key] = rng.random() < 0.9
            elif d.value_type == "date":
                out[d.key] = (self.today - dt.timedelta(days=rng.randint(0, 2000))).isoformat()
            elif "ip" in d.key:
                out[d.key] = f"10.{pk // 65536 % 256}.{pk // 256 % 256}.{pk % 256}"
            elif d.key == "hostname":
                out[d.key] = f"gen-host-{pk}"
            elif d.key == "os":
                out[d.key] = rng.choice(["Windows 11 Pro", "하모니카 OS 8", "Windows 10 Pro"])
            elif d.key == "cpu":
                out[d.key] = rng.choice(["Intel Core i5-12400", "Intel Core i5-13400", "AMD Ryzen 5 7600"])
            else:
                out[d.key] = rng.choice(["Standard", "Enterprise", "서버 접근통제", "Apache-2.0"])
        required = [d.key for d in self.definitions[asset_type.pk] if d.required and d.key in out]
        if required and rng.random() < 0.03:
            # Recorded before the attribute became mandatory (a29.3.3): the 현행화 dashboard counts them.
            out.pop(rng.choice(required))
        return out

    def add(self, *, type_code: str, name: str, org_unit: int, system: int | None, location: int | None,
            contract: int | None, maker: str = "", model: str = "", version: str = "", holder=None,
            holder_unit=None, maintained_by=None, acquired: dt.date | None = None, support: dt.date | None = None,
            cost: int | None = None) -> int:  # fmt: skip
        rng = self.rng
        asset_type = self.types[type_code]
        pk = self.ctx.ids.one(self.m["Asset"])
        acquired = acquired or self.ctx.day_between(rng, dt.date(self.today.year - 11, 1, 1), self.today)
        life = LIFE.get(asset_type.kind)
        life_end = acquired.replace(year=acquired.year + life, day=min(acquired.day, 28)) if life else None
        values = self.values(asset_type, pk)
        missing = self.attributes.missing_count(self.definitions[asset_type.pk], values)
        roll = rng.random()
        status = "disposed" if roll < 0.03 else "spare" if roll < 0.06 else "in_use"
        if status != "in_use":
            holder = holder_unit = None  # written off or in the store: nobody holds it
        verified_roll = rng.random()
        verified = (
            None
            if verified_roll < 0.05
            else self.today - dt.timedelta(days=rng.randint(400, 1200))
            if verified_roll < 0.2
            else self.today - dt.timedelta(days=rng.randint(0, 330))
        )
        created = aware(min(acquired, self.today), 10)
        self.asset_rows.append(
            (
                pk,
                f"G-{type_code[:3]}-{pk:07d}",
                name[:200],
                asset_type.pk,
                status,
                org_unit,
                system,
                maker,
                model,
                f"GSN{pk:09d}" if asset_type.category == "hw" else "",
                version,
                acquired,
                cost,
                life_end,
                support,
                location,
                f"R{rng.randint(1, 40):02d}"
                if type_code in ("SERVER", "STORAGE", "BACKUP", "NETWORK", "SECURITY")
                else "",
                contract,
                maintained_by,
                status != "spare",
                holder,
                holder_unit,
                values,
                missing,
                verified,
                acquired + dt.timedelta(days=rng.randint(2000, 3000)) if status == "disposed" else None,
                "내용연수 경과, 교체" if status == "disposed" else "",
                created,
                created,
            )
        )
        for d in self.definitions[asset_type.pk]:
            typed = self.attributes.index_row(d, values.get(d.key))
            if typed is not None:
                self.index_rows.append((pk, d.pk, *typed))
        self.remembered.append((pk, name[:200]))
        return pk

    def build(self) -> None:
        ctx, rng = self.ctx, self.rng
        Asset = self.m["Asset"]
        existing = Asset.objects.count()
        wanted = max(50, round(ASSETS_AT_FULL_SCALE * ctx.scale) - existing)
        companies = list(ctx.vendors_by_company) or list(
            apps.get_model("accounts", "Company").objects.values_list("pk", flat=True)
        )
        locations = self.locations()
        contract_of = self.contracts(companies)
        units = ctx.units
        it_unit_of_org = {}
        for unit in units.values():
            if unit.is_it:
                it_unit_of_org.setdefault(unit.org_id, unit.pk)
        systems = ctx.systems or []
        terminals = int(wanted * 0.3)
        software_products = int(wanted * 0.04)
        bound = wanted - terminals - software_products
        # Hardware booked to systems.
        kinds = [code for code, _share, _makers in HARDWARE]
        weights = [share for _code, share, _makers in HARDWARE]
        makers = {code: m for code, _share, m in HARDWARE}
        vm_hosts: list[tuple[int, int]] = []
        system_by_id = {system[0]: system for system in systems}
        for _ in range(bound):
            system_id, system_name, unit_id = rng.choice(systems)
            code = rng.choices(kinds, weights)[0]
            if code in ("STORAGE", "BACKUP") and self.storage_by_system and rng.random() < 0.5:
                # Storage gathers where there is already an array (its shelves, a second library).
                system_id, system_name, unit_id = system_by_id[rng.choice(list(self.storage_by_system))]
            maker, model = rng.choice(makers[code])
            org = units[unit_id].org_id if unit_id in units else None
            location = locations.get(org, (None, None))[0]
            contract = contract_of.get(system_id) if rng.random() < 0.92 else None
            pk = self.add(
                type_code=code,
                name=f"{system_name[:120]} {self.types[code].name}",
                org_unit=unit_id,
                system=system_id,
                location=location,
                contract=contract,
                maker=maker,
                model=model,
                maintained_by=unit_id if contract is None and rng.random() < 0.5 else None,
                support=dt.date(self.today.year + rng.randint(-3, 6), 12, 31),
                cost=rng.randint(5, 400) * 1_000_000 if code != "VSERVER" else None,
            )
            if code == "SERVER":
                self.servers_by_system[system_id].append(pk)
            elif code == "VSERVER":
                vm_hosts.append((pk, system_id))
            elif code in ("STORAGE", "BACKUP"):
                self.storage_by_system[system_id].append(pk)
        # Software products of systems, installed on their servers, with licences.
        relations, licences = [], []
        for _ in range(software_products):
            system_id, system_name, unit_id = rng.choice(systems)
            type_code, product, maker, versions, ends = rng.choice(SOFTWARE)
            i = rng.randrange(len(versions))
            pk = self.add(
                type_code=type_code,
                name=f"{product} ({system_name[:80]})",
                org_unit=unit_id,
                system=system_id,
                location=None,
                contract=contract_of.get(system_id),
                maker=maker,
                version=versions[i],
                support=dt.date(ends[i], 12, 31),
            )
            hosts = self.servers_by_system.get(system_id, [])
            installed = rng.sample(hosts, min(len(hosts), rng.randint(1, 6))) if hosts else []
            for host in installed:
                relations.append((pk, "installed_on", host, None))
            if self.types[type_code].licence_required:
                expires = dt.date(self.today.year, 12, 31) if rng.random() < 0.4 else None
                licences.append(
                    (pk, len(installed) + rng.randint(0, 4), "subscription" if expires else "perpetual", expires)
                )
        for vm, system_id in vm_hosts:
            hosts = self.servers_by_system.get(system_id)
            if hosts:
                relations.append((vm, "runs_on", rng.choice(hosts), None))
        # A system's further storage and backup units are often shelves of its first array: part-of, one level.
        for units_of_system in self.storage_by_system.values():
            array, *shelves = units_of_system
            relations.extend((shelf, "part_of", array, None) for shelf in shelves if rng.random() < 0.5)
        # PCs and notebooks handed to officials (a29.3.4), managed by their organisation's IT department.
        assignments = []
        staff = list(ctx.user_units.items())
        for _ in range(terminals):
            user_id, user_unit = rng.choice(staff) if staff else (None, None)
            org = units[user_unit].org_id if user_unit in units else None
            managing = it_unit_of_org.get(org) or next(iter(it_unit_of_org.values()))
            code = rng.choices(["PC", "NOTEBOOK", "MOBILE"], [70, 25, 5])[0]
            location = locations.get(org, (None, None))[1]
            pk = self.add(
                type_code=code,
                name=f"{self.types[code].name} ({ctx.user_names.get(user_id, '예비')})",
                org_unit=managing,
                system=None,
                location=location,
                contract=None,
                maker=rng.choice(["삼성전자", "LG전자", "한국레노버"]),
                model=rng.choice(["DM500TFA", "gram 16", "ThinkCentre M70"]),
                holder=user_id,
                holder_unit=user_unit if user_id else None,
                maintained_by=managing,
                acquired=self.ctx.day_between(rng, dt.date(self.today.year - 6, 1, 1), self.today),
                cost=rng.randint(9, 25) * 100_000,
            )
            if user_id:
                starts = self.asset_rows[-1][11]
                if rng.random() < 0.3 and staff:
                    earlier_user, earlier_unit = rng.choice(staff)
                    assignments.append((pk, earlier_user, earlier_unit, starts, starts + dt.timedelta(days=300), True))
                    starts += dt.timedelta(days=301)
                assignments.append((pk, user_id, user_unit, min(starts, self.today), None, rng.random() < 0.95))
        self._write(relations, licences, assignments)
        self._campaigns()

    def _write(self, relations, licences, assignments) -> None:
        ctx = self.ctx
        m = self.m
        insert(
            m["Asset"],
            ("id", "tag", "name", "asset_type_id", "status", "org_unit_id", "system_id", "manufacturer", "model_name",
             "serial_number", "version", "acquired_on", "acquisition_cost", "life_ends_on", "support_ends_on",
             "location_id", "rack", "maintenance_contract_id", "maintained_by_id", "is_om_target", "holder_id",
             "holder_unit_id", "attributes", "missing_attributes", "verified_on", "disposed_on", "disposal_reason",
             "created_at", "updated_at"),
            self.asset_rows,
        )  # fmt: skip
        ids = ctx.ids.take(m["AssetAttributeValue"], len(self.index_rows))
        insert(
            m["AssetAttributeValue"],
            ("id", "asset_id", "definition_id", "value_text", "value_number", "value_date"),
            ((pk, *row) for pk, row in zip(ids, self.index_rows, strict=True)),
        )
        relation_ids = ctx.ids.take(m["AssetRelation"], len(relations))
        insert(
            m["AssetRelation"],
            ("id", "source_id", "kind", "target_asset_id", "target_system_id"),
            ((pk, *row) for pk, row in zip(relation_ids, relations, strict=True)),
        )
        licence_ids = ctx.ids.take(m["Licence"], len(licences))
        insert(
            m["Licence"],
            ("id", "software_id", "quantity", "kind", "expires_on"),
            ((pk, *row) for pk, row in zip(licence_ids, licences, strict=True)),
        )
        assignment_ids = ctx.ids.take(m["AssetAssignment"], len(assignments))
        insert(
            m["AssetAssignment"],
            ("id", "asset_id", "holder_id", "holder_unit_id", "starts_on", "ends_on", "acknowledged_at"),
            (
                (pk, asset, user, unit, start, end, aware(start, 15) if acknowledged else None)
                for pk, (asset, user, unit, start, end, acknowledged) in zip(assignment_ids, assignments, strict=True)
            ),
        )
        ctx.count("assets", len(self.asset_rows))
        ctx.count("asset_attribute_values", len(self.index_rows))
        ctx.count("asset_relations", len(relations))
        ctx.count("licences", len(licences))
        ctx.count("asset_assignments", len(assignments))
        ctx.remember("resources.asset", self.remembered)
        ctx.remember("resources.assetrelation", [(pk, "자산 관계") for pk in relation_ids])
        ctx.remember("resources.assetassignment", [(pk, "자산 지급") for pk in assignment_ids])

    # --- past campaigns (a29.3.2, a29.3.3) ---------------------------------------------------------------------------
    def _campaigns(self) -> None:
        ctx, rng, m = self.ctx, self.rng, self.m
        # A legal event names its subject by label, as record_event does.
        audit_type = m["InventoryAudit"]._meta.label_lower
        officers = ctx.staff or [None]
        it_units = [u for u in ctx.units.values() if u.is_it]
        by_unit: dict[int, list[int]] = defaultdict(list)
        for row in self.asset_rows:
            if row[4] != "disposed" and row[19]:
                by_unit[row[5]].append(row[0])
        audits, items, discrepancies = [], [], []
        count = max(2, round(CAMPAIGNS_AT_FULL_SCALE * ctx.scale))
        for _ in range(count):
            unit = rng.choice(it_units)
            if not by_unit.get(unit.pk):
                continue
            starts = ctx.day_between(rng, ctx.start, self.today - dt.timedelta(days=60))
            ends = starts + dt.timedelta(days=14)
            pk = ctx.ids.one(m["InventoryAudit"])
            officer = rng.choice(officers)
            started_at, closed_at, reported_at = (
                aware(starts, 9),
                aware(ends, 17),
                aware(ends + dt.timedelta(days=7), 10),
            )
            audits.append((pk, f"{starts.year}년 {unit.name} 정보자산 실사", unit.pk, starts, ends, "reported",
                           started_at, closed_at, reported_at, officer))  # fmt: skip
            sample = rng.sample(by_unit[unit.pk], min(len(by_unit[unit.pk]), rng.randint(50, 400)))
            for asset in sample:
                item = ctx.ids.one(m["InventoryAuditItem"])
                result = rng.choices(["found", "differs", "missing"], [94, 4, 2])[0]
                items.append((item, pk, asset, result, "설치 위치 다름" if result == "differs" else "", officer,
                              aware(starts + dt.timedelta(days=rng.randint(0, 13)), 11)))  # fmt: skip
                if result != "found":
                    resolution = "updated" if result == "differs" else rng.choice(["written_off", "carried_over"])
                    discrepancies.append((ctx.ids.one(m["AuditDiscrepancy"]), item, result, resolution,
                                          "현장 확인 결과 반영", officer, closed_at))  # fmt: skip
            title = audits[-1][1]
            for name, label, when, source, target, clause in (
                ("start", "실사 시작", started_at, "draft", "in_progress", "a29.3.2"),
                ("close", "실사 종료", closed_at, "in_progress", "closed", "a29.3.2"),
                ("report", "결과 통보", reported_at, "closed", "reported", "a29.3.3"),
            ):
                ctx.event(when, "transition", officer, audit_type, pk, title, f"{label}: {source} → {target}",
                          {"transition": name, "from": source, "to": target}, [clause])  # fmt: skip
        insert(
            m["InventoryAudit"],
            ("id", "title", "unit_id", "starts_on", "ends_on", "state", "started_at", "closed_at", "reported_at",
             "opened_by_id"),
            audits,
        )  # fmt: skip
        insert(
            m["InventoryAuditItem"],
            ("id", "audit_id", "asset_id", "result", "difference", "checked_by_id", "checked_at"),
            items,
        )
        insert(
            m["AuditDiscrepancy"],
            ("id", "item_id", "kind", "resolution", "resolution_note", "resolved_by_id", "resolved_at"),
            discrepancies,
        )
        ctx.count("inventory_audits", len(audits))
        ctx.count("inventory_audit_items", len(items))
        ctx.remember("resources.inventoryaudit", [(a[0], a[1]) for a in audits])
