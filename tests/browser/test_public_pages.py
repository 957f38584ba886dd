"""The pages anyone can open without signing in: accessible, titled and in the right
language, and, with the Content-Security-Policy on, their scripts load without a violation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from oneworkforce.reference import postcodes

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    pytest.param("web:start", id="start"),
    pytest.param("web:accessibility", id="accessibility-statement"),
    pytest.param("web:privacy", id="privacy-notice"),
    pytest.param("web:about", id="about"),
    pytest.param("partners:sign-in", id="sign-in"),
    pytest.param("partners:password-reset", id="password-reset"),
]

# Records every policy violation the page reports, whether or not it also reaches the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI} (from ${event.sourceFile})`
  );
});
"""


class TestPublicPage:
    @pytest.mark.parametrize("url_name", PUBLIC_PAGES)
    def test_passes_axe_with_one_heading_a_language_and_the_partnerships_name_in_its_title(
        self, page, assert_accessible, url_name
    ):
        page.goto(reverse(url_name))

        assert_accessible(page)
        assert page.locator("h1").count() == 1
        assert page.locator("html").get_attribute("lang") == "en-gb"
        assert page.title().endswith(settings.PARTNERSHIP_NAME)

    def test_about_shows_the_ons_postcode_attribution(self, page):
        page.goto(reverse("web:about"))

        attribution = page.locator(".govuk-inset-text")
        for line in postcodes.ATTRIBUTION.splitlines():
            assert line in attribution.inner_text()


class TestContentSecurityPolicy:
    def test_the_start_and_sign_in_pages_run_their_scripts_without_a_violation(self, new_context):
        # This context keeps the policy on (no bypass_csp): the browser enforces it as a
        # visitor's would.
        context = new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        console_errors: list[str] = []
        page.on(
            "console",
            lambda message: (
                console_errors.append(message.text) if message.type == "error" else None
            ),
        )

        problems: dict[str, list[str]] = {}
        for url_name in ("web:start", "partners:sign-in"):
            page.goto(reverse(url_name))
            page.wait_for_load_state("networkidle")
            found = [f"violation: {text}" for text in page.evaluate("() => window.__cspViolations")]
            # The nonce'd inline script and GOV.UK Frontend's module both ran: the body carries
            # their marks and a component has been initialised; htmx loaded too.
            body_classes = (page.locator("body").get_attribute("class") or "").split()
            for mark in ("js-enabled", "govuk-frontend-supported"):
                if mark not in body_classes:
                    found.append(f"the body has no {mark} class")
            if not page.locator(".govuk-button[data-govuk-button-init]").count():
                found.append("GOV.UK Frontend did not initialise the button")
            if not page.evaluate("() => typeof window.htmx === 'object'"):
                found.append("htmx did not load")
            found += [f"console: {text}" for text in console_errors if "Content Security" in text]
            console_errors.clear()
            if found:
                problems[url_name] = found

        assert problems == {}
