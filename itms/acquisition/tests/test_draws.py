"""The verifiable evaluator draw (a15.3) and a new selection after a quorum failure (a15.5).

``verify_draw`` recomputes a draw from its published record alone and checks it against the hash chain; it passes on
the demo's draw and fails on a tampered one. Refused attempts change nothing and are logged.
"""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from itms.acquisition import actions
from itms.acquisition.actions.common import run
from itms.acquisition.actions.draws import automatic_exclusions, published_record
from itms.acquisition.models import DrawWitness, Evaluation, EvaluatorDraw, Expert, ExpertEmployment
from itms.audit.models import LegalEvent

REFUSED = (ValidationError, PermissionDenied)
pytestmark = pytest.mark.django_db


def verify(draw_id=None, **options) -> int:
    try:
        call_command("verify_draw", *([draw_id] if draw_id else []), **options)
    except SystemExit as exit_:
        return exit_.code
    return 0


def test_a15_3_verify_draw_passes_on_the_demo_draw(locked, capsys):
    draw = locked.draws.get()
    assert draw.state == "completed"
    assert verify(draw.pk) == 0
    assert "검증 완료" in capsys.readouterr().out


@pytest.mark.parametrize(
    "tamper, problem",
    [
        (lambda d: DrawWitness.objects.filter(draw=d, seq=1).update(number="999"), "참관인 입력값"),
        (lambda d: EvaluatorDraw.objects.filter(pk=d.pk).update(order=list(reversed(d.order))), "교섭 순서"),
        (lambda d: EvaluatorDraw.objects.filter(pk=d.pk).update(secret="0" * 64), "비밀값"),
        (lambda d: EvaluatorDraw.objects.filter(pk=d.pk).update(eligible=d.eligible[1:]), "명부 해시"),
        (
            lambda d: LegalEvent.objects.filter(subject_id=str(d.pk), kind="draw_committed").update(summary="바꿈"),
            "변조",
        ),
    ],
)
def test_a15_3_verify_draw_fails_on_a_tampered_draw(locked, tamper, problem, capsys):
    draw = locked.draws.get()
    tamper(draw)
    assert verify(draw.pk) == 1
    assert problem in capsys.readouterr().err


def test_a15_3_verify_draw_reads_a_downloaded_record_alone(locked, client_of, tmp_path):
    draw = locked.draws.get()
    response = client_of("vendor").get(reverse("acquisition:draw_export", args=[draw.pk, "json"]))
    assert response.status_code == 200
    path = tmp_path / "record.json"
    path.write_bytes(response.content)
    assert verify(file=str(path)) == 0
    record = json.loads(response.content)
    record["witnesses"][0]["number"] = str(int(record["witnesses"][0]["number"]) + 1)
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert verify(file=str(path)) == 1


def test_a15_3_every_step_of_the_draw_is_a_chained_legal_event(locked):
    draw = locked.draws.get()
    kinds = list(
        LegalEvent.objects.filter(subject_type="acquisition.evaluatordraw", subject_id=str(draw.pk))
        .order_by("seq")
        .values_list("kind", flat=True)
    )
    assert kinds[0] == "draw_committed"
    assert "draw_performed" in kinds and kinds.index("draw_performed") > kinds.index("draw_witness_entered")
    assert kinds.count("evaluator_contacted") == draw.contacts.count()
    assert kinds[-1] == "transition"  # completed when enough accepted


def test_a15_3_the_published_record_names_no_expert(locked):
    record = published_record(locked.draws.get())
    names = set(Expert.objects.values_list("name", flat=True))
    text = json.dumps(record, ensure_ascii=False)
    assert not any(f'"{name}"' in text for name in names)
    assert all(entry["code"].startswith("EXP-") for entry in record["eligible"])


