"""Checking an uploaded file before it is stored: size, extension, and that the content is what the name says.

Every upload surface calls ``validate_upload(upload)`` (or puts ``UploadValidator()`` on a form's FileField).
The size limit is ``settings.ITMS_UPLOAD_MAX_BYTES`` (``ITMS_UPLOAD_MAX_MB``, 50 MB by default; nginx's
``client_max_body_size`` should match). The content is sniffed from the first bytes, and for the ZIP-based
formats (HWPX and the Office Open XML files) from the archive's directory, which is read without unpacking
anything, so a renamed executable or a ZIP bomb is refused before it reaches the storage.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # HWP 5.0 (and old MS Office) compound files
# A ZIP-based document that unpacks to more than this many times its size, or to more members, is refused.
MAX_ZIP_RATIO = 100
MAX_ZIP_MEMBERS = 10_000


@dataclass(frozen=True)
class FileKind:
    label: str
    content_type: str
    sniff: Callable[[bytes, object], bool]


def _starts(*magics: bytes) -> Callable[[bytes, object], bool]:
    return lambda head, upload: head.startswith(magics)


def _zip_with(*members: str, mimetype: bytes | None = None) -> Callable[[bytes, object], bool]:
    def sniff(head: bytes, upload) -> bool:
        if not head.startswith(_ZIP_MAGIC):
            return False
        archive = _open_zip(upload)
        names = set(archive.namelist())
        if not all(member in names for member in members):
            return False
        if mimetype is not None:
            return "mimetype" in names and archive.read("mimetype").strip() == mimetype
        return True

    return sniff


KINDS: dict[str, FileKind] = {
    "pdf": FileKind("PDF", "application/pdf", _starts(b"%PDF-")),
    "hwpx": FileKind("HWPX", "application/hwp+zip", _zip_with("Contents/content.hpf", mimetype=b"application/hwp+zip")),
    "hwp": FileKind("HWP", "application/x-hwp", _starts(_OLE_MAGIC)),
    "docx": FileKind(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _zip_with("[Content_Types].xml", "word/document.xml"),
    ),
    "xlsx": FileKind(
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _zip_with("[Content_Types].xml", "xl/workbook.xml"),
    ),
    "pptx": FileKind(
        "PPTX",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _zip_with("[Content_Types].xml", "ppt/presentation.xml"),
    ),
    "png": FileKind("PNG", "image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    "jpg": FileKind("JPEG", "image/jpeg", _starts(b"\xff\xd8\xff")),
    "jpeg": FileKind("JPEG", "image/jpeg", _starts(b"\xff\xd8\xff")),
    "gif": FileKind("GIF", "image/gif", _starts(b"GIF87a", b"GIF89a")),
}
DOCUMENTS = ("pdf", "hwpx", "hwp", "docx", "xlsx", "pptx", "png", "jpg", "jpeg", "gif")
IMAGES = ("png", "jpg", "jpeg", "gif")


def _open_zip(upload) -> zipfile.ZipFile:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError("파일이 손상되었거나 형식이 올바르지 않습니다.", code="corrupt") from error
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > max(upload.size, 1) * MAX_ZIP_RATIO:
        raise ValidationError("압축을 풀면 지나치게 커지는 파일은 올릴 수 없습니다.", code="zip_bomb")
    return archive


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{-(-size // 1024):,}KB"
    return f"{size / (1024 * 1024):,.1f}MB"


def validate_upload(upload, *, allowed: Iterable[str] = DOCUMENTS, max_bytes: int | None = None) -> str:
    """Refuse a file that is empty, too large, of a type not allowed, or whose content does not match its name.

    Returns the content type to store and serve it with (from the checked content, never from the browser).
    Leaves the file positioned at its start.
    """
    limit = settings.ITMS_UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    allowed = tuple(allowed)
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if not upload.size:
        raise ValidationError("빈 파일은 올릴 수 없습니다.", code="empty")
    if upload.size > limit:
        raise ValidationError(
            "파일이 너무 큽니다 (최대 %(limit)s, 이 파일 %(size)s).",
            code="too_large",
            params={"limit": _megabytes(limit), "size": _megabytes(upload.size)},
        )
    if extension not in allowed or extension not in KINDS:
        labels = ", ".join(dict.fromkeys(KINDS[e].label for e in allowed if e in KINDS))
        raise ValidationError(
            "올릴 수 없는 파일 형식입니다 (%(ext)s). 올릴 수 있는 형식: %(labels)s",
            code="extension",
            params={"ext": f".{extension}" if extension else "확장자 없음", "labels": labels},
        )
    kind = KINDS[extension]
    upload.seek(0)
    head = upload.read(16)
    try:
        matches = kind.sniff(head, upload)
    finally:
        upload.seek(0)
    if not matches:
        raise ValidationError(
            "파일 내용이 %(label)s 형식이 아닙니다. 확장자(.%(ext)s)와 실제 형식이 맞는지 확인하십시오.",
            code="content",
            params={"label": kind.label, "ext": extension},
        )
    return kind.content_type


@deconstructible
class UploadValidator:
    """``forms.FileField(validators=[UploadValidator(allowed=IMAGES)])``."""

    def __init__(self, allowed: Iterable[str] = DOCUMENTS, max_bytes: int | None = None):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def __call__(self, upload) -> None:
        validate_upload(upload, allowed=self.allowed, max_bytes=self.max_bytes)

    def __eq__(self, other) -> bool:
        return isinstance(other, UploadValidator) and (self.allowed, self.max_bytes) == (
            other.allowed,
            other.max_bytes,
        )
