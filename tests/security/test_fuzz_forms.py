"""Every form, fuzzed (issue 8, item 3): each protected page that takes a POST is opened by a
person allowed to use it (tests/security/test_authorisation_matrix.py's MATRIX) on a partnership
with one record of every kind, its form's fields are read from the HTML, and hypothesis sends
them what people paste and attackers try (NUL characters, very long text, HTML, SQL, numbers
out of range, impossible dates, missing fields, a field sent twice, files of random bytes).
Nothing may fail with a server error, and when the form comes back (a 200 with the errors, or
a 400 refusal) not one row may have changed. Filters sent by GET are fuzzed the same way. Each
example runs in a transaction that is then rolled back, so each starts from the same records.

The budget is a few examples a page (``EXAMPLES``, chosen the same way each run:
``derandomize``) besides the same five every form gets (``with_examples``), so the whole file
runs in about a minute on SQLite."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import PartnershipWorld
from tests.security.database import changed, row_counts
from tests.security.forms import Form, form_data, forms_of
from tests.security.routes import Route, all_routes
from tests.security.test_authorisation_matrix import MATRIX, ROLES, roles_for, url_of

EXAMPLES = 4
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# A refusal these pages record on purpose: a failed sign-in is a security event (ASVS V7).
RECORDED_WHEN_REFUSED = {"accounts:sign-in": {"audit_auditevent"}}
# Whom to fuzz a page as, when several may use it.
PREFERENCE = ["BU", "AL", "SP", "RV", "AD", "IS"]
FILE_NAMES = ["report.pdf", "data.csv", "x.exe", "no-extension", "nul\x00.pdf", "a" * 300 + ".pdf"]


def person_for(route: Route, method: str) -> str | None:
    if route.public:
        return "public"
    if route.name not in MATRIX:
        return None  # reported by test_every_protected_url_is_in_the_matrix
    allowed = roles_for(route.name, method)
    return next((a for a in PREFERENCE if ROLES[a] in allowed), None)


def page_forms(client: Client, url: str, method: str) -> list[Form]:
    """The forms of the page that send to the page itself."""
    response = client.get(url)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    return [
        form
        for form in forms_of(response.content.decode())
        if form.method == method.lower() and form.action in {None, "", url}
    ]


def files_for(form: Form) -> st.SearchStrategy[dict[str, Any]]:
    names = [f.name for f in form.fields.values() if f.kind == "file"]
    upload = st.builds(
        SimpleUploadedFile, st.sampled_from(FILE_NAMES), st.binary(min_size=0, max_size=4096)
    )
    return st.fixed_dictionaries(dict.fromkeys(names, upload))


@pytest.fixture
def clients(world: PartnershipWorld) -> dict[str, Client]:
    made = {"public": Client()}
    for abbreviation, role in ROLES.items():
        client = Client()
        client.force_login(world.person(role.value))
        made[abbreviation] = client
    return made


def with_examples(form: Form, test: Any) -> Any:
    """Besides hypothesis's own, every form is sent these every time: every field a NUL
    character, HTML, 10,000 characters, sent twice, and nothing at all."""
    names = [f.name for f in form.fields.values() if f.kind != "file"]
    files = {
        f.name: SimpleUploadedFile("nul\x00.pdf", b"%PDF-1.4 \x00")
        for f in form.fields.values()
        if f.kind == "file"
    }
    for value in ("\x00", "<script>alert(1)</script>", "x" * 10_000, ["1", "2"]):
        test = example(data=dict.fromkeys(names, value), files=files)(test)
    return example(data={}, files={})(test)


def fuzz_post(route: Route, client: Client, url: str, form: Form, failures: list[str]) -> None:
    before = row_counts()
    expected = RECORDED_WHEN_REFUSED.get(route.name, set())

    @FUZZ
    @given(data=form_data(form), files=files_for(form))
    def send(data: dict[str, Any], files: dict[str, Any]) -> None:
        with transaction.atomic():
            response = client.post(url, {**data, **files})
            status = response.status_code
            if status >= 500:
                failures.append(f"POST {url}: {status}")
            elif status in {200, 400} and (rows := set(changed(before, row_counts())) - expected):
                failures.append(f"POST {url}: came back with {status} but changed {rows}")
            transaction.set_rollback(True)

    with_examples(form, send)()


def fuzz_get(client: Client, url: str, form: Form, failures: list[str]) -> None:
    @FUZZ
    @given(data=form_data(form))
    def send(data: dict[str, Any]) -> None:
        with transaction.atomic():
            status = client.get(url, data).status_code
            if status >= 500:
                failures.append(f"GET {url}: {status}")
            transaction.set_rollback(True)

    send()


def test_no_form_fails_or_writes_half_of_what_it_was_sent(
    clients: dict[str, Client], ids: dict[str, Any], world: PartnershipWorld
) -> None:
    failures: list[str] = []
    fuzzed: list[str] = []
    for route in all_routes():
        if route.public and route.keywords:
            continue  # public pages of a record (published reports): nothing is sent to them
        if route.keywords - set(ids):
            continue  # test_partnership_isolation.py says which ids are missing
        url = route.url({}) if route.public else url_of(route, ids)
        if route.takes_post and (who := person_for(route, "POST")):
            client = clients[who]
            forms = page_forms(client, url, "POST") if route.takes_get else []
            form = forms[0] if forms else Form(method="post", action=None, multipart=False)
            for more in forms[1:]:
                form.fields.update(more.fields)
            fuzz_post(route, client, url, form, failures)
            fuzzed.append(f"POST {route.name}")
        if route.takes_get and (who := person_for(route, "GET")):
            for form in page_forms(clients[who], url, "GET"):
                if form.fields:
                    fuzz_get(clients[who], url, form, failures)
                    fuzzed.append(f"GET {route.name}")
    assert failures == []
    assert len(fuzzed) > 60
    assert {"POST cases:refer", "POST chronology:import", "GET cases:list"} <= set(fuzzed)