def test_a15_3_exclusions_carry_their_reasons(sealed_draw):
    reasons = dict(sealed_draw.exclusions.values_list("expert__code", "reason"))
    assert "conflict" in reasons.values()  # a bidder's former employee within 3 years
    assert "suspended" in reasons.values()  # a restriction in force
    assert "field" in reasons.values()  # not a customs expert
    for exclusion in sealed_draw.exclusions.filter(reason="conflict"):
        assert "최근 3년" in exclusion.detail
    assert not set(reasons) & {e["code"] for e in sealed_draw.eligible}


def test_a15_3_a_conflict_ends_three_years_after_leaving_the_bidder(sealed_draw):
    evaluation = sealed_draw.evaluation
    job = ExpertEmployment.objects.filter(company__isnull=False).first()
    day = evaluation.evaluation_date
    job.end_date = day.replace(year=day.year - 3) - dt.timedelta(days=1)
    job.save()
    assert (
        job.expert_id not in automatic_exclusions(evaluation)
        or automatic_exclusions(evaluation)[job.expert_id][0] != "conflict"
    )
    job.end_date = day.replace(year=day.year - 3)
    job.save()
    assert automatic_exclusions(evaluation)[job.expert_id][0] == "conflict"


def test_a15_3_witnesses_speak_between_the_seal_and_the_reveal(sealed_draw, users, unchanged, refusals):
    vendor = users["vendor"]
    assert actions.enter_witness(actor=vendor, draw=sealed_draw, number="4821").name == vendor.name
    with unchanged(), pytest.raises(REFUSED) as twice:
        actions.enter_witness(actor=vendor, draw=sealed_draw, number="7")
    assert "이미 입력" in str(twice.value)
    with unchanged(), pytest.raises(REFUSED) as bad:
        actions.enter_witness(actor=users["vendor2"], draw=sealed_draw, number="12a")
    assert "숫자" in str(bad.value)
    actions.perform_draw(actor=users["itdept"], draw=sealed_draw)
    with unchanged(), pytest.raises(REFUSED) as late:
        actions.enter_witness(actor=users["vendor2"], draw=sealed_draw, number="55")
    assert "공개 뒤에는" in str(late.value)
    assert {r.refusal["code"] for r in refusals()} >= {
        "acquisition.witness_twice",
        "acquisition.witness_number",
        "acquisition.witness_after_reveal",
    }


def test_a15_3_a_draw_is_not_run_again_with_other_inputs(sealed_draw, users, unchanged, refusals):
    actions.enter_witness(actor=users["vendor"], draw=sealed_draw, number="1")
    actions.perform_draw(actor=users["itdept"], draw=sealed_draw)
    order = EvaluatorDraw.objects.get(pk=sealed_draw.pk).order
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.perform_draw(actor=users["itdept"], draw=sealed_draw)
    assert "한 번만" in str(error.value)
    with unchanged(), pytest.raises(REFUSED):
        actions.commit_draw(actor=users["itdept"], draw=sealed_draw)
    assert EvaluatorDraw.objects.get(pk=sealed_draw.pk).order == order
    assert refusals()[-1].refusal["code"] == "acquisition.draw_rerun"


def test_a15_3_experts_are_contacted_in_the_drawn_order_only(sealed_draw, users, unchanged):
    actions.enter_witness(actor=users["vendor"], draw=sealed_draw, number="31")
    actions.perform_draw(actor=users["itdept"], draw=sealed_draw)
    draw = EvaluatorDraw.objects.get(pk=sealed_draw.pk)
    second = Expert.objects.get(code=draw.order[1])
    with unchanged(), pytest.raises(REFUSED) as error:
        actions.record_contact(actor=users["itdept"], draw=draw, outcome="accepted", expert=second)
    assert f"1번째 {draw.order[0]}" in str(error.value)
    with unchanged(), pytest.raises(REFUSED):
        actions.record_contact(actor=users["sponsor"], draw=draw, outcome="accepted")
    contact = actions.record_contact(actor=users["itdept"], draw=draw, outcome="unreachable")
    assert (contact.position, contact.expert.code) == (1, draw.order[0])


