"""Backup and restore of the database and the attachments (docs/quality.md, "Reliability").

One archive ``itms-backup-<YYYYMMDD-HHMMSS>.tar.gz`` holds:

- ``database.sqlite3`` — SQLite: an online copy made with SQLite's backup API (consistent while the
  application keeps writing; a plain ``cp`` of a WAL database is not), or
  ``database.pgdump`` — PostgreSQL: ``pg_dump -Fc`` taken in an exported snapshot;
- ``media/`` — every file under MEDIA_ROOT (attachments, generated minutes);
- ``manifest.json`` — the engine, the SHA-256 of every member, and per table the row count and a content
  digest computed **in the same snapshot** as the dump, plus the audit-chain head.

Restore refuses a target that already holds data (``--force`` overrides), loads the dump, puts the files
back, and then proves the result: every table's count and digest must equal the manifest's, and the audit
chain must verify (``manage.py verify_audit_chain`` against the restored database).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # runs pg_dump, pg_restore and our own manage.py, never a shell  # nosec B404
import sys
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_MEMBER = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Korean."""


# --- where the data is ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    engine: str  # "sqlite" or "postgresql"
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, config: dict) -> Database:
        engine = config["ENGINE"]
        if engine.endswith("sqlite3"):
            return cls("sqlite", str(config["NAME"]))
        if "postgresql" in engine:
            return cls(
                "postgresql",
                str(config["NAME"]),
                str(config.get("USER") or ""),
                str(config.get("PASSWORD") or ""),
                str(config.get("HOST") or ""),
                str(config.get("PORT") or ""),
            )
        raise BackupError(f"지원하지 않는 데이터베이스 엔진입니다: {engine}")

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls.from_settings(dj_database_url.parse(url))

    @classmethod
    def configured(cls) -> Database:
        return cls.from_settings(settings.DATABASES["default"])

    @property
    def url(self) -> str:
        if self.engine == "sqlite":
            return f"sqlite:///{Path(self.name).resolve()}"
        auth = self.user + (f":{self.password}" if self.password else "")
        return f"postgres://{auth}@{self.host or 'localhost'}:{self.port or 5432}/{self.name}"

    def pg_args(self) -> list[str]:
        args = ["--dbname", self.name]
        args += ["--host", self.host] if self.host else []
        args += ["--port", self.port] if self.port else []
        args += ["--username", self.user] if self.user else []
        return args

    def pg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def connect_pg(self):
        import psycopg

        return psycopg.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
        )


# --- table digests (the same function on both sides) ----------------------------------------------------


def _row_key(row) -> bytes:
    values = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
    return hashlib.sha256(repr(values).encode("utf-8")).digest()


def table_digests(cursor, tables: list[str], quote: Callable[[str], str]) -> dict[str, dict]:
    """Row count and an order-independent SHA-256 of every row of each table (DB-API cursor)."""
    result = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - catalogue names, quoted  # nosec B608
        keys = []
        while batch := cursor.fetchmany(5000):
            keys.extend(_row_key(row) for row in batch)
        keys.sort()
        result[table] = {"rows": len(keys), "digest": hashlib.sha256(b"".join(keys)).hexdigest()}
    return result


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in rows]


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    return [name for (name,) in cursor.fetchall()]


def _chain_head(cursor, tables: list[str]) -> dict | None:
    if "audit_chainhead" not in tables:
        return None
    cursor.execute("SELECT seq, hash FROM audit_chainhead ORDER BY id LIMIT 1")
    row = cursor.fetchone()
    return {"seq": row[0], "hash": row[1]} if row else None


def sqlite_digests(path: Path) -> tuple[dict, dict | None]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = _sqlite_tables(conn)
        cursor = conn.cursor()
        return table_digests(cursor, tables, _quote), _chain_head(cursor, tables)
    finally:
        conn.close()


def pg_digests(database: Database) -> tuple[dict, dict | None]:
    with database.connect_pg() as conn, conn.cursor() as cursor:
        tables = _pg_tables(cursor)
        return table_digests(cursor, tables, _quote), _chain_head(cursor, tables)


