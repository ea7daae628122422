"""Chapter 4's documents through the documents app: the RFP (HWPX, PDF), the evaluation result sent to 조달청
(XLSX, and PDF as an official document, a15.8), the draw record (PDF and the JSON that ``verify_draw`` reads)."""

from __future__ import annotations

import json

from django.utils import timezone

from itms.core.exports import Column, Kind, new_workbook, workbook_bytes, write_sheet
from itms.core.formats import format_date, format_won
from itms.documents.official import Fields, Heading, OfficialDocument, Paragraph, Signature, Table, to_hwpx, to_pdf

from .choices import ContactOutcome, DrawExclusionReason, ItemKind
from .models import Evaluation, EvaluatorDraw, Rfp


# --- 제안요청서 -------------------------------------------------------------------------------------------------
def rfp_document(rfp: Rfp) -> OfficialDocument:
    project = rfp.project
    blocks: list = [
        Fields(
            [
                ("사업명", project.name),
                ("사업예산", f"{format_won(rfp.budget)} (부가가치세 포함)"),
                ("사업기간", f"계약일부터 {rfp.period_months}개월"),
                ("계약방법", rfp.contract_method),
                ("기술·가격 배점", f"기술 {rfp.technical_weight} : 가격 {100 - rfp.technical_weight}"),
                ("작성 양식", str(rfp.template)),
            ]
        )
    ]
    requirements = list(
        rfp.requirements.select_related("category").order_by("category__order", "category__code", "seq")
    )
    for section in rfp.sections.order_by("order"):
        blocks.append(Heading(f"{section.number}. {section.title}"))
        for paragraph in (section.body or "").split("\n\n"):
            if paragraph.strip():
                blocks.append(Paragraph(paragraph.strip()))
        if section.order == 3 or section.title.startswith("제안요청 내용"):
            blocks += _requirement_blocks(requirements)
    return OfficialDocument(
        title=rfp.title,
        number=f"{project.code}-RFP-{rfp.pk:04d}",
        date=format_date(timezone.localdate()),
        blocks=blocks,
        signatures=[Signature("작성", project.sponsor_unit.name, "")],
        closing="정보화관리시스템에 등재된 작성 지침 및 양식에 따라 작성한 제안요청서입니다 (제14조제1항).",
    )


def _requirement_blocks(requirements) -> list:
    blocks: list = [Heading("요구사항 총괄표")]
    counts: dict[str, int] = {}
    for r in requirements:
        counts[str(r.category)] = counts.get(str(r.category), 0) + 1
    blocks.append(
        Table(
            ["분류", "고유번호", "요구사항 명칭"],
            [[str(r.category), r.code, r.name] for r in requirements],
            [34, 18, 48],
        )
    )
    blocks.append(Paragraph(" · ".join(f"{k} {v}건" for k, v in counts.items()) or "요구사항 없음", small=True))
    blocks.append(Heading("상세 요구사항"))
    for r in requirements:
        blocks.append(
            Fields(
                [
                    ("요구사항 분류", str(r.category)),
                    ("요구사항 고유번호", r.code),
                    ("요구사항 명칭", r.name),
                    ("정의", r.definition),
                    ("세부내용", r.details),
                    ("산출정보", r.deliverable),
                    ("관련 요구사항", r.related),
                    ("요구사항 출처", r.source),
                ]
            )
        )
    return blocks


def rfp_pdf(rfp: Rfp) -> bytes:
    return to_pdf(rfp_document(rfp))


def rfp_hwpx(rfp: Rfp) -> bytes:
    return to_hwpx(rfp_document(rfp))


# --- 평가결과 (a15.8) --------------------------------------------------------------------------------------------
def result_rows(evaluation: Evaluation) -> list[dict]:
    return list((evaluation.result_record or {}).get("results", []))


