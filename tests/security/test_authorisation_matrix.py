"""Who may do what, for every URL: each protected URL pattern is requested by every role of
the SAME partnership (GET, and POST where the page takes one), on a case under review with one
record of every kind (``url_ids``), and the outcome compared with ``MATRIX``. A role listed may
use the page (200, a redirect, 400 for a refusal by the service, 405 for the method the page
does not take); every other role is refused (403, or 404 where the page's record is outside
what the person may see). Every page it sees must also carry no inline script or style (CSP),
and every form on it sent by POST must carry the CSRF token.

A new URL pattern fails ``test_every_protected_url_is_in_the_matrix`` until it is added here:
say which roles may use it, with a comment where the answer depends on the record's state.
Other partnerships are tests/security/test_partnership_isolation.py; ids of another
partnership's records in this partnership's URLs are tests/security/test_idor.py."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from cspr.partnerships.models import Role
from tests.conftest import PartnershipWorld
from tests.security.routes import Route, protected_routes

ROLES = {
    "BU": Role.BUSINESS_UNIT,
    "SP": Role.SAFEGUARDING_PARTNER,
    "AL": Role.AGENCY_LEAD,
    "RV": Role.REVIEWER,
    "IS": Role.INDEPENDENT_SCRUTINEER,
    "AD": Role.ADMINISTRATOR,
}
EVERYONE = "BU SP AL RV IS AD"
NOBODY = ""

# url name -> the roles that may use it, or (roles for GET, roles for POST). The agency lead
# is of the school, which referred the case and was invited to its Rapid Review; the reviewer
# is commissioned for it.
MATRIX: dict[str, str | tuple[str, str]] = {
    "home": EVERYONE,
    # Each person's own two-factor sign-in. Signed in fully (force_login), set-up and the code
    # pages send them on (302); the account pages are theirs whatever their role.
    "accounts:two-factor": EVERYONE,
    "accounts:two-factor-set-up": EVERYONE,
    "accounts:two-factor-verify": EVERYONE,
    "accounts:two-factor-recovery": EVERYONE,
    "accounts:recovery-codes": EVERYONE,
    "accounts:recovery-codes-new": EVERYONE,
    "clock:bank-holidays": "AD",
    "clock:bank-holiday-remove": "AD",
    "clock:settings": "BU SP AD",
    "clock:setting-edit": "AD",
    "clock:setting-reset": "AD",
    "partnerships:home": EVERYONE,
    "partnerships:agencies": "AD",
    "partnerships:agency-add": "AD",
    "partnerships:agency-edit": "AD",
    "partnerships:people": "AD",
    "partnerships:person-add": "AD",
    "partnerships:membership-edit": "AD",
    "partnerships:membership-end": "AD",
    "partnerships:two-factor-reset": "AD",  # another member's (the reviewer's), never one's own
    "audit:trail": "BU SP",
    "cases:list": "BU SP",
    "cases:refer": "BU AL",
    "cases:detail": "BU SP AL RV",
    "cases:triage": "BU",
    "cases:notify": "BU",
    "cases:adjust": "BU",
    "cases:adjust-return": "BU",
    "cases:process-add": "BU",
    "cases:process-edit": "BU",
    "cases:data-pack": "BU",
    "cases:data-pack-docx": "BU",
    "rapid_reviews:start": "BU",
    "rapid_reviews:detail": "BU SP",
    "rapid_reviews:invite": "BU",
    "rapid_reviews:meeting": "BU",
    "rapid_reviews:action-add": "BU",
    "rapid_reviews:send-to-partners": "BU",
    "rapid_reviews:decide": "SP",
    "rapid_reviews:lateness": "BU",
    "rapid_reviews:send-to-panel": "BU",
    "rapid_reviews:panel-response": "BU",
    "rapid_reviews:document": "BU SP",
    # The business unit and the partners read an agency's return; only the agency writes it.
    "rapid_reviews:return": ("BU SP AL", "AL"),
    "rapid_reviews:contact-add": "AL",
    "rapid_reviews:contact-remove": "AL",
    "rapid_reviews:send-back": "BU",
    "disputes:list": "BU SP AL IS",
    "disputes:raise": "BU SP AL",
    # Anyone who sees the case sees its differences of opinion; the scrutineer sees them all.
    "disputes:detail": "BU SP AL RV IS",
    "disputes:close-stage": "BU",
    "reviews:monitoring": "BU SP",
    "reviews:open": "BU",
    "reviews:detail": "BU SP RV",
    "reviews:edit": "BU",
    "reviews:commission": "BU",
    "reviews:commission-end": "BU",
    "reviews:terms": "BU",
    "reviews:terms-approve": "SP",
    "reviews:participant-add": "BU",
    "reviews:participant-edit": "BU",
    "reviews:request-add": "BU",
    "reviews:request-fulfil": "BU",
    "reviews:mark-final": "BU",
    "chronology:list": "BU SP AL RV",
    "chronology:add": "BU AL RV",
    "chronology:edit": "BU",  # the entry was added by the business unit
    "chronology:delete": "BU",
    "chronology:import": "BU AL RV",
    "chronology:template-csv": "BU AL RV",
    "chronology:template-xlsx": "BU AL RV",
    "chronology:export-xlsx": "BU SP AL RV",
    "chronology:export-pdf": "BU SP AL RV",
    "chronology:timeline": "BU SP AL RV",
    "documents:list": "BU SP RV",
    "documents:add": "BU RV",
    "documents:detail": "BU SP RV",
    "documents:version-add": "BU RV",
    "documents:download": "BU SP RV",
    "documents:comment-add": "BU SP RV",
    "documents:comment-resolve": "BU RV",
    "documents:checklist": "BU",
    "documents:feedback": "BU SP RV",
    "documents:feedback-add": "BU SP",
    "documents:feedback-respond": "BU RV",
    "documents:feedback-close": "BU",
    "documents:anonymisation": "BU",
    "documents:anonymisation-run": "BU",
    "documents:hit-clear": "BU",
    "documents:clear-for-publication": "BU",
    "publication:detail": "BU SP RV",
    "publication:plan": "BU",
    "publication:copy": "BU",
    "publication:delay-add": "BU",
    "publication:delay-change": "BU",
    "publication:delay-end": "BU",
    "publication:publish": "BU",
    "publication:not-publish": "BU",
    # Nothing is published yet, so there is nothing to take down or deposit: not found for
    # everyone (who may do it once published: tests/publication/test_pages.py).
    "publication:take-down": NOBODY,
    "publication:deposit-sent": NOBODY,
    # Learning products: the review's Learning on a Page is a draft (the review is under way,
    # so drafting and each step answer 400 with the reason); a partner approves it.
    "briefings:list": "BU SP RV",
    "briefings:detail": "BU SP RV",
    "briefings:pdf": "BU SP RV",
    "briefings:deliveries": "BU SP RV",
    "briefings:draft": "BU",
    "briefings:edit": "BU",
    "briefings:approve": "SP",
    "briefings:publish": "BU",
    "briefings:withdraw": "BU",
    "briefings:reopen": "BU",
    "briefings:delivery-add": "BU",
    # Action plans (ACTIONS): the business unit drafts; partners sign off, review impact and
    # close; the agency lead (the action's named owner) updates it; the commissioned reviewer
    # reads the plan of their case. The plan is a draft, so closing it answers 400.
    "actions:list": "BU SP AL RV",
    "actions:plan": "BU SP AL RV",
    "actions:recommendation": "BU SP AL RV",
    "actions:action": "BU SP AL RV",
    "actions:evidence": "BU SP AL RV",
    "actions:export-docx": "BU SP",
    "actions:export-xlsx": "BU SP",
    "actions:start": "BU",
    "actions:bring-in": "BU",
    "actions:recommendation-add": "BU",
    "actions:recommendation-edit": "BU",
    "actions:recommendation-remove": "BU",
    "actions:action-add": "BU",
    "actions:action-edit": "BU",
    "actions:action-remove": "BU",
    "actions:reopen": "BU",
    "actions:action-update": "AL",  # only the agency that owns it, or the named owner
    "actions:sign-off": "SP",
    "actions:impact-review": "SP",
    "actions:close": "SP",
    # Retention: the administrator sets the period; the business unit and partners see which
    # closed cases it will delete.
    "backups:retention": "BU SP AD",
    "backups:retention-edit": "AD",
    "backups:retention-stop": "AD",
    # The case's themes, and the evidence the Rapid Review cites (CRIT-LOCAL (a), (b)).
    "cases:themes": "BU",
    "rapid_reviews:cite": "BU",
    "rapid_reviews:citation-remove": "BU",
    "recurring:partnership": "BU SP",
    # The learning library's own pages: the business unit adds to it.
    "learning:list": "BU",
    "learning:upload": "BU",
    "learning:batch": "BU",
    "learning:item": "BU",
    "learning:publish": "BU",
    "learning:withdraw": "BU",
    # One vocabulary of themes for every partnership: administrators edit it.
    "themes:list": "AD",
    "themes:add": "AD",
    "themes:edit": "AD",
    "themes:try": "AD",
}

# A URL whose keywords need other values than ``url_ids`` gives for this matrix to mean
# something: a deadline still open on the case (its Rapid Review is not yet with the Panel).
OVERRIDES: dict[str, dict[str, Any]] = {
    "cases:adjust": {"rule_id": "RAPID-REVIEW"},
}

ALLOWED_GET = {200, 302}
ALLOWED_POST = {200, 302, 400}
REFUSED = {403, 404}


def roles_for(name: str, method: str) -> set[Role]:
    entry = MATRIX[name]
    words = entry if isinstance(entry, str) else entry[0 if method == "GET" else 1]
    return {ROLES[word] for word in words.split()}


def url_of(route: Route, ids: dict[str, Any]) -> str:
    return route.url({**ids, **OVERRIDES.get(route.name, {})})


def request(client: Client, method: str, url: str) -> Any:
    """One request whose writes are undone, so that every request sees the same records."""
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url)
        transaction.set_rollback(True)
    return response


class InlineCode(HTMLParser):
    """Finds what the Content Security Policy would block (inline script, style blocks, style
    attributes and event handler attributes) and forms sent by POST without the CSRF token."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.post_form: str | None = None
        self.has_token = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.post_form is not None:
            if not self.has_token:
                self.found.append(f"a form posting to {self.post_form} has no CSRF token")
            self.post_form = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        values = dict(attrs)
        if tag == "form" and (values.get("method") or "").lower() == "post":
            self.post_form, self.has_token = values.get("action") or "itself", False
        if tag == "input" and values.get("name") == "csrfmiddlewaretoken":
            self.has_token = True
        if tag == "script" and "src" not in names:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        if "style" in names:
            self.found.append(f"style= on <{tag}>")
        self.found.extend(f"{name}= on <{tag}>" for name in names if name.startswith("on"))


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_every_protected_url_is_in_the_matrix() -> None:
    names = {route.name for route in protected_routes()}
    missing = sorted(names - set(MATRIX))
    stale = sorted(set(MATRIX) - names)
    assert missing == [], (
        "Add these URL names to MATRIX in tests/security/test_authorisation_matrix.py, with "
        f"the roles that may use them: {missing}"
    )
    assert stale == [], f"These MATRIX entries name no URL any more: {stale}"


@pytest.mark.parametrize("abbreviation", list(ROLES))
def test_each_role_gets_what_the_matrix_says_on_every_url(
    world: PartnershipWorld, ids: dict[str, Any], abbreviation: str
) -> None:
    role = ROLES[abbreviation]
    client = Client()
    client.force_login(world.person(role.value))
    wrong, inline = [], []
    for route in protected_routes():
        if route.name not in MATRIX:
            continue  # reported by test_every_protected_url_is_in_the_matrix
        url = url_of(route, ids)
        for method in ("GET", "POST"):
            takes = route.takes_get if method == "GET" else route.takes_post
            allowed = role in roles_for(route.name, method)
            response = request(client, method, url)
            status = response.status_code
            if not takes:
                expected = {405} if allowed else REFUSED | {405}
            elif allowed:
                expected = ALLOWED_GET if method == "GET" else ALLOWED_POST
            else:
                expected = REFUSED
            if status not in expected:
                wrong.append(f"{method} {route.name} as {abbreviation}: {status}, not {expected}")
            if status == 200 and response.get("Content-Type", "").startswith("text/html"):
                inline.extend(
                    f"{route.name}: {what}" for what in inline_code(response.content.decode())
                )
    assert wrong == []
    assert inline == []
