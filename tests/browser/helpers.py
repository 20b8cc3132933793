"""What browser tests do on every page: sign in, run axe, check the basics, take screenshots."""

import datetime as dt
import re
from pathlib import Path
from typing import TypedDict
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Locator, Page, Route, ViewportSize, expect

from cspr.accounts.models import User
from cspr.accounts.two_factor import current_code

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL_PATH = "/__axe-core__/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = BASE_DIR / "test-results" / "screenshots"
DESKTOP = ViewportSize(width=1280, height=900)
MOBILE = ViewportSize(width=375, height=812)
# How long (milliseconds) Playwright waits for a page or an element before it gives up.
TIMEOUT_MS = 10_000


def days_ago(days: int) -> dt.date:
    """A date this many days before today where the partnership is (the browser tests run on
    the real clock)."""
    return timezone.localdate() - dt.timedelta(days=days)


class Violation(TypedDict):
    id: str
    impact: str | None
    help: str
    targets: list[str]


def give_authenticator(email: str) -> TOTPDevice:
    """The person's authenticator app: a confirmed one is given them if they have none, so
    that signing in asks for its code (call before the password step)."""
    user = User.objects.get(email__iexact=email)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Browser test authenticator")


def security_code_for(email: str) -> str:
    """The code the person's authenticator app shows now, computed from its key. A code is
    accepted once, so a test that signs the same person in twice within 30 seconds forgets
    the last one used, as if time had passed."""
    device = give_authenticator(email)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return current_code(device.key)


def enter_security_code(page: Page, email: str) -> None:
    """On "Enter your security code": the second step of signing in."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(security_code_for(email))
    page.get_by_role("button", name="Continue").click()
    expect(page, f"The security code for {email} was refused").not_to_have_url(
        re.compile(re.escape(reverse("accounts:two-factor-verify")))
    )


def sign_in(page: Page, email: str, password: str) -> None:
    """Sign in through the real pages, as a person would: the password, then the code from
    their authenticator app; wait to leave them."""
    give_authenticator(email)
    page.goto(reverse("accounts:sign-in"))
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page, f"Signing in as {email} did not leave the sign-in page").not_to_have_url(
        re.compile(re.escape(reverse("accounts:sign-in")))
    )
    enter_security_code(page, email)


def inject_axe(page: Page) -> None:
    """Load axe-core into a page whose JavaScript runs, as a script of the page's own origin.

    The Content Security Policy (``script-src 'self'``) rightly blocks the inline script that
    ``add_script_tag(path=...)`` would add, and turning the policy off would hide the
    application's own violations. So the page asks its own origin for
    ``/__axe-core__/axe.min.js`` and Playwright answers from ``node_modules``: the application
    never serves the file and its policy stays exactly as in production.
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    url = f"{origin}{AXE_URL_PATH}"

    def serve_axe(route: Route) -> None:
        route.fulfill(path=AXE_SCRIPT, content_type="text/javascript; charset=utf-8")

    page.route(url, serve_axe)
    try:
        page.add_script_tag(url=url)
    finally:
        page.unroute(url, serve_axe)


def run_axe(page: Page) -> list[Violation]:
    violations: list[Violation] = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],  // details for violations only: faster
            });
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                targets: v.nodes.map((node) => node.target.join(' ')),
            }));
        }""",
        AXE_TAGS,
    )
    return violations


class AxeCopies:
    """A scripted page where axe runs on copies of the pages whose JavaScript is turned off,
    kept open until the test ends (``close_axe_copies``): opening one for each page took
    seconds."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context()
        self.context.add_init_script(path=AXE_SCRIPT)
        self.page = self.context.new_page()
        self.page.route("**/*", self.serve)
        self.html = ""

    def serve(self, route: Route) -> None:
        if route.request.resource_type == "document":
            route.fulfill(body=self.html, content_type="text/html; charset=utf-8")
        else:
            route.continue_()

    def run_axe(self, page: Page) -> list[Violation]:
        self.html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.DOTALL)
        if page.viewport_size:
            self.page.set_viewport_size(page.viewport_size)
        # Leave the last copy first: an address that differs from it only in its fragment
        # would not load the new one.
        self.page.goto("about:blank")
        self.page.goto(urlsplit(page.url)._replace(fragment="").geturl())
        return run_axe(self.page)