def result_document(evaluation: Evaluation) -> OfficialDocument:
    record = evaluation.result_record or {}
    rows = result_rows(evaluation)
    blocks: list = [
        Fields(
            [
                ("사업명", str(evaluation.project)),
                ("평가 구분", evaluation.get_kind_display()),
                ("평가 일시", format_date(evaluation.evaluation_at)),
                ("기술·가격 배점", f"기술 {evaluation.technical_weight} : 가격 {evaluation.price_weight}"),
                ("추정가격", format_won(evaluation.estimated_price)),
                (
                    "평가위원",
                    f"{len(record.get('sheets', []))}명 출석·채점 (평가위원 수 {evaluation.committee_size}명)",
                ),
                ("결과 확정", format_date(evaluation.locked_at) if evaluation.locked_at else "-"),
                ("결과 해시(SHA-256)", evaluation.result_hash),
            ]
        ),
        Heading("평가 결과 (종합점수 순)"),
        Table(
            ["순위", "제안 업체", "입찰가격", "정량", "정성", "기술", "가격", "종합", "협상적격"],
            [
                [
                    str(r["rank"]),
                    r["company"],
                    format_won(r["bid_price"]),
                    r["quantitative"],
                    r["qualitative"],
                    r["technical"],
                    r["price"],
                    r["total"],
                    "적격" if r["eligible"] else "부적격",
                ]
                for r in rows
            ],
            [6, 20, 14, 9, 10, 10, 9, 11, 11],
        ),
    ]
    notes = [f"{r['rank']}위 {r['company']}: {r['note']}" for r in rows if r.get("note")]
    for note in notes:
        blocks.append(Paragraph(note, small=True))
    if "suitability" in record:
        verdict = "적합" if record["suitability"]["passed"] else "부적합"
        blocks.append(Heading("적합성평가 결과 (제16조)"))
        blocks.append(Paragraph(f"{verdict}: {record['suitability'].get('explanation', '')}"))
    blocks.append(Heading("점수 산정 방법"))
    blocks.append(
        Paragraph(
            "정성 점수는 평가위원별 점수 가운데 최고·최저 점수를 하나씩 뺀 산술평균, 가격 점수는 계약예규의 산식, "
            "협상적격자는 기술점수가 기술 배점 한도의 기준 비율 이상인 자입니다. 적용한 규정 값은 확정 기록에 있습니다.",
            small=True,
        )
    )
    for r in rows:
        blocks.append(Paragraph(f"{r['company']} 가격점수: " + " / ".join(r.get("price_steps", [])), small=True))
    return OfficialDocument(
        title=f"{evaluation.get_kind_display()} 결과 통보",
        number=f"{evaluation.unit.name}-{timezone.localtime(evaluation.locked_at or timezone.now()):%Y}-{evaluation.pk:04d}",
        date=format_date(evaluation.locked_at or timezone.now()),
        blocks=blocks,
        signatures=[Signature("평가 주관", evaluation.unit.name, "")],
        closing="제안서 평가결과를 「관세행정 정보화 추진에 관한 훈령」 제15조제8항에 따라 통보합니다.",
    )


def result_pdf(evaluation: Evaluation) -> bytes:
    return to_pdf(result_document(evaluation))


RESULT_COLUMNS = [
    Column("순위", Kind.INTEGER),
    Column("제안 업체"),
    Column("입찰가격", Kind.MONEY),
    Column("정량 점수", Kind.NUMBER),
    Column("정성 점수", Kind.NUMBER),
    Column("기술 점수", Kind.NUMBER),
    Column("가격 점수", Kind.NUMBER),
    Column("종합 점수", Kind.NUMBER),
    Column("협상적격자"),
    Column("비고"),
]


def result_xlsx(evaluation: Evaluation) -> bytes:
    from decimal import Decimal

    record = evaluation.result_record or {}
    book = new_workbook(f"{evaluation.title} 평가결과")
    rows = [
        [
            r["rank"],
            r["company"],
            r["bid_price"],
            Decimal(r["quantitative"]),
            Decimal(r["qualitative"]),
            Decimal(r["technical"]),
            Decimal(r["price"]),
            Decimal(r["total"]),
            "적격" if r["eligible"] else "부적격",
            r.get("note", ""),
        ]
        for r in result_rows(evaluation)
    ]
    write_sheet(
        book.active,
        RESULT_COLUMNS,
        rows,
        title="평가결과",
        notes=[
            f"{evaluation.project} · {evaluation.get_kind_display()} · 기술 {evaluation.technical_weight} : 가격 "
            f"{evaluation.price_weight}",
            f"결과 확정 {format_date(evaluation.locked_at) if evaluation.locked_at else '-'}, 결과 해시(SHA-256) "
            f"{evaluation.result_hash}",
            "관세행정 정보화 추진에 관한 훈령 제15조제8항에 따라 조달청에 통보",
        ],
    )
    items = {i["id"]: i for i in record.get("items", [])}
    proposals = {r["proposal"]: r["company"] for r in result_rows(evaluation)}
    sheet_rows = [
        [
            s["label"],
            proposals.get(score["proposal"], ""),
            items.get(score["item"], {}).get("name", ""),
            Decimal(score["score"]),
        ]
        for s in record.get("sheets", [])
        for score in s["scores"]
        if score["score"] != ""
    ]
    write_sheet(
        book.create_sheet(),
        [Column("평가위원"), Column("제안 업체"), Column("정성 항목"), Column("점수", Kind.NUMBER)],
        sheet_rows,
        title="평가위원별 정성 점수",
    )
    quantitative = [
        [proposals.get(q["proposal"], ""), items.get(q["item"], {}).get("name", ""), Decimal(q["score"]), q["evidence"]]
        for q in record.get("quantitative", [])
    ]
    write_sheet(
        book.create_sheet(),
        [Column("제안 업체"), Column("정량 항목"), Column("점수", Kind.NUMBER), Column("근거")],
        quantitative,
        title="정량 점수",
    )
    return workbook_bytes(book)


