"""Upload checks: size from settings, allowed types only, content that matches the name, no ZIP bombs."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import override_settings

from itms.core.uploads import IMAGES, UploadValidator, validate_upload

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
HWP = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
EXE = b"MZ\x90\x00" + b"\x00" * 60


def _zip(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, members.pop(stored_first), compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _hwpx() -> bytes:
    return _zip(
        {
            "mimetype": b"application/hwp+zip",
            "Contents/content.hpf": b"<opf:package/>",
            "Contents/section0.xml": "<hs:sec>회의록</hs:sec>".encode(),
        },
        stored_first="mimetype",
    )


def _real_hwpx() -> bytes:
    """What python-hwpx writes (the minutes generator uses it)."""
    from hwpx.document import HwpxDocument

    document = HwpxDocument.new()
    document.add_paragraph("제1차 정보화추진위원회 회의록")
    buffer = io.BytesIO()
    document.save_to_stream(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "사업명"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("회의록.pdf", PDF, "application/pdf"),
        ("회의록.PDF", PDF, "application/pdf"),
        ("회의록.hwpx", None, "application/hwp+zip"),
        ("계획서.hwp", HWP, "application/x-hwp"),
        ("계획서.docx", None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("예산.xlsx", None, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("구성도.png", PNG, "image/png"),
        ("사진.jpg", JPEG, "image/jpeg"),
    ],
)
def test_allowed_files_pass_and_get_their_content_type_from_the_content(name, content, content_type):
    content = content or {"회의록.hwpx": _real_hwpx, "계획서.docx": _docx, "예산.xlsx": _xlsx}[name]()
    file = upload(name, content)
    file.content_type = "application/octet-stream"  # what a browser says does not matter
    assert validate_upload(file) == content_type
    assert file.tell() == 0, "the file must be left at its start for storing and hashing"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="빈 파일"):
        validate_upload(upload("빈.pdf", b""))


@override_settings(ITMS_UPLOAD_MAX_BYTES=1024)
def test_the_size_limit_comes_from_settings():
    validate_upload(upload("작은.pdf", PDF))
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("큰.pdf", PDF + b"0" * 2048))
    assert refused.value.code == "too_large"
    assert refused.value.messages[0] == "파일이 너무 큽니다 (최대 1KB, 이 파일 3KB)."


def test_the_default_limit_is_itms_upload_max_mb(settings):
    assert settings.ITMS_UPLOAD_MAX_BYTES == 50 * 1024 * 1024
    file = TemporaryUploadedFile("큰.pdf", "application/pdf", 0, None)
    file.write(PDF)
    file.size = settings.ITMS_UPLOAD_MAX_BYTES + 1  # no need to write 50 MB to prove the comparison
    with pytest.raises(ValidationError, match=r"파일이 너무 큽니다 \(최대 50\.0MB"):
        validate_upload(file)
    file.close()


@pytest.mark.parametrize("name", ["setup.exe", "script.js", "page.html", "drawing.svg", "archive.zip", "README"])
def test_types_not_on_the_list_are_refused_by_extension(name):
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, b"whatever"))
    assert refused.value.code == "extension"
    assert "올릴 수 있는 형식: PDF, HWPX, HWP, DOCX, XLSX, PPTX, PNG, JPEG, GIF" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("계약서.pdf", EXE),  # a renamed executable
        ("회의록.hwpx", b"PK\x03\x04 not really a zip"),
        ("보고서.docx", None),  # a valid HWPX archive renamed to .docx
        ("사진.png", JPEG),
        ("계획서.hwp", PDF),
    ],
)
def test_content_that_does_not_match_the_name_is_refused(name, content):
    content = _hwpx() if content is None else content
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(name, content))
    assert refused.value.code in ("content", "corrupt")
    assert "형식" in refused.value.messages[0]


def test_an_hwpx_needs_its_mimetype_member():
    fake = _zip({"mimetype": b"application/zip", "Contents/content.hpf": b"<opf:package/>"})
    with pytest.raises(ValidationError, match="HWPX 형식이 아닙니다"):
        validate_upload(upload("회의록.hwpx", fake))


def test_a_zip_bomb_is_refused_without_unpacking_it():
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (20 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload("보고서.docx", bomb))
    assert refused.value.code == "zip_bomb"


def test_a_narrower_list_can_be_asked_for():
    assert validate_upload(upload("사진.png", PNG), allowed=IMAGES) == "image/png"
    with pytest.raises(ValidationError, match="올릴 수 있는 형식: PNG, JPEG, GIF"):
        validate_upload(upload("회의록.pdf", PDF), allowed=IMAGES)


def test_the_validator_works_on_a_form_field():
    class PhotoForm(forms.Form):
        photo = forms.FileField(validators=[UploadValidator(allowed=IMAGES)])

    assert PhotoForm(files={"photo": upload("사진.png", PNG)}).is_valid()
    form = PhotoForm(files={"photo": upload("사진.png", EXE)})
    assert not form.is_valid()
    assert "PNG 형식이 아닙니다" in form.errors["photo"][0]
    assert UploadValidator(allowed=IMAGES) == UploadValidator(allowed=IMAGES)
