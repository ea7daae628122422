"""Backup and restore, round trip: every table and every attachment comes back, and the audit chain verifies.

The operator commands run as an operator runs them (``manage.py backup_data`` / ``restore_data`` in their own
processes, production settings) on a scratch database: migrated, the demo agency seeded (copied from the suite's
kept build, itms.testing.dbcache, when there is one: the same migrations and ``build_demo``), then some activity
— a committee meeting convened (its obligations opened), seven votes cast and a resolution recorded (so the
hash chain has entries), and attachments written. On the suite's engine: SQLite, or PostgreSQL when the suite runs
with a PostgreSQL DATABASE_URL (two scratch databases on that server, dropped afterwards).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import uuid
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[3]
SUITE_DATABASE = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_DATABASE.startswith(("postgres://", "postgresql://"))

ACTIVITY = """
import datetime as dt
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from itms.accounts.models import User
from itms.governance import actions
from itms.governance.choices import AttendanceStatus, CommitteeAgendaKind, MeetingMode
from itms.governance.models import Body
from itms.projects.models import Project

user = lambda name: User.objects.get(username=name)
secretary = user("itplan")
day = timezone.localdate() + dt.timedelta(days=20)
meeting = actions.convene_meeting(
    actor=secretary, body=Body.objects.get(name="정보화추진위원회"),
    scheduled_at=timezone.make_aware(dt.datetime.combine(day, dt.time(14))), mode=MeetingMode.IN_PERSON,
)
project = Project.objects.get(code="2027-CLP-001")
item = actions.add_agenda_item(
    actor=secretary, meeting=meeting, kind=CommitteeAgendaKind.NEW_TECHNOLOGY,
    title="백업 시험 안건", subject=project, proposing_unit=project.sponsor_unit,
)
seats = sorted(meeting.registered_memberships(), key=lambda m: (not m.is_chair, m.pk))[:7]
for membership in seats:
    actions.record_attendance(
        actor=secretary, meeting=meeting, membership=membership, status=AttendanceStatus.PRESENT
    )
meeting.workflow.execute(meeting, "distribute", actor=secretary)
meeting.refresh_from_db()
# Opened today, before its scheduled day: only with a reason (a4.6, a4.10).
meeting.workflow.execute(meeting, "open", actor=secretary, data={"reason": "백업 시험을 위해 앞당겨 엶"})
meeting.refresh_from_db()
actions.open_voting(actor=secretary, item=item)
for membership, choice in zip(seats, ["for"] * 4 + ["against", "abstain", "against"], strict=True):
    actions.cast_vote(actor=secretary, item=item, membership=membership, choice=choice)
actions.close_vote(actor=secretary, item=item)
default_storage.save("minutes/backup-test/회의록 초안.txt", ContentFile("제1차 회의록 초안".encode()))
default_storage.save("documents/2026/설계서.bin", ContentFile(bytes(range(256)) * 64))
"""

PROBE = """
import json
from collections import Counter
from django.db import connection
from itms.audit.chain import verify_chain
from itms.audit.models import LegalEvent
from itms.regulation.models import Obligation
from itms.testing.fingerprint import db_fingerprint

counts = {}
with connection.cursor() as cursor:
    for table in connection.introspection.table_names():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
chain = verify_chain()
print("PROBE " + json.dumps({
    "fingerprint": db_fingerprint(portable=True),
    "counts": counts,
    "chain_ok": chain.ok,
    "events": Counter(LegalEvent.objects.values_list("kind", flat=True)),
    "obligations": Obligation.objects.count(),
}, ensure_ascii=False))
"""


class Scratch:
    """A scratch installation: its own database URL, data folder and media folder."""

    def __init__(self, base: Path, database_url: str):
        self.base = base
        self.database_url = database_url
        self.media = base / "media"
        base.mkdir(parents=True, exist_ok=True)

    def env(self, **extra) -> dict:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", tempfile.gettempdir()),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "ITMS_SECRET_KEY": "backup-test-only",
            "ITMS_TESTING": "1",  # quick password hashing for the demo logins
            "ITMS_DATA_DIR": str(self.base),
            "ITMS_MEDIA_ROOT": str(self.media),
            "DATABASE_URL": self.database_url,
            "ITMS_LOG_LEVEL": "WARNING",
        }
        return {**env, **extra}

    def manage(self, *args: str, check: bool = True, **extra) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env(**extra), capture_output=True, text=True
        )
        if check:
            assert result.returncode == 0, f"manage.py {args[0]}: {result.stdout}\n{result.stderr}"
        return result

    def probe(self) -> dict:
        out = self.manage("shell", "-c", PROBE).stdout
        return json.loads(next(line for line in out.splitlines() if line.startswith("PROBE "))[6:])


def _postgres_url(name: str) -> str:
    config = dj_database_url.parse(SUITE_DATABASE)
    auth = config["USER"] + (f":{config['PASSWORD']}" if config.get("PASSWORD") else "")
    return f"postgres://{auth}@{config['HOST'] or 'localhost'}:{config['PORT'] or 5432}/{name}"


def _admin_sql(sql: str) -> None:
    import psycopg

    config = dj_database_url.parse(SUITE_DATABASE)
    with psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"] or None,
        password=config.get("PASSWORD") or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as conn:
        conn.execute(sql)


# The engine the suite runs on (CI runs the suite on both): its kept build is the source database.
ENGINES = ["postgresql" if ON_POSTGRES else "sqlite"]


@pytest.fixture(params=ENGINES)
def databases(request, tmp_path):
    """(source URL, target URL): two scratch databases of the engine, dropped afterwards on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    tag = uuid.uuid4().hex[:8]
    names = [f"itms_backup_source_{tag}", f"itms_backup_restored_{tag}"]
    try:
        for name in names:
            _admin_sql(f'CREATE DATABASE "{name}"')
        yield tuple(_postgres_url(name) for name in names)
    finally:
        for name in names:
            _admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# One test per engine (not one per assertion): the scratch installation takes 15-40 s to build, and pytest-xdist
