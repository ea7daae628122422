"""Documents of Chapter 7: the measurement report per system (official document, PDF/HWPX) and the yearly summary
(typed XLSX and PDF) — what the 정보기획담당관 keeps and reports (a27.1; results reported to MOIS, EXTERNAL-RULES §6)."""

from __future__ import annotations

from django.utils import timezone

from itms.core.exports import Column, Kind, new_workbook, workbook_bytes, write_sheet
from itms.core.formats import format_date
from itms.documents.official import Fields, Heading, OfficialDocument, Paragraph, Table
from itms.regulation.rules import param

from .choices import Band, Outcome, RetirementException, RetirementTrigger
from .models import DiagnosisRound, MeasurementRound, MeasurementTarget

CLOSING = "「관세행정 정보화 추진에 관한 훈령」 제27조에 따라 정보시스템 운영타당성을 진단한 결과입니다."


def _labels(values, choices) -> str:
    return ", ".join(str(choices(v).label) for v in values if v in choices.values) or "-"


def target_document(target: MeasurementTarget) -> OfficialDocument:
    computation = target.computation or {}
    rows = [
        [
            r["name"],
            f"{r['points_max']}",
            r["formula"],
            "; ".join(r["inputs"]) or "-",
            r["measure"] if r["measure"] is not None else "-",
            r["points"] if r["points"] is not None else f"계산 불가: {r['missing']}",
        ]
        for r in computation.get("indicators", [])
    ]
    blocks = [
        Fields(
            [
                ("측정연도", f"{target.round.year}년"),
                ("정보시스템", f"{target.system.name} ({target.system.code})"),
                ("운영 부서", str(target.system.operating_unit)),
                ("운영 연수", f"{target.years_in_operation}년" if target.years_in_operation is not None else "-"),
                ("총점", f"{target.total}점" if target.total is not None else "측정하지 않음"),
                ("판정", target.get_band_display() or "-"),
            ]
        ),
        Heading("1. 지표별 측정"),
    ]
    if rows:
        blocks.append(Table(["지표", "배점", "산식", "입력값", "측정값(%)", "점수"], rows, [14, 6, 22, 34, 10, 14]))
    else:
        blocks.append(Paragraph("측정하지 않았습니다."))
    blocks += [
        Heading("2. 결정"),
        Fields(
            [
                ("결정", target.get_outcome_display() or "-"),
                ("결정 사유", target.reasons or "-"),
                ("폐기 권고 예외 사유", _labels(target.exceptions, RetirementException)),
                ("측정 없는 정비 사유", _labels(target.triggers, RetirementTrigger)),
                ("후속 사업(구상)", str(target.follow_up_project or "-")),
            ]
        ),
    ]
    plan = getattr(target, "plan", None)
    if plan is not None:
        blocks += [
            Heading("3. 정비계획"),
            Fields(
                [
                    ("이용자 불편 방지", plan.user_inconvenience),
                    ("정보 이관·보존", plan.data_migration),
                    ("서비스 연속성", plan.service_continuity),
                    ("완료 예정일", format_date(plan.due_on) if plan.due_on else "-"),
                ]
            ),
        ]
    readings = computation.get("readings", [])
    if readings:
        blocks.append(
            Paragraph(
                "적용한 기준: "
                + "; ".join(f"{r['parameter']} ({r['effective_from']}부터, {r['pack_version']})" for r in readings),
                small=True,
            )
        )
    when = target.decided_at or target.measured_at or timezone.now()
    return OfficialDocument(
        title="정보시스템 운영 성과측정 결과",
        number=f"성과측정-{target.round.year}-{target.system.code}",
        date=format_date(timezone.localtime(when).date()),
        blocks=blocks,
        closing=CLOSING,
    )


SUMMARY_COLUMNS = [
    Column("시스템 코드"),
    Column("정보시스템"),
    Column("운영 부서"),
    Column("운영 연수", Kind.NUMBER),
    Column("측정 대상", Kind.BOOLEAN),
    Column("비용 측면(40)", Kind.NUMBER),
    Column("업무 측면(60)", Kind.NUMBER),
    Column("총점", Kind.NUMBER),
    Column("판정"),
    Column("결정"),
    Column("결정 사유"),
    Column("후속 사업"),
]


def _side(target: MeasurementTarget, side: str):
    indicators = (target.computation or {}).get("indicators", [])
    points = [r["points"] for r in indicators if r["side"] == side]
    if not points or any(p is None for p in points):
        return None
    return float(sum(float(p) for p in points))


