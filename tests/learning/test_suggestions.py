"""Theme suggestions from a text, with the cue words that triggered each (issue 6, themes)."""

import pytest

from cspr.learning.models import Theme
from cspr.learning.suggestions import ThemeSuggestion, suggest_themes
from cspr.learning.vocabulary import SEED


def theme(slug: str, *cues: str, facet: str = "harm") -> Theme:
    """An unsaved theme: matching is pure and needs no database."""
    return Theme(facet=facet, slug=slug, name=slug.replace("-", " "), cues="\n".join(cues))


def seed_themes() -> list[Theme]:
    return [Theme(facet=s.facet, slug=s.slug, name=s.name, cues="\n".join(s.cues)) for s in SEED]


def slugs(suggestions: list[ThemeSuggestion]) -> list[str]:
    return [suggestion.theme.slug for suggestion in suggestions]


def test_a_cue_in_the_text_suggests_its_theme_with_the_cue_as_the_reason() -> None:
    neglect = theme("neglect", "neglect", "poor home conditions")
    [suggestion] = suggest_themes("The children lived in poor home conditions.", [neglect])
    assert suggestion.theme is neglect
    assert suggestion.reasons == ("poor home conditions",)
    assert suggestion.score > 0


def test_nothing_is_suggested_for_a_text_without_cues() -> None:
    assert (
        suggest_themes("A review of the school's attendance policy.", [theme("x", "neglect")]) == []
    )
    assert suggest_themes("", [theme("x", "neglect")]) == []
    assert suggest_themes("neglect", []) == []


def test_matching_ignores_case() -> None:
    assert slugs(suggest_themes("NEGLECT was evident", [theme("neglect", "neglect")])) == [
        "neglect"
    ]


@pytest.mark.parametrize(
    ("cue", "text"),
    [
        ("CSE", "She sat her GCSEs."),
        ("cse", "The nurses attended courses."),  # "cse" inside "courses"
        ("father", "The grandfather's car."),
        ("care", "The careful carer."),
        ("roma", "The aroma of cannabis."),
    ],
)
def test_a_cue_never_matches_inside_another_word(cue: str, text: str) -> None:
    assert suggest_themes(text, [theme("t", cue)]) == []


def test_an_acronym_cue_matches_only_in_capitals() -> None:
    cse = theme("cse", "CSE")
    assert slugs(suggest_themes("Concerns about CSE were raised.", [cse])) == ["cse"]
    assert suggest_themes("the cse of the matter", [cse]) == []
    roma = theme("gypsy-roma-traveller", "roma")
    assert slugs(suggest_themes("A Roma family moved to the area.", [roma])) == [
        "gypsy-roma-traveller"
    ]
    assert suggest_themes("The aroma of cannabis.", [roma]) == []


@pytest.mark.parametrize(
    ("cue", "text"),
    [
        ("father", "Both fathers were absent."),
        ("father", "The father's partner was not known."),
        ("baby", "Two babies slept on the sofa."),
        ("self-harm", "She had a history of self harm."),
        ("self harm", "She had a history of self-harm."),
        ("self-harm", "Repeated self\u2011harm was recorded."),
        ("co-sleeping", "The risks of cosleeping were not discussed."),
        ("child's voice", "The child\u2019s voice was not heard."),
        ("strategy meeting", "No strategy meetings were held."),
        ("county lines", "Involvement in County Lines drug supply."),
    ],
)
def test_plurals_possessives_hyphens_and_apostrophes_are_variants_of_a_cue(
    cue: str, text: str
) -> None:
    [suggestion] = suggest_themes(text, [theme("t", cue)])
    assert suggestion.reasons == (cue,)


def test_the_longest_match_wins_across_themes() -> None:
    """A parent's "learning disability" is not also the child's "disability"."""
    parent = theme("parental-learning-disability", "learning disability", facet="family")
    child = theme("disabled-child", "disability", facet="child")
    suggestions = suggest_themes("The mother has a learning disability.", [parent, child])
    assert slugs(suggestions) == ["parental-learning-disability"]
    both = suggest_themes(
        "The mother has a learning disability and the child a physical disability.",
        [parent, child],
    )
    assert set(slugs(both)) == {"parental-learning-disability", "disabled-child"}


