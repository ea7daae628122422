"""Korean analysis: nouns, verb stems, compounds, abbreviations and synonyms; markup and odd input (issue 18)."""

from itms.similarity.analysis import MAX_QUERY_CHARS, analyse, clean
from itms.similarity.synonyms import Group, Normaliser, read_shipped, shipped_normaliser


def terms(text, normaliser=None):
    return analyse(text, normaliser or shipped_normaliser()).terms


def test_nouns_and_verb_stems_without_particles_or_endings():
    assert terms("수입신고를 심사하였다") == ("수입", "신고", "심사")
    assert "줄다" in terms("처리 시간이 줄었다")


def test_compounds_written_apart_or_together_give_the_same_terms():
    plain = Normaliser([])
    assert terms("통관 시스템 구축", plain) == terms("통관시스템 구축", plain) == ("통관", "시스템", "구축")
    assert "고도화" in terms("플랫폼을 고도화한다")
    assert "재설계" in terms("업무 재설계", plain)


def test_abbreviations_and_synonyms_are_one_term():
    """유니패스 = UNI-PASS = 전자통관시스템 (the shipped list; administrators edit it)."""
    assert terms("UNI-PASS 고도화")[0] == "유니패스"
    assert terms("전자통관시스템 고도화")[0] == "유니패스"
    assert terms("국가관세종합정보망의 유지관리")[0] == "유니패스"
    assert "인공지능" in terms("AI 기반 선별")
    assert "ai" not in terms("AI 기반 선별")
    assert "인공지능" not in terms("MAIL 서버")  # a Latin abbreviation matches whole words only


def test_a_new_group_takes_effect_without_code():
    words = Normaliser([Group("여비", ("출장비", "여행경비"))])
    assert terms("출장비 정산", words)[0] == terms("여행경비 정산", words)[0] == "여비"


def test_markup_is_stripped_and_long_text_is_cut():
    assert clean("<p>수입<b>신고</b></p>&nbsp;<script>x</script>") == "수입신고 x"
    assert len(clean("가" * 100_000)) == MAX_QUERY_CHARS


def test_only_numbers_or_symbols_give_no_terms_and_english_still_works():
    assert terms("1234 5678 !!!") == ()
    assert terms("") == ()
    assert terms("customs clearance portal") == ("customs", "clearance", "portal")


def test_the_shipped_list_has_no_one_letter_variant():
    assert all(len(v) >= 2 for g in read_shipped() for v in g.variants)
