"""Chapter 6 at scale (issue 16): the service desk of the generated systems over the generated years — incidents
(50,000 at full scale) with severity, start, detection and restoration, cause and some recurrences, and service
requests (30,000) with due dates, some late. Written in bulk without signals like every other phase; the models'
rules are kept here (detected and restored after the start, completed after the request, recurrences on the same
system and earlier). SLAs and their months are measured from these by the IT departments (itms.operations)."""

from __future__ import annotations

import datetime as dt

from django.apps import apps

from .context import Context, Phase
from .writer import aware, insert, table_exists

SEVERITIES = (("1", 1, (0.5, 4)), ("2", 3, (1, 8)), ("3", 6, (2, 24)), ("4", 4, (4, 72)))
CAUSES = ("hardware", "software", "network", "database", "operation", "external")
INCIDENT_TITLES = ("서비스 접속 지연", "배치 작업 지연", "조회 응답 지연", "DB 세션 과다", "연계 전송 실패",
                   "화면 오류", "인증 서버 응답 없음", "보고서 출력 오류", "디스크 사용량 초과")  # fmt: skip
REQUEST_TITLES = ("사용자 계정 발급", "권한 변경", "자료 추출 요청", "코드 값 추가", "보고서 양식 변경", "접속 IP 등록")


def build(ctx: Context) -> None:
    if not apps.is_installed("itms.operations") or not table_exists(apps.get_model("operations", "Incident")):
        ctx.log("  운영·유지관리: itms.operations가 없어 건너뜁니다")
        return
    if not ctx.systems:
        ctx.log("  운영·유지관리: 생성된 시스템이 없어 건너뜁니다")
        return
    with Phase(ctx, "운영·유지관리 (장애·서비스 요청)"):
        _incidents(ctx)
        _service_requests(ctx)


def _incidents(ctx: Context) -> None:
    Incident = apps.get_model("operations", "Incident")
    rng = ctx.rng("operations.incidents")
    total = ctx.target("incidents")
    ids = ctx.ids.take(Incident, total)
    first_by_system: dict[int, tuple[int, dt.datetime]] = {}
    weights = [w for _, w, _ in SEVERITIES]
    now = aware(ctx.today, 0)

    def rows():
        for pk in ids:
            system_pk = rng.choice(ctx.systems)[0]
            severity, _, (low, high) = rng.choices(SEVERITIES, weights=weights)[0]
            started = aware(ctx.day_between(rng, ctx.start, ctx.today - dt.timedelta(days=1)), rng.randint(0, 23),
                            rng.randint(0, 59))  # fmt: skip
            detected = started + dt.timedelta(minutes=rng.randint(0, 30))
            restored = started + dt.timedelta(hours=rng.uniform(low, high))
            earlier = first_by_system.get(system_pk)
            recurrence = earlier[0] if earlier and earlier[1] < started and rng.random() < 0.05 else None
            if earlier is None or started < earlier[1]:
                first_by_system[system_pk] = (pk, started)
            yield (
                pk, f"GEN-INC-{pk:07d}", system_pk, rng.choice(INCIDENT_TITLES), severity, started, detected,
                restored if restored < now else None, severity in ("1", "2"), rng.choice(CAUSES), recurrence, False,
                started, started,
            )  # fmt: skip

    fields = ("id", "number", "system", "title", "severity", "started_at", "detected_at", "restored_at",
              "service_down", "cause", "recurrence_of", "is_major", "created_at", "updated_at")  # fmt: skip
    # Recurrences point at an incident of the same system that started earlier and is written in this same batch.
    ctx.count("incidents", insert(Incident, fields, rows()))


def _service_requests(ctx: Context) -> None:
    ServiceRequest = apps.get_model("operations", "ServiceRequest")
    rng = ctx.rng("operations.requests")
    total = ctx.target("service_requests")
    ids = ctx.ids.take(ServiceRequest, total)
    now = aware(ctx.today, 0)

    def rows():
        for pk in ids:
            requested = aware(ctx.day_between(rng, ctx.start, ctx.today - dt.timedelta(days=1)), rng.randint(9, 17))
            due = requested + dt.timedelta(days=rng.choice((1, 2, 3, 5)))
            done = requested + dt.timedelta(hours=rng.uniform(1, 24 * 6))
            yield (
                pk, f"GEN-SR-{pk:07d}", rng.choice(ctx.systems)[0], rng.choice(REQUEST_TITLES), "", requested, due,
                done if done < now else None, requested, requested,
            )  # fmt: skip

    fields = ("id", "number", "system", "title", "requester", "requested_at", "due_at", "completed_at",
              "created_at", "updated_at")  # fmt: skip
    ctx.count("service_requests", insert(ServiceRequest, fields, rows()))