# --- backup ---------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_sqlite(database: Database, target: Path) -> None:
    source_name = database.name
    uri = source_name.startswith("file:")
    if not uri and not Path(source_name).exists():
        raise BackupError(f"데이터베이스 파일이 없습니다: {source_name}")
    source = sqlite3.connect(source_name, uri=uri, timeout=60)
    copy = sqlite3.connect(target)
    try:
        # Online backup: pages are copied in steps; a write in between restarts the copy, never tears it.
        source.backup(copy, pages=1024)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
    finally:
        copy.close()
        source.close()


def _dump_pg(database: Database, target: Path) -> tuple[dict, dict | None]:
    """pg_dump in an exported snapshot, and the table digests read in that same snapshot."""
    with database.connect_pg() as conn, conn.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
                *database.pg_args(),
            ],
            env=database.pg_env(),
            what="pg_dump",
        )
        tables = _pg_tables(cursor)
        return table_digests(cursor, tables, _quote), _chain_head(cursor, tables)


def _run(args: list[str], *, env: dict | None = None, what: str) -> subprocess.CompletedProcess:
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} 명령이 없습니다 (Debian: apt-get install postgresql-client).")
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{what} 실패 (종료 코드 {result.returncode}): {result.stderr.strip()}")
    return result


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@dataclass
class BackupResult:
    archive: Path
    manifest: dict = field(default_factory=dict)

    @property
    def summary(self) -> str:
        m = self.manifest
        rows = sum(t["rows"] for t in m["tables"].values())
        head = m.get("chain_head") or {}
        return (
            f"백업: {self.archive} ({self.archive.stat().st_size:,}바이트) — {m['engine']}, "
            f"표 {len(m['tables'])}개, 행 {rows:,}개, 첨부파일 {m['media']['files']}개 "
            f"({m['media']['bytes']:,}바이트), 감사 체인 #{head.get('seq', 0)}"
        )


def backup(*, output: Path, database: Database | None = None, media_root: Path | None = None) -> BackupResult:
    """Write one archive of the database and the media folder into ``output`` (a folder)."""
    database = database or Database.configured()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    output.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = output / f"itms-backup-{stamp}.tar.gz"
    suffix = 1
    while archive.exists():
        suffix += 1
        archive = output / f"itms-backup-{stamp}-{suffix}.tar.gz"

    with tempfile.TemporaryDirectory(prefix="itms-backup-") as work:
        work = Path(work)
        if database.engine == "sqlite":
            member = SQLITE_MEMBER
            _copy_sqlite(database, work / member)
            tables, head = sqlite_digests(work / member)
        else:
            member = PG_MEMBER
            tables, head = _dump_pg(database, work / member)
        files = _media_files(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": database.engine,
            "database": member,
            "sha256": {member: _sha256(work / member)},
            "tables": tables,
            "chain_head": head,
            "media": {"files": len(files), "bytes": sum(p.stat().st_size for p in files)},
            "python": sys.version.split()[0],
        }
        for path in files:
            manifest["sha256"][f"{MEDIA_MEMBER}/{path.relative_to(media_root).as_posix()}"] = _sha256(path)
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")

        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / member, arcname=member)
            for path in files:
                tar.add(path, arcname=f"{MEDIA_MEMBER}/{path.relative_to(media_root).as_posix()}")
        partial.rename(archive)  # a crash mid-way never leaves a file that looks like a finished backup
    return BackupResult(archive, manifest)


# --- restore --------------------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    manifest: dict
    database: Database
    mismatches: list[str]
    chain_message: str
    chain_ok: bool
    media_files: int

    @property
    def ok(self) -> bool:
        return not self.mismatches and self.chain_ok

    @property
    def summary(self) -> str:
        rows = sum(t["rows"] for t in self.manifest["tables"].values())
        verdict = "일치" if not self.mismatches else f"불일치 {len(self.mismatches)}개"
        return (
            f"복원: {self.database.engine} {self.database.name} — 표 {len(self.manifest['tables'])}개·행 {rows:,}개 "
            f"{verdict}, 첨부파일 {self.media_files}개, 감사 체인: {self.chain_message}"
        )