_AXE_COPIES: dict[Browser, AxeCopies] = {}


def close_axe_copies() -> None:
    """Close the copies' pages, and with them their connections to the live server, which
    must not outlive the test."""
    while _AXE_COPIES:
        _, copies = _AXE_COPIES.popitem()
        copies.context.close()


def run_axe_on_a_copy(page: Page) -> list[Violation]:
    """Run axe on a page whose JavaScript is turned off, where axe itself cannot run.

    A second, scripted context loads the page's HTML exactly as the browser holds it, minus its
    script elements (so it stays as it was without JavaScript), at the same address and size,
    with the same stylesheets from the live server; axe runs there.
    """
    browser = page.context.browser
    assert browser is not None
    if browser not in _AXE_COPIES:
        _AXE_COPIES[browser] = AxeCopies(browser)
    return _AXE_COPIES[browser].run_axe(page)


def check_accessibility(page: Page) -> None:
    """Run axe-core's WCAG 2.2 A and AA rules on the page; fail naming every violation."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is not at {AXE_SCRIPT}: run `npm ci` (or `make install`).")
    if javascript_ran(page):
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            inject_axe(page)
        violations = run_axe(page)
    else:
        violations = run_axe_on_a_copy(page)
    if violations:
        lines = [
            f"- {v['id']} (impact: {v['impact']}): {v['help']}; at {' | '.join(v['targets'])}"
            for v in violations
        ]
        pytest.fail(
            f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + "\n".join(lines),
            pytrace=False,
        )


def javascript_ran(page: Page) -> bool:
    """Whether GOV.UK Frontend's JavaScript ran on the page (it marks the body)."""
    page.wait_for_load_state("load")  # module scripts have run by then
    return bool(page.evaluate("() => document.body.classList.contains('govuk-frontend-supported')"))


def check_page_basics(page: Page) -> None:
    """One h1, a title of the page's own, and a skip link that moves focus to the main content.
    Leaves the keyboard focus in the main content."""
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).not_to_be_empty()

    title = page.title()
    suffix = f" – {settings.SERVICE_NAME}"
    assert title.endswith(suffix), f"The title {title!r} of {page.url} does not end {suffix!r}"
    own_part = title.removesuffix(suffix).strip()
    assert own_part, f"The title {title!r} of {page.url} says nothing about the page"
    assert own_part != settings.SERVICE_NAME, f"The title of {page.url} only names the service"

    skip_link = page.locator("a.govuk-skip-link")
    expect(skip_link).to_have_count(1)
    expect(skip_link).to_have_attribute("href", "#main-content")
    expect(skip_link).to_have_text("Skip to main content")
    skip_link.focus()
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden until it has the focus
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    if javascript_ran(page):
        # GOV.UK Frontend's skip link makes the main content focusable and focuses it.
        expect(page.locator("#main-content")).to_be_focused()
    else:
        # Without JavaScript the browser moves its focus starting point to the target, so the
        # next Tab lands in the main content or after it, never back in the header.
        page.keyboard.press("Tab")
        landed_after = page.evaluate(
            """() => {
                const main = document.getElementById('main-content');
                const active = document.activeElement;
                return main.contains(active)
                    || Boolean(main.compareDocumentPosition(active)
                               & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
        assert landed_after, f"Tab after the skip link went back before the main on {page.url}"


def screenshot(page: Page, name: str) -> None:
    """Save full-page screenshots 1280 and 375 pixels wide under test-results/screenshots/, and
    fail if at 375 pixels the page scrolls sideways. Leaves the page at 1280 by 900."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not javascript_ran(page) and "no-js" not in slug:
        slug = f"{slug}-no-js"
    try:
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=SCREENSHOTS / f"{slug}-1280.png", full_page=True)
        page.set_viewport_size(MOBILE)
        page.screenshot(path=SCREENSHOTS / f"{slug}-375.png", full_page=True)
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"At {inner_width} pixels wide, {page.url} scrolls sideways: "
            f"its content is {scroll_width} pixels wide"
        )
    finally:
        page.set_viewport_size(DESKTOP)