def test_the_same_cue_under_two_themes_counts_for_both() -> None:
    one = theme("leadership-culture", "culture", facet="practice")
    other = theme("culture-faith-ethnicity", "culture", facet="family")
    assert set(slugs(suggest_themes("The culture of the team.", [one, other]))) == {
        "leadership-culture",
        "culture-faith-ethnicity",
    }


def test_reasons_are_each_cue_once_in_order_of_first_appearance() -> None:
    neglect = theme("neglect", "neglect", "poor home conditions", "neglected")
    [suggestion] = suggest_themes(
        "Poor home conditions. Neglect. Further neglect. The children were neglected.", [neglect]
    )
    assert suggestion.reasons == ("poor home conditions", "neglect", "neglected")


def test_stronger_evidence_ranks_first() -> None:
    neglect = theme("neglect", "neglect", "poor home conditions")
    online = theme("online-harm", "online")
    suggestions = suggest_themes(
        "Neglect and poor home conditions; the neglect lasted years. She was online.",
        [online, neglect],
    )
    assert slugs(suggestions) == ["neglect", "online-harm"]
    assert suggestions[0].score > suggestions[1].score


def test_repeating_a_cue_counts_less_than_finding_another() -> None:
    neglect = theme("neglect", "neglect", "neglected")
    [repeated] = suggest_themes("neglect neglect", [neglect])
    [varied] = suggest_themes("neglect neglected", [neglect])
    assert varied.score > repeated.score


def test_blank_cue_lines_are_ignored() -> None:
    assert suggest_themes("anything at all", [theme("t", "", "   ")]) == []


def test_a_cue_with_regular_expression_characters_is_taken_literally() -> None:
    assert slugs(suggest_themes("a (b) c", [theme("t", "(b)")])) == ["t"]
    assert slugs(suggest_themes("a b c", [theme("t", "(b)")])) == []
    assert slugs(suggest_themes("daddd partner", [theme("t", "dad+")])) == []
    assert slugs(suggest_themes("see F.I.I. above", [theme("t", "F.I.I")])) == ["t"]


@pytest.mark.django_db
def test_none_means_every_theme_in_use_read_in_one_query(
    django_assert_num_queries: object,
) -> None:
    Theme.objects.filter(slug="online-harm").update(is_active=False)
    text = (
        "A baby with a fracture and bruising. Domestic abuse by the mother's partner. "
        "Information was not shared; online contact with a stranger."
    )
    with django_assert_num_queries(1):  # type: ignore[operator]
        suggestions = suggest_themes(text)
    found = slugs(suggestions)
    assert {"physical-abuse", "infant", "domestic-abuse", "hidden-men"} <= set(found)
    assert "online-harm" not in found
    physical = next(s for s in suggestions if s.theme.slug == "physical-abuse")
    assert physical.reasons == ("fracture", "bruising")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A 15-year-old boy.", "15-year-old"),
        ("She was fourteen years old.", "fourteen years old"),
        ("aged 17 year old", "17 year old"),
    ],
)
def test_a_number_range_in_a_cue_matches_any_number_in_it(text: str, found: str) -> None:
    """The reason shown is the words found, not the range."""
    [suggestion] = suggest_themes(text, [theme("adolescent", "{13-17} year old")])
    assert suggestion.reasons == (found,)


@pytest.mark.parametrize(
    "text", ["A 12-year-old.", "A 21-year-old.", "A 2-year-13-month-old.", "eighteen years old"]
)
def test_a_number_range_matches_no_number_outside_it(text: str) -> None:
    assert suggest_themes(text, [theme("adolescent", "{13-17} year old")]) == []


def test_and_in_a_cue_also_matches_an_ampersand() -> None:
    [suggestion] = suggest_themes(
        "The child's wishes & feelings.", [theme("v", "wishes and feelings")]
    )
    assert suggestion.reasons == ("wishes and feelings",)


def test_the_seed_vocabulary_suggests_the_themes_of_a_published_summary() -> None:
    """A smoke test of the seed cues on one summary (NSPCC case reviews, 2018, Children F, G and
    H); the measured precision and recall are in bench/, not here."""
    text = (
        "Concerns about serious harm to three siblings due to suspected fabricated or induced "
        "illness (FII). Learning: practitioners should be alert to signs of disguised compliance "
        "by parents; practitioners need to maintain professional curiosity."
    )
    found = {s.theme.slug for s in suggest_themes(text, seed_themes())}
    assert found == {"fabricated-illness", "professional-curiosity"}
