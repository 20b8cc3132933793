"""Browser tests: Debian's Chromium (never a downloaded browser) driven by Playwright against
pytest-django's live server, with axe-core for accessibility. The helpers are in
``tests/browser/helpers.py``.

* ``browser``: one headless Chromium for the session.
* ``page``: a new browser context for each test, 1280 by 900, pointed at the live server. It
  fails the test if the browser reports a script error, a console error (a Content Security
  Policy violation shows there) or a sub-resource that did not load.
* ``java_script_enabled``: ``True``; parametrise it with ``[False]`` to run without JavaScript.
* Every browser test runs on ``transactional_db``, so the live server's thread sees the data
  the test builds (on PostgreSQL it uses a connection of its own).
* ``checks``: ``check_page`` on every distinct page a journey visits (``PageChecks``).
* Starting points for the journeys, built through the services with this week's dates (time is
  not frozen: the live server and the browser run on the real clock): ``recent_case`` (referred
  by the world's agency lead, for the school), ``started_review`` (that case triaged, notified
  and in its Rapid Review) and ``invitations`` (the school and ``health`` invited to it).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from cspr.accounts.models import User
from cspr.cases.models import Case
from cspr.cases.services import case_triage, notification_record
from cspr.partnerships.models import Agency
from cspr.rapid_reviews.models import Invitation, RapidReview
from cspr.rapid_reviews.services.starting import agency_invite, rapid_review_start
from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    TIMEOUT_MS,
    PageChecks,
    close_axe_copies,
    days_ago,
)
from tests.conftest import PartnershipWorld

# Assertions wait as long as actions do: CI machines may be busy.
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM}: "
            "apt-get install chromium (as .ci/run does). Never run `playwright install`."
        )
    # Between its calls, Playwright's synchronous API leaves an asyncio event loop marked as
    # running in this thread, and Django then refuses every ORM call ("You cannot call this
    # from an async context"). The tests' database work is synchronous, so Django's documented
    # switch allows it for as long as the browser is open.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()


@pytest.fixture(autouse=True)
def _transactional(transactional_db: None) -> None:
    """Every browser test commits its data, so that the live server's thread can read it.
    Autouse, so it comes before the fixtures that build data (``world`` asks only for ``db``)."""


@pytest.fixture
def live_url(live_server: LiveServer) -> str:
    return live_server.url


@pytest.fixture
def java_script_enabled() -> bool:
    """Parametrise with ``[False]`` to run a test with JavaScript turned off."""
    return True


@dataclass
class BrowserProblems:
    """What went wrong in the browser behind the test's back."""

    messages: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        # "Failed to load resource" repeats a failed response, which response() reports.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.messages.append(f"console error: {message.text} ({message.location})")

    def page_error(self, error: Exception) -> None:
        self.messages.append(f"uncaught script error: {error}")

    def response(self, response: Response) -> None:
        # The status of the page itself (a 403 page, say) is for the test to check.
        if response.status >= 400 and response.request.resource_type != "document":
            self.messages.append(f"{response.status} for {response.url}")


@pytest.fixture
def page(browser: Browser, live_url: str, java_script_enabled: bool) -> Iterator[Page]:
    """A new browser context and page for each test, pointed at the live server."""
    context = browser.new_context(
        base_url=live_url,
        viewport=DESKTOP,
        java_script_enabled=java_script_enabled,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    problems = BrowserProblems()
    new_page.on("console", problems.console)
    new_page.on("pageerror", problems.page_error)
    new_page.on("response", problems.response)
    yield new_page
    close_axe_copies()
    context.close()
    assert not problems.messages, "The browser reported problems:\n" + "\n".join(problems.messages)


@pytest.fixture
def checks(page: Page) -> PageChecks:
    return PageChecks(page)


@pytest.fixture
def recent_case(make_case: Callable[..., Case]) -> Case:
    """Serious harm, abuse suspected, in the area: referred this week by the world's agency
    lead and waiting for triage."""
    return make_case(incident_date=days_ago(6), la_aware_date=days_ago(5))


@pytest.fixture
def started_review(recent_case: Case, world: PartnershipWorld) -> RapidReview:
    """The recent case triaged, notified to the Panel, and in its Rapid Review."""
    bu = world.person("business_unit")
    case_triage(case=recent_case, by=bu, outcome="notify", reason="Unexplained injuries.")
    notification_record(case=recent_case, by=bu, kind="panel", sent_on=days_ago(4))
    return rapid_review_start(case=recent_case, by=bu)


@pytest.fixture
def invitations(
    started_review: RapidReview,
    world: PartnershipWorld,
    school: Agency,
    health: tuple[Agency, User],
) -> tuple[Invitation, Invitation]:
    """The school (the world's agency lead's agency) and ``health`` invited for their scoping
    returns; their leads have the invitations in ``mail.outbox``."""
    bu = world.person("business_unit")
    return (
        agency_invite(rapid_review=started_review, by=bu, agency=school),
        agency_invite(rapid_review=started_review, by=bu, agency=health[0]),
    )
