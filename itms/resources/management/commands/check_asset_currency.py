"""manage.py check_asset_currency: who owes bringing the asset lists up to date (a29.3). Daily, before the sweep."""

from django.core.management.base import BaseCommand

from itms.core.formats import format_date
from itms.resources.actions.assets import check_currency


class Command(BaseCommand):
    help = (
        "확인 주기(규정 값 '정보자산 현행화 확인 주기')를 넘긴 정보자산이 있는 정보자산 담당자에게 '정보자산 현행화' "
        "할 일을 열고, 모두 확인된 범위의 할 일은 이행으로 닫습니다 (제29조제3항). 여러 번 실행해도 같습니다."
    )

    def handle(self, *args, **options):
        result = check_currency()
        self.stdout.write(
            f"{format_date(result.today)} 정보자산 현행화 점검: 새 할 일 {len(result.opened)}건, 이행 {len(result.met)}건, "
            f"담당자 없는 범위의 미확인 자산 {result.uncovered:,}건"
        )
