"""The similarity of recommendations (pure Python): stems, shingles, rare words weighing more,
and the threshold that separates "nearly the same thing" from "about the same topic"."""

import pytest

from cspr.actions.similarity import most_similar, score, stem, terms, words

FATHERS = (
    "All agencies should ensure that fathers and other male carers are included in "
    "assessments of the child's needs."
)
OTHERS = [
    (1, "Agencies must make sure male carers and fathers are involved in assessments."),
    (2, "The partnership should audit the use of the escalation policy by practitioners."),
    (3, "Practitioners should record the voice of the child in every assessment."),
    (4, "Schools should share attendance concerns with children's social care within a day."),
    (5, "Agencies should ensure that fathers and male carers are included in assessments."),
]


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (("carer", "carers", "carer's"), "carer"),
        (("include", "includes", "included", "including"), "includ"),
        (("agency", "agencies"), "agency"),
        (("process", "processes"), "process"),
        (("child", "children", "children's", "child's"), "child"),
        (("share", "shared", "sharing"), "shar"),
    ],
)
def test_forms_of_a_word_share_a_stem(forms, expected) -> None:
    assert {stem(form) for form in forms} == {expected}


def test_common_words_and_the_words_of_every_recommendation_are_left_out() -> None:
    found = [
        written for _, written in words("The partnership should ensure that all staff are trained.")
    ]
    assert found == ["staff", "trained"]


def test_shingles_are_pairs_of_neighbouring_words() -> None:
    found = terms("Male carers are seen")
    assert found.words == {"male", "carer", "seen"}
    assert found.shingles == {"male carer", "carer seen"}


def test_the_same_words_score_one_and_no_shared_words_score_nothing() -> None:
    a, b = terms(FATHERS), terms(OTHERS[1][1])
    assert score(a, a, {}) == 1.0
    assert score(a, b, {}) == 0.0


def test_paraphrases_are_found_most_similar_first_and_other_topics_are_not() -> None:
    found = most_similar(FATHERS, OTHERS)
    assert [s.key for s in found] == [5, 1]
    assert found[0].score > found[1].score >= 0.35
    assert set(found[1].shared) == {"agencies", "fathers", "male", "carers", "assessments"}


def test_a_word_every_candidate_uses_counts_for_less_than_a_rare_one() -> None:
    common = [(n, f"Agencies should train staff on topic {n}.") for n in range(1, 9)]
    rare = [(99, "Agencies should train staff about fathers.")]
    found = most_similar("Agencies must ask about fathers.", common + rare, threshold=0)
    assert found[0].key == 99
    assert found[0].shared[0] == "fathers"  # the rarest shared word first


def test_limits_and_empty_texts() -> None:
    many = [(n, FATHERS) for n in range(10)]
    assert len(most_similar(FATHERS, many, limit=3)) == 3
    assert most_similar("The and of.", many) == []
    assert most_similar(FATHERS, []) == []
