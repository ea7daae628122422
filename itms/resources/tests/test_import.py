"""Importing assets (a29.3): a preview first, per-row Korean errors (row, column, why), all rows or none; the same
checks on the screen, in ``manage.py import_assets`` and in the bulk API (a29.3.3 attributes, licences, scope)."""

import csv
import io
import json

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from itms.resources.actions import imports as import_actions
from itms.resources.choices import ImportStatus, RelationKind
from itms.resources.importer import COLUMNS, FileRefused
from itms.resources.models import Asset, AssetAttributeValue, AssetImportJob, AssetRelation, Licence

pytestmark = pytest.mark.django_db

HEADER = [
    "자산번호",
    "자산명",
    "자산 유형",
    "관리 부서",
    "정보시스템",
    "일련번호",
    "도입일",
    "용도",
    "호스트명",
    "IP 주소",
    "CPU 코어 수",
    "메모리",
    "에디션",
    "설치 장비(자산번호)",
    "라이선스 수량",
]


def server(tag, serial="", **over):
    values = [tag, f"{tag} 서버", "SERVER", "KCS-SOT", "UP-EXP", serial or f"SN-{tag}", "2024-03-02"]
    values += ["WAS", tag.lower(), "10.5.5.5", "16", "64", "", "", ""]
    row = dict(zip(HEADER, values, strict=True))
    row.update(over)
    return row


def dbms(tag, installed="", quantity="", **over):
    values = [tag, "Tibero 7", "DBMS", "KCS-SOT", "UP-EXP", "", "2024-03-02", "", "", "", "", ""]
    values += ["Enterprise", installed, quantity]
    row = dict(zip(HEADER, values, strict=True))
    row.update(over)
    return row


