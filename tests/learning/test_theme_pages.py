"""The theme pages: administrators of any partnership list, add, change and retire themes, and
try the suggestions on a text; nobody else may. Every change is audited."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.learning.models import Theme
from cspr.learning.suggestions import suggest_themes
from tests.conftest import ROLES, PartnershipWorld

pytestmark = pytest.mark.django_db

LIST = reverse("themes:list")
ADD = reverse("themes:add")
TRY = reverse("themes:try")


def edit_url(theme: Theme) -> str:
    return reverse("themes:edit", kwargs={"theme_id": theme.pk})


def values(**overrides: object) -> dict[str, object]:
    return {
        "facet": "family",
        "name": "Cost of living pressures",
        "description": "Families struggling to pay for food, fuel or rent.",
        "cues": "cost of living\nfood bank\nfuel poverty",
        "is_active": "on",
        **overrides,
    }


def form_values(theme: Theme, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "facet": theme.facet,
        "name": theme.name,
        "description": theme.description,
        "cues": theme.cues,
        "opened": theme.updated_at.isoformat(),
        **overrides,
    }
    if theme.is_active:
        data.setdefault("is_active", "on")
    return data


@pytest.fixture
def admin(client_as: Callable[[str], Client]) -> Client:
    return client_as("administrator")


@pytest.mark.parametrize("role", ROLES)
def test_only_an_administrator_sees_or_changes_themes(
    role: str, client_as: Callable[[str], Client]
) -> None:
    client = client_as(role)
    neglect = Theme.objects.get(slug="neglect")
    expected = 200 if role == "administrator" else 403
    for url in (LIST, ADD, TRY, edit_url(neglect)):
        assert client.get(url).status_code == expected, url
    response = client.post(edit_url(neglect), form_values(neglect, name="Changed"))
    assert response.status_code == (302 if role == "administrator" else 403)
    assert (Theme.objects.get(slug="neglect").name == "Changed") is (role == "administrator")


def test_an_administrator_of_another_partnership_may_too(
    other_world: PartnershipWorld,
) -> None:
    """Themes are one vocabulary for the deployment: any partnership's administrator."""
    client = Client()
    client.force_login(other_world.person("administrator"))
    assert client.get(LIST).status_code == 200


