"""The business unit confirms a case's themes, helped by suggestions that say which words they
found; the themes let the Rapid Review read the case against earlier ones (CRIT-LOCAL (a), (b))."""

from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.models import CaseTheme
from cspr.cases.themes import case_text, case_theme_suggestions, case_themes_confirm
from cspr.learning.models import Theme
from cspr.rapid_reviews.services.scoping import scoping_return_save, scoping_return_submit
from tests.fixtures.rapid_reviews import complete_return_values

OUTLINE = "The baby died after co-sleeping with a parent who had been drinking alcohol."


def themes_url(case) -> str:
    return reverse(
        "cases:themes",
        kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
    )


def test_suggestions_come_from_the_outline_with_the_words_found(make_case) -> None:
    case = make_case(case_outline=OUTLINE)
    suggestions = {s.theme.slug: s for s in case_theme_suggestions(case)}
    assert "co-sleeping" in suggestions["sudi-unsafe-sleep"].reasons
    assert "baby" in suggestions["infant"].reasons


def test_only_submitted_scoping_returns_add_to_the_text(invite, school, world) -> None:
    invitation = invite(school)
    item = invitation.scoping_return
    lead = world.person("agency_lead")
    values = complete_return_values(concerns="Nobody asked about the hidden father.")
    item = scoping_return_save(
        scoping_return=item, by=lead, values=values, expected_version=item.version
    )
    case = invitation.rapid_review.case
    assert "hidden father" not in case_text(case)
    scoping_return_submit(
        scoping_return=item, by=lead, values=values, expected_version=item.version
    )
    assert "hidden father" in case_text(case)


def test_the_page_lists_every_facet_and_marks_suggestions(make_case, client_as) -> None:
    case = make_case(case_outline=OUTLINE)
    html = client_as("business_unit").get(themes_url(case)).content.decode()
    for facet in ("Harm or incident", "Child", "Family and context", "Practice"):
        assert f'<h2 class="govuk-fieldset__heading">{facet}</h2>' in html
    assert "found: &lsquo;co-sleeping&rsquo;" in html
    assert 'id="id_themes_1"' in html  # where the error summary's link goes


def test_confirming_replaces_the_themes_and_is_audited(make_case, client_as, world) -> None:
    case = make_case(case_outline=OUTLINE)
    sudi, alcohol, curiosity = (
        Theme.objects.get(slug=slug)
        for slug in ("sudi-unsafe-sleep", "parental-substance-misuse", "professional-curiosity")
    )
    client = client_as("business_unit")
    response = client.post(themes_url(case), {"themes": [sudi.pk, alcohol.pk]})
    assert response.status_code == 302
    assert set(case.case_themes.values_list("theme__slug", flat=True)) == {
        "sudi-unsafe-sleep",
        "parental-substance-misuse",
    }
    client.post(themes_url(case), {"themes": [sudi.pk, curiosity.pk]})
    assert set(case.case_themes.values_list("theme__slug", flat=True)) == {
        "sudi-unsafe-sleep",
        "professional-curiosity",
    }
    event = AuditEvent.objects.filter(verb="case.themes_confirmed").latest("pk")
    assert event.data == {"added": ["professional-curiosity"], "removed": [alcohol.pk]}
    detail = client.get(
        reverse(
            "cases:detail",
            kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference},
        )
    ).content.decode()
    assert "Professional curiosity and over-optimism" in detail
    assert "Change the themes" in detail


def test_an_unknown_theme_is_explained_and_nothing_changes(make_case, client_as, world) -> None:
    case = make_case(case_outline=OUTLINE)
    sudi = Theme.objects.get(slug="sudi-unsafe-sleep")
    case_themes_confirm(case=case, themes=[sudi], by=world.person("business_unit"))
    response = client_as("business_unit").post(themes_url(case), {"themes": ["99999"]})
    assert response.status_code == 200
    assert "Choose themes from the list" in response.content.decode()
    assert list(CaseTheme.objects.filter(case=case).values_list("theme", flat=True)) == [sudi.pk]


def test_a_retired_theme_is_not_offered(make_case, client_as) -> None:
    case = make_case(case_outline=OUTLINE)
    Theme.objects.filter(slug="sudi-unsafe-sleep").update(is_active=False)
    html = client_as("business_unit").get(themes_url(case)).content.decode()
    assert "Sudden unexpected death in infancy" not in html


def test_only_the_business_unit_confirms_themes(make_case, client_as) -> None:
    case = make_case(case_outline=OUTLINE)
    for role in ("agency_lead", "safeguarding_partner", "reviewer", "administrator"):
        assert client_as(role).get(themes_url(case)).status_code in {403, 404}, role
        assert client_as(role).post(themes_url(case), {"themes": []}).status_code in {403, 404}
