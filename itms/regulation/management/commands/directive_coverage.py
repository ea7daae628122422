import json

from django.core.management.base import BaseCommand

from itms.regulation.coverage import SOURCES, compute_coverage

HEADERS = {
    "parameters": "규정 값",
    "roles": "역할",
    "obligation_types": "의무",
    "transitions": "전이",
    "guards": "요건",
    "features": "기능",
    "tests": "시험",
}


class Command(BaseCommand):
    help = (
        "현행 훈령의 조항마다 그것을 이행하는 규정 값·역할·의무·절차(전이·요건)·시험을 출력하고, "
        "이행 근거가 없는 조항을 요약합니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="JSON으로 출력 (clauses, summary)")
        parser.add_argument("--uncovered", action="store_true", help="근거가 없는 조항만 출력")
        parser.add_argument("--chapter", type=int, help="이 장(章)의 조항만 출력")

    def handle(self, *args, **options):
        report = compute_coverage()
        rows = report.clauses
        if options["chapter"]:
            rows = [c for c in rows if c.chapter == options["chapter"]]
        if options["uncovered"]:
            rows = [c for c in rows if not c.covered]
        if options["json"]:
            data = {"clauses": [c.as_dict() for c in rows], "summary": report.summary()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for c in rows:
            mark = "○" if c.cited else ("△" if c.covered else "×")
            parts = [f"{HEADERS[s]} {len(getattr(c, s))}" for s in SOURCES]
            details = "; ".join(
                f"{HEADERS[s]}: {', '.join(getattr(c, s))}" for s in SOURCES if getattr(c, s) and s != "tests"
            )
            # Tab-separated: Korean labels are double width, and scripts can cut the columns.
            self.stdout.write("\t".join([mark, c.id, c.label, " · ".join(parts), details]).rstrip())
        summary = report.summary()
        self.stdout.write("")
        self.stdout.write(
            f"{summary['pack_version']}: 조항 {summary['total']}개 중 근거 있음 {summary['covered']}개, "
            f"없음 {summary['uncovered']}개"
        )
        names = {"article": "조", "paragraph": "항", "item": "호"}
        for level, counts in summary["by_level"].items():
            self.stdout.write(f"  {names[level]}: {counts['covered']}/{counts['total']}")
        self.stdout.write("○ 직접 인용, △ 하위 항·호를 통해 (조), × 근거 없음")
        if summary["uncovered_ids"]:
            self.stdout.write("근거 없는 조항: " + ", ".join(summary["uncovered_ids"]))
        for entry in summary["unknown"]:
            self.stderr.write(f"알 수 없는 조항 ID {entry['clause_id']} ({entry['where']})")
