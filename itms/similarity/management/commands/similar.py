"""manage.py similar "텍스트" [--kind plan|system|function|request|project] [--top 10] [--json] [--as USER]"""

import json

from django.core.management.base import BaseCommand, CommandError

from itms.core.korean import josa
from itms.similarity.search import find
from itms.similarity.sources import KINDS


class Command(BaseCommand):
    help = "적은 내용과 비슷한 기존 시스템·기능·사업·계획을 유사도 순으로 보여 줍니다 (중복 검토)."

    def add_arguments(self, parser):
        parser.add_argument("text", help="새로 하려는 일 (한두 문장)")
        parser.add_argument(
            "--kind", choices=list(KINDS), help="종류만: " + ", ".join(f"{k}={v}" for k, v in KINDS.items())
        )
        parser.add_argument("--top", type=int, default=10, help="결과 수 (1~50, 기본 10)")
        parser.add_argument("--json", action="store_true", help="JSON으로 출력")
        parser.add_argument("--as", dest="username", help="이 사용자가 볼 수 있는 자료만 (없으면 운영자로서 모든 자료)")

    def handle(self, *args, text, kind, top, json: bool = False, username=None, **options):
        user = None
        if username:
            from itms.accounts.models import User

            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError("사용자 " + josa(f"'{username}'", "이/가") + " 없습니다.")
        result = find(text, user=user, restrict=user is not None, kind=kind, top=top)
        if not result.ok:
            raise CommandError(result.message)
        hits = [
            {
                "kind": h.kind,
                "type": h.label,
                "id": h.object_id,
                "title": h.title,
                "score": h.score,
                "terms": h.terms,
                "org": h.org_name,
                "year": h.year,
                "status": h.status,
            }
            for h in result.hits
        ]
        if json:
            payload = {
                "query": result.query[:500],
                "terms": list(result.terms),
                "message": result.message,
                "results": hits,
            }
            self.stdout.write(_dumps(payload))
            return
        if result.message:
            self.stdout.write(result.message)
        if not hits:
            self.stdout.write("비슷한 자료를 찾지 못했습니다.")
        for rank, h in enumerate(hits, start=1):
            meta = " · ".join(str(p) for p in (h["org"], h["year"] and f"{h['year']}년", h["status"]) if p)
            self.stdout.write(f"{rank:>2}. [{KINDS[h['kind']]}] {h['title']} — 유사도 {h['score']:.2f} ({meta})")
            self.stdout.write(f"    겹치는 낱말: {', '.join(h['terms']) or '—'}")


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2)
