"""manage.py generate_agency --scale S [--seed N] [--years 10]: a large agency's ten years of data (issue 6)."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from itms.generator.agency import FULL_SCALE, AlreadyGenerated, generate


class Command(BaseCommand):
    help = (
        "데모 기관 위에 대규모 기관의 10년치 자료를 만듭니다 (규모 1.0 = 기관 40, 부서 400, 사용자 5,000, 사업 3,000, "
        "정보시스템 600·기능 6,000, 회의 2,000·안건 20,000, 법정 기한 100,000, 감사 체인 1,000,000건과 변경 이력 "
        "1,000,000건). 같은 시드와 기준일이면 같은 자료가 나옵니다. 새 데이터베이스에서 한 번만 실행하십시오."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, required=True, help="규모 (1.0 = DESIGN.md의 대규모 기관)")
        parser.add_argument("--seed", type=int, default=2427, help="난수 시드 (기본 2427)")
        parser.add_argument("--years", type=int, default=10, help="생성할 기간(년), 기본 10")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="기준일 YYYY-MM-DD (기본 오늘)")
        parser.add_argument("--json", metavar="PATH", help="건수와 단계별 시간을 JSON으로 저장")

    def handle(self, *args, scale, seed, years, today, json: str | None = None, **options):
        if scale <= 0:
            raise CommandError("규모는 0보다 커야 합니다.")
        if years < 1:
            raise CommandError("기간은 1년 이상이어야 합니다.")
        try:
            report = generate(scale=scale, seed=seed, years=years, today=today, log=self.stdout.write)
        except AlreadyGenerated as error:
            raise CommandError(str(error)) from error
        cache.clear()  # the rows were written without signals: nothing cached before them may be read again
        self.stdout.write(self.style.SUCCESS(f"완료: {report.seconds:.1f}초 ({report.database})"))
        width = max(len(key) for key in report.counts)
        for key, value in report.counts.items():
            target = FULL_SCALE.get(key)
            note = f"  (규모 1.0 목표 {target:,})" if target else ""
            self.stdout.write(f"  {key.ljust(width)}  {value:>10,}{note}")
        if json:
            _write_json(json, report.as_dict())


def _write_json(path: str, data: dict) -> None:
    import json as jsonlib
    from pathlib import Path

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(jsonlib.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
