"""The suggestions in the reviews that ask about duplication, and the reviewer's judgement kept on the record:
the pre-review (a8.2), the EA review (a8.6.2) and the detailed-plan review (a9.2)."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from itms.core.errors import Forbidden, Refused
from itms.planning import actions as planning
from itms.planning.models import DetailedPlan, EAReview, PlanningCycle, PreReview, ProjectPlan
from itms.projects.models import Project
from itms.resources.models import InformationSystem, SystemFunction
from itms.similarity.actions import judge_suggestion
from itms.similarity.models import SimilarityJudgement, Verdict
from itms.similarity.panels import review_panel


def _pre_review():
    return PreReview.objects.get(project__code="2027-CLP-001")  # the demo's AI x-ray pre-review


def _page(client, obj):
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.clause("a8.2")
def test_a8_2_pre_review_page_shows_the_most_similar_systems_functions_and_plans(client_of):
    page = _page(client_of("itplan"), _pre_review())
    assert 'data-testid="similar-panel"' in page
    assert page.count('data-testid="suggestion"') >= 3  # the demo: 2 systems, 2 functions
    assert "엑스레이 영상 판독 기록" in page  # the existing functions of the register
    assert "인천공항 여행자 휴대품 검사 관리시스템" in page
    assert "<mark>엑스레이</mark>" in page  # the shared terms, marked in both texts
    assert "%</span>" in page  # a score
    panel = page[page.index('data-testid="similar-panel"') :]
    assert "AI 기반 엑스레이 영상 판독 시범사업</a>" not in panel  # never its own project
    for verdict in ("중복", "일부 중복", "무관"):
        assert f">{verdict}</button>" in page


@pytest.mark.clause("a8.2")
def test_a8_2_links_only_to_what_the_reader_may_open_and_only_reviewers_may_judge(client_of):
    page = _page(client_of("sponsor"), _pre_review())
    assert 'data-testid="suggestion"' in page
    assert ">중복</button>" not in page  # the sponsor reads the suggestions but does not judge them


@pytest.mark.clause("a8.6.2")
def test_a8_6_2_ea_review_page_shows_suggestions(client_of):
    plan = ProjectPlan.objects.get(project__code="2027-CLP-002")
    review = EAReview.objects.create(plan=plan)
    page = _page(client_of("itplan"), review)
    assert 'data-testid="similar-panel"' in page
    assert "제8조 제6항 제2호" in page or "제8조제6항제2호" in page


@pytest.mark.clause("a9.2")
def test_a9_2_detailed_plan_page_shows_suggestions_from_its_scope(client_of, user_of):
    project = Project.objects.get(code="2027-DAT-001")
    cycle = PlanningCycle.objects.get(year=2027)
    detailed = planning.start_detailed_plan(
        actor=user_of("itplan"),
        cycle=cycle,
        project=project,
        budget=2_400_000_000,
        start_date=dt.date(2027, 3, 1),
        end_date=dt.date(2027, 12, 31),
        scope="수입신고·수출신고·적하목록 자료를 수집·적재하고 위험 분석 모형을 실행하는 분석 플랫폼 고도화",
    )
    page = _page(client_of("itplan"), detailed)
    assert 'data-testid="similar-panel"' in page
    assert "관세 빅데이터 분석 플랫폼" in page  # the existing system it builds on


def test_other_records_have_no_panel(client_of):
    page = _page(client_of("itplan"), InformationSystem.objects.get(code="UP-IMP"))
    assert 'data-testid="similar-panel"' not in page


@pytest.mark.clause("a8.2")
def test_a8_2_the_reviewer_marks_a_suggestion_and_the_judgement_is_kept_with_the_actor(client_of, user_of):
    review = _pre_review()
    function = SystemFunction.objects.get(system__code="ICN-TRV", name="엑스레이 영상 판독 기록")
    client = client_of("itplan")
    url = f"/similarity/judge/planning/prereview/{review.pk}/"
    target = f"resources.systemfunction:{function.pk}"
    response = client.post(url, {"target": target, "verdict": "partial", "score": "0.42", "note": "판독 기록만 겹침"})
    assert response.status_code == 302
    judgement = SimilarityJudgement.objects.get(review_id=review.pk, target_id=function.pk)
    assert judgement.review == review and judgement.target == function
    assert judgement.verdict == Verdict.PARTIAL and judgement.judged_by == user_of("itplan")
    entry = LogEntry.objects.get_for_object(judgement).latest("timestamp")
    assert entry.actor == user_of("itplan")
    # Marking again replaces the verdict, and the change log keeps both.
    client.post(url, {"target": target, "verdict": "duplicate"})
    judgement.refresh_from_db()
    assert judgement.verdict == Verdict.DUPLICATE
    assert LogEntry.objects.get_for_object(judgement).count() == 2
    page = _page(client, review)
    assert 'data-testid="judgement"' in page and "판단: <strong>중복</strong>" in page


@pytest.mark.clause("a8.2")
def test_a8_2_someone_else_may_not_judge_and_nothing_changes(client_of, user_of, unchanged):
    review = _pre_review()
    function = SystemFunction.objects.get(system__code="ICN-TRV", name="엑스레이 영상 판독 기록")
    sponsor = client_of("sponsor")
    with unchanged():
        response = sponsor.post(
            f"/similarity/judge/planning/prereview/{review.pk}/",
            {"target": f"resources.systemfunction:{function.pk}", "verdict": "duplicate"},
        )
        assert response.status_code == 403
        with pytest.raises(Forbidden) as refused:
            judge_suggestion(actor=user_of("sponsor"), review=review, target=function, verdict="duplicate")
        assert refused.value.error_code.code == "similarity.judge_who"
        assert refused.value.clause == "a8.2"


def test_a_bad_verdict_or_a_non_review_is_refused_with_a_code(client_of, user_of, unchanged):
    review = _pre_review()
    function = SystemFunction.objects.first()
    itplan = client_of("itplan")
    with unchanged():
        with pytest.raises(Refused) as bad:
            judge_suggestion(actor=user_of("itplan"), review=review, target=function, verdict="maybe")
        assert bad.value.error_code.code == "similarity.verdict"
        with pytest.raises(Refused) as not_review:
            judge_suggestion(actor=user_of("itplan"), review=function, target=review.project, verdict="duplicate")
        assert not_review.value.error_code.code == "similarity.not_a_review"
        response = itplan.post(
            f"/similarity/judge/planning/prereview/{review.pk}/",
            {"target": f"resources.systemfunction:{function.pk}", "verdict": "maybe"},
        )
        assert response.status_code == 303


@pytest.mark.clause("a8.6.2")
def test_a8_6_2_judging_through_the_api(client_of):
    plan = ProjectPlan.objects.get(project__code="2027-CLP-002")
    review = EAReview.objects.create(plan=plan)
    system = InformationSystem.objects.get(code="UP-IMP")
    body = {
        "review_type": "planning.eareview",
        "review_id": review.pk,
        "target_type": "resources.informationsystem",
        "target_id": system.pk,
        "verdict": "unrelated",
    }
    response = client_of("itplan").post("/api/similarity/judgements/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert (
        SimilarityJudgement.objects.get(
            review_type=ContentType.objects.get_for_model(EAReview), review_id=review.pk
        ).verdict
        == "unrelated"
    )
    refused = client_of("sponsor").post("/api/similarity/judgements/", body, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "similarity.judge_who"


def test_the_panel_never_breaks_the_review_page(monkeypatch, user_of):
    from itms.similarity import panels

    def broken(*args, **kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(panels, "find", broken)
    panel = review_panel(_pre_review(), user_of("itplan"))
    assert panel.error and not panel.suggestions


def test_the_pre_review_of_a_detailed_plans_project_is_not_its_own_duplicate(user_of):
    review = _pre_review()
    panel = review_panel(review, user_of("itplan"))
    own = {("planning.prereview", review.pk), ("projects.project", review.project_id)}
    assert not own & {(s.hit.label, s.hit.object_id) for s in panel.suggestions}
    assert DetailedPlan.objects.filter(project=review.project).count() == 0