def test_signed_out_people_are_sent_to_sign_in() -> None:
    response = Client().get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_superuser_without_the_role_gets_nothing(world: PartnershipWorld) -> None:
    from tests.factories import UserFactory  # noqa: PLC0415

    superuser = UserFactory(is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(superuser)
    assert client.get(LIST).status_code == 403


def test_a_missing_theme_is_404_for_an_administrator_and_403_for_others(
    client_as: Callable[[str], Client],
) -> None:
    url = reverse("themes:edit", kwargs={"theme_id": 999_999})
    assert client_as("administrator").get(url).status_code == 404
    assert client_as("business_unit").get(url).status_code == 403


def test_the_list_shows_themes_facet_by_facet_with_their_cues(admin: Client) -> None:
    response = admin.get(LIST)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<title>Themes" in html
    facets = ["Harm or incident", "Child", "Family and context", "Practice"]
    positions = [html.index(f'">{facet}</h2>') for facet in facets]
    assert positions == sorted(positions)
    assert "non-accidental injury, non-accidental, physical abuse" in html
    assert "cspr-table-scroll" in html


def test_the_list_pages_and_its_queries_do_not_grow_with_themes(admin: Client) -> None:
    def add(count: int, start: int) -> None:
        Theme.objects.bulk_create(
            Theme(facet="practice", slug=f"extra-{n}", name=f"Extra theme {n}", cues="x")
            for n in range(start, start + count)
        )

    add(30, 0)
    with CaptureQueriesContext(connection) as fewer:
        first = admin.get(LIST + "?page=2")
    add(60, 30)
    with CaptureQueriesContext(connection) as more:
        second = admin.get(LIST + "?page=3")
    assert first.status_code == second.status_code == 200
    assert len(more) == len(fewer)
    assert len(second.context["page_obj"]) <= 50


def test_adding_a_theme_audits_it_and_puts_it_last_in_its_facet(
    admin: Client, world: PartnershipWorld
) -> None:
    response = admin.post(ADD, values(cues="cost of living\n\n  food   bank \nCost of living"))
    assert response.status_code == 302
    assert response["Location"] == LIST
    theme = Theme.objects.get(name="Cost of living pressures")
    assert theme.slug == "cost-of-living-pressures"
    assert theme.cues == "cost of living\nfood bank"
    last = Theme.objects.filter(facet="family").exclude(pk=theme.pk).order_by("-position")[0]
    assert theme.position == last.position + 1
    event = AuditEvent.objects.get(verb="theme.created")
    assert event.actor == world.person("administrator")
    assert event.object_id == str(theme.pk)
    assert event.partnership_id is None
    assert "Cost of living" not in str(event.data)  # field names only
    assert suggest_themes("They relied on a food bank.")[0].theme == theme


def test_a_duplicate_name_is_refused_keeping_what_was_typed(admin: Client) -> None:
    response = admin.post(ADD, values(name="neglect", cues="my own words"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "There is already a theme with that name." in html
    assert "my own words" in html
    assert "<title>Error: Add a theme" in html
    assert not Theme.objects.filter(cues="my own words").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the theme&#x27;s name"),
        ({"facet": ""}, "Select the facet the theme belongs to"),
        ({"cues": "good words\n---"}, "has no letters or figures"),
        ({"cues": "x" * 101}, "100 characters or fewer"),
    ],
)
def test_invalid_themes_are_refused_with_a_message(
    admin: Client, overrides: dict[str, object], message: str
) -> None:
    response = admin.post(ADD, values(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuditEvent.objects.filter(verb="theme.created").exists()


def test_changing_a_theme_audits_the_fields_changed(admin: Client) -> None:
    theme = Theme.objects.get(slug="online-harm")
    response = admin.post(
        edit_url(theme), form_values(theme, cues=theme.cues + "\ngaming platform")
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.cues.endswith("gaming platform")
    event = AuditEvent.objects.get(verb="theme.changed")
    assert event.data == {"fields": ["cues"]}


def test_a_retired_theme_is_no_longer_suggested(admin: Client) -> None:
    theme = Theme.objects.get(slug="suicide")
    data = form_values(theme)
    del data["is_active"]
    assert admin.post(edit_url(theme), data).status_code == 302
    theme.refresh_from_db()
    assert theme.is_active is False
    assert "suicide" not in {s.theme.slug for s in suggest_themes("He took his own life.")}
    assert "Retired" in admin.get(LIST).content.decode()


def test_moving_a_theme_to_another_facet_puts_it_last_there(admin: Client) -> None:
    theme = Theme.objects.get(slug="young-carer")
    assert admin.post(edit_url(theme), form_values(theme, facet="family")).status_code == 302
    theme.refresh_from_db()
    assert theme.facet == "family"
    assert theme.position == max(
        Theme.objects.filter(facet="family").values_list("position", flat=True)
    )


def test_a_stale_edit_is_refused_then_saved_knowingly(admin: Client) -> None:
    """Two administrators open the theme; the second to save is told, sees what is different
    (the saved value beside theirs), keeps what they typed, and can save it again on purpose."""
    theme = Theme.objects.get(slug="neglect")
    opened_by_both = form_values(theme)
    first = admin.post(edit_url(theme), {**opened_by_both, "cues": "neglect\nneglected"})
    assert first.status_code == 302

    second = admin.post(edit_url(theme), {**opened_by_both, "cues": "neglect\nunkempt"})
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else saved this theme after you opened it." in html
    assert "unkempt" in html  # what they typed
    panel = html.split('id="edit-conflict"')[1].split("</table>")[0]
    assert "neglected" in panel
    assert "unkempt" in panel
    assert Theme.objects.get(pk=theme.pk).cues == "neglect\nneglected"

    opened_again = second.context["form"].data["opened"]
    third = admin.post(
        edit_url(theme), {**opened_by_both, "cues": "neglect\nunkempt", "opened": opened_again}
    )
    assert third.status_code == 302
    assert Theme.objects.get(pk=theme.pk).cues == "neglect\nunkempt"
    assert AuditEvent.objects.filter(verb="theme.changed").count() == 2


def test_a_stale_edit_is_caught_even_when_the_clock_stands_still(
    admin: Client, frozen_today: object
) -> None:
    theme = Theme.objects.get(slug="neglect")
    opened = form_values(theme)
    assert admin.post(edit_url(theme), {**opened, "name": "Neglect 1"}).status_code == 302
    assert admin.post(edit_url(theme), {**opened, "name": "Neglect 2"}).status_code == 200
    assert Theme.objects.get(pk=theme.pk).name == "Neglect 1"


def test_trying_the_suggestions_shows_themes_and_reasons_without_saving(admin: Client) -> None:
    events = AuditEvent.objects.count()
    response = admin.post(
        TRY, {"text": "A 15-year-old girl was sexually exploited; CSE was not recognised."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Child sexual exploitation" in html
    assert "sexually exploited, CSE" in html
    assert "15-year-old" in html
    assert AuditEvent.objects.count() == events
    assert admin.get(TRY + "?text=x").status_code == 200  # GET shows the empty form


def test_trying_with_no_text_shows_an_error(admin: Client) -> None:
    response = admin.post(TRY, {"text": ""})
    assert "Enter a text to suggest themes for" in response.content.decode()


def test_trying_a_text_with_no_cue_says_so(admin: Client) -> None:
    response = admin.post(TRY, {"text": "The meeting was held on Tuesday."})
    assert "No themes suggested" in response.content.decode()


def test_the_opened_time_round_trips_through_the_form(admin: Client) -> None:
    theme = Theme.objects.get(slug="neglect")
    Theme.objects.filter(pk=theme.pk).update(
        updated_at=dt.datetime(2026, 3, 2, 9, 30, 0, 123456, tzinfo=dt.UTC)
    )
    theme.refresh_from_db()
    html = admin.get(edit_url(theme)).content.decode()
    assert "2026-03-02T09:30:00.123456+00:00" in html
    assert admin.post(edit_url(theme), form_values(theme, name="Neglect!")).status_code == 302
