"""The yearly service-level report of an O&M contract (a26.2): the twelve months' indicator values, points, score,
grade and payment adjustment — as a page, a typed XLSX (no formula cells: the totals are computed here) and an
official document (PDF through ``itms.documents.official``, with 기관명, 문서번호 and 서명란).

The year's figures: months measured, the mean score of the measured months, and the sum of the payment
adjustments (each month's adjustment is already rounded to the won when it is computed, so the sum is exact)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from itms.core.exports import Column, Kind, new_workbook, workbook_bytes, write_sheet
from itms.core.formats import format_date, format_won
from itms.documents.official import Fields, Heading, OfficialDocument, Paragraph, Signature, Table

from .models import ServiceLevelAgreement, SlaIndicator, SlaMonth

CLOSING = (
    "「관세행정 정보화 추진에 관한 훈령」 제26조제2항에 따라 서비스수준협약의 월별 서비스수준을 측정·평가한 "
    "연간 결과입니다."
)
CENT = Decimal("0.01")


@dataclass
class MonthRow:
    month: dt.date
    record: SlaMonth | None
    values: dict[int, Decimal | None] = field(default_factory=dict)  # indicator pk → value
    points: dict[int, Decimal] = field(default_factory=dict)
    cells: list[tuple[Decimal | None, Decimal | None]] = field(default_factory=list)  # per indicator, in order

    @property
    def label(self) -> str:
        return f"{self.month.year}. {self.month.month}."


@dataclass
class YearReport:
    sla: ServiceLevelAgreement
    year: int
    indicators: list[SlaIndicator]
    rows: list[MonthRow]

    @property
    def measured(self) -> list[MonthRow]:
        return [r for r in self.rows if r.record is not None]

    @property
    def mean_score(self) -> Decimal | None:
        scores = [r.record.score for r in self.measured]
        if not scores:
            return None
        return (sum(scores, Decimal(0)) / len(scores)).quantize(CENT, ROUND_HALF_UP)

    @property
    def total_adjustment(self) -> int:
        return sum(int(r.record.payment_adjustment) for r in self.measured)

    def grade_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.measured:
            counts[r.record.grade] = counts.get(r.record.grade, 0) + 1
        return dict(sorted(counts.items()))


def years_of(sla: ServiceLevelAgreement) -> list[int]:
    return list(range(sla.contract.starts_on.year, sla.contract.ends_on.year + 1))


def year_report(sla: ServiceLevelAgreement, year: int) -> YearReport:
    """The twelve months of ``year`` (a month not measured, or outside the contract, is an empty row)."""
    indicators = list(sla.indicators.all())
    records = {m.month: m for m in SlaMonth.objects.filter(sla=sla, month__year=year).prefetch_related("measurements")}
    rows = []
    for number in range(1, 13):
        month = dt.date(year, number, 1)
        record = records.get(month)
        row = MonthRow(month, record)
        if record is not None:
            for measurement in record.measurements.all():
                row.values[measurement.indicator_id] = measurement.value
                row.points[measurement.indicator_id] = measurement.points
        row.cells = [(row.values.get(i.pk), row.points.get(i.pk)) for i in indicators]
        rows.append(row)
    return YearReport(sla, year, indicators, rows)


# --- XLSX -----------------------------------------------------------------------------------------------------
def _columns(report: YearReport) -> list[Column]:
    columns = [Column("측정 월"), Column("상태")]
    for indicator in report.indicators:
        columns += [Column(f"{indicator.label} 측정값", Kind.NUMBER), Column(f"{indicator.label} 점수", Kind.NUMBER)]
    return [
        *columns,
        Column("총점", Kind.NUMBER),
        Column("등급"),
        Column("대가 조정률(%)", Kind.NUMBER),
        Column("대가 조정액(원)", Kind.MONEY),
    ]


def _rows(report: YearReport) -> list[list]:
    rows = []
    for row in report.rows:
        record = row.record
        line: list = [row.label, record.get_state_display() if record else "측정 없음"]
        for indicator in report.indicators:
            line += [row.values.get(indicator.pk), row.points.get(indicator.pk)]
        line += [
            record.score if record else None,
            record.grade if record else "",
            record.payment_percent if record else None,
            int(record.payment_adjustment) if record else None,
        ]
        rows.append(line)
    total: list = [f"{report.year}년", f"측정 {len(report.measured)}개월"]
    total += [None, None] * len(report.indicators)
    total += [report.mean_score, "평균 총점 · 조정액 합계", None, report.total_adjustment]
    rows.append(total)
    return rows


def year_xlsx(report: YearReport) -> bytes:
    book = new_workbook(f"{report.sla} {report.year}년")
    write_sheet(
        book.active,
        _columns(report),
        _rows(report),
        title=f"{report.year}년 서비스수준 측정 결과",
        notes=[
            CLOSING,
            "마지막 행: 측정한 달의 평균 총점과 대가 조정액 합계 (계산 결과를 값으로 적었습니다).",
            f"계약 {report.sla.contract.number} · {report.sla.contract.supplier}",
        ],
    )
    return workbook_bytes(book)


# --- the official document --------------------------------------------------------------------------------------
def _num(value) -> str:
    return "-" if value is None else f"{value:f}"


def year_document(report: YearReport) -> OfficialDocument:
    sla, contract = report.sla, report.sla.contract
    counts = report.grade_counts()
    blocks = [
        Fields(
            [
                ("서비스수준협약", sla.title),
                ("유지관리 계약", f"{contract.name} ({contract.number})"),
                ("위탁운영업체", str(contract.supplier)),
                ("계약기간", f"{format_date(contract.starts_on)} ~ {format_date(contract.ends_on)}"),
                ("연간 계약금액", format_won(contract.annual_amount)),
                ("측정연도", f"{report.year}년 (측정한 달 {len(report.measured)}개월)"),
                ("평균 총점", f"{report.mean_score}점" if report.mean_score is not None else "-"),
                ("등급 분포", ", ".join(f"{g} {n}개월" for g, n in counts.items()) or "-"),
                ("대가 조정액 합계", format_won(report.total_adjustment)),
            ]
        ),
        Heading("1. 월별 총점·등급·대가 조정"),
        Table(
            ["측정 월", "상태", "총점", "등급", "조정률(%)", "조정액"],
            [
                [
                    r.label,
                    r.record.get_state_display() if r.record else "측정 없음",
                    _num(r.record.score) if r.record else "-",
                    r.record.grade if r.record else "-",
                    _num(r.record.payment_percent) if r.record else "-",
                    format_won(r.record.payment_adjustment) if r.record else "-",
                ]
                for r in report.rows
            ],
            [16, 16, 14, 10, 16, 28],
        ),
        Heading("2. 지표별 연간 결과"),
        Table(
            ["지표", "목표", "최소", "가중치", "측정한 달", "만점 달", "점수 평균"],
            [_indicator_line(report, i) for i in report.indicators],
            [28, 10, 10, 10, 14, 12, 16],
        ),
        Paragraph(
            "점수 = 가중치 × 달성 수준 (목표 달성 1.0, 최소 수준 달성 그다음 단계 …), 총점 → 등급 → 대가 조정률은 "
            "측정 월에 시행 중인 규정 값(sla_band_levels, sla_grades, sla_payment_percent)을 따릅니다.",
            small=True,
        ),
    ]
    return OfficialDocument(
        title=f"{report.year}년 서비스수준 측정 결과 보고 — {contract.name}",
        number=f"서비스수준-{report.year}-{contract.number}",
        date=format_date(timezone.localdate()),
        blocks=blocks,
        signatures=[
            Signature("작성", str(contract.managing_unit), ""),
            Signature("확인 (위탁운영업체)", str(contract.supplier), ""),
        ],
        closing=CLOSING,
    )


def _indicator_line(report: YearReport, indicator: SlaIndicator) -> list[str]:
    points = [r.points[indicator.pk] for r in report.measured if indicator.pk in r.points]
    full = sum(1 for p in points if p == indicator.weight)
    mean = (sum(points, Decimal(0)) / len(points)).quantize(CENT, ROUND_HALF_UP) if points else None
    return [
        indicator.label,
        _num(indicator.target),
        _num(indicator.minimum),
        f"{indicator.weight}",
        f"{len(points)}개월",
        f"{full}개월",
        _num(mean),
    ]
