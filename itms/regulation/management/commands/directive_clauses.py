import json

from django.core.management.base import BaseCommand

from itms.regulation.clauses import current


class Command(BaseCommand):
    help = "현행 훈령의 모든 조항(조·항·호)을 ID, 표시명, 조문과 함께 출력합니다."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="JSON 배열로 출력 (id, label, text)")

    def handle(self, *args, **options):
        clauses = current().clauses
        if options["json"]:
            rows = [{"id": c.id, "label": c.label, "text": c.text} for c in clauses]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for c in clauses:
            indent = {"article": "", "paragraph": "  ", "item": "    "}[c.level]
            title = f"({c.title})" if c.title else ""
            self.stdout.write(f"{indent}{c.id}\t{c.label}{title}\t{c.text.splitlines()[0] if c.text else ''}")
