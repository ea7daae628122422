"""Proposal evaluation (a15.1–a15.9) and suitability evaluation (a16) on the demo's evaluations.

The ranked result of the worked example is computed by hand in the docstring of
``test_a15_9_locked_result_matches_the_worked_example``; refusals change nothing and are logged.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from itms.acquisition import actions
from itms.acquisition.actions.common import run
from itms.acquisition.actions.evaluation import result_intact, scaled_items
from itms.acquisition.choices import ItemKind
from itms.acquisition.models import Allowance, Evaluation, QualitativeScore
from itms.audit.models import LegalEvent
from itms.regulation.models import Obligation

REFUSED = (ValidationError, PermissionDenied)
pytestmark = pytest.mark.django_db

# Deductions on "기술 및 기능" (20 points) per proposal and evaluator A–E; every other 정성 item at full points, so
# each evaluator's 정성 total is 70 − deduction.
DEDUCTIONS = {0: [7, 10, 5, 14, 0], 1: [4, 4, 8, 2, 6], 2: [12, 9, 10, 11, 13]}
QUANTITATIVE = {0: ["10", "5", "5"], 1: ["9", "5", "4"], 2: ["8", "4", "4"]}


def score_worked_example(evaluation, itdept):
    proposals = list(evaluation.proposals.order_by("pk"))
    items = list(evaluation.items.order_by("order"))
    quantitative = [i for i in items if i.kind == ItemKind.QUANTITATIVE]
    for p, proposal in enumerate(proposals):
        for item, value in zip(quantitative, QUANTITATIVE[p], strict=True):
            actions.set_quantitative(actor=itdept, proposal=proposal, item=item, score=value, evidence="실적증명서")
    for s, sheet in enumerate(evaluation.sheets.order_by("label")):
        for p, proposal in enumerate(proposals):
            for item in items:
                if item.kind != ItemKind.QUALITATIVE:
                    continue
                value = item.points - (DEDUCTIONS[p][s] if item.name == "기술 및 기능" else 0)
                actions.save_score(
                    actor=sheet.evaluator, evaluation=evaluation, proposal=proposal, item=item, score=value
                )
        actions.submit_sheet(actor=sheet.evaluator, evaluation=evaluation)
    return proposals


def test_a15_9_locked_result_matches_the_worked_example(in_session, users):
    """Bids 9.2억, 8.7억, 7.8억; 추정가격 10억; 기술 90 : 가격 10.

    정성 totals (A–E) and the mean without the highest and the lowest:
      1: 63 60 65 56 70 → (63+60+65)/3 = 62.6667      2: 66 66 62 68 64 → (64+66+66)/3 = 65.3333
      3: 58 61 60 59 57 → (58+59+60)/3 = 59
    기술 = 정량 + 정성: 1: 20 + 62.6667 = 82.6667; 2: 18 + 65.3333 = 83.3333; 3: 16 + 59 = 75.
    가격 (lowest 7.8억 < 8억): 1: 10 × 7.8/9.2 = 8.4783; 2: 10 × 7.8/8.7 = 8.9655; 3: 10 × 7.8/8 + 2 × 0.2/2 = 9.95.
    종합: 1: 91.1450; 2: 92.2988; 3: 84.95 → ranks 2, 1, 3; 협상적격 (≥ 76.5): yes, yes, no.
    """
    proposals = score_worked_example(in_session, users["itdept"])
    run(in_session, "lock", actor=users["itdept"])
    in_session.refresh_from_db()
    lines = {r.proposal_id: r for r in in_session.results.all()}
    expected = [
        ("20", "62.6667", "82.6667", "8.4783", "91.1450", 2, True),
        ("18", "65.3333", "83.3333", "8.9655", "92.2988", 1, True),
        ("16", "59.0000", "75.0000", "9.9500", "84.9500", 3, False),
    ]
    for proposal, (quant, qual, tech, price, total, rank, eligible) in zip(proposals, expected, strict=True):
        line = lines[proposal.pk]
        assert (line.quantitative, line.qualitative, line.technical, line.price, line.total) == tuple(
            Decimal(v) for v in (quant, qual, tech, price, total)
        )
        assert (line.rank, line.eligible) == (rank, eligible)
    assert in_session.state == "locked" and len(in_session.result_hash) == 64
    assert result_intact(in_session)
    assert LegalEvent.objects.filter(kind="evaluation_locked", subject_id=str(in_session.pk)).exists()
    # a15.8: the result goes to 조달청 at once — an obligation due today.
    notice = Obligation.objects.get(kind="evaluation_result_notice", subject_id=in_session.pk)
    assert notice.status == "open"
    # The ranked result is what a contract follows (chapter 5 reads it through the project).
    evaluation, ranked = actions.ranked_result(in_session.project)
    assert evaluation == in_session and ranked[0].proposal == proposals[1]


def test_a15_8_editing_a_score_after_the_lock_is_refused_and_changes_nothing(locked, users, unchanged, refusals):
    sheet = locked.sheets.order_by("label").first()
    item = locked.items.filter(kind=ItemKind.QUALITATIVE).first()
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.save_score(
            actor=sheet.evaluator, evaluation=locked, proposal=locked.proposals.first(), item=item, score="1"
        )
    assert "확정(잠금)한 뒤에는" in str(error.value)
    with unchanged(), pytest.raises(REFUSED):
        actions.set_quantitative(
            actor=users["itdept"], proposal=locked.proposals.first(), item=locked.items.first(), score="1", evidence="x"
        )
    assert len(refusals()) == 2 and "acquisition.result_locked" in refusals()[0].getMessage()


def test_a15_8_the_locked_result_detects_a_changed_score(locked):
    assert result_intact(locked)
    row = QualitativeScore.objects.filter(sheet__evaluation=locked).first()
    QualitativeScore.objects.filter(pk=row.pk).update(score=row.score - 1)  # a change behind the system's back
    assert not result_intact(Evaluation.objects.get(pk=locked.pk))


@pytest.mark.parametrize("score", ["25", "-1", "10.005", "열", "NaN"])
def test_a15_9_a_score_outside_the_item_range_is_refused(in_session, score, unchanged, refusals):
    sheet = in_session.sheets.order_by("label").first()
    item = in_session.items.get(name="전략 및 방법론")  # 10 points
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.save_score(
            actor=sheet.evaluator, evaluation=in_session, proposal=in_session.proposals.first(), item=item, score=score
        )
    assert "점수" in str(error.value)
    assert refusals()


def test_a15_8_one_evaluator_submitting_twice_is_refused_the_second_time(in_session, users, unchanged, refusals):
    score_worked_example(in_session, users["itdept"])  # every sheet scored and submitted once
    sheet = in_session.sheets.order_by("label").first()
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.submit_sheet(actor=sheet.evaluator, evaluation=in_session)
    assert "이미 제출한 평가표" in str(error.value)
    assert refusals()[-1].refusal["code"] == "acquisition.score_submitted"


def test_a15_8_two_evaluators_submitting_keep_both_sheets_and_nothing_else(in_session):
    """Each submission locks the evaluation row first: both go through, each changes only its own sheet."""
    sheets = list(in_session.sheets.order_by("label")[:2])
    proposals = list(in_session.proposals.all())
    items = list(in_session.items.filter(kind=ItemKind.QUALITATIVE))
    for sheet in sheets:
        for proposal in proposals:
            for item in items:
                actions.save_score(
                    actor=sheet.evaluator, evaluation=in_session, proposal=proposal, item=item, score=item.points
                )
    before = {s.pk: list(s.scores.values_list("score", flat=True)) for s in in_session.sheets.all()}
    for sheet in sheets:
        actions.submit_sheet(actor=sheet.evaluator, evaluation=in_session)
    after = {s.pk: list(s.scores.values_list("score", flat=True)) for s in in_session.sheets.all()}
    assert before == after
    assert [s.is_submitted for s in in_session.sheets.order_by("label")][:3] == [True, True, False]


def test_a15_8_an_incomplete_sheet_cannot_be_submitted(in_session, unchanged):
    sheet = in_session.sheets.order_by("label")[1]  # empty
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.submit_sheet(actor=sheet.evaluator, evaluation=in_session)
    assert "채점하지 않은 항목이" in str(error.value)


def test_a15_8_evaluators_see_only_their_own_sheet_until_the_lock(in_session, client_of, users):
    external = [s for s in in_session.sheets.order_by("label") if s.membership.basis == "external"]
    first, second = external[0], external[1]  # (an internal evaluator of the conducting department sees the status)
    page = client_of(first.evaluator.username).get(reverse("acquisition:score", args=[in_session.pk]))
    assert page.status_code == 200
    own = {str(s.score) for s in first.scores.all()}
    assert own and all(value in page.content.decode() for value in own)
    other = (
        client_of(second.evaluator.username).get(reverse("acquisition:score", args=[in_session.pk])).content.decode()
    )
    assert not any(f'value="{value}"' in other for value in own)  # B's page does not carry A's numbers
    # The evaluation page shows who submitted, not what anyone scored; a non-evaluator has no sheet.
    detail = client_of(second.evaluator.username).get(in_session.get_absolute_url())
    assert detail.status_code == 200 and "평가표 제출 현황" not in detail.content.decode()
    assert client_of("sponsor").get(reverse("acquisition:score", args=[in_session.pk])).status_code == 403


def test_a15_8_a_stranger_cannot_score_on_another_sheet(in_session, users, unchanged):
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.save_score(
            actor=users["itplan"],
            evaluation=in_session,
            proposal=in_session.proposals.first(),
            item=in_session.items.filter(kind=ItemKind.QUALITATIVE).first(),
            score="1",
        )
    assert "평가위원만" in str(error.value)


def test_a15_8_the_autosave_answers_in_place_with_the_korean_reason(in_session, client_of):
    sheet = in_session.sheets.order_by("label")[1]
    item = in_session.items.get(name="전략 및 방법론")
    client = client_of(sheet.evaluator.username)
    url = reverse("acquisition:score_save", args=[in_session.pk])
    data = {"proposal": in_session.proposals.first().pk, "item": item.pk}
    saved = client.post(url, {**data, "score": "8.5"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200 and "저장됨" in saved.content.decode()
    assert sheet.scores.get(item=item, proposal_id=data["proposal"]).score == Decimal("8.50")
    refused = client.post(url, {**data, "score": "11"}, HTTP_HX_REQUEST="true")
    assert "0점부터 10점까지" in refused.content.decode()
    assert sheet.scores.get(item=item, proposal_id=data["proposal"]).score == Decimal("8.50")


def test_a15_8_the_locked_page_shows_the_result_not_its_raw_record(locked, client_of):
    """The locked result is read in its ranking table with the hash; the hashed record itself (the data the hash is
    taken over) is not dumped on the page as a Python dict."""
    page = client_of("itdept").get(locked.get_absolute_url()).content.decode()
    assert 'data-testid="ranking"' in page and locked.result_hash in page
    assert "확정된 평가 기록" not in page and "{&#x27;evaluation&#x27;:" not in page


def test_a15_8_results_export_as_xlsx_and_an_official_pdf(locked, client_of):
    client = client_of("itdept")
    xlsx = client.get(reverse("acquisition:evaluation_export", args=[locked.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["평가결과", "평가위원별 정성 점수", "정량 점수"]
    assert book["평가결과"]["A2"].value == 1
    pdf = client.get(reverse("acquisition:evaluation_export", args=[locked.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from itms.acquisition.documents import result_document
    from itms.documents.official import plain_text

    text = plain_text(result_document(locked))
    assert "관세청" in text and locked.result_hash in text and "제15조제8항" in text


def test_a15_1_the_evaluation_date_is_offered_to_the_minute(demo, client_of):
    """The 정보화부서장 prepares the evaluation (a15.1) with its date in a datetime-local control: the value it
    proposes is to the minute (2026-12-17T10:00), so that any minute picked is valid; with seconds the browser refused
    every whole minute."""
    import re

    from itms.acquisition.models import OrderingRequest

    ordering = OrderingRequest.objects.filter(state="ordered").first()
    page = client_of("itdept").get(reverse("acquisition:evaluation_start", args=[ordering.pk])).content.decode()
    field = re.search(r'<input[^>]*name="evaluation_at"[^>]*>', page).group(0)
    value = re.search(r'value="([^"]*)"', field).group(1)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value), value


def test_a15_1_delegation_to_the_procurement_service_is_recorded(users, demo):
    ordering = Evaluation.objects.get(project__code="2027-CLP-010").ordering_request
    from itms.accounts.models import OrgUnit

    evaluation = actions.create_evaluation(
        actor=users["itdept"],
        project=ordering.project,
        unit=OrgUnit.objects.get(code="KCS-DAT"),
        title="조달청 위임 평가",
        evaluation_at=timezone.now() + dt.timedelta(days=20),
        estimated_price=500_000_000,
        committee_size=7,
    )
    run(
        evaluation,
        "delegate",
        actor=users["itdept"],
        data={"delegated_on": timezone.localdate(), "reference": "데이터담당관-777", "note": "전문 평가 필요"},
    )
    evaluation.refresh_from_db()
    assert (evaluation.state, evaluation.delegation_reference) == ("delegated", "데이터담당관-777")


def test_a15_2_the_size_table_ships_empty_and_says_so(in_session, client_of):
    from itms.acquisition.actions.evaluation import size_from_table
    from itms.regulation.rules import param

    assert param("evaluator_count_table").value == []
    size, basis = size_from_table(1_000_000_000)
    assert size is None and "비어 있어" in basis
    page = client_of("itdept").get(in_session.get_absolute_url()).content.decode()
    assert "평가위원 수 표가 비어 있습니다" in page


def test_a15_2_the_chair_is_chosen_among_the_evaluators(in_session, users, demo):
    from itms.governance.models import Membership

    stranger = Membership.objects.exclude(body=in_session.body).first()
    with pytest.raises(REFUSED) as error:
        actions.choose_chair(actor=users["itdept"], evaluation=in_session, membership=stranger)
    assert "위원장" in str(error.value)
    assert in_session.body.memberships.filter(is_chair=True).count() == 1


def test_a15_6_allowances_go_to_external_evaluators_present_only(locked, users, unchanged):
    allowances = list(Allowance.objects.filter(evaluation=locked).select_related("membership"))
    assert allowances and all(a.membership.basis == "external" for a in allowances)
    assert not Allowance.objects.filter(evaluation=locked, membership__basis="designated").exists()
    assert all(a.rules and a.rules[0]["parameter"] == "evaluator_allowance_base" for a in allowances)
    actions.set_travel(actor=users["itdept"], allowance=allowances[0], amount=42_000)
    assert Allowance.objects.get(pk=allowances[0].pk).total == allowances[0].base + allowances[0].extra + 42_000
    with unchanged(), pytest.raises(REFUSED):
        actions.set_travel(actor=users["sponsor"], allowance=allowances[0], amount=1)


def test_a16_suitability_of_a_sole_bidder_passes_by_the_threshold(demo):
    evaluation = Evaluation.objects.get(project__code="2027-CLP-011")
    assert evaluation.kind == "suitability" and evaluation.proposals.count() == 1
    record = evaluation.result_record["suitability"]
    assert record["rule"] == "threshold" and record["percent"] == 85
    technical = Decimal(evaluation.result_record["results"][0]["technical"])
    assert evaluation.suitability_passed is (technical >= Decimal("76.5"))


def test_a16_a_second_bidder_is_refused_for_a_suitability_evaluation(users, demo):
    from itms.accounts.models import Company, OrgUnit
    from itms.acquisition.models import Proposal

    source = Evaluation.objects.get(project__code="2027-CLP-011")
    evaluation = actions.create_evaluation(
        actor=users["itdept"],
        project=source.project,
        unit=OrgUnit.objects.get(code="KCS-DAT"),
        kind="suitability",
        title="적합성평가 (두 업체)",
        evaluation_at=timezone.now() + dt.timedelta(days=20),
        estimated_price=500_000_000,
        committee_size=5,
    )
    for company in Company.objects.all()[:2]:
        Proposal.objects.create(evaluation=evaluation, company=company, bid_price=1, submitted_on=timezone.localdate())
    with pytest.raises(REFUSED) as error:
        run(evaluation, "start_selection", actor=users["itdept"])
    assert "단독 응찰" in str(error.value)


@pytest.mark.parametrize("weight", [90, 80, 70])
def test_a15_9_the_default_items_add_up_to_each_technical_maximum(weight):
    assert sum(points for _a, _n, _k, points, _e in scaled_items(weight)) == weight
