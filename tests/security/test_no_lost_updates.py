"""No lost updates (issue 8, item 4): every record people edit carries a version, and when two
people edit it at once the second save is refused with a page that shows what changed and keeps
what the second person typed. For every edit page, two people (two clients, each with its own
session) open the form; the first saves; the second saves what they typed and gets the page
back, with the "Someone else saved this" panel listing the field (the first person's value and
theirs) and their words still in the form; the record still holds the first person's value;
then the second person saves again from that page, knowingly, and their value is kept.

Every page whose form carries a version (found by opening every page) must use
``core.conflicts.EditConflictMixin`` and be in ``EDIT_PAGES``; the test says which are not."""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from cspr.core.conflicts import EditConflictMixin
from cspr.partnerships.models import Membership
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.reviews.models import Review
from cspr.reviews.workflow import ReviewState
from tests.conftest import PartnershipWorld
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.reviews import MEETING
from tests.security.forms import Form, as_sent, forms_of
from tests.security.routes import Route, protected_routes
from tests.security.test_authorisation_matrix import MATRIX, ROLES, roles_for, url_of


@dataclass(frozen=True)
class Edit:
    role: str
    text: str = ""  # a free-text field each person changes to their own words
    first: dict[str, str] = field(default_factory=dict)  # or each person's own values
    second: dict[str, str] = field(default_factory=dict)
    shown: tuple[str, str] = ("", "")  # how the panel shows first's and second's values
    # Both people also fill in these (a required field the record has empty), and these from
    # ``url_ids`` (field -> id keyword).
    extra: dict[str, str] = field(default_factory=dict)
    extra_ids: dict[str, str] = field(default_factory=dict)

    def values(self, who: str) -> dict[str, str]:
        if self.text:
            return {self.text: f"What {who} typed."}
        return self.first if who == "the first person" else self.second

    def filled(self, ids: dict[str, Any]) -> dict[str, str]:
        return {**self.extra, **{name: str(ids[key]) for name, key in self.extra_ids.items()}}

    def shows(self, who: str) -> str:
        if self.text:
            return f"What {who} typed."
        return self.shown[0] if who == "the first person" else self.shown[1]


def date(day: int, month: int, year: int, name: str) -> dict[str, str]:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


# url name -> who edits it and what each person changes. ``url_ids`` gives the record; pages
# editable only in another state of the review are in ``OTHER_STATES``.
EDIT_PAGES: dict[str, Edit] = {
    "chronology:edit": Edit("BU", "what_happened"),
    "partnerships:agency-edit": Edit("AD", "name"),
    "partnerships:membership-edit": Edit(
        "AD",
        first={"role": "independent_scrutineer"},
        second={"role": "business_unit"},
        shown=("Independent scrutineer", "Business unit"),
    ),
    "clock:setting-edit": Edit("AD", "reason"),
    "cases:process-edit": Edit("BU", "notes"),
    "rapid_reviews:return": Edit("AL", "involvement"),
    "rapid_reviews:lateness": Edit("BU", "reason", extra=date(1, 4, 2026, "expected_on")),
    "reviews:edit": Edit("BU", "methodology_notes"),
    "reviews:participant-edit": Edit("BU", "how_views_gathered"),
    "reviews:terms": Edit("BU", "lines_of_enquiry", extra_ids={"agencies": "agency_id"}),
    "documents:checklist": Edit("BU", "improvements"),
    "documents:feedback-respond": Edit("BU", "response"),
    "publication:delay-change": Edit(
        "BU",
        first=date(8, 4, 2026, "review_on"),
        second=date(15, 4, 2026, "review_on"),
        shown=("8 April 2026", "15 April 2026"),
    ),
    "rapid_reviews:meeting": Edit("BU", "facts"),
    "publication:plan": Edit(
        "BU",
        first=date(16, 3, 2026, "planned_on"),
        second=date(23, 3, 2026, "planned_on"),
        shown=("16 March 2026", "23 March 2026"),
    ),
    "actions:recommendation-edit": Edit("BU", "text"),
    "actions:action-edit": Edit("BU", "what"),
    "learning:item": Edit("BU", "summary"),
    "briefings:edit": Edit("BU", "title"),
}
OTHER_STATES = {"rapid_reviews:meeting", "publication:plan"}

# Steps of a workflow that carry the version so that a step taken from a stale page is refused
# with why (``StaleEdit``'s message), not edits of a record's values: there is nothing to
# compare, the page shows the new state.
STEPS = {
    "disputes:detail": "closing the current stage of a difference of opinion (its form)",
    "disputes:close-stage": "closing the current stage of a difference of opinion",
    "actions:sign-off": "a partner signing the action plan off as it stood when they read it",
    "actions:action-update": "recording an update on an action (a new record each time)",
}


def second_person(world: PartnershipWorld, role: str) -> Any:
    """Another person with the same role (and agency, and statutory partner)."""
    mine = Membership.objects.get(user=world.person(role), partnership=world.partnership)
    person = UserFactory(full_name=f"Second {role}")
    MembershipFactory(
        user=person,
        partnership=world.partnership,
        role=mine.role,
        agency=mine.agency,
        statutory_partner=mine.statutory_partner,
    )
    return person