def summary_rows(round_: MeasurementRound) -> list[list]:
    targets = round_.targets.select_related("system__operating_unit", "follow_up_project").order_by("system__code")
    return [
        [
            t.system.code,
            t.system.name,
            str(t.system.operating_unit),
            float(t.years_in_operation) if t.years_in_operation is not None else None,
            t.included,
            _side(t, "cost"),
            _side(t, "business"),
            float(t.total) if t.total is not None else None,
            t.get_band_display(),
            t.get_outcome_display(),
            t.reasons,
            t.follow_up_project.code if t.follow_up_project else "",
        ]
        for t in targets
    ]


def rule_text(on=None) -> str:
    on = on or timezone.localdate()
    keep, retire = param("performance_keep_score", on).value, param("performance_retire_score", on).value
    return (
        f"판정 기준 (전자정부 성과관리 지침 제26조): 총점 {keep}점 이상 {Band.KEEP.label}, {retire}점 이상 {keep}점 미만 "
        f"{Band.REVIEW.label}, {retire}점 미만 {Band.RETIRE.label} (예외 사유가 있으면 제외)."
    )


def summary_xlsx(round_: MeasurementRound) -> bytes:
    book = new_workbook(str(round_))
    write_sheet(
        book.active,
        SUMMARY_COLUMNS,
        summary_rows(round_),
        title=f"{round_.year}년 성과측정 결과",
        notes=[CLOSING, rule_text()],
    )
    return workbook_bytes(book)


def summary_document(round_: MeasurementRound) -> OfficialDocument:
    rows = summary_rows(round_)
    decided = [r for r in rows if r[4]]
    counts = {str(o.label): sum(1 for r in decided if r[9] == o.label) for o in Outcome}
    blocks = [
        Fields(
            [
                ("측정연도", f"{round_.year}년"),
                ("측정 대상", f"{len(decided)}개 시스템 (목록 {len(rows)}개 중)"),
                ("결정", ", ".join(f"{k} {v}개" for k, v in counts.items() if v) or "-"),
            ]
        ),
        Heading("시스템별 결과"),
        Table(
            ["시스템", "비용(40)", "업무(60)", "총점", "판정", "결정"],
            [[r[1], _num(r[5]), _num(r[6]), _num(r[7]), r[8] or "-", r[9] or "-"] for r in decided],
            [30, 10, 10, 10, 22, 18],
        ),
        Paragraph(rule_text(), small=True),
    ]
    return OfficialDocument(
        title=f"{round_.year}년 정보시스템 운영 성과측정 결과",
        number=f"성과측정-{round_.year}",
        date=format_date(timezone.localdate()),
        blocks=blocks,
        closing=CLOSING,
    )


def _num(value) -> str:
    return "-" if value is None else f"{value:g}"


def diagnosis_document(round_: DiagnosisRound) -> OfficialDocument:
    """The level diagnosis's result (a28.1): per indicator the self-score and its unit, per area against last year."""
    from .actions.diagnosis import comparison

    scores = round_.scores.select_related("indicator__responsible_unit").order_by("indicator__code")
    blocks = [
        Fields(
            [
                ("진단연도", f"{round_.year}년"),
                ("지표체계", str(round_.framework)),
                ("상태", round_.get_state_display()),
            ]
        ),
        Heading("1. 영역별 결과와 전년 대비"),
        Table(
            ["영역", "배점", "점수", "전년", "증감"],
            [
                [r["area"], _dec(r["weight"]), _dec(r["score"]), _dec(r["previous"]), _dec(r["change"])]
                for r in comparison(round_)
            ],
            [40, 15, 15, 15, 15],
        ),
        Heading("2. 지표별 자체점검"),
        Table(
            ["지표", "자료 제출 부서", "배점", "점수", "증빙"],
            [
                [
                    f"{s.indicator.code} {s.indicator.name}",
                    str(s.indicator.responsible_unit),
                    _dec(s.indicator.weight),
                    _dec(s.score),
                    s.evidence or "-",
                ]
                for s in scores
            ],
            [28, 16, 8, 8, 40],
        ),
    ]
    from .actions.diagnosis import result

    missing = result(round_)["missing"]
    if missing:
        blocks.append(
            Paragraph(f"자체점검을 아직 내지 않은 지표 {missing}개는 점수에 넣지 않았습니다 (제28조제2항).", small=True)
        )
    if round_.result_note:
        blocks.append(Paragraph(round_.result_note))
    return OfficialDocument(
        title=f"{round_.year}년 전자정부 성과관리 수준진단 결과",
        number=f"수준진단-{round_.year}",
        date=format_date(timezone.localdate()),
        blocks=blocks,
        closing="「관세행정 정보화 추진에 관한 훈령」 제28조에 따라 전자정부 성과관리 수준진단을 실시한 결과입니다.",
    )


def _dec(value) -> str:
    return "-" if value is None else f"{value.normalize():f}"
