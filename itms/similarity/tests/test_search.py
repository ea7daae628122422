"""무엇이 이미 있나: the search page, the API and the command (issue 18), scoped by each record's view rights."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from itms.projects.models import Project
from itms.resources.models import InformationSystem
from itms.similarity.search import find
from itms.testing.suites import count_queries

URL = "/similarity/"
API = "/api/similarity/search/"


def test_search_finds_existing_systems_functions_and_projects(client_of):
    response = client_of("sponsor").get(URL, {"q": "여행자 휴대품 엑스레이 영상을 인공지능으로 판독"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="search-hit"' in page
    assert "AI 기반 엑스레이 영상 판독 시범사업" in page  # the project, linked
    assert "엑스레이 영상 판독 기록" in page  # the functions
    assert "<mark>" in page


def test_synonyms_find_the_same_records(demo):
    by_abbreviation = [h.title for h in find("UNI-PASS 수입신고 심사", restrict=False).hits]
    by_name = [h.title for h in find("전자통관시스템 수입신고 심사", restrict=False).hits]
    assert by_abbreviation[:3] == by_name[:3]


@pytest.mark.parametrize(
    ("kind", "expected"), [("system", {"system"}), ("function", {"function"}), ("project", {"project"})]
)
def test_filters_by_kind(demo, kind, expected):
    hits = find("수입신고 심사 통관 빅데이터 분석 플랫폼 고도화", restrict=False, kind=kind).hits
    assert hits and {h.kind for h in hits} == expected


def test_filters_by_org_year_and_status(client_of):
    airport = InformationSystem.objects.get(code="ICN-TRV").organization
    hits = find("여행자 휴대품 검사", restrict=False, org=airport.pk).hits
    assert hits and {h.org_name for h in hits} == {str(airport)}
    hits = find("정보화 사업", restrict=False, kind="project", year=2027).hits
    assert hits and {h.year for h in hits} == {2027}
    response = client_of("sponsor").get(URL, {"q": "통관 시스템", "kind": "system", "status": "운영"})
    assert response.status_code == 200
    assert "구축 예정" not in response.content.decode()


def test_a17_3_a_searcher_never_sees_a_title_outside_their_view_scope(client_of, vendor_may_search):
    """A vendor (given the search for this test) sees only the projects assigned to them, nothing else."""
    from itms.accounts.models import User

    vendor = User.objects.get(username="vendor")
    visible = set(Project.objects.restrict(vendor, "view").values_list("name", flat=True))
    hidden = set(Project.objects.values_list("name", flat=True)) - visible
    result = find("국가관세종합정보망 운영 유지관리 빅데이터 전자상거래 통관 엑스레이", user=vendor, top=50)
    assert {h.title for h in result.hits} <= visible
    page = client_of("vendor").get(URL, {"q": "국가관세종합정보망 운영 유지관리 빅데이터 전자상거래 통관"})
    text = page.content.decode()
    assert page.status_code == 200
    assert not any(name in text for name in hidden)
    assert "수입신고 심사" not in text  # systems and functions: vendors do not view the register


def test_people_without_the_search_right_are_refused(client_of):
    assert client_of("vendor").get(URL, {"q": "통관"}).status_code == 403
    assert client_of("vendor").get(API, {"q": "통관"}).status_code == 403
    assert client_of(None).get(URL).status_code == 302
    assert client_of(None).get(API, {"q": "통관"}).status_code in (401, 403)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "찾을 내용을 입력하십시오"),
        ("   ", "찾을 내용을 입력하십시오"),
        ("1234 5678 ###", "비교할 낱말을 찾지 못했습니다"),
        ("<b></b><script></script>", "찾을 내용을 입력하십시오"),
        ("통관", "낱말 하나로 찾은 결과입니다"),
        ("수입신고 " * 20_000, "앞부분"),
        ("customs clearance portal only english", ""),
    ],
)
def test_bad_input_gets_a_korean_answer_never_a_500(client_of, query, expected):
    client = client_of("sponsor")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()
    api = client.get(API, {"q": query})
    assert api.status_code in (200, 400)
    body = api.json()
    if api.status_code == 400:
        assert body["code"].startswith("similarity.") and expected in body["message"]
    else:
        assert expected in body["message"]


def test_search_page_query_count_is_bounded(client_of):
    """The records are read per source (restrict(user, "view")), never per result beyond the links."""
    client = client_of("sponsor")
    client.get(URL, {"q": "수입신고 심사"})  # the matrix is built once per process
    few = count_queries(lambda: client.get(URL, {"q": "수입신고 심사", "top": 10}))
    many = count_queries(lambda: client.get(URL, {"q": "수입신고 심사 통관 화물 여행자 환급 징수", "top": 50}))
    assert few <= 30
    assert many <= 80  # one link check per shown result at most (itms.core.display.link)


def test_api_answers_ranked_results_with_scores_and_shared_terms(client_of):
    response = client_of("sponsor").get(API, {"q": "UNI-PASS 수입신고 심사", "top": 5})
    assert response.status_code == 200
    body = response.json()
    assert 0 < len(body["results"]) <= 5
    first = body["results"][0]
    assert {"kind", "type", "id", "title", "url", "score", "terms", "org", "year", "status"} <= set(first)
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert "유니패스" in body["terms"]


def test_the_api_is_in_the_openapi_schema(admin_client):
    response = admin_client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    assert "/api/similarity/search/" in paths
    assert "/api/similarity/judgements/" in paths


def test_similar_command_prints_ranked_results_and_json(demo, capsys):
    call_command("similar", "여행자 휴대품 엑스레이 판독", "--top", "3")
    out = capsys.readouterr().out
    assert " 1. [" in out and "유사도" in out
    call_command("similar", "수입신고 심사", "--kind", "function", "--json")
    body = json.loads(capsys.readouterr().out)
    assert body["results"] and {r["kind"] for r in body["results"]} == {"function"}
    with pytest.raises(CommandError, match="찾을 내용을 입력하십시오"):
        call_command("similar", "   ")