def signed_in(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def the_form(client: Client, url: str) -> Form:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    return the_form_of(response.content.decode(), url)


def the_form_of(html: str, url: str) -> Form:
    found = [f for f in forms_of(html) if f.method == "post" and f.action in {None, "", url}]
    assert found, f"{url} has no form that posts to itself"
    return found[-1]


def saved_value(client: Client, url: str, edit: Edit) -> dict[str, list[str]]:
    sent = as_sent(the_form(client, url))
    return {name: sent.get(name, []) for name in edit.values("anyone")}


def two_people_edit(
    world: PartnershipWorld,
    url: str,
    edit: Edit,
    ids: dict[str, Any] | None = None,
) -> list[str]:
    """The story of the module's docstring; returns what went wrong."""
    role = ROLES[edit.role].value
    first, second = signed_in(world.person(role)), signed_in(second_person(world, role))
    first_form, second_form = the_form(first, url), the_form(second, url)
    filled = edit.filled(ids or {})
    problems = []
    saved = first.post(url, {**as_sent(first_form), **filled, **edit.values("the first person")})
    if saved.status_code != 302:
        return [f"the first save answered {saved.status_code}"]
    mine = edit.values("the second person")
    refused = second.post(url, {**as_sent(second_form), **filled, **mine})
    page = refused.content.decode()
    if refused.status_code != 200 or 'id="edit-conflict"' not in page:
        return [f"the second save was not refused with the conflict panel ({refused.status_code})"]
    for what in (escape(edit.shows("the first person")), escape(edit.shows("the second person"))):
        if what not in page.split('id="edit-conflict"')[1].split("</table>")[0]:
            problems.append(f"the panel does not show {what!r}")
    kept = as_sent(the_form_of(page, url))
    if any(kept.get(name) != [value] for name, value in mine.items()):
        problems.append("the form did not keep what the second person typed")
    if saved_value(first, url, edit) != {
        k: [v] for k, v in edit.values("the first person").items()
    }:
        problems.append("the second save changed the record")
    again = second.post(url, kept)
    if again.status_code != 302:
        problems.append(f"saving again from the conflict page answered {again.status_code}")
    elif saved_value(first, url, edit) != {k: [v] for k, v in mine.items()}:
        problems.append("saving again did not keep the second person's values")
    return problems


def test_every_versioned_form_shows_what_changed(
    world: PartnershipWorld, ids: dict[str, Any]
) -> None:
    """Finds every page whose form carries a version: each must be an EditConflictMixin view
    listed in EDIT_PAGES."""
    clients = {a: signed_in(world.person(role.value)) for a, role in ROLES.items()}
    found: dict[str, Route] = {}
    for route in protected_routes():
        if route.name not in MATRIX or not route.takes_get or route.keywords - set(ids):
            continue
        allowed = [a for a in ROLES if ROLES[a] in roles_for(route.name, "GET")]
        if not allowed:
            continue
        response = clients[allowed[0]].get(url_of(route, ids))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for form in forms_of(response.content.decode()):
            version = form.fields.get("version")
            # A form adding a record carries an empty version (it shares the editing form).
            if (
                form.method == "post"
                and version
                and version.kind == "hidden"
                and any(version.values)
            ):
                found[route.name] = route
    assert len(found) >= 12
    missing = sorted(set(found) - set(EDIT_PAGES) - set(STEPS))
    assert missing == [], f"Add these edit pages to EDIT_PAGES (and test them): {missing}"
    not_mixin = sorted(
        name
        for name, route in found.items()
        if name not in STEPS and not issubclass(route.view_class, EditConflictMixin)
    )
    assert not_mixin == [], f"These must use core.conflicts.EditConflictMixin: {not_mixin}"


@pytest.mark.parametrize("name", sorted(set(EDIT_PAGES) - OTHER_STATES))
def test_two_people_editing_at_once(
    world: PartnershipWorld, ids: dict[str, Any], name: str
) -> None:
    route = next(r for r in protected_routes() if r.name == name)
    url = url_of(route, ids)
    assert two_people_edit(world, url, EDIT_PAGES[name], ids) == []


def test_two_people_editing_the_rapid_review_meeting_at_once(
    world: PartnershipWorld, review: Any, invite: Any, school: Any
) -> None:
    invite(school)
    review.refresh_from_db()
    meeting_record(
        rapid_review=review,
        by=world.person("business_unit"),
        values=MEETING,
        criteria={},
        expected_version=review.version,
    )
    route = next(r for r in protected_routes() if r.name == "rapid_reviews:meeting")
    ids = {"partnership_slug": world.partnership.slug, "reference": review.case.reference}
    assert two_people_edit(world, url_of(route, ids), EDIT_PAGES["rapid_reviews:meeting"]) == []


def test_two_people_planning_the_publication_at_once(
    world: PartnershipWorld, cspr: Any, frozen_today: Any
) -> None:
    Review.objects.filter(pk=cspr.pk).update(state=ReviewState.READY_TO_PUBLISH)
    route = next(r for r in protected_routes() if r.name == "publication:plan")
    ids = {"partnership_slug": world.partnership.slug, "reference": cspr.case.reference}
    assert two_people_edit(world, url_of(route, ids), EDIT_PAGES["publication:plan"]) == []