def check_page(page: Page, name: str | None = None) -> None:
    """What every page must pass: axe, the basics, and (given a name) screenshots that fit a
    phone."""
    check_accessibility(page)
    check_page_basics(page)
    if name is not None:
        screenshot(page, name)


class PageChecks:
    """``check_page`` on every page a journey visits, each distinct page once.

    Call it after each step that lands on a page; give a name to save screenshots of it too. A
    page is the same as one already checked when its path and the text of its main content are
    the same (the sign-in page each time someone signs in, say): it is not checked again, and
    only screenshots are taken if a name asks for them.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen: set[str] = set()

    def __call__(self, name: str | None = None) -> None:
        self.page.wait_for_load_state("load")
        key: str = self.page.evaluate(
            """() => location.pathname + '\\n'
                + (document.getElementById('main-content')?.innerText ?? '')"""
        )
        if key not in self.seen:
            self.seen.add(key)
            check_page(self.page, name)
        elif name is not None:
            screenshot(self.page, name)


def tab_to(page: Page, target: Locator, *, limit: int = 30) -> int:
    """Press Tab until ``target`` has the focus, as a keyboard user would; return the count
    (none if it has the focus already)."""
    if focused(target):
        return 0
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused(target):
            return presses
    pytest.fail(f"{limit} presses of Tab never reached {target} on {page.url}", pytrace=False)


def focused(target: Locator) -> bool:
    return bool(target.evaluate("(element) => element === document.activeElement"))


def type_into(page: Page, target: Locator, text: str, *, limit: int = 30) -> None:
    """Tab to a text box and type into it."""
    tab_to(page, target, limit=limit)
    page.keyboard.type(text)


def press_on(page: Page, target: Locator, key: str = "Space", *, limit: int = 30) -> None:
    """Tab to a control and press a key on it: Space ticks a checkbox, Enter follows a link or
    presses a button."""
    tab_to(page, target, limit=limit)
    page.keyboard.press(key)


def type_date(page: Page, field_id: str, day: dt.date, *, limit: int = 30) -> None:
    """Tab to a GOV.UK date input (``id_<name>``) and type its day, month and year, moving from
    box to box with Tab."""
    tab_to(page, page.locator(f"#{field_id}_0"), limit=limit)
    page.keyboard.type(str(day.day))
    for part, value in ((1, day.month), (2, day.year)):
        page.keyboard.press("Tab")
        expect(page.locator(f"#{field_id}_{part}")).to_be_focused()
        page.keyboard.type(str(value))


def choose_with_keyboard(page: Page, group: Locator, option: str, *, limit: int = 30) -> None:
    """Choose one of a group of radios as a keyboard user does: Tab into the group (it stops at
    the chosen radio, or the first), then the arrow keys, which move and choose at once; Space
    chooses the first radio when none is chosen."""
    target = group.get_by_label(option, exact=True)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if group.evaluate("(g) => g.contains(document.activeElement)"):
            break
    else:
        pytest.fail(f"{limit} presses of Tab never reached {group} on {page.url}", pytrace=False)
    for _ in range(group.get_by_role("radio").count()):
        if focused(target):
            page.keyboard.press("Space")
            expect(target).to_be_checked()
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"The arrow keys never reached {option!r} on {page.url}", pytrace=False)


def check_error_summary(page: Page, links: dict[str, str]) -> None:
    """The GOV.UK error summary lists exactly these problems (message: id of the control it
    links to), with JavaScript it has the focus, the title says there is an error, and each
    link, followed, puts the focus in its control."""
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    if javascript_ran(page):
        expect(summary).to_be_focused()
    assert page.title().startswith("Error: "), (
        f"The title {page.title()!r} does not say there is an error"
    )
    expect(summary.get_by_role("link")).to_have_text(list(links))
    for message, control_id in links.items():
        link = summary.get_by_role("link", name=message, exact=True)
        expect(link).to_have_attribute("href", f"#{control_id}")
        control = page.locator(f"#{control_id}")
        expect(control).to_have_count(1)
        link.click()
        expect(control).to_be_focused()
        expect(control).to_be_in_viewport()
