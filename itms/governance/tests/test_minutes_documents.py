"""Minutes as an official document (a4.9; issue 10 item 6).

The minutes carry 기관명, 문서번호, the time the meeting actually took place, 장소, 참석자 (present, proxies,
absent), each item's 발언 요지 and 의결 결과 with the counts, and a 서명란 for the chair and the secretary. The PDF
and the HWPX are drawn from one block list, so they say the same things in the same order; the HWPX also opens
in LibreOffice (checked by converting it headless when LibreOffice is installed).
"""

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.utils import timezone
from hwpx.document import HwpxDocument
from hwpx.tools.package_validator import validate_package
from PIL import Image

from itms.accounts.models import User
from itms.core.formats import format_date
from itms.governance import actions
from itms.governance.choices import AttendanceStatus, ResolutionEffect
from itms.governance.documents import minutes_content, minutes_hwpx, minutes_number, minutes_pdf
from itms.governance.models import Meeting
from itms.governance.tests.test_meetings import add_item, convene, open_session, seats, user, vote_all

pytestmark = pytest.mark.django_db

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
needs_libreoffice = pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui to run this check",
)
OPENED = dt.datetime(2026, 12, 3, 14, 5)
CLOSED = dt.datetime(2026, 12, 3, 15, 40)


@pytest.fixture
def meeting():
    """정보화추진위원회: the budget officer's deputy attends for him, one member is absent, two items decided."""
    meeting = convene(place="관세청 본관 7층 대회의실")
    first = add_item(meeting)
    second = add_item(meeting, title="전자상거래 통관시스템 구축", project_code="2027-CLP-002")
    deputy = User.objects.filter(
        assignments__position__unit__code="KCS-BUD", assignments__position__title="주무관"
    ).first()
    voters, absent = [], None
    for membership, person in seats(meeting):
        if person and person.username == "budget":
            status, attendee = AttendanceStatus.PROXY, deputy
        elif absent is None and not membership.is_chair and person and person.username != "itplan":
            status, attendee, absent = AttendanceStatus.ABSENT, None, person
        else:
            status, attendee = AttendanceStatus.PRESENT, None
        actions.record_attendance(
            actor=user("itplan"), meeting=meeting, membership=membership, status=status, attendee=attendee
        )
        if status != AttendanceStatus.ABSENT:
            voters.append(membership)
    open_session(meeting)
    for item, effect, extra, remarks in [
        (first, ResolutionEffect.APPROVE, {}, "판독 정확도 검증 계획을 보완하라는 의견이 있었음"),
        (second, ResolutionEffect.APPROVE_ADJUSTED, {"priority_rank": 1, "adjusted_budget": 1_000_000_000}, ""),
    ]:
        actions.open_voting(actor=user("itplan"), item=item)
        vote_all(item, voters, ["for"] * (len(voters) - 1) + ["against"])
        actions.close_vote(actor=user("itplan"), item=item, effect=effect, remarks=remarks, **extra)
    meeting.workflow.execute(meeting, "close", actor=user("itplan"))
    # The record of when it took place (set by the open/close transitions) — fixed here for exact text.
    Meeting.objects.filter(pk=meeting.pk).update(
        opened_at=timezone.make_aware(OPENED), closed_at=timezone.make_aware(CLOSED)
    )
    meeting.refresh_from_db()
    meeting.absent_member = absent
    meeting.deputy = deputy
    return meeting


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def key_texts(meeting, content) -> list[str]:
    """What the minutes must say, in the order they say it."""
    return [
        "관세청",
        content["title"],
        minutes_number(meeting),
        "일시",
        f"{format_date(timezone.make_aware(OPENED))} ~ 15:40",
        "관세청 본관 7층 대회의실",
        "참석자",
        f"대신 {meeting.deputy.name}",
        f"불참 1명({meeting.absent_member.name})",
        "제1호 안건: AI 기반 엑스레이 영상 판독 시범사업",
        "판독 정확도 검증 계획을 보완하라는 의견이 있었음",
        "가결 — 원안 의결 (승인) (찬성 7, 반대 1, 기권 0)",
        "제2호 안건: 전자상거래 통관시스템 구축",
        "우선순위 1위, 조정 예산 1,000,000,000원",
        "위원장",
        "간사",
        "제4조제9항",
    ]


def assert_in_order(text: str, phrases: list[str], where: str) -> None:
    flat, position = _flat(text), -1
    for phrase in phrases:
        found = flat.find(_flat(phrase), position + 1)
        assert found > position, f"{where}: '{phrase}'이(가) 없거나 순서가 다릅니다"
        position = found


