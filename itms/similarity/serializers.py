from rest_framework import serializers

from itms.core.serializers import ItmsModelSerializer

from .models import SynonymGroup, Verdict
from .sources import KINDS


class SynonymGroupSerializer(ItmsModelSerializer):
    class Meta:
        model = SynonymGroup
        fields = ("id", "display", "url", "term", "variants", "note", "is_active")


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(label="하려는 일", allow_blank=True, trim_whitespace=True, max_length=200_000)
    kind = serializers.ChoiceField(label="종류", choices=list(KINDS), required=False, allow_blank=True)
    org = serializers.IntegerField(label="기관 번호", required=False, min_value=1)
    year = serializers.IntegerField(label="연도", required=False, min_value=1900, max_value=2200)
    status = serializers.CharField(label="상태", required=False, allow_blank=True, max_length=100)
    top = serializers.IntegerField(label="결과 수", required=False, min_value=1, max_value=50, default=10)


class SearchHit(serializers.Serializer):
    kind = serializers.CharField(label="종류")
    kind_label = serializers.CharField(label="종류 이름")
    type = serializers.CharField(label="자료 종류 (<앱>.<모델>)", source="label")
    id = serializers.IntegerField(label="자료 번호", source="object_id")
    title = serializers.CharField(label="제목")
    url = serializers.CharField(label="화면 주소")
    score = serializers.FloatField(label="유사도 (0~1)")
    terms = serializers.ListField(child=serializers.CharField(), label="겹치는 낱말")
    org = serializers.CharField(label="기관", source="org_name")
    year = serializers.IntegerField(label="연도", allow_null=True)
    status = serializers.CharField(label="상태")


class SearchAnswer(serializers.Serializer):
    query = serializers.CharField(label="찾은 글 (정리 후)")
    terms = serializers.ListField(child=serializers.CharField(), label="분석된 낱말")
    message = serializers.CharField(label="안내")
    results = SearchHit(many=True, label="결과")


class JudgementRequest(serializers.Serializer):
    review_type = serializers.CharField(label="검토 자료 종류 (<앱>.<모델>)")
    review_id = serializers.IntegerField(label="검토 자료 번호")
    target_type = serializers.CharField(label="제시된 자료 종류 (<앱>.<모델>)")
    target_id = serializers.IntegerField(label="제시된 자료 번호")
    verdict = serializers.ChoiceField(label="판단", choices=Verdict.choices)
    score = serializers.FloatField(label="유사도", required=False, allow_null=True, min_value=0, max_value=1)
    note = serializers.CharField(label="의견", required=False, allow_blank=True, max_length=500)
