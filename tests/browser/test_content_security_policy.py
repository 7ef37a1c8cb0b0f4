"""The pages send the site's Content-Security-Policy (registry/middleware.py: scripts and styles
from the site only) and nothing on them breaks it: no inline script, no inline style attribute,
whether in a template or written by static/lodge.js or static/clerk.js."""

from __future__ import annotations

from filings.models import Filing
from tests.browser.conftest import sign_in
from tests.factories_lodgment import LODGMENT_FIXTURES

# Registered before any page script runs (Playwright injects it outside the page's CSP): every
# violation the browser reports, with the directive and where it happened.
RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    [event.violatedDirective, event.blockedURI, event.sourceFile, event.lineNumber].join(" ")
  );
});
"""


def watch(page) -> list[str]:
    """Console messages about the Content Security Policy, and script errors, as the page
    reports them."""
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: messages.append(f"page error: {error}"))
    page.context.add_init_script(RECORD_VIOLATIONS)
    return messages


def assert_policy_sent(response) -> None:
    policy = response.headers["content-security-policy"]
    directives = {part.strip() for part in policy.split(";")}
    assert "script-src 'self'" in directives
    assert "style-src 'self'" in directives
    assert "unsafe-inline" not in policy


def recorded_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_the_lodge_page_and_the_clerk_filing_page_keep_to_the_content_security_policy(
    page, open_page, live_server, practitioner, clerk, lodged_filing, urls
):
    matter = lodged_filing.matter
    reported = watch(page)
    sign_in(page, live_server, practitioner.username)
    assert_policy_sent(page.goto(urls.practitioner("lodge", matter)))
    # The stylesheet applied, and lodge.js ran: it turns the "more rows" link into a button.
    assert (
        page.eval_on_selector(".document-row", "row => getComputedStyle(row).borderTopStyle")
        == "solid"
    )
    page.click("#add-row-button")
    assert page.locator("#document-row-3").count() == 1  # a row from the <template>
    page.select_option("#id_documents-0-kind", label="Affidavit")
    page.locator("#documents-0-requirement[data-status]").wait_for()
    page.set_input_files(
        "#id_documents-0-electronic_copy", str(LODGMENT_FIXTURES / "affidavit.pdf")
    )
    page.locator("#documents-0-verdict[data-acceptable=false]").wait_for()
    page.select_option("#id_documents-1-role", "annexure")  # shows the annexure-only fields
    assert page.locator("#id_documents-1-annexed_to").is_visible()
    page.click("#lodge-submit")  # refused: the script puts the server's answer in the page
    page.locator("#error-summary").wait_for()
    assert Filing.objects.filter(pk__gt=lodged_filing.pk).count() == 0
    page.wait_for_load_state("networkidle")
    assert recorded_violations(page) == []
    assert reported == []

    clerk_page = open_page()
    clerk_reported = watch(clerk_page)
    sign_in(clerk_page, live_server, clerk.username)
    filing_url = urls.clerk("filing", matter, lodged_filing.sequence)
    assert_policy_sent(clerk_page.goto(filing_url))
    clerk_page.locator("#reasons-1-toggle").click()  # a <details> of reasons opens
    with clerk_page.expect_response(lambda r: r.request.method == "POST") as posted:
        clerk_page.click("#reject-submit")  # no reason ticked: the page comes back with errors
    assert_policy_sent(posted.value)
    clerk_page.locator("#error-summary").wait_for()
    # clerk.js ran: it takes focus to the error summary.
    assert clerk_page.evaluate("document.activeElement.id") == "error-summary"
    clerk_page.wait_for_load_state("networkidle")
    assert recorded_violations(clerk_page) == []
    assert clerk_reported == []
