"""Hardening, each property checked (issue 8, item 2): the Content Security Policy allows no
inline script or style; pages cannot be framed; production sends HSTS and secure, HttpOnly,
SameSite cookies and passes ``check --deploy`` without a warning; pages with case data are never
cached; error pages are generic; URLs carry references and ids, never names; and a whole case's
journey leaves the child's name nowhere in the application logs.

"Application logs" here means what the project's ``LOGGING`` handlers write (the root
logger's console handler, which every CSPR, Django and library logger reaches), with every
logger at DEBUG and ``DEBUG = False`` as in production. SQL is never logged in production:
``django.db.backends`` logs statements only when ``DEBUG`` is on, and
``test_production_settings_are_safe`` proves production turns it off."""

import datetime as dt
import importlib
import io
import json
import logging
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.test import Client, override_settings
from django.urls import get_resolver, reverse

from cspr.cases.models import Case
from cspr.cases.services import case_triage, notification_record
from cspr.core.forms import GovukFormMixin
from cspr.core.logs import WithoutExceptionMessages
from cspr.documents.services.anonymisation import (
    anonymisation_scan,
    hit_clear,
    review_clear_for_publication,
)
from cspr.documents.services.uploads import document_add
from cspr.publication.services.planning import copy_record, plan_set
from cspr.publication.services.publishing import report_publish
from cspr.rapid_reviews.services.decisions import (
    partner_decide,
    rapid_review_send_to_partners,
)
from cspr.rapid_reviews.services.meeting import meeting_record
from cspr.rapid_reviews.services.scoping import scoping_return_submit
from cspr.rapid_reviews.services.starting import (
    agency_invite,
    rapid_review_start,
)
from cspr.reviews.services import (
    participant_add,
    review_mark_final,
    review_open,
    reviewer_commission,
    terms_approve,
    terms_draft,
)
from tests.conftest import PartnershipWorld
from tests.documents.files import docx_bytes, upload
from tests.documents.records import complete_final_report
from tests.factories import TEST_PASSWORD
from tests.fixtures.rapid_reviews import complete_return_values
from tests.fixtures.reviews import MEETING
from tests.publication.conftest import pdf_upload
from tests.security.routes import walk_routes

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "x7Qp9mZ2" * 8
# A fictional child with a name found nowhere else, so any trace of it is a leak.
CHILD = "Zephyrine Quillfeather"


def case_url(case: Any, name: str = "cases:detail") -> str:
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference}
    )


# Headers --------------------------------------------------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_the_content_security_policy_allows_no_inline_script_or_style() -> None:
    policy = settings.SECURE_CSP
    for directive, sources in policy.items():
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:"):
            assert unsafe not in sources, f"{directive} allows {unsafe}"
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]


def test_a_case_page_is_sent_with_every_protective_header(commission, client_as) -> None:
    response = client_as("business_unit").get(case_url(commission.review.case))
    assert response.status_code == 200
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_download_of_case_data_is_never_cached(commission, client_as) -> None:
    response = client_as("business_unit").get(
        case_url(commission.review.case, "cases:data-pack-docx")
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


# Production settings ----------------------------------------------------------------------------

SECURITY_SETTINGS = (
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SECURE_CSP",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "MIDDLEWARE",
)


def production_environment(**extra: str) -> dict[str, str]:
    # Not what this process was given for its tests: the browser tests' Playwright needs
    # DJANGO_ALLOW_ASYNC_UNSAFE, which a deployment must never set (check --deploy says so).
    left_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in left_out}
    environment.update(
        DJANGO_SETTINGS_MODULE="cspr.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="cspr.example",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        **extra,
    )
    return environment


@pytest.fixture(scope="module")
def production() -> dict[str, Any]:
    """The production settings, read in a process of their own (they read the environment
    when imported)."""
    script = (
        "import json, django.conf as c; s = c.settings; "
        f"names = {list(SECURITY_SETTINGS)!r}; "
        "print(json.dumps({n: getattr(s, n) for n in names}, default=list))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", script],
        env=production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