def _pdftotext(path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def test_a4_9_minutes_content_has_the_official_items(meeting):
    content = minutes_content(meeting)
    assert content["organization"] == "관세청"
    assert re.fullmatch(r"정보기획담당관-2026-\d{2}-\d{3}", content["number"])
    assert content["number"] == minutes_number(meeting) == minutes_content(meeting)["number"], "번호가 바뀝니다"
    assert content["held_at"] == "2026. 12. 3.(목) 14:05 ~ 15:40" and content["held_at_note"] == ""
    roles = [(s["role"], s["name"]) for s in content["signatures"]]
    assert roles == [("위원장", user("cio").name), ("간사", user("itplan").name)]
    second = content["items"][1]
    assert second["counts"] == {"for": 7, "against": 1, "abstain": 0}


def test_a4_9_without_an_opening_record_the_scheduled_time_is_given_and_said(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(opened_at=None, closed_at=None)
    meeting.refresh_from_db()
    content = minutes_content(meeting)
    assert content["held_at"] == format_date(meeting.scheduled_at)
    assert "예정 일시" in content["held_at_note"]


def test_a4_9_hwpx_is_a_valid_package_with_text_preview_and_the_items_in_order(meeting):
    content = minutes_content(meeting)
    data = minutes_hwpx(content)
    package = zipfile.ZipFile(io.BytesIO(data))
    first = package.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert package.read("mimetype") == b"application/hwp+zip"
    names = set(package.namelist())
    assert {"Contents/header.xml", "Contents/section0.xml", "Contents/content.hpf", "META-INF/container.xml"} <= names
    report = validate_package(io.BytesIO(data))
    assert not [i for i in report.issues if i.level == "error"], report.issues
    document = HwpxDocument.open(io.BytesIO(data))
    assert document.validate().ok
    assert_in_order(document.text.plain(), key_texts(meeting, content), "HWPX 본문")
    # The preview 한글 and file browsers show: the text, and a picture of it (not a blank page).
    preview = package.read("Preview/PrvText.txt").decode("utf-8")
    assert_in_order(preview, key_texts(meeting, content), "HWPX 미리보기 글")
    image = Image.open(io.BytesIO(package.read("Preview/PrvImage.png"))).convert("L")
    assert image.getextrema()[0] < 128, "미리보기 그림이 비어 있습니다"
    # The rendition LibreOffice opens is in the same package.
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names


@needs_poppler
def test_a4_9_pdf_says_the_same_in_the_same_order_without_a_near_empty_last_page(meeting, tmp_path):
    content = minutes_content(meeting)
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(minutes_pdf(content))
    assert_in_order(_pdftotext(pdf), key_texts(meeting, content), "PDF")
    pages = _pages(pdf)
    last = _flat(_pdftotext(pdf, pages))
    assert len(last) > 300, f"마지막 쪽({pages}쪽)이 거의 비어 있습니다: {last!r}"


@needs_poppler
@needs_libreoffice
def test_a4_9_hwpx_opens_in_libreoffice_with_the_pdfs_pages_and_text(meeting, tmp_path):
    content = minutes_content(meeting)
    (tmp_path / "minutes.hwpx").write_bytes(minutes_hwpx(content))
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(minutes_pdf(content))
    out = tmp_path / "lo"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",  # own profile: parallel runs do not collide
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(tmp_path / "minutes.hwpx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    converted = out / "minutes.pdf"
    assert converted.exists(), f"LibreOffice가 HWPX를 열지 못했습니다: {result.stdout} {result.stderr}"
    assert_in_order(_pdftotext(converted), key_texts(meeting, content), "LibreOffice로 연 HWPX")
    assert _pages(converted) == _pages(pdf), "LibreOffice와 PDF의 쪽 수가 다릅니다"


def test_a4_9_generated_minutes_keep_the_number_when_rewritten(meeting):
    first = actions.generate_minutes(actor=user("itplan"), meeting=meeting)
    second = actions.generate_minutes(actor=user("itplan"), meeting=meeting)
    assert first.content["number"] == second.content["number"] == minutes_number(meeting)


@needs_poppler
def test_a4_9_results_notice_is_an_official_document_too(meeting, tmp_path):
    from itms.accounts.models import OrgUnit
    from itms.governance.documents import results_notice_pdf

    unit = OrgUnit.objects.get(code="KCS-CLP")
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(results_notice_pdf(meeting, unit))
    expected = ["관세청", "심의결과 통보", f"{minutes_number(meeting)}-KCS-CLP", unit.full_name]
    expected += ["전자상거래 통관시스템 구축", "간사", user("itplan").name, "제4조제9항"]
    assert_in_order(_pdftotext(pdf), expected, "심의결과 통보")
