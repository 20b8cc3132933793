"""HTML typed into free text is shown as text, everywhere (issue 8, item 3): every free-text
column of every record (every CharField and TextField without choices, of every model of
CSPR's apps) is set to a script, then every page is opened by a person allowed to see it. The
script must never reach a page as markup, and its escaped form must show that the text was
there. CSPR has no rich text (every field is plain text, and templates never mark text safe),
so there is nothing for nh3 to sanitise; the one place that builds HTML from text, the learning
library's search snippets, escapes first (``learning.search.highlight``)."""

from typing import Any

from django.apps import apps
from django.db import models
from django.test import Client

from tests.conftest import PartnershipWorld
from tests.security.routes import protected_routes
from tests.security.test_authorisation_matrix import MATRIX, ROLES, roles_for, url_of

SCRIPT = "<script>alert(1)</script>"
PAYLOAD = f"\"'>{SCRIPT}"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

# Columns that are not free text even though they are strings: parts of addresses, keys,
# hashes, names of files and types, e-mail addresses people sign in with. The audit trail is
# append-only (its chain would break).
NOT_FREE_TEXT = {
    "reference",
    "slug",
    "email",
    "content_type",
    "sha256",
    "hash",
    "previous_hash",
    "match_key",
    "fingerprint",
    "password",
    "original_name",
    "reference_prefix",
    "rule_id",
    "key",
    "code",
    "token",
}
SKIPPED_APPS = {"audit"}
PREFERENCE = ["BU", "SP", "AL", "RV", "IS", "AD"]


def free_text_fields() -> dict[type[models.Model], list[str]]:
    found: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models():
        config = model._meta.app_config
        if not config.name.startswith("cspr.") or config.label in SKIPPED_APPS:
            continue
        names = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, models.CharField | models.TextField)
            and not isinstance(field, models.SlugField | models.EmailField)
            and not field.choices
            and not field.primary_key
            and field.name not in NOT_FREE_TEXT
            and (field.max_length is None or field.max_length >= len(PAYLOAD))
        ]
        if names:
            found[model] = names
    return found


def test_every_page_shows_html_in_free_text_as_text(
    world: PartnershipWorld, ids: dict[str, Any]
) -> None:
    fields = free_text_fields()
    assert sum(len(names) for names in fields.values()) > 80
    for model, names in fields.items():
        for pk in model._default_manager.values_list("pk", flat=True):
            # The row's id after the script keeps unique names unique.
            model._default_manager.filter(pk=pk).update(**dict.fromkeys(names, f"{PAYLOAD}{pk}"))
    clients = {}
    for abbreviation, role in ROLES.items():
        clients[abbreviation] = Client()
        clients[abbreviation].force_login(world.person(role.value))
    unescaped, shown = [], 0
    for route in protected_routes():
        if route.name not in MATRIX or not route.takes_get or route.keywords - set(ids):
            continue
        allowed = roles_for(route.name, "GET")
        who = next((a for a in PREFERENCE if ROLES[a] in allowed), None)
        if who is None:
            continue
        response = clients[who].get(url_of(route, ids))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        if SCRIPT in page:
            unescaped.append(route.name)
        shown += ESCAPED in page
    assert unescaped == []
    assert shown > 40  # the text was on the pages, escaped
