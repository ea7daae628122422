"""The REST API: token auth, the same scoping as the pages, errors in Korean, offline docs."""

import pytest
from django.test import Client

from itms.accounts.demo import DEMO_PASSWORD
from itms.projects.choices import ProjectKind
from itms.projects.models import Project

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_valid_credentials_and_authenticates():
    client = Client()
    response = client.post("/api/auth/token/", {"username": "itplan", "password": DEMO_PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    listing = Client().get("/api/projects/projects/", HTTP_AUTHORIZATION=f"Token {token}")
    assert listing.status_code == 200 and listing.json()["count"] == Project.objects.count()  # a8.2: every one


def test_anonymous_api_call_is_refused_in_korean():
    response = Client().get("/api/projects/projects/")
    assert response.status_code == 401
    assert "자격 인증" in response.json()["detail"] or "인증" in response.json()["detail"]


def test_api_filters_and_orders(client_of):
    response = client_of("itplan").get("/api/projects/projects/?kind=construction&ordering=-total_budget")
    codes = [row["code"] for row in response.json()["results"]]
    construction = Project.objects.filter(kind=ProjectKind.CONSTRUCTION)
    assert sorted(codes) == sorted(construction.values_list("code", flat=True)) and "2027-DAT-001" not in codes
    budgets = dict(construction.values_list("code", "total_budget"))
    assert [budgets[code] for code in codes] == sorted(budgets.values(), reverse=True)
    assert codes[0] == "2027-CLP-005"  # 21억원, the largest construction project of the demo


def test_validation_errors_are_korean_and_per_field(client_of):
    response = client_of("itplan").post(
        "/api/projects/projects/",
        {
            "name": "",
            "code": "X",
            "organization": 1,
            "sponsor_unit": 1,
            "kind": "nope",
            "start_year": "올해",
            "end_year": 2027,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert {"name", "kind", "start_year"} <= set(body)
    assert body["name"] == ["이 항목을 입력하십시오."]
    assert body["kind"] == ['선택할 수 있는 값이 아닙니다: "nope"']


def test_protected_delete_answers_409_in_korean(client_of):
    from itms.accounts.models import OrgUnit

    unit = OrgUnit.objects.get(code="KCS-CLP")  # has positions and projects
    response = client_of("sysadmin").delete(f"/api/accounts/org-units/{unit.pk}/")
    assert response.status_code == 409
    assert "삭제할 수 없습니다" in response.json()["detail"]


def test_swagger_ui_and_schema_are_served_offline(client_of):
    client = client_of("sponsor")
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "http://" not in docs.replace("http://127.0.0.1", "")
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
    schema = client.get("/api/schema/?format=json").json()
    assert schema["info"]["title"] == "정보화관리시스템 API"
    assert "/api/projects/projects/" in schema["paths"]


def test_api_writes_with_a_token_name_the_actor_in_the_change_log(user_of):
    from auditlog.models import LogEntry
    from rest_framework.authtoken.models import Token

    from itms.projects.models import Project

    token = Token.objects.create(user=user_of("itplan"))
    project = Project.objects.get(code="2027-DAT-002")
    response = Client().patch(
        f"/api/projects/projects/{project.pk}/",
        {"total_budget": 400_000_000},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert response.status_code == 200, response.content
    entry = LogEntry.objects.get_for_object(project).filter(action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == user_of("itplan")


def test_no_token_for_a_password_alone_when_a_second_factor_is_set(user_of):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=user_of("itplan"), name="OTP", confirmed=True)
    response = Client().post("/api/auth/token/", {"username": "itplan", "password": DEMO_PASSWORD})
    assert response.status_code == 403
    assert "2단계 인증" in response.json()["detail"]


def test_administrators_get_no_password_token_when_2fa_is_required(settings):
    settings.ITMS_REQUIRE_ADMIN_2FA = True
    response = Client().post("/api/auth/token/", {"username": "sysadmin", "password": DEMO_PASSWORD})
    assert response.status_code == 403
