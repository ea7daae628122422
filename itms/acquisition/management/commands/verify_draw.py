"""python manage.py verify_draw ID [--file record.json]: recompute an evaluator draw from its published record.

Exit status 0 when the record holds (list hash, secret against its commitment, the order recomputed from list hash,
secret, witnesses' numbers and algorithm, contacts in that order) and, for a draw in the database, when it matches
the chained legal events; 1 on any mismatch, with each one printed. With ``--file`` only the record given is read
(a copy downloaded from the draw page, as a bidder would hold it).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "평가위원 추출 기록을 공개 기록만으로 다시 계산하여 검증합니다 (제15조제3항)."

    def add_arguments(self, parser):
        parser.add_argument("draw_id", nargs="?", type=int, help="추출 번호 (화면 주소의 번호)")
        parser.add_argument("--file", help="내려받은 추출 기록(JSON) 파일")

    def handle(self, *args, draw_id=None, file=None, **options):
        from itms.acquisition import draw as algorithm
        from itms.acquisition.actions.draws import chain_problems, published_record
        from itms.acquisition.models import EvaluatorDraw

        if file:
            with open(file, encoding="utf-8") as handle:
                record = json.load(handle)
            problems = algorithm.verify_record(record)
            label = f"파일 {file}"
        elif draw_id is not None:
            draw = EvaluatorDraw.objects.select_related("evaluation__project").filter(pk=draw_id).first()
            if draw is None:
                raise CommandError(f"추출 {draw_id}번이 없습니다.")
            record = published_record(draw)
            problems = algorithm.verify_record(record) + chain_problems(record)
            label = str(draw)
        else:
            raise CommandError("추출 번호나 --file을 주십시오.")
        if problems:
            self.stderr.write(f"검증 실패: {label}")
            for problem in problems:
                self.stderr.write(f"  - {problem}")
            raise SystemExit(1)
        self.stdout.write(
            f"검증 완료: {label} — 명부 {len(record.get('eligible', []))}명, 교섭 순서 {len(record.get('order', []))}명, "
            f"교섭 {len(record.get('contacts', []))}건, 순서 산정 방식 {record.get('algorithm')}"
        )
