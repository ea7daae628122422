"""Benchmark: the duplicate search over N generated texts (not a test; issue 18's targets).

    .venv/bin/python bench/similarity.py [--n 10000] [--queries 200] [--json]

Generates N texts the way the agency generator words projects, systems and functions (itms/generator/vocab.py),
analyses them with Kiwi (batched, as ``rebuild`` does) and builds the matrices (``Matrix.build``), then times
``--queries`` queries (analysis of the query + scoring + top 10) and prints the build time and the query time
p50/p95. Targets: build ≤ 60 s, p95 ≤ 200 ms for N = 10,000 on the 2-core machine. Reading the entries from
the database (``index.current_matrix``) is not included: it is one streamed query of N rows.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ITMS_SECRET_KEY", "benchmark-only-secret-key")

import django

django.setup()

import numpy as np  # noqa: E402

from itms.generator import vocab  # noqa: E402
from itms.similarity import analysis, index  # noqa: E402
from itms.similarity.synonyms import shipped_normaliser  # noqa: E402


def texts(n: int, rng: random.Random) -> list[tuple[str, str]]:
    result = []
    kinds = ["construction", "enhancement", "operation", "isp", "research"]
    for i in range(n):
        roll = i % 10
        if roll < 4:  # projects and plans
            name = vocab.project_name(rng, rng.choice(kinds), rng.randint(2016, 2028))
            result.append(("plan", f"{name}\n{vocab.project_summary(rng, name)}"))
        elif roll < 6:  # systems
            domain = rng.choice(vocab.PROJECT_DOMAINS)
            name = f"{domain} {rng.choice(vocab.SYSTEM_SUFFIXES)}"
            functions = ", ".join(
                f"{rng.choice(vocab.FUNCTION_OBJECTS)} {rng.choice(vocab.FUNCTION_VERBS)}" for _ in range(5)
            )
            result.append(
                ("system", f"{name}\n{domain} 업무를 처리하고 {rng.choice(vocab.SUMMARY_GOALS)}.\n{functions}")
            )
        else:  # functions and requests
            obj, verb = rng.choice(vocab.FUNCTION_OBJECTS), rng.choice(vocab.FUNCTION_VERBS)
            domain = rng.choice(vocab.PROJECT_DOMAINS)
            result.append(("function", f"{domain} {obj} {verb}\n{domain} 담당자가 {obj}을(를) {verb}하는 기능"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(18)  # noqa: S311 - reproducible generated texts, not secrets
    corpus = texts(args.n, rng)

    started = time.perf_counter()
    analysis.kiwi()
    load_s = time.perf_counter() - started

    started = time.perf_counter()
    analysed = analysis.analyse_many([t for _, t in corpus], shipped_normaliser())
    analyse_s = time.perf_counter() - started
    rows = [
        {"id": i, "label": "bench", "object_id": i, "kind": k, "title": "", "text": t, "terms": a.words}
        for i, ((k, t), a) in enumerate(zip(corpus, analysed, strict=True))
    ]
    started = time.perf_counter()
    matrix = index.Matrix.build(rows)
    fit_s = time.perf_counter() - started

    queries = [t for _, t in texts(args.queries, random.Random(2427))]  # noqa: S311
    timings = []
    for query in queries:
        started = time.perf_counter()
        terms = analysis.analyse(query, shipped_normaliser()).terms
        scores = matrix.scores(terms)
        top = np.argpartition(-scores, 10)[:10]
        top[np.argsort(-scores[top])]
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    result = {
        "n": args.n,
        "kiwi_load_s": round(load_s, 2),
        "analyse_s": round(analyse_s, 2),
        "fit_s": round(fit_s, 2),
        "build_s": round(analyse_s + fit_s, 2),
        "queries": len(timings),
        "query_p50_ms": round(statistics.median(timings), 1),
        "query_p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        "query_max_ms": round(timings[-1], 1),
        "word_features": len(matrix.word_vectoriser.vocabulary_),
        "char_features": len(matrix.char_vectoriser.vocabulary_),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        for key, value in result.items():
            print(f"{key:>15}: {value}")


if __name__ == "__main__":
    main()
