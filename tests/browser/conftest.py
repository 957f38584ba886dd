"""Fixtures for journeys in a real browser: Debian's Chromium driven by Playwright against
pytest-django's live server, and an axe-core check of WCAG 2.2 AA on every page visited.

Run with ``pytest tests/browser -m browser``. The browser is Debian's own Chromium
(``apt-get install chromium``); the suite never downloads one, and fails, rather than skips,
when it is missing, so a green run always means the pages were really checked.
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Long enough for a slow CI core, short enough that a missing element fails in seconds.
TIMEOUT_MS = 10_000

_SCRIPT_ELEMENT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # Playwright's sync API keeps an asyncio event loop running in this thread, and Django
    # then refuses the tests' own ORM calls as coming from "async context"
    # (SynchronousOnlyOperation). DJANGO_ALLOW_ASYNC_UNSAFE is Django's documented switch for
    # exactly this case; nothing here shares a connection between coroutines. It is set only
    # while Playwright's loop runs: from the first browser test to the end of the session.
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        if not CHROMIUM.exists():
            pytest.fail(
                f"No browser at {CHROMIUM}: install Debian's Chromium with "
                "`apt-get install chromium`. The browser tests never download a browser.",
                pytrace=False,
            )
        with sync_playwright() as playwright:
            try:
                chromium = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
            except Error as error:
                pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)
            yield chromium
            chromium.close()


@pytest.fixture(autouse=True)
def fast_password_hasher(settings) -> None:
    """Hashing is slow on purpose; journeys need it fast, not strong. The live server runs in
    this process, so it hashes the same way."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Contexts opened with JavaScript off; axe cannot run in them (see assert_accessible).
_SCRIPTLESS: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


@pytest.fixture
def new_context(browser: Browser, live_server) -> Iterator[Callable[..., BrowserContext]]:
    """Open a fresh browser context (own cookies, own session) on the live server; every
    context opened is closed when the test ends."""
    opened: list[BrowserContext] = []

    def open_context(**options: object) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        if options.get("java_script_enabled") is False:
            _SCRIPTLESS.add(context)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


@pytest.fixture
def candidate_context(new_context, live_server) -> Callable[..., BrowserContext]:
    """Open a browser context signed in as a candidate, as a one-time code would leave it
    (candidates sign in through the session, not as users); options go to ``new_context``."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    from oneworkforce.recruitment.candidate_session import SESSION_KEY

    def open_as(candidate, **options: object) -> BrowserContext:  # type: ignore[no-untyped-def]
        session = SessionStore()
        session[SESSION_KEY] = candidate.pk
        session.create()
        context = new_context(**options)
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key,
              "url": live_server.url}]
        )  # fmt: skip
        return context

    return open_as


# The pages run under a Content-Security-Policy with nonces and no 'unsafe-inline', which
# would block axe's injected <script>. bypass_csp lifts the policy for the test's own
# injection only in effect: axe reads the DOM and computed styles the server's HTML and CSS
# produce, and the policy changes neither. test_public_pages checks, with the policy on,
# that the pages' own scripts load without a violation.
@pytest.fixture
def page(new_context) -> Page:
    return new_context(bypass_csp=True).new_page()


@pytest.fixture
def phone_page(new_context) -> Page:
    # A phone-sized window without mobile emulation: an emulated mobile browser widens its
    # layout viewport to fit content that overflows, which would hide sideways scrolling.
    return new_context(bypass_csp=True, viewport=PHONE).new_page()


@pytest.fixture
def scriptless_page(new_context) -> Page:
    return new_context(java_script_enabled=False).new_page()


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} WCAG 2.2 AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['failureSummary']!r}")
    return "\n".join(lines)


def _run_axe(page: Page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target, failureSummary: n.failureSummary})),
            }));
        }""",
        WCAG_22_AA,
    )
    return list(result)


@pytest.fixture
def assert_accessible(new_context) -> Callable[[Page], None]:
    """Fail, listing every violation, if axe finds a WCAG 2.0/2.1/2.2 A or AA failure on the
    page as it is now (after any form errors or messages it shows)."""
    # axe is JavaScript, and a context with JavaScript off will not run it. So the very HTML
    # such a page holds is served again, at the same address (so its CSS loads) but with its
    # scripts removed, to a checker page where only axe runs: the page is checked as a
    # visitor without JavaScript sees it, error states after a POST included.
    replayed: dict[str, str] = {}
    checkers: dict[str, Page] = {}

    def checker_for(page: Page) -> Page:
        if "page" not in checkers:
            checker = new_context(bypass_csp=True, viewport=page.viewport_size).new_page()
            checker.route(
                lambda address: address in replayed,
                lambda route: route.fulfill(
                    body=replayed[route.request.url], content_type="text/html"
                ),
            )
            checkers["page"] = checker
        return checkers["page"]

    def check(page: Page) -> None:
        page.wait_for_load_state("load")
        if page.context in _SCRIPTLESS:
            replayed.clear()
            replayed[page.url] = _SCRIPT_ELEMENT.sub("", page.content())
            checker = checker_for(page)
            checker.goto(page.url)
            violations = _run_axe(checker)
        else:
            violations = _run_axe(page)
        assert not violations, _format_violations(page.url, violations)

    return check
