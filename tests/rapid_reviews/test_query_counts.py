"""The Rapid Review and case pages cost the same number of queries however many agencies are
invited."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AgencyFactory


def count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_do_not_grow_with_the_invitations(review, invite, world, client_as) -> None:
    case = review.case
    kwargs = {"partnership_slug": case.partnership.slug, "reference": case.reference}
    pages = [
        reverse("rapid_reviews:detail", kwargs=kwargs),
        reverse("cases:detail", kwargs=kwargs),
        reverse("cases:list", kwargs={"partnership_slug": case.partnership.slug}),
    ]
    client = client_as("business_unit")
    for _ in range(2):
        invite(AgencyFactory(partnership=world.partnership))
    few = [count(client, url) for url in pages]
    for _ in range(4):
        invite(AgencyFactory(partnership=world.partnership))
    assert [count(client, url) for url in pages] == few
