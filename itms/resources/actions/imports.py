"""The import job (a29.3): upload → check every row (a preview, or per-row Korean errors) → save all or nothing.

Both steps run as Celery tasks (in-process in the embedded default, where ``CELERY_TASK_ALWAYS_EAGER`` is on) and
report their progress: on the job row while checking, and through the cache while saving, because the save is one
transaction whose writes no other connection sees until it commits.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from itms.core.errors import Forbidden, Refused
from itms.core.jobs import after_commit

from ..choices import ImportStatus
from ..error_codes import ResourcesErrors as E
from ..importer import AssetImporter, FileRefused, check_file, read_table
from ..models import AssetImportJob

PROGRESS_KEY = "itms:resources:import:{pk}"
logger = logging.getLogger(__name__)


def progress_of(job: AssetImportJob) -> tuple[int, int, int]:
    """(rows processed, total, percent) of a job. Saving checks every row again, then writes them: the first half
    of its bar is the check (the row's count) and the second the writing (the cache, the row being locked)."""
    done, total = job.processed_rows, job.total_rows
    if not job.is_running:
        return done, total, job.percent
    if job.status != ImportStatus.IMPORTING:
        return done, total, min(99, done * 100 // total) if total else 0
    cached = cache.get(PROGRESS_KEY.format(pk=job.pk))
    if cached:
        done, total = cached
        return done, total, min(99, 50 + done * 50 // total) if total else 50
    return done, total, min(49, done * 50 // total) if total else 0


def create_job(*, upload: UploadedFile, actor) -> AssetImportJob:
    """Stores the uploaded file (after checking its kind and size) as a job waiting to be checked."""
    head = upload.read(8)
    upload.seek(0)
    check_file(upload.name, upload.size, head)  # FileRefused: a Korean message, nothing stored
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    job = AssetImportJob(created_by=actor, filename=upload.name[:255], size=upload.size, sha256=digest.hexdigest())
    job.file.save(f"{digest.hexdigest()[:16]}{_extension(upload.name)}", upload, save=False)
    job.save()
    return job


def _extension(name: str) -> str:
    return ".xlsx" if name.lower().endswith(".xlsx") else ".csv"


def _reporter(job: AssetImportJob, *, saving: bool):
    def report(done: int, total: int) -> None:
        if saving:
            cache.set(PROGRESS_KEY.format(pk=job.pk), (done, total), 3600)
        else:
            AssetImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total)

    return report


def _plan(job: AssetImportJob, *, saving: bool):
    importer = AssetImporter(user=job.created_by, progress=_reporter(job, saving=saving))
    with job.file.open("rb") as handle:
        header, rows, estimate = read_table(handle, job.filename)
        AssetImportJob.objects.filter(pk=job.pk).update(total_rows=estimate)
        plan = importer.check_file_rows(header, rows, estimate)
    return importer, plan


def _finish(job: AssetImportJob, plan, status: str, message: str = "", created: int = 0) -> AssetImportJob:
    job.status = status
    job.total_rows = plan.total if plan is not None else job.total_rows
    job.processed_rows = job.total_rows
    job.error_count = plan.error_count if plan is not None else 1
    job.errors = (
        [e.as_dict() for e in plan.errors] if plan is not None else [{"row": 0, "column": "", "message": message}]
    )
    if plan is not None and plan.ok:
        job.preview = plan.preview()
    job.created_count = created
    job.message = message[:300]
    job.finished_at = timezone.now()
    job.save()
    return job


def validate_job(job_id: int) -> AssetImportJob:
    """Checks every row of the file; the job ends "검증 완료" with a preview, or "오류 있음" with the errors."""
    job = AssetImportJob.objects.select_related("created_by").get(pk=job_id)
    job.status, job.started_at = ImportStatus.VALIDATING, timezone.now()
    job.save(update_fields=["status", "started_at", "updated_at"])
    try:
        _importer, plan = _plan(job, saving=False)
    except FileRefused as refused:
        return _finish(job, None, ImportStatus.INVALID, " ".join(refused.messages))
    if not plan.ok:
        return _finish(job, plan, ImportStatus.INVALID, f"오류 {plan.error_count:,}건: 아무것도 저장하지 않았습니다.")
    return _finish(
        job, plan, ImportStatus.READY, f"{plan.total:,}행 모두 검증을 통과했습니다. 가져오기를 누르면 저장합니다."
    )


def run_job(job_id: int) -> AssetImportJob:
    """Checks the rows again (the data may have changed since the preview) and saves them all, or none."""
    job = AssetImportJob.objects.select_related("created_by").get(pk=job_id)
    job.status, job.processed_rows = ImportStatus.IMPORTING, 0  # the bar starts again: checking, then saving
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    try:
        importer, plan = _plan(job, saving=False)
    except FileRefused as refused:
        return _finish(job, None, ImportStatus.INVALID, " ".join(refused.messages))
    if not plan.ok:
        return _finish(job, plan, ImportStatus.INVALID, f"오류 {plan.error_count:,}건: 아무것도 저장하지 않았습니다.")
    importer.progress = _reporter(job, saving=True)
    try:
        created = importer.write(plan, request_id=f"import-{job.pk}")
    except (IntegrityError, ValidationError):
        # Another user registered the same tag or serial meanwhile: the transaction rolled back, nothing is saved.
        logger.exception("asset import %s rolled back", job.pk)
        return _finish(
            job, None, ImportStatus.FAILED, "저장 중 다른 등록과 겹쳐 아무것도 저장하지 않았습니다. 다시 검증하십시오."
        )
    finally:
        cache.delete(PROGRESS_KEY.format(pk=job.pk))
    return _finish(job, plan, ImportStatus.DONE, f"{created:,}건을 등록했습니다.", created)


def start_validation(*, job: AssetImportJob) -> None:
    from ..tasks import validate_asset_import_task

    after_commit(validate_asset_import_task, job.pk)


@transaction.atomic
def start_import(*, job: AssetImportJob, actor) -> AssetImportJob:
    """The requester confirms the preview: the save runs as a background job."""
    from ..tasks import run_asset_import_task

    job = AssetImportJob.objects.select_for_update(no_key=True).get(pk=job.pk)
    if job.created_by_id != getattr(actor, "pk", None):
        raise Forbidden(E.IMPORT_WHO)
    if job.status != ImportStatus.READY:
        raise Refused(E.IMPORT_NOT_READY)
    job.status = ImportStatus.QUEUED
    job.save(update_fields=["status", "updated_at"])
    after_commit(run_asset_import_task, job.pk)
    return job