def test_production_settings_are_safe(production: dict[str, Any]) -> None:
    assert production["DEBUG"] is False  # so SQL and tracebacks are never shown or logged
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"
    for cookie in ("SESSION", "CSRF"):
        assert production[f"{cookie}_COOKIE_SECURE"] is True
        assert production[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert production[f"{cookie}_COOKIE_SAMESITE"] in {"Lax", "Strict"}
        assert production[f"{cookie}_COOKIE_NAME"].startswith("__Host-")
    assert production["SESSION_COOKIE_AGE"] <= 30 * 60
    assert production["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert production["SECURE_CSP"] == settings.SECURE_CSP
    for middleware in (
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "django.middleware.csp.ContentSecurityPolicyMiddleware",
        "cspr.core.middleware.NoStoreForSignedInMiddleware",
    ):
        assert middleware in production["MIDDLEWARE"]


def test_production_sends_hsts_and_secure_http_only_same_site_cookies(
    production: dict[str, Any], world: PartnershipWorld
) -> None:
    """A real sign-in over HTTPS with the production settings: the CSRF and session cookies
    are Secure, HttpOnly and SameSite, with the ``__Host-`` prefix, and HSTS is sent."""
    values = {name: production[name] for name in SECURITY_SETTINGS if name != "MIDDLEWARE"}
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    values["DEBUG"] = False
    with override_settings(**values):
        client = Client()
        sign_in = reverse("accounts:sign-in")
        page = client.get(sign_in, secure=True)
        assert page.status_code == 200
        strict = page.headers["Strict-Transport-Security"]
        assert "max-age=31536000" in strict
        assert "includeSubDomains" in strict
        assert "preload" in strict
        csrf = page.cookies[production["CSRF_COOKIE_NAME"]]
        person = world.person("business_unit")
        signed_in = client.post(
            sign_in, {"username": person.email, "password": TEST_PASSWORD}, secure=True
        )
        assert signed_in.status_code == 302
        session = signed_in.cookies[production["SESSION_COOKIE_NAME"]]
        for cookie in (csrf, session):
            assert cookie["secure"] is True
            assert cookie["httponly"] is True
            assert cookie["samesite"] == "Lax"
            assert cookie["path"] == "/"
            assert not cookie["domain"]  # __Host- cookies are bound to the one host
        plain = Client().get(sign_in)  # over plain HTTP: sent to HTTPS first
        assert plain.status_code == 301
        assert plain["Location"].startswith("https://")


def test_check_deploy_reports_nothing_with_production_settings() -> None:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, str(ROOT / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# Error pages ------------------------------------------------------------------------------------


class Failure(RuntimeError):
    pass


def failing_view(request: Any) -> Any:
    raise Failure(f"Could not save the referral of {CHILD}, born 01/09/2025")


def assert_generic(html: str) -> None:
    for leak in (CHILD, "Quillfeather", "Traceback", "Failure", "01/09/2025", 'File "'):
        assert leak not in html


def test_the_server_error_page_is_generic_and_the_log_keeps_no_personal_data(
    world: PartnershipWorld,
) -> None:
    """A 500 shows the generic page (no stack trace, no values); the error is logged with
    its type and stack frames but without its message."""
    client = Client(raise_request_exception=False)
    client.force_login(world.person("business_unit"))
    with (
        override_settings(ROOT_URLCONF="tests.security.failing_urls"),
        application_log() as log,
    ):
        response = client.get("/failing/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert_generic(html)
    written = log.getvalue()
    assert "Internal Server Error: /failing/" in written
    assert "tests.security.test_hardening.Failure (message withheld" in written
    assert CHILD not in written
    assert "Quillfeather" not in written


def test_not_found_forbidden_and_bad_request_pages_are_generic(commission, client_as) -> None:
    case = commission.review.case
    missing = client_as("business_unit").get(case_url(case).replace(case.reference, "XX-1-1"))
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
    forbidden = client_as("agency_lead").get(
        reverse("audit:trail", kwargs={"partnership_slug": case.partnership.slug})
    )
    assert forbidden.status_code == 403
    assert "You do not have permission" in forbidden.content.decode()
    bad = Client().get(reverse("accounts:sign-in"), headers={"host": "evil.example"})
    assert bad.status_code == 400
    for response in (missing, forbidden, bad):
        assert_generic(response.content.decode())
        assert case.identity.full_name not in response.content.decode()


# No personal data in URLs -----------------------------------------------------------------------

# Every keyword a URL may carry, with the converter it must use. A reference (like TS1-2026-001)
# and a pseudonym stand for a case; ids are numbers; nothing else may appear in an address.
URL_KEYWORDS: dict[str, str | None] = {
    "partnership_slug": "SlugConverter",
    "reference": "StringConverter",  # the case reference, never the child's name
    "rule_id": "StringConverter",  # a statutory rule's id, like SCOPING-RETURN
    "recipient": "SlugConverter",  # panel, secretary_of_state, ofsted
    "number": "IntConverter",
    "fmt": None,  # re_path: docx|pdf
    "uidb64": "StringConverter",  # Django's password reset: the user id, base64
    "token": "StringConverter",  # and its one-time token
    "kind": "SlugConverter",  # a learning product's kind: learning-on-a-page, 7-minute-briefing
    # A public learning product: partnership slug, case pseudonym and kind (briefings.drafting
    # .product_slug), never a name or the case reference.
    "slug": "SlugConverter",
}


def test_url_keywords_are_ids_slugs_and_references_only() -> None:
    """Walks every URL pattern: a keyword ending ``_id`` is a number (``rule_id`` names a
    rule); anything else must be in URL_KEYWORDS with its converter. To add one, say in
    URL_KEYWORDS why it can never hold personal data."""
    problems = []
    routes = list(walk_routes(get_resolver().url_patterns))
    assert len(routes) > 100
    for name, converters, regex_groups, _pattern in routes:
        for keyword, converter in converters.items():
            kind = type(converter).__name__
            if keyword.endswith("_id") and keyword != "rule_id":
                if kind != "IntConverter":
                    problems.append(f"{name}: {keyword} must be <int:{keyword}>")
            elif keyword not in URL_KEYWORDS:
                problems.append(f"{name}: {keyword} is not a known keyword (URL_KEYWORDS)")
            elif URL_KEYWORDS[keyword] not in {kind, None}:
                problems.append(f"{name}: {keyword} uses {kind}, not {URL_KEYWORDS[keyword]}")
        for keyword in regex_groups:
            if not (keyword in URL_KEYWORDS or keyword.endswith("_id")):
                problems.append(f"{name}: {keyword} is not a known keyword (URL_KEYWORDS)")
    assert problems == []


# Filters sent by GET put what is typed in the address: only choices, dates and numbers there.
FREE_TEXT_SENT_BY_GET = {
    # A record number (digits), not a name.
    ("cspr.audit.forms.TrailFilterForm", "object_id"),
    # The public learning library's search: it searches published, anonymised learning,
    # and a search must be shareable as a link.
    ("cspr.learning.forms.LibrarySearchForm", "q"),
}


def all_form_classes() -> list[type[Any]]:
    for config in apps.get_app_configs():
        if not config.name.startswith("cspr."):
            continue
        for module in ("forms",):
            try:
                package = importlib.import_module(f"{config.name}.{module}")
            except ModuleNotFoundError:
                continue
            for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
                importlib.import_module(f"{package.__name__}.{info.name}")

    def subclasses(cls: type[Any]) -> Iterator[type[Any]]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(set(subclasses(GovukFormMixin)), key=lambda c: f"{c.__module__}.{c.__name__}")


def test_forms_sent_by_get_take_no_free_text() -> None:
    problems = []
    sent_by_get = [form for form in all_form_classes() if form.sent_by_get]
    assert len(sent_by_get) >= 3
    for form in sent_by_get:
        for name, field in form.base_fields.items():
            if not isinstance(field, forms.CharField) or isinstance(field, forms.ChoiceField):
                continue
            key = (f"{form.__module__}.{form.__name__}", name)
            if key not in FREE_TEXT_SENT_BY_GET:
                problems.append(f"{key[0]}.{name} puts free text in the address")
    assert problems == []


# No personal data in the logs -------------------------------------------------------------------


@contextmanager
def application_log() -> Iterator[io.StringIO]:
    """Everything the project's LOGGING handlers would write, with every logger at DEBUG."""
    root = logging.getLogger()
    formatters = [
        h.formatter for h in root.handlers if isinstance(h.formatter, WithoutExceptionMessages)
    ]
    assert formatters, "the project's LOGGING must format with core.logs.WithoutExceptionMessages"
    buffer = io.StringIO()
    capture = logging.StreamHandler(buffer)
    capture.setFormatter(formatters[0])
    loggers = [root] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        if logger is root or not logger.propagate:
            logger.addHandler(capture)
    try:
        yield buffer
    finally:
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled
            if capture in logger.handlers:
                logger.removeHandler(capture)


def referral_form(world: PartnershipWorld, **overrides: str) -> dict[str, object]:
    lead = world.person("agency_lead")
    return {
        "full_name": CHILD,
        "date_of_birth_0": "1",
        "date_of_birth_1": "9",
        "date_of_birth_2": "2025",
        "sex": "female",
        "child_statuses": ["child_in_need"],
        "incident_kind": "serious_harm",
        "abuse_or_neglect": "suspected",
        "incident_date_0": "24",
        "incident_date_1": "2",
        "incident_date_2": "2026",
        "la_aware_date_0": "25",
        "la_aware_date_1": "2",
        "la_aware_date_2": "2026",
        "location": "in_area",
        "referring_agency": lead.memberships.get().agency_id,
        "police_investigation": "yes",
        # Practitioners write names in free text too: that is content, never a log line.
        "case_outline": f"{CHILD} was admitted with unexplained fractures.",
        **overrides,
    }


def test_a_whole_journey_leaves_the_child_s_name_nowhere_in_the_logs(  # noqa: PLR0917
    world: PartnershipWorld,
    partners: dict[str, Any],
    client_as: Any,
    frozen_today: Any,
    django_capture_on_commit_callbacks: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Referral (through the page, with a mistake first) -> triage -> notification -> Rapid
    Review -> scoping return -> partners' decision -> review -> final report and its
    anonymisation check -> publication, with the pages of each step viewed, e-mails sent,
    refusals and a missing page on the way."""
    with (
        application_log() as log,
        caplog.at_level(logging.DEBUG),
        django_capture_on_commit_callbacks(execute=True),
    ):
        journey(world, partners, client_as, frozen_today)
    written = log.getvalue()
    assert "Not Found: /p/" in written  # the capture works: the missing page was logged
    for part in CHILD.split():
        assert part not in written
        for record in caplog.records:
            assert part not in record.getMessage(), record.name
            assert part not in repr(record.args), record.name


def journey(world: PartnershipWorld, partners: dict[str, Any], client_as: Any, clock: Any) -> None:
    bu, lead = world.person("business_unit"), world.person("agency_lead")
    slug = world.partnership.slug
    as_bu, as_lead = client_as("business_unit"), client_as("agency_lead")
    refer = reverse("cases:refer", kwargs={"partnership_slug": slug})
    mistake = as_lead.post(refer, referral_form(world, incident_date_0="31", incident_date_1="2"))
    assert mistake.status_code == 200
    assert CHILD in mistake.content.decode()  # what was typed is kept on the page
    assert as_lead.post(refer, referral_form(world)).status_code == 302
    case = Case.objects.get(identity__full_name=CHILD)
    for name in ("cases:detail", "cases:data-pack", "cases:data-pack-docx"):
        assert as_bu.get(case_url(case, name)).status_code == 200
    assert as_bu.get(reverse("cases:list", kwargs={"partnership_slug": slug})).status_code == 200
    assert as_bu.get(case_url(case).replace(case.reference, "XX-0-0")).status_code == 404
    assert as_lead.get(reverse("audit:trail", kwargs={"partnership_slug": slug})).status_code == 403

    case_triage(case=case, by=bu, outcome="notify", reason=f"{CHILD}'s injuries.")
    notification_record(case=case, by=bu, kind="panel", sent_on=dt.date(2026, 2, 27))
    case.refresh_from_db()
    rapid_review = rapid_review_start(case=case, by=bu)
    invitation = agency_invite(
        rapid_review=rapid_review, by=bu, agency=lead.memberships.get().agency
    )
    scoping = invitation.scoping_return
    scoping_return_submit(
        scoping_return=scoping,
        by=lead,
        values=complete_return_values(involvement=f"{CHILD} attended the school."),
        expected_version=scoping.version,
    )
    assert as_lead.get(case_url(case)).status_code == 200
    rapid_review.refresh_from_db()
    rapid_review = meeting_record(
        rapid_review=rapid_review,
        by=bu,
        values={**MEETING, "facts": f"{CHILD} was harmed."},
        criteria={},
        expected_version=rapid_review.version,
    )
    rapid_review = rapid_review_send_to_partners(rapid_review=rapid_review, by=bu)
    for partner, person in partners.items():
        partner_decide(
            rapid_review=rapid_review,
            by=person,
            statutory_partner=partner,
            choice="confirm",
            comment="",
        )
    assert as_bu.get(case_url(case, "rapid_reviews:detail")).status_code == 200

    review = review_open(case=case, by=bu, kind="local_cspr", methodology="systems")
    reviewer_commission(
        review=review,
        by=bu,
        reviewer=world.person("reviewer"),
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 8, 31),
    )
    terms = terms_draft(
        review=review,
        by=bu,
        scope_from=dt.date(2025, 9, 1),
        scope_to=dt.date(2026, 2, 24),
        lines_of_enquiry=f"How agencies saw {CHILD}.",
        agencies=[],
    )
    for partner, person in partners.items():
        terms_approve(terms=terms, by=person, statutory_partner=partner)
    participant_add(
        review=review,
        by=bu,
        values={
            "kind": "family",
            "name": "Opaline Quillfeather",
            "role": "Mother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "contributed",
            "how_views_gathered": "A home visit.",
        },
    )
    document_add(
        review=review,
        by=bu,
        kind="draft_report",
        title="First draft",
        upload=upload("draft.docx", docx_bytes(f"{CHILD} lived with her mother.")),
    )
    for name in ("reviews:detail", "documents:list", "chronology:list"):
        assert as_bu.get(case_url(case, name)).status_code == 200
    complete_final_report(review, bu)
    review = review_mark_final(review=review, by=bu)
    scan = anonymisation_scan(review=review, by=bu)
    for hit in scan.hits.all():
        hit_clear(hit=hit, by=bu, note="Checked.")
    review = review_clear_for_publication(review=review, by=bu)
    plan_set(review=review, by=bu, planned_on=dt.date(2026, 3, 16))
    clock.move_to(dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC))
    for recipient in ("panel", "secretary_of_state", "ofsted"):
        copy_record(review=review, by=bu, recipient=recipient, sent_on=dt.date(2026, 3, 4))
    clock.move_to(dt.datetime(2026, 3, 16, 10, tzinfo=dt.UTC))
    report_publish(
        review=review,
        by=bu,
        title="Child Z: a local review",
        summary="What the partnership learnt.",
        uploaded_file=pdf_upload(),
    )
    public = Client().get(reverse("published:partnership", kwargs={"partnership_slug": slug}))
    assert public.status_code == 200
