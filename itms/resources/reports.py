"""Reports of Chapter 8: the 실사 result owed to the 정보기획담당관 (a29.3.3, XLSX and PDF) and the O&M coverage
report (a29.3.1: assets with no coverage, past 내용연수 or end of support)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.utils import timezone

from itms.accounts.models import Assignment
from itms.core.exports import Column, Kind, new_workbook, workbook_bytes, write_sheet
from itms.core.formats import format_date
from itms.documents.official import Fields, Heading, OfficialDocument, Paragraph, Signature, Table, to_pdf

from .choices import AssetStatus, CheckResult, Resolution
from .models import Asset, AuditDiscrepancy, InventoryAudit, Licence

ITEM_COLUMNS = [
    Column("자산번호"),
    Column("자산명"),
    Column("자산 유형"),
    Column("관리 부서"),
    Column("정보시스템"),
    Column("설치 위치"),
    Column("확인 결과"),
    Column("차이 내용"),
    Column("현장 위치"),
    Column("확인자"),
    Column("확인 일시", Kind.DATETIME),
]
DISCREPANCY_COLUMNS = [
    Column("자산번호"),
    Column("자산명"),
    Column("불일치 구분"),
    Column("내용"),
    Column("처리"),
    Column("처리 내용"),
    Column("처리자"),
    Column("처리 일시", Kind.DATETIME),
]


def _scope_text(audit: InventoryAudit) -> list[tuple[str, str]]:
    def names(qs) -> str:
        return ", ".join(str(o) for o in qs) or "전체"

    return [
        ("대상 부서", names(audit.scope_units.all())),
        ("대상 자산 유형", names(audit.scope_types.all())),
        ("대상 정보시스템", names(audit.scope_systems.all())),
    ]


def _items(audit: InventoryAudit):
    return audit.items.select_related(
        "asset__asset_type", "asset__org_unit", "asset__system", "asset__location", "checked_by"
    ).order_by("asset__tag", "pk")


def _discrepancies(audit: InventoryAudit):
    return (
        AuditDiscrepancy.objects.filter(item__audit=audit)
        .select_related("item__asset", "resolved_by")
        .order_by("item__asset__tag", "pk")
    )


def _item_row(item) -> list:
    asset = item.asset
    return [
        asset.tag if asset else item.observed_tag,
        asset.name if asset else item.observed_name,
        str(asset.asset_type) if asset else "",
        str(asset.org_unit) if asset else "",
        str(asset.system) if asset and asset.system_id else "",
        str(asset.location) if asset and asset.location_id else "",
        item.get_result_display(),
        item.difference,
        item.observed_location,
        item.checked_by.name if item.checked_by_id else "",
        item.checked_at,
    ]


def _discrepancy_row(d) -> list:
    item = d.item
    what = item.difference if item.result == CheckResult.DIFFERS else item.note
    return [
        item.asset.tag if item.asset_id else item.observed_tag,
        item.asset.name if item.asset_id else item.observed_name,
        d.get_kind_display(),
        what,
        d.get_resolution_display(),
        d.resolution_note,
        d.resolved_by.name if d.resolved_by_id else "",
        d.resolved_at,
    ]


def summary_rows(audit: InventoryAudit) -> list[tuple[str, str]]:
    counts = audit.counts()
    resolved = dict(
        AuditDiscrepancy.objects.filter(item__audit=audit).values_list("resolution").annotate(n=Count("pk")).order_by()
    )
    return [
        ("대상 자산", f"{counts['total'] - counts[CheckResult.NEW]:,}건"),
        ("일치", f"{counts[CheckResult.FOUND]:,}건"),
        ("불일치", f"{counts[CheckResult.DIFFERS]:,}건"),
        ("미발견", f"{counts[CheckResult.MISSING]:,}건"),
        ("미등록 자산 발견", f"{counts[CheckResult.NEW]:,}건"),
        ("미확인", f"{counts[CheckResult.PENDING]:,}건"),
        (
            "불일치 처리",
            ", ".join(f"{Resolution(k).label} {v:,}건" for k, v in sorted(resolved.items())) or "불일치 없음",
        ),
    ]


def audit_report_xlsx(audit: InventoryAudit) -> bytes:
    title = f"정보자산 실사 결과 — {audit}"
    book = new_workbook(title)
    head = [
        ("실사명", str(audit)),
        ("주관 부서", str(audit.unit)),
        ("실사 기간", f"{format_date(audit.starts_on)} ~ {format_date(audit.ends_on)}"),
        *_scope_text(audit),
        ("실사 담당 직위", ", ".join(str(p) for p in audit.officers.all()) or "-"),
        *summary_rows(audit),
    ]
    write_sheet(
        book.active,
        [Column("항목"), Column("내용")],
        head,
        title="요약",
        notes=["「관세행정 정보화 추진에 관한 훈령」 제29조제3항제2호·제3호에 따른 방문 실사 결과입니다."],
    )
    write_sheet(book.create_sheet(), ITEM_COLUMNS, (_item_row(i) for i in _items(audit)), title="확인 결과")
    write_sheet(
        book.create_sheet(),
        DISCREPANCY_COLUMNS,
        (_discrepancy_row(d) for d in _discrepancies(audit)),
        title="불일치 처리",
        empty_text="불일치가 없습니다.",
    )
    return workbook_bytes(book)


def _position_of(user) -> str:
    assignment = (
        Assignment.objects.active_on(timezone.localdate()).filter(user=user).select_related("position__unit").first()
    )
    return str(assignment.position) if assignment else ""


def audit_report_document(audit: InventoryAudit, *, reporter=None) -> OfficialDocument:
    discrepancies = list(_discrepancies(audit))
    blocks = [
        Fields(
            [
                ("수신", "정보기획담당관"),
                ("실사명", str(audit)),
                ("주관 부서", str(audit.unit)),
                ("실사 기간", f"{format_date(audit.starts_on)} ~ {format_date(audit.ends_on)}"),
                *_scope_text(audit),
                ("실사 담당 직위", ", ".join(str(p) for p in audit.officers.all()) or "-"),
            ]
        ),
        Heading("1. 실사 결과"),
        Table(["구분", "건수"], [[label, value] for label, value in summary_rows(audit)], [40, 60]),
        Heading("2. 불일치와 처리"),
    ]
    if discrepancies:
        blocks.append(
            Table(
                ["자산번호", "자산명", "구분", "처리", "처리 내용"],
                [[r[0], r[1], r[2], r[4], r[5]] for r in map(_discrepancy_row, discrepancies)],
                [16, 24, 12, 14, 34],
            )
        )
    else:
        blocks.append(Paragraph("불일치가 없습니다."))
    blocks.append(Paragraph("자산별 확인 결과 전체는 함께 첨부한 엑셀 파일(확인 결과 시트)에 있습니다.", small=True))
    signatures = []
    if reporter is not None:
        signatures.append(Signature("정보자산 담당자", _position_of(reporter), reporter.name))
    reported = audit.reported_at or timezone.now()
    return OfficialDocument(
        title="정보자산 실사 결과 통보",
        number=f"정보자산실사-{audit.starts_on.year}-{audit.pk:04d}",
        date=format_date(timezone.localtime(reported).date()),
        blocks=blocks,
        signatures=signatures,
        closing="「관세행정 정보화 추진에 관한 훈령」 제29조제3항제3호에 따라 정보자산 실사 결과를 통보합니다.",
    )


def audit_report_pdf(audit: InventoryAudit, *, reporter=None) -> bytes:
    return to_pdf(audit_report_document(audit, reporter=reporter))


def attach_audit_report(audit: InventoryAudit, *, actor) -> None:
    """The report goes with the campaign as documents (XLSX and PDF, hashed; a29.3.3)."""
    from itms.documents.actions import attach_document
    from itms.documents.models import DocumentKind

    stem = f"정보자산실사-{audit.starts_on.year}-{audit.pk:04d}"
    for content, extension, label in (
        (audit_report_xlsx(audit), "xlsx", "결과표"),
        (audit_report_pdf(audit, reporter=actor), "pdf", "결과 통보"),
    ):
        upload = ContentFile(content, name=f"{stem}.{extension}")
        attach_document(
            actor=actor, subject=audit, upload=upload, title=f"{audit} 실사 {label}", kind=DocumentKind.REPORT
        )


# --- O&M coverage (a29.3.1) -----------------------------------------------------------------------------------------
def coverage_filters(today: dt.date | None = None) -> dict[str, tuple[str, Q, str]]:
    """The report's sections: key → (title, condition on active O&M-target assets, clause)."""
    from itms.regulation.rules import param

    today = today or timezone.localdate()
    warning = today + dt.timedelta(days=int(param("asset_support_warning_days", today).value))
    no_contract = (
        Q(maintenance_contract__isnull=True)
        | Q(maintenance_contract__ends_on__lt=today)
        | Q(maintenance_contract__starts_on__gt=today)
    )
    return {
        "uncovered": ("유지관리 주체가 없는 자산", no_contract & Q(maintained_by__isnull=True), "a29.3.1"),
        "life": ("내용연수가 지난 자산", Q(life_ends_on__lt=today), "a29.3.1"),
        "support": ("기술지원이 끝난 자산", Q(support_ends_on__lt=today), "a29.3.1"),
        "support_soon": (
            "기술지원 종료가 다가온 자산",
            Q(support_ends_on__gte=today, support_ends_on__lte=warning),
            "a29.3.1",
        ),
    }


