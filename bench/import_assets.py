"""Benchmark of the asset import (issue 13: 100,000 rows in ≤ 60 s on a 2-core machine). Not a timed test.

    .venv/bin/python bench/import_assets.py [--db sqlite|postgres] [--rows 100000] [--format xlsx|csv] [--reuse]

Steps: a fresh database (SQLite file under var/bench/import-<db>/, or ``itms_bench_import`` on the PostgreSQL
server, dropped afterwards), ``migrate`` and ``seed_demo`` (the demo agency: its units, systems, contracts and the
starter asset types), then a file of ``--rows`` realistic rows — servers with their five mandatory attributes,
network and security equipment, PCs, and software rows installed on servers of the same file with their licence
quantity — and ``manage.py import_assets FILE --as asset`` twice: ``--dry-run`` (every check, nothing saved), then
for real (the same checks, then assets, typed attribute index, relations, licences and one change-log entry per
row, in one transaction). Each run is timed end to end (process start included) and by the command itself.

Writes bench/results/import-<db>-<rows>.json and prints a summary.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

ROOT = harness.ROOT
OS_NAMES = ["Rocky Linux 9", "RHEL 8", "Windows Server 2022", "Ubuntu 22.04"]
HEADER = [
    "자산번호",
    "자산명",
    "자산 유형",
    "관리 부서",
    "정보시스템",
    "제조사",
    "모델명",
    "일련번호",
    "도입일",
    "취득가액",
    "설치 위치",
    "랙",
    "유지관리 계약",
    "용도",
    "호스트명",
    "IP 주소",
    "CPU 코어 수",
    "메모리",
    "디스크",
    "장비 구분",
    "관리 IP",
    "포트 수",
    "CC 인증",
    "CPU",
    "운영체제",
    "에디션",
    "설치 장비(자산번호)",
    "라이선스 수량",
]


def rows(n: int, seed: int = 2427):
    """Realistic rows: 40% servers, 10% network, 5% security, 40% PCs, 5% software installed on earlier servers."""
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    year = time.localtime().tm_year
    contract = f"{year}-UP-OM-01"
    servers: list[str] = []
    systems = ["UP-IMP", "UP-EXP", "UP-CRG", "UP-TRV", "UP-COL", "UP-REF", "UP-AUD", "UP-INV", "UP-SRV", "UP-PRT"]
    for i in range(1, n + 1):
        tag = f"BN-{i:07d}"
        row = dict.fromkeys(HEADER, "")
        row.update(
            {
                "자산번호": tag,
                "관리 부서": "KCS-SOT",
                "일련번호": f"BSN{i:09d}",
                "도입일": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "설치 위치": rng.choice(["KCS-DJ-B1-DC1", "KCS-DJ-B1-DC2"]),
            }
        )
        roll = i % 20
        if roll < 8:
            servers.append(tag)
            row.update(
                {
                    "자산명": f"업무 서버 {i}",
                    "자산 유형": "SERVER",
                    "정보시스템": rng.choice(systems),
                    "제조사": "한국HPE",
                    "모델명": "ProLiant DL380 Gen11",
                    "취득가액": str(rng.randint(20, 90) * 1_000_000),
                    "랙": f"R{rng.randint(1, 40):02d}",
                    "유지관리 계약": contract,
                    "용도": rng.choice(["WEB", "WAS", "DB", "AP"]),
                    "호스트명": f"bn-host-{i}",
                    "IP 주소": f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}",
                    "CPU 코어 수": str(rng.choice([16, 32, 64])),
                    "메모리": str(rng.choice([64, 128, 256, 512])),
                    "디스크": str(rng.choice([2, 4, 8])),
                }
            )
        elif roll < 10:
            row.update(
                {
                    "자산명": f"스위치 {i}",
                    "자산 유형": "NETWORK",
                    "제조사": "다산네트웍스",
                    "모델명": "V5824G",
                    "유지관리 계약": contract,
                    "장비 구분": "L2 스위치",
                    "관리 IP": f"172.16.{i // 256 % 256}.{i % 256}",
                    "포트 수": "48",
                }
            )
        elif roll == 10:
            row.update(
                {
                    "자산명": f"방화벽 {i}",
                    "자산 유형": "SECURITY",
                    "제조사": "시큐아이",
                    "모델명": "BLUEMAX NGF",
                    "유지관리 계약": contract,
                    "장비 구분": "방화벽",
                    "관리 IP": f"172.17.{i // 256 % 256}.{i % 256}",
                    "CC 인증": "예",
                }
            )
        elif roll < 19:
            row.update(
                {
                    "자산명": f"업무용 PC {i}",
                    "자산 유형": "PC",
                    "제조사": "삼성전자",
                    "모델명": "DM500TFA",
                    "설치 위치": "KCS-DJ-5F",
                    "CPU": "Intel Core i5-13400",
                    "메모리": "16",
                    "운영체제": rng.choice(["Windows 11 Pro", "하모니카 OS 8"]),
                }
            )
        else:
            installed = rng.sample(servers[-200:], k=min(len(servers), 3)) if servers else []
            row.update(
                {
                    "자산명": f"{rng.choice(OS_NAMES)} 구독 {i}",
                    "자산 유형": "OS",
                    "일련번호": "",
                    "에디션": "Standard",
                    "설치 장비(자산번호)": ", ".join(installed),
                    "라이선스 수량": str(len(installed) + rng.randint(0, 5)),
                }
            )
        yield [row[h] for h in HEADER]


def _column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def write_excel_like(path: Path, n: int) -> None:
    """An XLSX laid out as Excel saves one: text in the shared-string table, cells referring to it by index."""
    import zipfile
    from xml.sax.saxutils import escape

    strings: dict[str, int] = {}
    letters = [_column_letters(i) for i in range(len(HEADER))]
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {ns}>'.encode())
            sheet.write(f'<dimension ref="A1:{letters[-1]}{n + 1}"/><sheetData>'.encode())
            for number, row in enumerate([HEADER, *rows(n)], start=1):
                cells = []
                for column, value in enumerate(row):
                    if value == "":
                        continue
                    if value.isdigit() and not value.startswith("0") and len(value) < 15:
                        cells.append(f'<c r="{letters[column]}{number}"><v>{value}</v></c>')
                    else:
                        index = strings.setdefault(value, len(strings))
                        cells.append(f'<c r="{letters[column]}{number}" t="s"><v>{index}</v></c>')
                sheet.write(f'<row r="{number}">{"".join(cells)}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {ns} count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">{shared}</sst>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {ns} '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="정보자산" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{main}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}.sharedStrings+xml"/></Types>',
        )


def write_file(path: Path, n: int, fmt: str, writer: str = "excel") -> float:
    started = time.perf_counter()
    if fmt == "xlsx" and writer == "excel":
        write_excel_like(path, n)
    elif fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            writer.writerows(rows(n))
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("정보자산")
        sheet.append(HEADER)
        for row in rows(n):
            sheet.append(row)
        book.save(path)
    return time.perf_counter() - started


def run(env: dict, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [harness.PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} 실패:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, result.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument(
        "--writer",
        choices=["excel", "openpyxl"],
        default="excel",
        help="XLSX as Excel lays it out (shared strings), or as openpyxl's write-only mode does (inline strings)",
    )
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432"))
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run (no migrate/seed)")
    args = parser.parse_args()

    pg_db = "itms_bench_import"
    env = harness.environment(db=args.db, scale=0, pg_url=args.pg_url, pg_db=pg_db)
    data_dir = ROOT / "var" / "bench" / f"import-{args.db}"
    data_dir.mkdir(parents=True, exist_ok=True)
    env["ITMS_DATA_DIR"] = str(data_dir)
    if args.db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{data_dir / 'itms.sqlite3'}"
    load_before = harness.machine()["load_average"]
    if not args.reuse:
        if args.db == "postgres":
            harness.create_database(args.pg_url, pg_db)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{data_dir / 'itms.sqlite3'}{suffix}").unlink(missing_ok=True)
        print("migrate, seed_demo …", flush=True)
        run(env, "migrate", "--no-input", "-v", "0")
        run(env, "seed_demo")
    path = data_dir / f"assets-{args.rows}-{args.writer}.{args.format}"
    write_s = write_file(path, args.rows, args.format, args.writer)
    print(f"file: {path.name}, {path.stat().st_size / 1e6:.1f} MB, written in {write_s:.1f} s", flush=True)
    dry_s, dry_out = run(env, "import_assets", str(path), "--dry-run", "--as", "asset")
    print(f"--dry-run: {dry_s:.1f} s — {dry_out}", flush=True)
    real_s, real_out = run(env, "import_assets", str(path), "--as", "asset")
    print(f"import:    {real_s:.1f} s — {real_out}", flush=True)
    inner = re.search(r"검사 ([\d.]+)초, 저장 ([\d.]+)초, CPU ([\d.]+)초", real_out)
    dry_cpu = re.search(r"CPU ([\d.]+)초", dry_out)
    results = {
        "db": args.db,
        "rows": args.rows,
        "format": args.format,
        "writer": args.writer if args.format == "xlsx" else "csv",
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "dry_run_s": round(dry_s, 1),
        "import_s": round(real_s, 1),
        "import_check_s": float(inner.group(1)) if inner else None,
        "import_save_s": float(inner.group(2)) if inner else None,
        # CPU seconds of the import process: what the run takes on an idle machine (it uses one core), whatever
        # else the shared machine was doing meanwhile.
        "import_cpu_s": float(inner.group(3)) if inner else None,
        "dry_run_cpu_s": float(dry_cpu.group(1)) if dry_cpu else None,
        "target_s": 60,
        "machine": {**harness.machine(), "load_average_before": load_before},
        "taken": time.strftime("%Y-%m-%d %H:%M %Z"),
    }
    out = harness.RESULTS / f"import-{args.db}-{args.rows}-{args.format}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"→ {out}")
    if args.db == "postgres":
        from django.db import connections  # noqa: F401 - nothing open in this process

        harness.drop_database(args.pg_url, pg_db)


if __name__ == "__main__":
    main()
