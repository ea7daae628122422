"""Background tasks of the embedded default (no broker): after the commit, in a thread when so configured."""

import threading

import pytest
from celery import shared_task

from itms.core import jobs

seen: list[tuple[str, str]] = []


@shared_task
def note_thread(word: str) -> None:
    seen.append((word, threading.current_thread().name))


@pytest.fixture(autouse=True)
def _clean():
    seen.clear()
    yield
    seen.clear()


@pytest.mark.django_db
def test_without_a_broker_a_long_task_runs_in_a_thread_of_its_own_once_the_transaction_commits(
    settings, django_capture_on_commit_callbacks
):
    settings.ITMS_JOBS_IN_THREADS = True
    with django_capture_on_commit_callbacks(execute=True):
        jobs.after_commit(note_thread, "가져오기")
        assert seen == []  # not before the commit: the task reads what the request saved
    jobs.wait_for_all(timeout=10)
    assert seen == [("가져오기", f"itms-job:{note_thread.name}")]


@pytest.mark.django_db
def test_tests_and_installations_without_threads_run_it_at_the_commit_in_the_request(
    settings, django_capture_on_commit_callbacks
):
    settings.ITMS_JOBS_IN_THREADS = False
    with django_capture_on_commit_callbacks(execute=True):
        jobs.after_commit(note_thread, "검증")
        assert seen == []
    assert seen == [("검증", threading.current_thread().name)]


def test_a_failing_task_in_a_thread_is_logged_not_lost(settings, caplog):
    @shared_task
    def fails() -> None:
        raise RuntimeError("파일을 읽을 수 없음")

    jobs._run(fails, ())
    assert "background task" in caplog.text and "파일을 읽을 수 없음" in caplog.text
