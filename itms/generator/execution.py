"""Chapter 5 at scale (issue 15): a contract for every generated project that reached a vendor (사업수행 and after),
with its first version, its approved execution plan and the 12 points of its review (a18.2), the WBS with milestones
and predecessors (a19), monthly progress reports, the requirement table, and the deliverable checklist of the types
required by default (a17.2) — the files of what was submitted written as documents with their SHA-256.

What a contract holds follows the project's stage: 사업수행 → in progress (planned against actual on the generation
day, some work late with its reason); 검사·인수 → completion notified; 운영 → handed over within its defect period;
종료 → closed (or handed over while its defect period runs). Rows are written in bulk without signals, like every
other phase; the models' rules (dates inside the contract, milestones of one day, percent 0–100) are kept here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from itms.projects.choices import ParticipantRole, ProjectStage
from itms.projects.models import ProjectParticipant
from itms.regulation.rules import param

from .context import Context, Phase
from .writer import aware, insert, table_exists

STATES = {
    ProjectStage.EXECUTION: "in_progress",
    ProjectStage.INSPECTION: "completion_notified",
    ProjectStage.OPERATION: "handed_over",
    ProjectStage.CLOSED: "closed",
}
# WBS: (code, name, share of the period, weight, deliverable phases ending with it)
PHASES = [
    ("1", "착수 및 요구분석", 0.20, 2, ("kickoff", "analysis")),
    ("2", "설계", 0.20, 2, ("design",)),
    ("3", "구현", 0.35, 4, ("implementation",)),
    ("4", "시험", 0.15, 2, ("test",)),
    ("5", "이행 및 안정화", 0.10, 1, ("transition", "closing")),
]
MILESTONES = [("M1", "설계단계 감리·설계 완료", "2"), ("M2", "완료보고", "5")]
DELAY_REASONS = [
    "현업 요구사항 확정 지연",
    "연계 대상 기관 일정 지연",
    "보안약점 조치로 모듈 재작성",
    "시험 환경 구축 지연",
    "데이터 이관 검증 추가",
]
REQUIREMENTS = [
    ("REQ-F-{:03d}", "functional", ["신고 접수 처리", "조회·통계 제공", "결재 연계", "알림 발송", "대장 관리"]),
    ("REQ-P-{:03d}", "performance", ["응답시간 3초 이내", "동시 사용자 500명 처리"]),
    ("REQ-S-{:03d}", "security", ["접근통제·로그 기록", "개인정보 암호화"]),
    ("REQ-I-{:03d}", "interface", ["UNI-PASS 연계"]),
]
ASPECTS = ("staff", "schedule", "quality", "deliverables")
BASES = ("rfp", "proposal", "contract")
MEDIA_DIR = "documents"


def build(ctx: Context) -> None:
    if not apps.is_installed("itms.execution") or not table_exists(apps.get_model("execution", "Contract")):
        ctx.log("  사업관리: itms.execution이 없어 건너뜁니다")
        return
    with Phase(ctx, "사업관리 (계약·WBS·진척·산출물)"):
        _contracts(ctx)


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _planned(start: dt.date, end: dt.date, on: dt.date) -> int:
    if on < start:
        return 0
    if on >= end:
        return 100
    return round(100 * ((on - start).days + 1) / ((end - start).days + 1))


def _weighted(rows: list[tuple[int, int]]) -> int:
    total = sum(w for w, _ in rows)
    return round(sum(w * v for w, v in rows) / total) if total else 0


def _contracts(ctx: Context) -> None:
    from itms.execution.models.contracts import add_months, longer_than

    models = {name: apps.get_model("execution", name) for name in (
        "Contract", "ContractVersion", "ExecutionPlan", "PlanReviewItem", "WorkPackage", "ProgressReport",
        "Requirement", "Deliverable", "DeliverableType")}  # fmt: skip
    document_model = apps.get_model("documents", "Document")
    version_model = apps.get_model("documents", "DocumentVersion")
    rng = ctx.rng("execution")
    today = ctx.today
    done = set(models["Contract"].objects.values_list("project_id", flat=True))
    candidates = [p for p in ctx.projects if p[7] in STATES and p[0] not in done]
    managers: dict[int, tuple[int, int]] = {}
    for project_id, user_id, company_id in ProjectParticipant.objects.filter(
        project_id__in=[p[0] for p in candidates], role=ParticipantRole.VENDOR_MANAGER, user__company__isnull=False
    ).values_list("project_id", "user_id", "user__company_id"):
        managers.setdefault(project_id, (user_id, company_id))
    types = list(
        models["DeliverableType"]
        .objects.filter(required_default=True)
        .order_by("order")
        .values_list("pk", "code", "name", "phase", "is_final")
    )
    it_units = [u.pk for u in ctx.units.values() if u.is_it]
    deliverable_ct = ContentType.objects.get_for_model(models["Deliverable"]).pk
    media = Path(settings.MEDIA_ROOT)
    tolerance = int(param("progress_delay_tolerance_percent", today).value)

    rows: dict[str, list[tuple]] = {name: [] for name in (
        "contract", "version", "plan", "review", "wbs", "links", "report", "requirement", "deliverable", "document",
        "file")}  # fmt: skip
    for project_id, code, name, _org, _sponsor, start_year, end_year, stage in candidates:
        if project_id not in managers:
            continue
        manager, company = managers[project_id]
        state = STATES[stage]
        signed = dt.date(start_year, 2, 2) + dt.timedelta(days=rng.randint(0, 70))
        end = dt.date(end_year, 11, 20) + dt.timedelta(days=rng.randint(0, 25))
        if end < add_months(signed, 4):
            end = add_months(signed, 6)
        if state == "in_progress" and end < today:
            end = today + dt.timedelta(days=rng.randint(20, 120))
        if state == "completion_notified":
            end = min(end, today - dt.timedelta(days=rng.randint(1, 10)))
        contract_pk = ctx.ids.one(models["Contract"])
        amount = int(round(rng.lognormvariate(20.3, 0.9), -6))
        amount = min(max(amount, 30_000_000), 30_000_000_000)
        notified = inspected = handed = warranty = None
        if state != "in_progress":
            notified = end - dt.timedelta(days=rng.randint(0, 5))
        if state in ("handed_over", "closed"):
            inspected = min(notified + dt.timedelta(days=rng.randint(3, 13)), today)
            handed = min(inspected + dt.timedelta(days=rng.randint(1, 10)), today)
            warranty = add_months(handed, 12)
            if state == "closed" and warranty >= today:
                state = "handed_over"
        finished = state in ("handed_over", "closed")
        it_unit = rng.choice(it_units) if it_units else None
        created = aware(signed, 10)
        rows["contract"].append((
            contract_pk, project_id, f"G-{start_year}-{contract_pk:05d}", f"{name} 용역"[:200], company, amount,
            signed, signed, end, longer_than(signed, end, 12), 12, it_unit,
            "정보화부서가 인수하여 운영 (장애 대응·백업 포함)" if state != "in_progress" else "",
            "본청 시범적용 후 전국 확대" if finished else "", "없음" if finished else "", 1, state,
            notified, inspected, handed, warranty, created, created,
        ))  # fmt: skip
        rows["version"].append(
            (ctx.ids.one(models["ContractVersion"]), contract_pk, 1, amount, signed, end, "계약 체결", [], created)
        )
        kickoff = signed + dt.timedelta(days=rng.randint(3, 9))
        plan_pk = ctx.ids.one(models["ExecutionPlan"])
        approved = aware(kickoff + dt.timedelta(days=rng.randint(5, 20)), 15)
        rows["plan"].append((
            plan_pk, contract_pk, kickoff, "PM 1명, 개발 4명, 품질 1명 (제안서와 같음)", "착수·분석·설계·구현·시험·이행",
            "단계별 산출물 검토, 품질보증 활동 월 1회", "단계별 표준 산출물 제출", 1, aware(kickoff, 11), approved,
            "approved", aware(kickoff, 11), approved,
        ))  # fmt: skip
        for aspect in ASPECTS:
            for basis in BASES:
                rows["review"].append(
                    (ctx.ids.one(models["PlanReviewItem"]), plan_pk, aspect, basis, "conforms", approved, approved)
                )

        # WBS: phases in a row over the period, the two milestones at the end of theirs.
        span = (end - signed).days
        cursor, phase_rows, phase_end = signed, [], {}
        for index, (wbs_code, wbs_name, share, weight, _phases) in enumerate(PHASES):
            last = (
                end if index == len(PHASES) - 1 else min(end, cursor + dt.timedelta(days=max(1, round(span * share))))
            )
            phase_rows.append((wbs_code, wbs_name, cursor, last, weight))
            phase_end[wbs_code] = last
            cursor = min(end, last + dt.timedelta(days=1))
        on = min(today, end)
        behind = state == "in_progress" and rng.random() < 0.3
        package_pks: dict[str, int] = {}
        progress_of: list[tuple[int, int]] = []
        phase_progress, phase_reason = {}, {}
        for wbs_code, wbs_name, first, last, weight in phase_rows:
            planned = _planned(first, last, on)
            progress = 100 if state != "in_progress" else planned
            reason = ""
            if behind and (0 < planned < 100 or today - dt.timedelta(days=30) <= last < today):
                progress = max(0, planned - rng.randint(tolerance + 5, tolerance + 30))
                if planned - progress > tolerance:  # late as the screens count it (a19.0.2): with its reason
                    reason = rng.choice(DELAY_REASONS)
            phase_progress[wbs_code], phase_reason[wbs_code] = progress, reason
            actual_start = first if progress > 0 else None
            actual_end = last if progress == 100 else None
            pk = ctx.ids.one(models["WorkPackage"])
            package_pks[wbs_code] = pk
            progress_of.append((weight, progress))
            rows["wbs"].append((
                pk, contract_pk, wbs_code, wbs_name, None, False, first, last, weight, progress, actual_start,
                actual_end, reason, created, created,
            ))  # fmt: skip
        for wbs_code, wbs_name, after in MILESTONES:
            day = phase_end[after]
            reached = phase_progress[after] == 100  # a milestone is reached when its phase is done
            pk = ctx.ids.one(models["WorkPackage"])
            package_pks[wbs_code] = pk
            progress_of.append((1, 100 if reached else 0))
            rows["wbs"].append((
                pk, contract_pk, wbs_code, wbs_name, None, True, day, day, 1, 100 if reached else 0,
                day if reached else None, day if reached else None,
                phase_reason[after] if not reached and day <= today else "", created, created,
            ))  # fmt: skip
        order = [p[0] for p in PHASES]
        for before, after in itertools.pairwise(order):
            rows["links"].append((package_pks[after], package_pks[before]))
        for wbs_code, _name, after in MILESTONES:
            rows["links"].append((package_pks[wbs_code], package_pks[after]))

        # Monthly reports up to today (or the end): planned and reported actual at each month's end.
        month = signed.replace(day=1)
        actual_now = _weighted(progress_of)
        reports = []
        while month <= min(end, today):
            period_start = max(month, signed)
            period_end = min(_month_end(month), end)
            if period_end > today:
                break
            planned_then = _weighted(
                [(w, _planned(first, last, period_end)) for _c, _n, first, last, w in phase_rows]
                + [(1, 100 if phase_end[a] <= period_end else 0) for _c, _n, a in MILESTONES]
            )
            reports.append((period_start, period_end, planned_then))
            month = _month_end(month) + dt.timedelta(days=1)
        for number, (period_start, period_end, planned_then) in enumerate(reports, start=1):
            actual_then = planned_then if state != "in_progress" else min(planned_then, actual_now)
            late = planned_then - actual_then > 5
            rows["report"].append((
                ctx.ids.one(models["ProgressReport"]), contract_pk, "monthly", period_start, period_end,
                f"{number}차 월간 실적: 계획 {planned_then}% 대비 실적 {actual_then}%",
                rng.choice(DELAY_REASONS) if late else "", "다음 달 계획 작업 수행", planned_then, actual_then, manager,
                aware(period_end, 17), aware(period_end, 17),
            ))  # fmt: skip

        # The requirement table (RFP).
        for pattern, category, titles in REQUIREMENTS:
            for n, title in enumerate(titles, start=1):
                rows["requirement"].append((
                    ctx.ids.one(models["Requirement"]), contract_pk, pattern.format(n), title, "", category, "rfp",
                    f"UI-{n:02d}, PGM-{n:03d}", True, created, created,
                ))  # fmt: skip

        # The checklist: due at the end of the WBS phase the deliverable belongs to; submitted ones carry a file.
        due_of = {phase: phase_end[c] for c, _n, _s, _w, phases in PHASES for phase in phases}
        for type_pk, type_code, type_name, phase, is_final in types:
            due = due_of.get(phase, end)
            pk = ctx.ids.one(models["Deliverable"])
            document = None
            state_of = "planned"
            if finished or state == "completion_notified" or (due < today and rng.random() < 0.9):
                state_of = "accepted" if finished or rng.random() < 0.7 else "submitted"
                document = ctx.ids.one(document_model)
                body = f"%PDF-1.4\n% ITMS 생성 산출물 {code} {type_code} {pk}\n%%EOF\n".encode()
                sha = hashlib.sha256(body).hexdigest()
                path = f"{MEDIA_DIR}/{sha[:2]}/{sha}"
                uploaded = aware(min(due, today), 14)
                rows["document"].append(
                    (document, deliverable_ct, pk, project_id, type_name, "deliverable", uploaded, uploaded)
                )
                rows["file"].append((
                    ctx.ids.one(version_model), document, 1, path, f"{type_code}.pdf", "application/pdf", len(body),
                    sha, "", manager, uploaded,
                ))  # fmt: skip
                (media / path).parent.mkdir(parents=True, exist_ok=True)
                (media / path).write_bytes(body)
            rows["deliverable"].append((
                pk, contract_pk, type_pk, type_name, True, due, is_final, document, state_of, "",
                aware(min(due, today), 14) if document else None, created, created,
            ))  # fmt: skip

    c = models
    insert(c["Contract"], (
        "id", "project_id", "number", "title", "company_id", "amount", "signed_on", "start_date", "end_date",
        "is_multi_year", "defect_liability_months", "it_unit_id", "operation_plan", "rollout_plan", "rules_to_amend",
        "version", "state", "completion_notified_on", "inspected_on", "handed_over_on", "warranty_ends_on",
        "created_at", "updated_at"), rows["contract"])  # fmt: skip
    insert(c["ContractVersion"], ("id", "contract_id", "number", "amount", "start_date", "end_date", "reason",
                                  "requirements", "created_at"), rows["version"])  # fmt: skip
    insert(c["ExecutionPlan"], (
        "id", "contract_id", "kickoff_on", "staffing", "schedule", "quality_plan", "deliverable_plan", "revision",
        "submitted_at", "approved_at", "state", "created_at", "updated_at"), rows["plan"])  # fmt: skip
    insert(c["PlanReviewItem"], ("id", "plan_id", "aspect", "basis", "verdict", "created_at", "updated_at"),
           rows["review"])  # fmt: skip
    insert(c["WorkPackage"], (
        "id", "contract_id", "code", "name", "parent_id", "is_milestone", "planned_start", "planned_end", "weight",
        "progress", "actual_start", "actual_end", "delay_reason", "created_at", "updated_at"), rows["wbs"])  # fmt: skip
    insert(c["WorkPackage"].predecessors.through, ("from_workpackage_id", "to_workpackage_id"), rows["links"])
    insert(c["ProgressReport"], (
        "id", "contract_id", "kind", "period_start", "period_end", "summary", "problems", "next_plan",
        "planned_percent", "actual_percent", "submitted_by_id", "created_at", "updated_at"), rows["report"])  # fmt: skip
    insert(c["Requirement"], (
        "id", "contract_id", "code", "title", "description", "category", "source", "design_refs", "is_active",
        "created_at", "updated_at"), rows["requirement"])  # fmt: skip
    insert(document_model, ("id", "subject_type_id", "subject_id", "project_id", "title", "kind", "created_at",
                            "updated_at"), rows["document"])  # fmt: skip
    insert(version_model, ("id", "document_id", "number", "file", "filename", "content_type", "size", "sha256",
                           "note", "uploaded_by_id", "uploaded_at"), rows["file"])  # fmt: skip
    insert(c["Deliverable"], (
        "id", "contract_id", "type_id", "title", "required", "due_date", "is_final", "document_id", "state",
        "review_comment", "submitted_at", "created_at", "updated_at"), rows["deliverable"])  # fmt: skip
    for key, label in (("contract", "contracts"), ("wbs", "work_packages"), ("report", "progress_reports"),
                       ("requirement", "requirements"), ("deliverable", "deliverables"), ("file", "documents")):  # fmt: skip
        ctx.count(label, len(rows[key]))
    ctx.remember("execution.contract", [(r[0], f"{r[3]} ({r[2]})") for r in rows["contract"]])