def test_a15_3_bidders_representatives_see_the_draw_record_and_nothing_else(sealed_draw, locked, client_of):
    vendor = client_of("vendor")
    assert vendor.get(sealed_draw.get_absolute_url()).status_code == 200
    page = vendor.get(sealed_draw.get_absolute_url()).content.decode()
    names = Expert.objects.filter(code__in=[e["code"] for e in sealed_draw.eligible]).values_list("name", flat=True)
    assert not any(name in page for name in names)
    for url in (
        sealed_draw.evaluation.get_absolute_url(),
        reverse("acquisition:expert_list"),
        reverse("acquisition:score", args=[sealed_draw.evaluation_id]),
    ):
        assert vendor.get(url).status_code in (403, 404), url
    # A bidder of another procurement does not see this one's draw.
    other = client_of("vendor2")
    if not sealed_draw.evaluation.proposals.filter(representatives__username="vendor2").exists():
        assert other.get(sealed_draw.get_absolute_url()).status_code == 404


def test_a15_5_quorum_failure_postpones_and_requires_a_new_linked_draw(demo, users):
    """CLP-008: only 2 of 5 present (2/3 of 5 needs 4) → the meeting cannot open; postponed, drawn anew."""
    evaluation = Evaluation.objects.get(project__code="2027-CLP-008")
    itdept = users["itdept"]
    draw = evaluation.draws.get()
    actions.enter_witness(actor=users["vendor"], draw=draw, number="8")
    actions.perform_draw(actor=itdept, draw=draw)
    draw.refresh_from_db()
    while draw.state == "revealed":
        expert = Expert.objects.get(code=draw.order[draw.contacts.count()])
        actions.record_contact(actor=itdept, draw=draw, outcome="accepted" if expert.user_id else "declined")
        draw.refresh_from_db()
    evaluation.refresh_from_db()
    actions.choose_chair(actor=itdept, evaluation=evaluation, membership=evaluation.body.memberships.first())
    evaluation = run(evaluation, "form_committee", actor=itdept)
    seats = list(evaluation.body.memberships.order_by("pk"))
    for index, seat in enumerate(seats):
        actions.record_attendance(actor=itdept, evaluation=evaluation, membership=seat, present=index < 2)
    with pytest.raises(REFUSED) as error:
        actions.open_session(actor=itdept, evaluation=evaluation, reason="시험")
    assert "정족수" in str(error.value) or "3분의 2" in str(error.value)
    new_day = timezone.now() + dt.timedelta(days=14)
    evaluation = run(evaluation, "postpone", actor=itdept, data={"evaluation_at": new_day})
    draw.refresh_from_db()
    assert draw.state == "failed" and "정족수" in draw.failed_reason
    fresh = evaluation.draws.order_by("-number").first()
    assert fresh.number == 2 and fresh.replaces_id == draw.pk and fresh.state == "preparing"
    assert evaluation.state == "selecting" and evaluation.postponements == 1
    assert evaluation.body.memberships.filter(basis="designated").count() == 1  # the KCS official stays
    assert not evaluation.body.memberships.filter(basis="external").exists()  # the others are drawn anew
    actions.commit_draw(actor=itdept, draw=fresh)
    fresh.refresh_from_db()
    event = LegalEvent.objects.get(kind="draw_committed", subject_id=str(fresh.pk))
    assert event.payload["replaces"] == draw.pk and fresh.secret_hash != draw.secret_hash


def test_a15_5_postponement_is_refused_while_the_quorum_holds(in_session, users, unchanged):
    with unchanged(), pytest.raises(REFUSED):
        run(
            in_session, "postpone", actor=users["itdept"], data={"evaluation_at": timezone.now() + dt.timedelta(days=9)}
        )


def test_a15_4_late_formation_needs_one_of_the_directives_reasons(locked):
    assert locked.formation_exception == "urgency" and locked.formation_exception_detail
    assert LegalEvent.objects.filter(kind="guard_overridden", subject_id=str(locked.pk)).exists()
