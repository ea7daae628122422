"""manage.py similarity_eval [--json] [--cases N] [--compare]: the duplicate search measured on the labelled set."""

import json as jsonlib

from django.core.management.base import BaseCommand

from itms.similarity import evaluation


class Command(BaseCommand):
    help = "라벨을 붙인 평가 자료로 중복 검토 검색의 재현율@10, 정밀도@5, MRR, 오탐률을 잽니다."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")
        parser.add_argument("--cases", type=int, help="앞의 N개 사례만 (CI의 작은 조각)")
        parser.add_argument("--compare", action="store_true", help="여러 방법을 나란히 비교 (ADR 0013)")
        parser.add_argument("--details", action="store_true", help="놓친 중복과 오탐 목록도")

    def handle(self, *args, json=False, cases=None, compare=False, details=False, **options):
        all_cases, corpus = evaluation.load()
        chosen = all_cases[:cases] if cases else all_cases
        variants = evaluation.VARIANTS if compare else {"채택한 방법": evaluation.Settings()}
        results = {name: evaluation.evaluate(chosen, corpus, settings) for name, settings in variants.items()}
        if json:
            payload = {name: figures.as_dict() for name, figures in results.items()}
            if not compare:
                payload = next(iter(payload.values()))
            self.stdout.write(jsonlib.dumps(payload, ensure_ascii=False, indent=2))
            return
        for name, f in results.items():
            self.stdout.write(f"[{name}] 사례 {f.cases}개, 쌍 {f.pairs}개")
            self.stdout.write(
                f"  재현율@10 {f.recall_at_10:.3f} (목표 ≥ 0.9) · 정밀도@5 {f.precision_at_5:.3f} (≥ 0.6) · "
                f"MRR {f.mrr:.3f} (≥ 0.8) · 무관 쌍 오탐률 {f.false_positive_rate:.3f}"
            )
            self.stdout.write(
                f"  어려운 예: 바꿔 쓴 중복 재현율 {f.hard_paraphrase_recall:.3f}, 낱말을 공유하는 무관 쌍 오탐률 "
                f"{f.hard_unrelated_false_positive_rate:.3f}; 일부 중복 제시율 {f.overlapping_shown:.3f}"
            )
            self.stdout.write(
                f"  순위만 (자르기 전): 재현율@10 {f.recall_at_10_uncut:.3f}, MRR {f.mrr_uncut:.3f}; "
                f"분석·색인 {f.build_seconds:.2f}초, 질의 평균 {f.query_ms:.1f}ms"
            )
            if details:
                for miss in f.misses:
                    self.stdout.write(f"  놓침: {miss}")
                for fp in f.false_positives:
                    self.stdout.write(f"  오탐: {fp}")
