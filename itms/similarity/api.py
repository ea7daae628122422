"""The duplicate search through the API: ``GET /api/similarity/search/`` and ``POST /api/similarity/judgements/``.

Routed by ``config/urls.py`` ahead of the generic API (``/api/``), documented in the OpenAPI schema.
Refusals answer ``{code, message, clause, detail}`` like the rest of the API (itms.api.exceptions).
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from itms.core import gate, registry
from itms.core.errors import CoreErrors, Forbidden, Refused

from . import actions, sources
from .error_codes import SimilarityErrors
from .search import find
from .serializers import JudgementRequest, SearchAnswer, SearchQuery


def _require_search(user) -> None:
    if not user.has_perm("similarity.view_indexentry"):
        raise Forbidden(CoreErrors.NOT_PERMITTED)


class SearchView(APIView):
    """무엇이 이미 있나: 적은 내용과 비슷한 기존 시스템·기능·사업·계획 (볼 수 있는 자료만, 유사도 순)."""

    allow_any_authenticated = True  # the view checks similarity.view_indexentry itself

    @extend_schema(
        parameters=[SearchQuery],
        responses={200: SearchAnswer, 400: OpenApiResponse(description="찾을 내용이 없거나 비교할 낱말이 없음")},
        summary="비슷한 기존 자료 찾기 (중복 검토)",
    )
    def get(self, request):
        _require_search(request.user)
        query = SearchQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        result = find(
            data["q"],
            user=request.user,
            kind=data.get("kind") or None,
            org=data.get("org"),
            year=data.get("year"),
            status=data.get("status") or None,
            top=data.get("top") or 10,
        )
        if not result.ok:
            code = SimilarityErrors.QUERY_EMPTY if result.code.endswith("empty") else SimilarityErrors.QUERY_NO_WORDS
            raise Refused(code)
        results = [
            {
                "kind": hit.kind,
                "kind_label": hit.kind_label,
                "label": hit.label,
                "object_id": hit.object_id,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.obj.get_absolute_url()) if hit.obj is not None else "",
                "score": hit.score,
                "terms": hit.terms,
                "org_name": hit.org_name,
                "year": hit.year,
                "status": hit.status,
            }
            for hit in result.hits
        ]
        body = {"query": result.query[:500], "terms": list(result.terms), "message": result.message, "results": results}
        return Response(SearchAnswer(body).data)


class JudgementView(APIView):
    """중복 후보 판단 기록: 검토 자료에 제시된 후보를 중복 / 일부 중복 / 무관으로 표시합니다."""

    allow_any_authenticated = True  # the action checks the judging right (access.py) itself
    serializer_class = JudgementRequest

    @extend_schema(request=JudgementRequest, responses={201: JudgementRequest}, summary="중복 후보 판단 기록")
    def post(self, request):
        body = JudgementRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        review_type = registry.get(data["review_type"])
        if review_type is None or sources.review_of(review_type.model) is None:
            raise Refused(SimilarityErrors.NOT_A_REVIEW)
        review = gate.fetch(request.user, review_type, "view", data["review_id"])
        source = sources.SOURCES.get(data["target_type"])
        target = source and source.queryset().restrict(request.user, "view").filter(pk=data["target_id"]).first()
        if target is None:
            raise Http404
        judgement = actions.judge_suggestion(
            actor=request.user,
            review=review,
            target=target,
            verdict=data["verdict"],
            score=data.get("score"),
            note=data.get("note", ""),
        )
        answer = {**data, "verdict": judgement.verdict}
        return Response(JudgementRequest(answer).data, status=status.HTTP_201_CREATED)
