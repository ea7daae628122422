"""Every list page checks its pagination and sorting parameters: a Korean 400, never a 500 (security finding 13)."""

import html

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["per_page=-1", "per_page=abc", "per_page=100000", "per_page=9", "page=0", "page=-1", "page=abc", "sort=password"],
)
def test_a_bad_list_parameter_is_a_korean_400_and_shows_which_one(client_of, query):
    response = client_of("itplan").get(f"/projects/projects/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert f"'{name}' 값이 올바르지 않습니다" in html.unescape(response.content.decode())


@pytest.mark.parametrize("query", ["per_page=10", "per_page=500", "page=1", "sort=-name", "sort=start_year"])
def test_good_list_parameters_still_work(client_of, query):
    assert client_of("itplan").get(f"/projects/projects/?{query}").status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client_of):
    assert client_of("itplan").get("/projects/projects/?page=99999").status_code == 200


@pytest.mark.parametrize("query", ["page=abc", "page=0", "page_size=-1", "page_size=abc", "ordering=password"])
def test_the_api_answers_bad_list_parameters_without_a_500(client_of, query):
    response = client_of("itplan").get(f"/api/projects/projects/?{query}")
    assert response.status_code in (200, 400, 404)
    if response.status_code != 200:
        assert {"code", "message"} <= set(response.json())