def _extract(archive: Path, into: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(into, filter="data")  # refuses absolute paths, "..", devices and links out
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"백업 파일을 읽을 수 없습니다: {error}") from error
    try:
        manifest = json.loads((into / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError("백업 파일에 manifest.json이 없거나 손상되었습니다.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"알 수 없는 백업 형식입니다: {manifest.get('format')}")
    for member, expected in manifest["sha256"].items():
        path = into / member
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(f"백업 파일이 손상되었습니다: {member}의 해시가 다릅니다.")
    return manifest


def _sqlite_has_data(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    conn = sqlite3.connect(path)
    try:
        return bool(_sqlite_tables(conn))
    finally:
        conn.close()


def _restore_sqlite(source: Path, database: Database, *, force: bool) -> None:
    target = Path(database.name)
    if _sqlite_has_data(target) and not force:
        raise BackupError(f"복원 대상 데이터베이스에 이미 자료가 있습니다: {target} (덮어쓰려면 --force)")
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target, timeout=60)
    try:
        src.backup(dst)  # replaces every page of the target, in one step
    finally:
        dst.close()
        src.close()


def _restore_pg(source: Path, database: Database, *, force: bool) -> None:
    try:
        with database.connect_pg() as conn, conn.cursor() as cursor:
            has_data = bool(_pg_tables(cursor))
    except Exception as error:
        raise BackupError(
            f"복원 대상 데이터베이스에 연결할 수 없습니다 ({database.name}): {error}. "
            f"먼저 만드십시오: createdb -O <사용자> {database.name}"
        ) from error
    if has_data and not force:
        raise BackupError(f"복원 대상 데이터베이스에 이미 자료가 있습니다: {database.name} (덮어쓰려면 --force)")
    args = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    args += ["--clean", "--if-exists"] if has_data else []
    _run([*args, *database.pg_args(), str(source)], env=database.pg_env(), what="pg_restore")


def _restore_media(source: Path, media_root: Path, *, force: bool) -> int:
    files = _media_files(source)
    if media_root.exists() and any(media_root.iterdir()):
        if not force:
            raise BackupError(f"첨부파일 폴더가 비어 있지 않습니다: {media_root} (덮어쓰려면 --force)")
        aside = media_root.with_name(f"{media_root.name}.before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}")
        media_root.rename(aside)  # kept, not deleted: the operator removes it once satisfied
    media_root.mkdir(parents=True, exist_ok=True)
    for path in files:
        destination = media_root / path.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
    return len(files)


def _verify_chain(database: Database) -> tuple[bool, str]:
    env = {**os.environ, "DATABASE_URL": database.url}
    result = subprocess.run(  # noqa: S603 - our own manage.py, our own interpreter  # nosec B603
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "verify_audit_chain"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    message = (result.stdout or result.stderr).strip().splitlines()
    return result.returncode == 0, message[-1] if message else f"종료 코드 {result.returncode}"


def restore(
    *, archive: Path, database: Database | None = None, media_root: Path | None = None, force: bool = False
) -> RestoreResult:
    """Load ``archive`` into ``database`` (default: the configured one) and MEDIA_ROOT, then prove it."""
    database = database or Database.configured()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="itms-restore-") as work:
        work = Path(work)
        manifest = _extract(Path(archive), work)
        if manifest["engine"] != database.engine:
            raise BackupError(
                f"{manifest['engine']} 백업은 {database.engine} 데이터베이스에 복원할 수 없습니다 "
                "(엔진 사이 이전은 dumpdata/loaddata로)."
            )
        if database.engine == "sqlite":
            _restore_sqlite(work / SQLITE_MEMBER, database, force=force)
            tables, _ = sqlite_digests(Path(database.name))
        else:
            _restore_pg(work / PG_MEMBER, database, force=force)
            tables, _ = pg_digests(database)
        media_files = _restore_media(work / MEDIA_MEMBER, media_root, force=force)

    mismatches = [
        f"{table}: 백업 {manifest['tables'].get(table)} ≠ 복원 {tables.get(table)}"
        for table in sorted(set(manifest["tables"]) | set(tables))
        if manifest["tables"].get(table) != tables.get(table)
    ]
    chain_ok, chain_message = _verify_chain(database)
    return RestoreResult(manifest, database, mismatches, chain_message, chain_ok, media_files)