def om_targets():
    return Asset.objects.filter(is_om_target=True).exclude(status=AssetStatus.DISPOSED)


COVERAGE_COLUMNS = [
    Column("자산번호"),
    Column("자산명"),
    Column("자산 유형"),
    Column("관리 부서"),
    Column("정보시스템"),
    Column("유지관리 계약"),
    Column("자체 유지관리 부서"),
    Column("도입일", Kind.DATE),
    Column("내용연수 만료일", Kind.DATE),
    Column("기술지원 종료일", Kind.DATE),
]


def coverage_xlsx(queryset, today: dt.date | None = None) -> bytes:
    """One sheet per section of the coverage report, over ``queryset`` (the assets the user may see)."""
    today = today or timezone.localdate()
    book = new_workbook("운영·유지관리 대상 식별 보고서")
    first = True
    for _key, (title, condition, _clause) in coverage_filters(today).items():
        sheet = book.active if first else book.create_sheet()
        first = False
        rows = (
            [
                a.tag,
                a.name,
                str(a.asset_type),
                str(a.org_unit),
                str(a.system) if a.system_id else "",
                str(a.maintenance_contract) if a.maintenance_contract_id else "",
                str(a.maintained_by) if a.maintained_by_id else "",
                a.acquired_on,
                a.life_ends_on,
                a.support_ends_on,
            ]
            for a in queryset.filter(condition)
            .select_related("asset_type", "org_unit", "system", "maintenance_contract", "maintained_by")
            .order_by("tag")
            .iterator(chunk_size=2000)
        )
        write_sheet(
            sheet,
            COVERAGE_COLUMNS,
            rows,
            title=title,
            notes=[f"{format_date(today)} 기준, 제29조제3항제1호 운영·유지관리 대상 식별"],
        )
    licence_sheet = book.create_sheet()
    expired = (
        Licence.objects.filter(expires_on__lt=today, software__in=queryset)
        .select_related("software")
        .order_by("expires_on")
    )
    write_sheet(
        licence_sheet,
        [Column("소프트웨어"), Column("라이선스 번호"), Column("수량", Kind.INTEGER), Column("만료일", Kind.DATE)],
        ([lic.software.name, lic.number, lic.quantity, lic.expires_on] for lic in expired),
        title="만료된 라이선스",
    )
    return workbook_bytes(book)