def xlsx(rows, header=HEADER, name="assets.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append([row.get(h, "") for h in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture(autouse=True)
def _on_commit(django_capture_on_commit_callbacks):
    """The jobs start on commit (as with a worker): inside a test's transaction, run them when the request ends."""
    global _run_on_commit
    _run_on_commit = django_capture_on_commit_callbacks


_run_on_commit = None


def post(client, url, data=None):
    with _run_on_commit(execute=True):
        return client.post(url, data or {})


def upload(client, file):
    response = post(client, "/resources/assets/import/", {"file": file})
    job = AssetImportJob.objects.order_by("-pk").first()
    return response, job


def test_a29_3_an_import_shows_a_preview_then_saves_every_row_with_its_attributes_relations_and_change_log(
    client_of, user_of
):
    client = client_of("asset")
    file = xlsx([server("IMP-SV-1"), server("IMP-SV-2"), dbms("IMP-DB-1", "IMP-SV-1, IMP-SV-2", "2")])
    response, job = upload(client, file)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    job.refresh_from_db()  # the check ran (in-process in the embedded default)
    assert job.status == ImportStatus.READY and job.total_rows == 3
    assert job.preview["by_type"] == [["서버", 2], ["DBMS", 1]] and job.preview["relations"] == 2
    assert not Asset.objects.filter(tag__startswith="IMP-").exists()  # a preview saves nothing
    page = client.get(job.get_absolute_url()).content.decode()
    assert "미리보기" in page and "IMP-SV-1" in page
    assert post(client, f"/resources/asset-import-jobs/{job.pk}/commit/").status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and job.created_count == 3
    created = Asset.objects.get(tag="IMP-SV-1")
    assert created.attributes["cpu_cores"] == 16 and created.missing_attributes == 0
    assert AssetAttributeValue.objects.filter(asset=created).count() == 5
    dbms_asset = Asset.objects.get(tag="IMP-DB-1")
    assert AssetRelation.objects.filter(source=dbms_asset, kind=RelationKind.INSTALLED_ON).count() == 2
    assert Licence.objects.get(software=dbms_asset).quantity == 2
    entry = LogEntry.objects.get_for_object(created).get(action=LogEntry.Action.CREATE)
    assert entry.actor == user_of("asset") and entry.changes["tag"] == ["None", "IMP-SV-1"]


def _errors(job) -> list[str]:
    return [f"{e['row']}행 {e['column']}: {e['message']}" for e in job.errors]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([{**server("B-1"), "자산 유형": "메인프레임"}], "3행 자산 유형: 알 수 없는 자산 유형입니다 ('메인프레임')"),
        ([{**server("B-2"), "정보시스템": "NO-SYS"}], "3행 정보시스템: 알 수 없는 정보시스템 코드입니다 ('NO-SYS')"),
        ([server("KCS-SV-00001")], "3행 자산번호: 이미 등록된 자산번호입니다 ('KCS-SV-00001')"),
        ([server("B-3"), server("B-3", serial="SN-OTHER")], "4행 자산번호: 파일의 3행과 자산번호가 같습니다 ('B-3')"),
        ([server("B-4", serial="ST201600001")], "3행 일련번호: 이미 등록된 일련번호입니다 ('ST201600001')"),
        (
            [server("B-5"), dbms("B-6", "B-5, KCS-SV-00001", "1")],
            "4행 라이선스 수량: 라이선스 수량(1)이 설치 수(2)보다 적습니다",
        ),
        ([{**server("B-7"), "도입일": "2024/13/45"}], "3행 도입일: 날짜 형식이 올바르지 않습니다 ('2024/13/45')"),
        ([{**server("B-8"), "CPU 코어 수": ""}], "3행 CPU 코어 수: 'CPU 코어 수'를 입력하십시오"),
        (
            [{**server("B-9"), "자산 유형": "메인프레임"}, server("B-9")],
            "4행 자산번호: 파일의 3행과 자산번호가 같습니다 ('B-9')",
        ),
    ],
    ids=[
        "unknown-type",
        "unknown-system",
        "duplicate-tag",
        "duplicate-tag-in-file",
        "duplicate-serial",
        "licence-below-installations",
        "bad-date",
        "missing-attribute",
        "duplicate-tag-after-a-row-of-unknown-type",
    ],
)
def test_a29_3_bad_rows_are_named_by_row_and_column_in_korean_and_nothing_is_saved(
    client_of, unchanged, rows, expected
):
    client = client_of("asset")
    good = server("GOOD-1")  # one good row: all or nothing
    before = Asset.objects.count()
    response, job = upload(client, xlsx([good, *rows]))
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert any(error.startswith(expected) for error in _errors(job)), _errors(job)
    assert Asset.objects.count() == before and not Asset.objects.filter(tag="GOOD-1").exists()
    with unchanged():
        refused = client.post(f"/resources/asset-import-jobs/{job.pk}/commit/")
    assert refused.status_code == 303  # not checked clean: nothing to save


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("assets.pdf", b"%PDF-1.7 not a spreadsheet", "XLSX 또는 CSV 파일만 가져올 수 있습니다"),
        ("assets.xlsx", b"this is plain text", "파일 내용이 XLSX 형식이 아닙니다"),
        ("assets.csv", b"\xff\xfe\x00a\x00b", "CSV 파일이 아닙니다"),
    ],
)
def test_a29_3_a_file_that_is_not_a_spreadsheet_is_refused_before_anything_is_stored(
    client_of, unchanged, name, content, message
):
    client = client_of("asset")
    with unchanged():
        response = client.post("/resources/assets/import/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])


def test_a29_3_a_200_mb_file_is_refused_by_its_size(user_of, tmp_path):
    huge = SimpleUploadedFile("huge.xlsx", b"PK\x03\x04")
    huge.size = 200 * 1024 * 1024
    with pytest.raises(FileRefused, match=r"파일이 너무 큽니다 \(최대 50.0MB, 이 파일 200.0MB\)"):
        import_actions.create_job(upload=huge, actor=user_of("asset"))
    sparse = tmp_path / "huge.csv"
    with open(sparse, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # a sparse file: 200 MB without writing them
    with pytest.raises(CommandError, match="파일이 너무 큽니다"):
        call_command("import_assets", str(sparse))


def test_a29_3_csv_imports_the_same_way(client_of):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADER)
    writer.writeheader()
    writer.writerow(server("CSV-SV-1"))
    file = SimpleUploadedFile("assets.csv", ("\ufeff" + buffer.getvalue()).encode("utf-8"))
    client = client_of("asset")
    _response, job = upload(client, file)
    job.refresh_from_db()
    assert job.status == ImportStatus.READY, job.errors
    post(client, f"/resources/asset-import-jobs/{job.pk}/commit/")
    assert Asset.objects.filter(tag="CSV-SV-1").exists()


def test_a29_3_an_it_department_imports_only_into_its_own_scope(client_of):
    client = client_of("itdept")  # 데이터담당관
    _response, job = upload(client, xlsx([server("SCOPE-1")]))  # 시스템운영팀's server of UNI-PASS
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert any("담당 범위 밖" in e for e in _errors(job))


def test_only_the_requester_sees_and_confirms_their_import(client_of):
    _response, job = upload(client_of("asset"), xlsx([server("MINE-1")]))
    assert client_of("itstaff").get(job.get_absolute_url()).status_code in (403, 404)
    assert client_of("asset").get(f"/resources/asset-import-jobs/{job.pk}/progress/").status_code == 200


def test_the_import_template_carries_every_column_and_the_types_attributes(client_of):
    response = client_of("asset").get("/resources/assets/import/?template=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [c.value for c in book.worksheets[0][1]]
    assert header[0] == "자산번호*" and "CPU 코어 수" in header and "라이선스 수량" in header
    assert len(header) >= len(COLUMNS)
    assert book.worksheets[1].title == "유형별 필수속성"


def test_manage_py_import_assets_checks_the_same_and_dry_run_saves_nothing(tmp_path):
    path = tmp_path / "assets.xlsx"
    path.write_bytes(xlsx([server("CMD-1"), dbms("CMD-2", "CMD-1", "1")]).read())
    out = io.StringIO()
    call_command("import_assets", str(path), "--dry-run", stdout=out)
    assert "2행 모두 검사를 통과했습니다" in out.getvalue() and not Asset.objects.filter(tag="CMD-1").exists()
    call_command("import_assets", str(path), "--as", "asset", stdout=out)
    assert Asset.objects.filter(tag__in=["CMD-1", "CMD-2"]).count() == 2
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([{**server("CMD-3"), "자산 유형": "없는유형"}]).read())
    out = io.StringIO()
    with pytest.raises(CommandError, match="오류 1건"):
        call_command("import_assets", str(bad), stdout=out)
    assert "2행 자산 유형: 알 수 없는 자산 유형입니다" in out.getvalue()


def test_a29_3_the_bulk_api_checks_as_the_import_does_and_saves_all_or_nothing(client_of, unchanged):
    client = client_of("asset")
    good = {
        "tag": "API-1",
        "name": "API 서버",
        "asset_type": "SERVER",
        "org_unit": "KCS-SOT",
        "system": "UP-EXP",
        "attributes": {"role": "WEB", "hostname": "api-1", "ip_address": "10.1.1.1", "cpu_cores": 8, "memory_gb": 32},
    }
    bad = {**good, "tag": "API-2", "attributes": {**good["attributes"], "memory_gb": "많음"}}
    with unchanged():
        refused = client.post("/api/resources/assets/bulk/", json.dumps([good, bad]), content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == [
        {"row": 2, "column": "attributes", "message": "'메모리'를 숫자로 입력하십시오."}
    ]
    created = client.post("/api/resources/assets/bulk/", json.dumps([good]), content_type="application/json")
    assert created.status_code == 201 and created.json()["created"] == 1
    assert (
        client_of("vendor")
        .post("/api/resources/assets/bulk/", json.dumps([good]), content_type="application/json")
        .status_code
        == 403
    )


def test_a29_3_the_file_import_runs_through_the_api_as_a_job_too(client_of, unchanged):
    """Upload, read the job's preview and progress, confirm: the same job as the screen's, all rows or none."""
    client = client_of("asset")
    upload_url = "/api/resources/asset-import-jobs/upload/"
    with unchanged():
        not_a_sheet = client.post(upload_url, {"file": SimpleUploadedFile("a.xlsx", b"MZ\x90\x00 exe")})
        nothing = client.post(upload_url, {})
    assert not_a_sheet.status_code == 400 and "XLSX" in not_a_sheet.json()["message"]
    assert nothing.status_code == 400 and "파일" in nothing.json()["message"]
    accepted = post(client, upload_url, {"file": xlsx([server("API-SV-1"), server("API-SV-2")])})
    assert accepted.status_code == 202
    job_url = f"/api/resources/asset-import-jobs/{accepted.json()['id']}/"
    job = client.get(job_url).json()
    assert job["status"] == ImportStatus.READY and job["total_rows"] == 2 and job["error_count"] == 0
    assert not Asset.objects.filter(tag__startswith="API-SV-").exists()  # checked, nothing saved yet
    itdept = client_of("itdept")
    with unchanged():
        stranger = itdept.post(f"{job_url}commit/")
    assert stranger.status_code in (403, 404)
    assert post(client, f"{job_url}commit/").status_code == 202
    assert client.get(job_url).json()["created_count"] == 2
    assert Asset.objects.filter(tag__startswith="API-SV-").count() == 2


def test_the_import_bar_only_moves_forward_checking_again_then_saving(user_of):
    """Saving checks every row again before writing: the bar's first half is that check, the second the writing,
    so it never jumps back from the preview's 100 % or from the check's end."""
    from django.core.cache import cache

    job = AssetImportJob.objects.create(
        created_by=user_of("asset"), filename="a.xlsx", size=1, sha256="0" * 64, total_rows=1000
    )
    seen = []
    for status, done, saved in [
        (ImportStatus.VALIDATING, 500, None),
        (ImportStatus.READY, 1000, None),
        (ImportStatus.IMPORTING, 0, None),
        (ImportStatus.IMPORTING, 600, None),
        (ImportStatus.IMPORTING, 1000, 0),
        (ImportStatus.IMPORTING, 1000, 400),
        (ImportStatus.IMPORTING, 1000, 1000),
        (ImportStatus.DONE, 1000, None),
    ]:
        job.status, job.processed_rows = status, done
        key = import_actions.PROGRESS_KEY.format(pk=job.pk)
        cache.set(key, (saved, 1000)) if saved is not None else cache.delete(key)
        seen.append(import_actions.progress_of(job)[2])
    assert seen == [50, 100, 0, 30, 50, 70, 99, 100]
