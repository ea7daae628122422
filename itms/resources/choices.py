"""Choices of Chapter 8: kinds of information assets (a2.0.4), their states, relations, 실사 results."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssetCategory(models.TextChoices):
    HARDWARE = "hw", _("하드웨어")
    SOFTWARE = "sw", _("소프트웨어")


class AssetKind(models.TextChoices):
    """The fixed classes an administrator's asset types belong to (EXTERNAL-RULES.md §9)."""

    SERVER = "server", _("서버")
    STORAGE = "storage", _("스토리지·백업")
    NETWORK = "network", _("네트워크 장비")
    SECURITY = "security", _("정보보호 장비")
    TERMINAL = "terminal", _("PC·단말기")
    HW_OTHER = "hw_other", _("기타 하드웨어")
    COMMERCIAL = "commercial", _("상용 소프트웨어")
    OPEN_SOURCE = "open_source", _("공개 소프트웨어")
    DBMS = "dbms", _("DBMS")
    MIDDLEWARE = "middleware", _("미들웨어")
    OS = "os", _("운영체제")


HARDWARE_KINDS = frozenset(
    {
        AssetKind.SERVER,
        AssetKind.STORAGE,
        AssetKind.NETWORK,
        AssetKind.SECURITY,
        AssetKind.TERMINAL,
        AssetKind.HW_OTHER,
    }
)


def category_of(kind: str) -> str:
    return AssetCategory.HARDWARE if kind in HARDWARE_KINDS else AssetCategory.SOFTWARE


class AttributeType(models.TextChoices):
    TEXT = "text", _("문자")
    NUMBER = "number", _("숫자")
    DATE = "date", _("날짜")
    CHOICE = "choice", _("선택")
    BOOLEAN = "boolean", _("예/아니요")


class AssetStatus(models.TextChoices):
    IN_USE = "in_use", _("운영")
    SPARE = "spare", _("예비")
    STORED = "stored", _("보관")
    REPAIR = "repair", _("수리 중")
    DISPOSED = "disposed", _("불용")


class RelationKind(models.TextChoices):
    RUNS_ON = "runs_on", _("실행 장비")  # a virtual server, a DBMS … runs on this hardware
    INSTALLED_ON = "installed_on", _("설치 장비")  # software installed on this hardware (counts against licences)
    PART_OF = "part_of", _("구성 대상")  # a component of another asset or of an information system


class LocationKind(models.TextChoices):
    DATA_CENTER = "data_center", _("전산실")
    OFFICE = "office", _("사무실")
    STORE = "store", _("창고")
    EXTERNAL = "external", _("외부 시설")


class LicenceKind(models.TextChoices):
    PERPETUAL = "perpetual", _("영구")
    SUBSCRIPTION = "subscription", _("기간제(구독)")
    OPEN_SOURCE = "open_source", _("공개SW 라이선스")


class LicenceMetric(models.TextChoices):
    INSTALLATION = "installation", _("설치 수")
    CORE = "core", _("코어 수")
    USER = "user", _("사용자 수")


class InventoryAuditState(models.TextChoices):
    DRAFT = "draft", _("준비")
    IN_PROGRESS = "in_progress", _("실사 중")
    CLOSED = "closed", _("종료")
    REPORTED = "reported", _("결과 통보")
    CANCELLED = "cancelled", _("취소")


class CheckResult(models.TextChoices):
    PENDING = "pending", _("미확인")
    FOUND = "found", _("일치")
    DIFFERS = "differs", _("불일치")
    MISSING = "missing", _("미발견")
    NEW = "new", _("미등록 자산")


DISCREPANT = (CheckResult.DIFFERS, CheckResult.MISSING, CheckResult.NEW)


class Resolution(models.TextChoices):
    OPEN = "open", _("처리 중")
    UPDATED = "updated", _("기록 수정")
    WRITTEN_OFF = "written_off", _("불용 처리")
    REGISTERED = "registered", _("신규 등록")
    CONFIRMED = "confirmed", _("재확인(이상 없음)")
    CARRIED_OVER = "carried_over", _("이월")


# Which resolutions close which kind of discrepancy (a29.3.2): a missing asset is written off or found again,
# a difference is corrected in the record, an unregistered asset is registered; any of them may be carried over.
RESOLUTIONS_FOR = {
    CheckResult.DIFFERS: (Resolution.UPDATED, Resolution.CONFIRMED, Resolution.CARRIED_OVER),
    CheckResult.MISSING: (Resolution.WRITTEN_OFF, Resolution.CONFIRMED, Resolution.CARRIED_OVER),
    CheckResult.NEW: (Resolution.REGISTERED, Resolution.CONFIRMED, Resolution.CARRIED_OVER),
}


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("대기")
    VALIDATING = "validating", _("검증 중")
    READY = "ready", _("검증 완료")
    INVALID = "invalid", _("오류 있음")
    IMPORTING = "importing", _("가져오는 중")
    DONE = "done", _("완료")
    FAILED = "failed", _("실패")


LABEL_SIZES = {
    # key: (label, columns, rows, width mm, height mm, top margin mm, left margin mm, column gap mm, row gap mm)
    "l7160": ("63.5×38.1mm, 한 장에 21칸 (3×7)", 3, 7, 63.5, 38.1, 15.15, 7.25, 2.5, 0),
    "l7163": ("99.1×38.1mm, 한 장에 14칸 (2×7)", 2, 7, 99.1, 38.1, 15.15, 4.65, 2.5, 0),
    "l7651": ("38.1×21.2mm, 한 장에 65칸 (5×13)", 5, 13, 38.1, 21.2, 10.7, 4.65, 2.5, 0),
}
