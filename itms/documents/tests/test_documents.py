"""Documents on records (a29.1): versions with SHA-256, checked uploads, visibility of the record."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from itms.documents import actions
from itms.documents.models import Document
from itms.planning.models import ProjectPlan
from itms.projects.models import Project
from itms.testing.suites import ObjectTypeTests

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="계획서.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _user(username):
    from itms.accounts.models import User

    return User.objects.get(username=username)


def test_a29_1_a_plan_carries_its_document_registered_against_the_project():
    plan = ProjectPlan.objects.get(project__code="2027-CLP-002")
    plan.state = "draft"
    document = actions.attach_document(
        actor=_user("sponsor"), subject=plan, upload=pdf(), title="사업계획서 원본", kind="plan"
    )
    version = document.versions.get()
    assert document.project.code == "2027-CLP-002"
    assert version.sha256 == hashlib.sha256(PDF).hexdigest() and version.size == len(PDF) and version.number == 1
    assert Project.objects.get(code="2027-CLP-002").documents.count() == 1


def test_a_new_version_is_added_never_replaced_and_the_same_file_twice_is_refused():
    project = Project.objects.get(code="2027-CLP-002")
    document = actions.attach_document(actor=_user("sponsor"), subject=project, upload=pdf(), title="RFP", kind="rfp")
    second = actions.add_version(
        actor=_user("sponsor"), document=document, upload=pdf(body=PDF + b"% rev 2\n"), note="보안성 검토 결과 반영"
    )
    assert second.number == 2 and document.versions.count() == 2
    with pytest.raises(ValidationError, match="같은 내용"):
        actions.add_version(actor=_user("sponsor"), document=document, upload=pdf(body=PDF + b"% rev 2\n"), note="중복")


def test_uploads_are_checked_and_a_refusal_changes_nothing(unchanged):
    project = Project.objects.get(code="2027-CLP-002")
    fake = SimpleUploadedFile("계획서.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with unchanged(), pytest.raises(ValidationError):
        actions.attach_document(actor=_user("sponsor"), subject=project, upload=fake, title="가짜", kind="plan")


def test_only_who_may_change_the_record_attaches(unchanged):
    project = Project.objects.get(code="2027-CLP-002")
    with unchanged(), pytest.raises(PermissionDenied):
        actions.attach_document(actor=_user("itstaff"), subject=project, upload=pdf(), title="남의 문서", kind="other")


def test_a_record_type_that_carries_no_documents_takes_none(unchanged):
    """Only types registered with documents (a29.1: the project's records) take attachments, even from an
    administrator who may change the record."""
    from itms.accounts.models import OrgUnit

    unit = OrgUnit.objects.first()
    with unchanged(), pytest.raises(PermissionDenied):
        actions.attach_document(actor=_user("admin"), subject=unit, upload=pdf(), title="조직도", kind="other")


def test_downloads_follow_the_records_visibility(client_of):
    project = Project.objects.get(code="2026-SOT-001")  # the vendor's project
    document = actions.attach_document(
        actor=_user("security"), subject=project, upload=pdf(), title="산출물", kind="deliverable"
    )
    version = document.versions.get()
    assert client_of("vendor").get(f"/documents/versions/{version.pk}/download/").status_code == 200
    assert client_of("vendor2").get(f"/documents/versions/{version.pk}/download/").status_code == 404
    response = client_of("sponsor").get(f"/documents/versions/{version.pk}/download/")
    assert response["X-Content-SHA256"] == version.sha256


def test_the_panel_uploads_through_the_page(client_of):
    project = Project.objects.get(code="2027-CLP-002")
    client = client_of("sponsor")
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="documents"' in page and "문서 등록" in page
    response = client.post(
        f"/documents/attach/projects/project/{project.pk}/", {"file": pdf(), "title": "사업 개요", "kind": "plan"}
    )
    assert response.status_code == 302
    assert Document.objects.filter(project=project, title="사업 개요").exists()


class TestDocument(ObjectTypeTests):
    label = "documents.document"

    def make(self, n):
        project = Project.objects.get(code="2027-CLP-002")
        return [
            actions.attach_document(
                actor=_user("sponsor"),
                subject=project,
                upload=pdf(body=PDF + bytes([i])),
                title=f"문서 {i}",
                kind="other",
            )
            for i in range(n)
        ]
