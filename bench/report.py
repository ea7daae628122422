"""Markdown for a bench/run.py result (also used by docs/quality.md's tables)."""

from __future__ import annotations

PAGE_TARGET_MS = 150
SWEEP_TARGET_S = 5
CHAIN_TARGET_S = 15  # for 1,000,000 entries


def markdown(results: dict) -> str:
    lines: list[str] = []
    machine = results["machine"]
    database = results["database"]
    lines += [
        f"# Benchmarks — {database['vendor']} at scale {results['scale']:g}",
        "",
        f"Run {results['started']}; {results['repeat']} timed requests per URL after {results['warmup']} warm-up "
        f"(in-process Django test client, one request at a time); roles: {', '.join(results['roles'])}.",
        "",
        "| machine | |",
        "|---|---|",
        f"| CPU | {machine['cpus']} × {machine['cpu_model']} |",
        f"| memory | {machine['memory_gb']} GB |",
        f"| Python | {machine['python']}; a fixed loop in {machine.get('python_loop_ms', '—')} ms (lower is faster) |",
        f"| database | {database['vendor']} {database['version']} ({database['size']}) |",
        f"| load average (1/5/15 min) | before {_load(machine['load_average_before'])}, "
        f"after {_load(machine['load_average'])} — the machine is shared |",
        "",
    ]
    generation = results.get("generation")
    if generation:
        lines += [
            f"Data generated in {generation['seconds']:,.0f} s: "
            + ", ".join(f"{k} {v:,}" for k, v in generation["counts"].items() if not k.startswith("obligations_"))
            + ".",
            "",
        ]
    lines += _other(results)
    if results.get("big_lists"):
        import lists

        big = {**results["big_lists"], "machine": results["machine"], "scale": results["scale"]}
        lines += [*lists.markdown(big).splitlines()[2:], ""]  # under this report's own title and machine table
    pages = [p for p in results["pages"] if p["status"] == 200]
    slow = sorted((p for p in pages if p["p95_ms"] > PAGE_TARGET_MS), key=lambda p: -p["p95_ms"])
    lines += [
        f"## Pages over {PAGE_TARGET_MS} ms p95 ({len(slow)} of {len(pages)})",
        "",
    ]
    if slow:
        lines += [
            "| role | page | p95 ms | queries | SQL replay ms | slowest query (ms) | repeated query |",
            "|---|---|---:|---:|---:|---|---|",
        ]
        for p in slow:
            lines.append(
                f"| {p['role']} | {p['label']} {p['kind']} | {p['p95_ms']:.0f} | {p['queries']} | "
                f"{p['sql_replay_ms']:.0f} | {p['slowest_query_ms']:.0f}: `{_short(p['slowest_query'], 140)}` | "
                f"{_repeated(p)} |"
            )
        lines.append("")
    lines += [
        "## Every page and API list",
        "",
        "p50/p95: whole request in ms. SQL: the time of its queries inside the request; replay: the same SELECTs "
        "re-executed with fetch on a plain cursor. Page − replay ≈ Python (ORM, forms, templates, serializers).",
        "",
        "| role | type | page | p50 | p95 | queries | SQL | replay | KB | note |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for p in results["pages"]:
        if p["status"] != 200:
            lines.append(f"| {p['role']} | {p['label']} | {p['kind']} | | | | | | | HTTP {p['status']} |")
            continue
        note = "⚠ p95" if p["p95_ms"] > PAGE_TARGET_MS else ""
        if p.get("repeated_query"):
            note += f" {p['repeated_query_count']}× same query"
        lines.append(
            f"| {p['role']} | {p['label']} | {p['kind']} | {p['p50_ms']:.1f} | {p['p95_ms']:.1f} | {p['queries']} | "
            f"{p['sql_in_request_ms']:.1f} | {p['sql_replay_ms']:.1f} | {p['bytes'] / 1024:.0f} | {note.strip()} |"
        )
    lines.append("")
    return "\n".join(lines)


def _other(results: dict) -> list[str]:
    lines = ["## Sweep, audit chain, legal calendar", "", "| check | result | target |", "|---|---|---|"]
    sweep = results.get("sweep")
    if sweep and "skipped" not in sweep:
        lines.append(
            f"| obligation sweep over {sweep['open_obligations']:,} open obligations | first run "
            f"{sweep['first_run_s']:.2f} s ({sweep['due_soon']:,} due soon, {sweep['overdue']:,} overdue, "
            f"{sweep['notifications']:,} notices), second run {sweep['second_run_s']:.2f} s "
            f"({sweep['second_run_notifications']} new); e-mail task {sweep['emails_s']} s for {sweep['emails']} mails "
            f"| ≤ {SWEEP_TARGET_S} s |"
        )
    elif sweep:
        lines.append(f"| obligation sweep | {sweep['skipped']} | ≤ {SWEEP_TARGET_S} s |")
    chain = results.get("chain")
    if chain:
        per_million = chain["second_s"] / max(chain["entries"], 1) * 1_000_000
        lines.append(
            f"| audit-chain verification of {chain['entries']:,} entries | {'intact' if chain['ok'] else 'BROKEN'}, "
            f"{chain['first_s']:.1f} s then {chain['second_s']:.1f} s (≈ {per_million:.1f} s per million) "
            f"| ≤ {CHAIN_TARGET_S} s per million |"
        )
    calendar = results.get("legal_calendar")
    if calendar:
        lines.append(
            f"| legal_calendar.forward | first call {calendar['cold_ms']:.1f} ms, then "
            f"{calendar['warm_us_per_call']:.0f} µs per call ({calendar['calls']:,} calls) | — |"
        )
    lines.append("")
    return lines


def _load(values) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def _short(sql: str, n: int) -> str:
    text = " ".join(sql.split()).replace("|", "\\|")
    return text if len(text) <= n else text[: n - 1] + "…"


def _repeated(page: dict) -> str:
    if not page.get("repeated_query"):
        return ""
    return f"{page['repeated_query_count']}× `{_short(page['repeated_query'], 100)}`"
