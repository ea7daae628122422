"""Refusals of the similarity service (bad queries, judging a suggestion)."""

from itms.core.errors import Code, ErrorCodes


class SimilarityErrors(ErrorCodes):
    namespace = "similarity"
    QUERY_EMPTY = Code("", "찾을 내용을 입력하십시오. 새로 하려는 일을 한두 문장으로 적으면 됩니다.")
    QUERY_NO_WORDS = Code(
        "", "비교할 낱말을 찾지 못했습니다. 숫자나 기호만으로는 찾을 수 없으니 한글이나 영문 낱말을 넣으십시오."
    )
    BAD_KIND = Code("", "알 수 없는 종류입니다: {kind}")
    NOT_A_REVIEW = Code("", "이 자료에는 중복 검토 제안이 없습니다.", status=404)
    NOT_INDEXED = Code("", "제시된 자료를 찾을 수 없습니다. 색인을 다시 만든 뒤 시도하십시오.", status=404)
    VERDICT = Code("", "판단은 중복, 일부 중복, 무관 중 하나를 고르십시오.")
    JUDGE_WHO = Code(
        "a8.2", "중복 여부 판단은 그 검토를 맡은 사람(정보기획담당관 등)만 기록할 수 있습니다.", status=403
    )
