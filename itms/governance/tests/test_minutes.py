"""Minutes (a4.9): generated from the record as HWPX and PDF, confirmed by the chair, locked with their hash."""

import hashlib
import io
import shutil
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hwpx.document import HwpxDocument
from PIL import Image

from itms.audit.models import LegalEvent, LegalEventKind
from itms.governance import actions
from itms.governance.choices import ResolutionEffect
from itms.governance.documents import minutes_content, results_notice_pdf
from itms.governance.tests.test_meetings import add_item, attend, convene, open_session, user, vote_all

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


needs_poppler = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils (pdftoppm) is not installed")


@pytest.fixture
def closed_meeting():
    meeting = convene()
    first = add_item(meeting)
    second = add_item(meeting, title="전자상거래 통관시스템 구축", project_code="2027-CLP-002")
    present = attend(meeting, 6)
    open_session(meeting)
    for item, choices, effect in [
        (first, ["for"] * 5 + ["against"], ResolutionEffect.APPROVE),
        (second, ["for"] * 4 + ["against"] * 2, ResolutionEffect.APPROVE_ADJUSTED),
    ]:
        actions.open_voting(actor=user("itplan"), item=item)
        vote_all(item, present, choices)
        actions.close_vote(
            actor=user("itplan"),
            item=item,
            effect=effect,
            **({"priority_rank": 1, "adjusted_budget": 1_000_000_000} if item == second else {}),
        )
    meeting.workflow.execute(meeting, "close", actor=user("itplan"))
    meeting.refresh_from_db()
    return meeting


def _bytes(field):
    field.open("rb")
    try:
        return field.read()
    finally:
        field.close()


def test_a4_9_minutes_content_comes_from_the_record(closed_meeting):
    content = minutes_content(closed_meeting)
    assert content["title"] == "정보화추진위원회 제2차 회의 회의록"
    assert len(content["attendance"]) == 9 and sum(r["status"] == "출석" for r in content["attendance"]) == 6
    second = content["items"][1]
    assert (
        second["outcome"] == "가결" and second["priority_rank"] == 1 and second["adjusted_budget"] == "1,000,000,000원"
    )
    assert "찬성 4, 반대 2, 기권 0" in second["tally"]


def test_a4_9_hwpx_opens_with_python_hwpx_and_passes_its_validator(closed_meeting):
    minutes = actions.generate_minutes(actor=user("itplan"), meeting=closed_meeting)
    document = HwpxDocument.open(io.BytesIO(_bytes(minutes.hwpx)))
    report = document.validate()
    assert report.ok, report.issues
    text = document.text.plain()
    assert "정보화추진위원회 제2차 회의 회의록" in text
    assert "전자상거래 통관시스템 구축" in text and "우선순위 1위" in text


@needs_poppler
def test_a4_9_pdf_renders_korean_text_with_an_embedded_korean_font(closed_meeting, tmp_path):
    minutes = actions.generate_minutes(actor=user("itplan"), meeting=closed_meeting)
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(_bytes(minutes.pdf))
    fonts = _run("pdffonts", str(pdf))
    assert "Nanum" in fonts or "CJK" in fonts, fonts
    text = _run("pdftotext", str(pdf), "-")
    assert "회의록" in text and "가결" in text and "출석" in text
    _run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page"))
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height, "1쪽에 글자가 그려지지 않았습니다"


def test_a4_9_chair_confirms_secretary_locks_and_the_hash_is_chained(closed_meeting):
    minutes = actions.generate_minutes(actor=user("itplan"), meeting=closed_meeting)
    with pytest.raises(PermissionDenied):
        minutes.workflow.execute(minutes, "confirm", actor=user("itplan"))  # not the chair
    minutes.workflow.execute(minutes, "confirm", actor=user("cio"))
    minutes.refresh_from_db()
    minutes.workflow.execute(minutes, "lock", actor=user("itplan"))
    minutes.refresh_from_db()
    assert minutes.state == "locked" and minutes.sha256 == hashlib.sha256(_bytes(minutes.pdf)).hexdigest()
    event = LegalEvent.objects.get(kind=LegalEventKind.DOCUMENT_SIGNED)
    assert event.payload["pdf_sha256"] == minutes.sha256 and event.clause_ids == ["a4.9"]
    with pytest.raises(ValidationError, match="다시 작성할 수 없습니다"):
        actions.generate_minutes(actor=user("itplan"), meeting=closed_meeting)


def test_minutes_cannot_be_written_before_the_meeting_ends():
    meeting = convene()
    with pytest.raises(ValidationError, match="회의가 끝난 뒤"):
        actions.generate_minutes(actor=user("itplan"), meeting=meeting)


@needs_poppler
def test_a4_9_results_notice_lists_the_departments_own_items(closed_meeting, tmp_path):
    from itms.accounts.models import OrgUnit

    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(results_notice_pdf(closed_meeting, OrgUnit.objects.get(code="KCS-CLP")))
    text = _run("pdftotext", str(pdf), "-")
    assert "심의결과 통보" in text and "전자상거래 통관시스템 구축" in text
    other = tmp_path / "other.pdf"
    other.write_bytes(results_notice_pdf(closed_meeting, OrgUnit.objects.get(code="KCS-SOT")))
    assert "해당하는 안건이 없습니다" in _run("pdftotext", str(other), "-")


def test_minutes_files_are_served_only_to_who_may_see_them(closed_meeting, client_of):
    minutes = actions.generate_minutes(actor=user("itplan"), meeting=closed_meeting)
    response = client_of("sponsor").get(f"/governance/minutes/{minutes.pk}/file/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client_of("vendor").get(f"/governance/minutes/{minutes.pk}/file/pdf/").status_code == 404