# --- 추출 기록 (a15.3) ----------------------------------------------------------------------------------------------
def draw_json(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def draw_document(draw: EvaluatorDraw, record: dict) -> OfficialDocument:
    reasons = dict(DrawExclusionReason.choices)
    outcomes = dict(ContactOutcome.choices)
    blocks: list = [
        Fields(
            [
                ("평가", str(draw.evaluation)),
                (
                    "차수",
                    f"{draw.number}차"
                    + (f" (무효가 된 {draw.replaces.number}차 추출을 대신함)" if draw.replaces_id else ""),
                ),
                ("추출 사유", draw.reason),
                ("선정할 외부 평가위원", f"{draw.needed}명"),
                ("순서 산정 방식", draw.algorithm),
                ("봉인일시", format_date(draw.committed_at) if draw.committed_at else "-"),
                ("추출일시", format_date(draw.revealed_at) if draw.revealed_at else "-"),
            ]
        ),
        Heading("봉인 (명부 해시와 비밀값 해시)"),
        Fields(
            [
                ("명부 해시", draw.list_hash or "-"),
                ("비밀값 해시", draw.secret_hash or "-"),
                ("공개된 비밀값", record.get("secret") or "(추출 전)"),
            ]
        ),
        Heading(f"확정 명부 ({len(draw.eligible)}명, 명부 번호)"),
        Paragraph(", ".join(e["code"] for e in draw.eligible) or "-"),
        Heading("제외한 전문가와 사유"),
        Table(
            ["명부 번호", "제외 사유"],
            [[x["code"], reasons.get(x["reason"], x["reason"])] for x in record["exclusions"]],
            [30, 70],
        ),
        Heading("참관인 입력값"),
        Table(
            ["순번", "참관인", "소속", "입력한 수"],
            [[str(w["seq"]), w["name"], w["affiliation"], w["number"]] for w in record["witnesses"]],
            [10, 25, 40, 25],
        ),
        Heading("교섭 순서와 결과"),
        Table(
            ["순서", "명부 번호", "교섭 결과"],
            [
                [
                    str(i),
                    code,
                    outcomes.get(next((c["outcome"] for c in record["contacts"] if c["position"] == i), ""), ""),
                ]
                for i, code in enumerate(draw.order, start=1)
            ],
            [15, 35, 50],
        ),
        Paragraph(
            "교섭 순서는 명부 해시, 비밀값, 참관인 입력값과 산정 방식으로 누구나 다시 계산할 수 있습니다 "
            "(python manage.py verify_draw, docs/draw.md).",
            small=True,
        ),
    ]
    return OfficialDocument(
        title="평가위원 추출 기록",
        number=f"{draw.evaluation.unit.name}-추출-{draw.pk:04d}",
        date=format_date(timezone.localdate()),
        blocks=blocks,
        signatures=[Signature("추출", draw.evaluation.unit.name, draw.revealed_by.name if draw.revealed_by else "")],
        closing="관세행정 정보화 추진에 관한 훈령 제15조제3항에 따라 무작위 추출한 명부 순서로 평가위원을 교섭합니다.",
    )


def draw_pdf(draw: EvaluatorDraw, record: dict) -> bytes:
    return to_pdf(draw_document(draw, record))


__all__ = ["ItemKind", "draw_json", "draw_pdf", "result_pdf", "result_xlsx", "rfp_hwpx", "rfp_pdf"]
