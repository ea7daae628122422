import json

from django.core.management.base import BaseCommand

from itms.regulation.coverage import SOURCES, STATUSES, compute_coverage

HEADERS = {
    "parameters": "규정 값",
    "roles": "역할",
    "obligation_types": "의무",
    "transitions": "전이",
    "guards": "요건",
    "error_codes": "거절 코드",
    "features": "기능",
    "tests": "시험",
}
MARKS = {"implemented": "○", "parameter_only": "◇", "mentioned_only": "△", "uncovered": "×"}


class Command(BaseCommand):
    help = (
        "현행 훈령의 조항마다 구현(제품 코드가 이행하고 시험이 그 코드를 실행함)·규정 값만·언급만·근거 없음을 "
        "장별로 출력합니다. 구현 판정은 마지막 시험 실행의 기록(var/directive-coverage/)을 읽습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="JSON으로 출력 (clauses, summary)")
        parser.add_argument("--uncovered", action="store_true", help="구현되지 않은 조항만 출력")
        parser.add_argument("--chapter", type=int, help="이 장(章)의 조항만 출력")

    def handle(self, *args, **options):
        report = compute_coverage()
        rows = report.clauses
        if options["chapter"]:
            rows = [c for c in rows if c.chapter == options["chapter"]]
        if options["uncovered"]:
            rows = [c for c in rows if c.status != "implemented"]
        if options["json"]:
            data = {"clauses": [c.as_dict() for c in rows], "summary": report.summary()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for c in rows:
            parts = [f"{HEADERS[s]} {len(getattr(c, s))}" for s in SOURCES]
            evidence = ", ".join(c.implemented_by[:4])
            # Tab-separated: Korean labels are double width, and scripts can cut the columns.
            line = [MARKS[c.status], c.id, c.label, c.status_label, " · ".join(parts), evidence]
            self.stdout.write("\t".join(line).rstrip())
        summary = report.summary()
        self.stdout.write("")
        counts = ", ".join(f"{label} {summary['by_status'][key]}" for key, label in STATUSES.items())
        self.stdout.write(f"{summary['pack_version']}: 조항 {summary['total']}개 — {counts}")
        for number, chapter in sorted(summary["by_chapter"].items()):
            per = " · ".join(f"{label} {chapter[key]}" for key, label in STATUSES.items())
            self.stdout.write(f"  제{number}장 {chapter['title']}: {chapter['total']}개 중 {per}")
        if summary["exercised_known"]:
            self.stdout.write(f"구현 판정: 마지막 시험 실행의 기록 ({summary['exercised_size']}개 항목 실행)")
        else:
            self.stdout.write(
                "구현 판정: 시험 실행 기록이 없어 제품 코드가 있고 시험이 인용하는 조항을 구현으로 셉니다 "
                "(scripts/test를 먼저 실행하십시오)."
            )
        self.stdout.write("○ 구현, ◇ 규정 값만, △ 언급만, × 근거 없음")
        for entry in summary["unknown"]:
            self.stderr.write(f"알 수 없는 조항 ID {entry['clause_id']} ({entry['where']})")
