"""The starter set of asset types and their mandatory attributes (EXTERNAL-RULES.md §9, indicative EA items).

Loaded into an empty asset-type table after ``migrate`` (``ensure_asset_types``, a post_migrate hook), so a new
installation can register assets at once; from then on the types and attributes are the administrator's data
(a29.3.3): nothing here overwrites, re-creates or deletes what they changed.
"""

from __future__ import annotations

from django.db import transaction

from .choices import AssetKind, AttributeType

T, N, D, C, B = (
    AttributeType.TEXT,
    AttributeType.NUMBER,
    AttributeType.DATE,
    AttributeType.CHOICE,
    AttributeType.BOOLEAN,
)

# (key, name, type, unit, required, allowed values)
HOST = [
    ("hostname", "호스트명", T, "", True, ""),
    ("ip_address", "IP 주소", T, "", True, ""),
]
ASSET_TYPES = [
    # code, name, kind, licence required, attributes
    (
        "SERVER",
        "서버",
        AssetKind.SERVER,
        False,
        [
            ("role", "용도", C, "", True, "WEB\nWAS\nDB\nAP\n배치\n백업\n보안\n기타"),
            *HOST,
            ("cpu_cores", "CPU 코어 수", N, "개", True, ""),
            ("memory_gb", "메모리", N, "GB", True, ""),
            ("disk_tb", "디스크", N, "TB", False, ""),
        ],
    ),
    (
        "VSERVER",
        "가상 서버",
        AssetKind.SERVER,
        False,
        [
            ("role", "용도", C, "", True, "WEB\nWAS\nDB\nAP\n배치\n백업\n보안\n기타"),
            *HOST,
            ("vcpu", "vCPU", N, "개", True, ""),
            ("memory_gb", "메모리", N, "GB", True, ""),
        ],
    ),
    (
        "STORAGE",
        "스토리지",
        AssetKind.STORAGE,
        False,
        [
            ("capacity_tb", "용량", N, "TB", True, ""),
            ("connection", "연결 방식", C, "", True, "SAN\nNAS\nDAS"),
            ("raid", "RAID 구성", T, "", False, ""),
        ],
    ),
    (
        "BACKUP",
        "백업 장비",
        AssetKind.STORAGE,
        False,
        [
            ("capacity_tb", "용량", N, "TB", True, ""),
            ("backup_method", "백업 방식", C, "", True, "디스크\n테이프\n가상 테이프"),
        ],
    ),
    (
        "NETWORK",
        "네트워크 장비",
        AssetKind.NETWORK,
        False,
        [
            ("device_kind", "장비 구분", C, "", True, "L2 스위치\nL3 스위치\nL4 스위치\n라우터\n무선 AP\n기타"),
            ("management_ip", "관리 IP", T, "", True, ""),
            ("ports", "포트 수", N, "개", False, ""),
        ],
    ),
    (
        "SECURITY",
        "정보보호 장비",
        AssetKind.SECURITY,
        False,
        [
            (
                "device_kind",
                "장비 구분",
                C,
                "",
                True,
                "방화벽\n침입방지(IPS)\n웹방화벽(WAF)\nDDoS 대응\nVPN\nNAC\n기타",
            ),
            ("management_ip", "관리 IP", T, "", True, ""),
            ("cc_certified", "CC 인증", B, "", True, ""),
        ],
    ),
    (
        "PC",
        "업무용 PC",
        AssetKind.TERMINAL,
        False,
        [
            ("cpu", "CPU", T, "", True, ""),
            ("memory_gb", "메모리", N, "GB", True, ""),
            ("os", "운영체제", T, "", True, ""),
        ],
    ),
    (
        "NOTEBOOK",
        "노트북",
        AssetKind.TERMINAL,
        False,
        [
            ("cpu", "CPU", T, "", True, ""),
            ("memory_gb", "메모리", N, "GB", True, ""),
            ("os", "운영체제", T, "", True, ""),
        ],
    ),
    (
        "MOBILE",
        "업무용 휴대단말",
        AssetKind.TERMINAL,
        False,
        [("terminal_kind", "단말 구분", C, "", True, "스마트폰\n태블릿\n휴대용 판독기")],
    ),
    ("HWETC", "기타 하드웨어", AssetKind.HW_OTHER, False, []),
    ("OS", "운영체제", AssetKind.OS, True, [("edition", "에디션", T, "", False, "")]),
    ("DBMS", "DBMS", AssetKind.DBMS, True, [("edition", "에디션", T, "", True, "")]),
    (
        "MIDDLEWARE",
        "미들웨어",
        AssetKind.MIDDLEWARE,
        True,
        [("product_kind", "제품 구분", C, "", True, "웹 서버\nWAS\nTP 모니터\n메시징\n기타")],
    ),
    ("COMMERCIAL", "상용 소프트웨어", AssetKind.COMMERCIAL, True, [("purpose", "용도", T, "", True, "")]),
    ("OSS", "공개 소프트웨어", AssetKind.OPEN_SOURCE, False, [("licence_name", "라이선스 종류", T, "", True, "")]),
]


@transaction.atomic
def load_asset_types() -> int:
    """Creates the starter types and attributes; returns how many types were created (0 if any type exists)."""
    from .models import AssetType, AttributeDefinition

    if AssetType.objects.exists():
        return 0
    for code, name, kind, licence, definitions in ASSET_TYPES:
        asset_type = AssetType.objects.create(code=code, name=name, kind=kind, licence_required=licence)
        for order, (key, label, value_type, unit, required, allowed) in enumerate(definitions, start=1):
            AttributeDefinition.objects.create(
                asset_type=asset_type,
                key=key,
                name=label,
                value_type=value_type,
                unit=unit,
                required=required,
                allowed_values=allowed,
                order=order,
            )
    return len(ASSET_TYPES)


def ensure_asset_types(sender=None, **kwargs) -> None:
    """post_migrate hook (ResourcesConfig.ready): an empty asset-type table gets the starter set."""
    from django.db import DEFAULT_DB_ALIAS

    if kwargs.get("using", DEFAULT_DB_ALIAS) != DEFAULT_DB_ALIAS:
        return
    load_asset_types()
