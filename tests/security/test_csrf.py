"""Cross-site request forgery: every URL that takes a POST refuses one without the CSRF token
(403, CSPR's own page), even from a person allowed to use it, and nothing is written. The pages
themselves put the token in every form they send by POST
(tests/security/test_authorisation_matrix.py checks each page it sees)."""

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.conftest import PartnershipWorld
from tests.security.database import changed, row_counts
from tests.security.routes import all_routes
from tests.security.test_authorisation_matrix import MATRIX, ROLES, roles_for, url_of


def test_every_post_without_the_token_is_refused_and_writes_nothing(
    world: PartnershipWorld, ids: dict[str, Any]
) -> None:
    person = world.person("business_unit")
    public_ids = {
        "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
        "token": default_token_generator.make_token(person),
    }
    clients: dict[str, Client] = {}
    for abbreviation, role in ROLES.items():
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.person(role.value))
        clients[abbreviation] = client
    checked, accepted = [], []
    before = row_counts()
    for route in all_routes():
        if not route.takes_post:
            continue
        if route.public:
            client = Client(enforce_csrf_checks=True)
            url = route.url({**ids, **public_ids})
        else:
            if route.name not in MATRIX:
                continue  # tests/security/test_authorisation_matrix.py reports it
            allowed = [a for a, role in ROLES.items() if role in roles_for(route.name, "POST")]
            if not allowed:
                continue  # nobody may post to it in this state: a 403 would prove nothing
            client = clients[allowed[0]]
            url = url_of(route, ids)
        response = client.post(url, {"anything": "x"})
        checked.append(route.name)
        page = response.content.decode()
        if response.status_code != 403 or "the form was not sent" not in page:
            accepted.append(f"{route.name}: {response.status_code}")
    assert accepted == []
    assert changed(before, row_counts()) == []
    assert len(checked) > 60
    assert {"accounts:sign-in", "cases:refer", "chronology:import"} <= set(checked)
