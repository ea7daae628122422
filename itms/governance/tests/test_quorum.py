"""Quorum and majority arithmetic (a4.8, a5.8, a15.5), independent of any meeting."""

from fractions import Fraction

import pytest

from itms.governance.quorum import Tally

HALF = Fraction(1, 2)


def tally(
    registered, present, votes_for=0, against=0, abstain=0, recused=0, ratio=HALF, inclusive=False, presiding=True
):
    return Tally(
        registered=registered,
        present=present,
        recused=recused,
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstain,
        quorum_ratio=ratio,
        majority_ratio=HALF,
        quorum_inclusive=inclusive,
        presiding=presiding,
    )


@pytest.mark.parametrize(
    ("registered", "needed"),
    [(1, 1), (2, 2), (3, 2), (4, 3), (9, 5), (10, 6), (11, 6)],
)
def test_a4_8_quorum_is_more_than_half_of_registered_members_for_odd_and_even(registered, needed):
    assert tally(registered, needed).quorum_needed == needed
    assert tally(registered, needed).has_quorum
    assert not tally(registered, needed - 1).has_quorum


def test_a4_8_exactly_half_present_is_not_a_quorum():
    assert not tally(10, 5).has_quorum
    assert "미달" in tally(10, 5).explanation()


def test_a4_7_without_the_chair_or_an_acting_chair_there_is_no_quorum():
    t = tally(9, 9, presiding=False)
    assert not t.has_quorum and "위원장(직무대행) 불참" in t.explanation()


@pytest.mark.parametrize(
    ("present", "for_", "against", "abstain", "passes"),
    [
        (5, 3, 2, 0, True),
        (6, 3, 3, 0, False),  # a tie fails
        (6, 3, 2, 1, False),  # an abstention is present but not for: 3 of 6 is not a majority
        (6, 4, 1, 1, True),
        (7, 4, 0, 3, True),
        (5, 2, 0, 3, False),
    ],
)
def test_a4_8_resolution_needs_a_majority_of_those_present(present, for_, against, abstain, passes):
    t = tally(9, present, for_, against, abstain)
    assert t.passes is passes
    assert ("가결" if passes else "부결") in t.explanation()


def test_a4_8_tie_is_explained_as_failing():
    assert "가부동수는 부결" in tally(9, 6, 3, 3).explanation()


def test_a15_5_two_thirds_is_at_least_not_more_than():
    # 7 evaluators: 2/3 × 7 = 4.67 → at least 5; 6 evaluators: exactly 4 suffices ("이상").
    assert tally(7, 5, ratio=Fraction(2, 3), inclusive=True).quorum_needed == 5
    assert tally(6, 4, ratio=Fraction(2, 3), inclusive=True).has_quorum
    assert not tally(6, 3, ratio=Fraction(2, 3), inclusive=True).has_quorum
    assert "이상" in tally(6, 4, ratio=Fraction(2, 3), inclusive=True).explanation()


def test_recused_members_are_shown_in_the_arithmetic():
    t = tally(8, 5, 3, 2, recused=1)
    assert "제척·기피·회피 1명 제외" in t.explanation()


def test_no_registered_members_never_has_quorum():
    assert not tally(0, 0).has_quorum


def test_snapshot_keeps_the_arithmetic_for_the_record():
    snap = tally(9, 6, 4, 1, 1).snapshot()
    assert snap["quorum_needed"] == 5 and snap["votes_needed"] == 4 and snap["passes"] is True
    assert snap["quorum_ratio"] == "1/2" and "가결" in snap["explanation"]


def test_meeting_level_quorum_explanation_names_no_vote_result():
    text = tally(9, 5).quorum_explanation()
    assert text == "재적 9명, 출석 5명 — 의사정족수 5명(재적의 1/2 초과) 충족"
    assert "부결" not in text and "찬성" not in text