# would build a module-scoped one again on every worker that runs a piece of it.
@pytest.mark.django_db  # the suite's database set up (and kept) first: its copy is the source database
def test_backup_and_restore_round_trip_keeps_every_table_every_attachment_and_the_chain(request, databases, tmp_path):
    source_url, target_url = databases
    # Given a database with the demo agency, a meeting with seven votes and a resolution, and attachments
    source = Scratch(tmp_path / "source", source_url)
    if not _from_kept_build(request, source):
        source.manage("migrate", "--no-input", "-v", "0")
        source.manage("seed_demo")
    seeded = source.probe()  # the demo's own committees have votes and resolutions already
    source.manage("shell", "-c", ACTIVITY)
    before = source.probe()
    assert before["events"]["vote_cast"] == seeded["events"].get("vote_cast", 0) + 7
    assert before["events"]["resolution_recorded"] == seeded["events"].get("resolution_recorded", 0) + 1
    assert before["obligations"] > 0 and before["chain_ok"]

    # When it is backed up and restored into a fresh database and an empty media folder
    backed_up = source.manage("backup_data", "--output", str(tmp_path / "backups"))
    archive = Path(backed_up.stdout.strip().splitlines()[-1])
    assert archive.name.startswith("itms-backup-") and archive.name.endswith(".tar.gz")
    target = Scratch(tmp_path / "target", target_url)
    restored = target.manage("restore_data", str(archive), check=False)

    # Then the command itself found every table equal to the backup's snapshot and the chain intact
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "일치" in restored.stdout and "불일치" not in restored.stdout
    assert "감사 체인 정상" in restored.stdout

    # and, checked independently, every table has the same rows and content
    after = target.probe()
    assert after["counts"] == before["counts"]
    differing = sorted(t for t in before["fingerprint"] if before["fingerprint"][t] != after["fingerprint"].get(t))
    assert differing == [], f"내용이 다른 표: {differing}"
    assert set(after["fingerprint"]) == set(before["fingerprint"])
    assert after["events"] == before["events"] and after["obligations"] == before["obligations"]
    assert after["counts"]["governance_vote"] == seeded["counts"]["governance_vote"] + 7
    assert after["chain_ok"] is True

    # and every attachment is back, byte for byte
    files = sorted(p.relative_to(source.media) for p in source.media.rglob("*") if p.is_file())
    assert {str(p) for p in files} >= {"minutes/backup-test/회의록 초안.txt", "documents/2026/설계서.bin"}
    for relative in files:
        assert (target.media / relative).read_bytes() == (source.media / relative).read_bytes(), relative

    # and restoring again over data is refused, as is a damaged archive
    again = target.manage("restore_data", str(archive), check=False)
    assert again.returncode != 0 and "이미 자료가 있습니다" in again.stderr
    damaged = _damaged_copy(archive, tmp_path / "damaged.tar.gz")
    fresh = Scratch(tmp_path / "fresh", f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    refused = fresh.manage("restore_data", str(damaged), check=False)
    assert refused.returncode != 0 and "해시가 다릅니다" in refused.stderr


def _from_kept_build(request, source: Scratch) -> bool:
    """The source database and its media from the suite's kept build (migrated, demo agency), if this engine has one.

    Migrating and seeding in subprocesses cost this test four to fifteen minutes of one worker; the kept build is
    the same migrations and the same ``build_demo``. False (migrate and seed instead) when the cache is off.
    """
    from django.db import connection

    state = request.getfixturevalue("_test_db_cache")
    entry = state.entry if state is not None else None
    scheme = "sqlite" if source.database_url.startswith("sqlite") else "postgresql"
    if entry is None or not entry.ready or entry.vendor != scheme or connection.vendor != scheme:
        return False
    if scheme == "sqlite":
        shutil.copyfile(entry.folder / "db.sqlite3", source.database_url.removeprefix("sqlite:///"))
    else:
        name = dj_database_url.parse(source.database_url)["NAME"]
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
        _admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{entry.template}"')
    if (entry.folder / "media").is_dir():
        shutil.copytree(entry.folder / "media", source.media, dirs_exist_ok=True)
    return True


def _damaged_copy(archive: Path, damaged: Path) -> Path:
    with tarfile.open(archive) as original, tarfile.open(damaged, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("database."):
                data = data[:-1] + bytes([data[-1] ^ 0xFF])
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return damaged
