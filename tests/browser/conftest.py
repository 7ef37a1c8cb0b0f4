"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Run in a pytest run of their own with DJANGO_ALLOW_ASYNC_UNSAFE=1 (``make test-browser``):
Playwright's sync API keeps an event loop running in the process.

The live server needs a transactional database (its thread cannot see a test's uncommitted
transaction), and a transactional test ends with a flush that also empties the rows the data
migrations seeded: the roles (``Practitioners``, ``Registry clerks``), the rules (proceeding
types, document kinds, rejection reasons). ``open_page`` (and so ``page``) therefore asks for
pytest-django's ``django_db_serialized_rollback``: the test database is serialized once after
migrating, and every browser test starts from those rows restored, as a fresh install would have
them. No group or rule row is re-created by hand here, so the tests see exactly what the
migrations seed. For that the database must be set up after Playwright starts (see
``django_db_setup`` below).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"
CONTEXT_OPTIONS: dict[str, Any] = {"locale": "en-AU", "timezone_id": "Australia/Sydney"}
TIMEOUT_MS = 15_000


HERE = Path(__file__).resolve().parent


def _in_this_folder(item: pytest.Item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees the whole session's items: mark only the tests in this folder.
    for item in items:
        if not _in_this_folder(item):
            continue
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists():
            item.add_marker(
                pytest.mark.skip(reason=f"Chromium is not at {CHROMIUM} (apt-get install chromium)")
            )


def pytest_collection_finish(session: pytest.Session) -> None:
    # After deselection (-m): with other tests in the same run, the database would be set up
    # before Playwright starts (see django_db_setup below) and later database tests would meet
    # Playwright's event loop. Say so instead of failing obscurely.
    ours = [item for item in session.items if _in_this_folder(item)]
    if ours and len(ours) < len(session.items):
        for item in ours:
            item.add_marker(
                pytest.mark.skip(
                    reason="browser tests run in a pytest run of their own: make test-browser"
                )
            )


@pytest.fixture(scope="session")
def _chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        if launched.is_connected():
            launched.close()


@pytest.fixture(scope="session")
def django_db_setup(_chromium, django_db_setup) -> None:
    """pytest-django's test database, set up once Playwright runs. Playwright's sync API runs
    an event loop in this thread and Django's connections are context-local: a connection made
    before Playwright started is not the one the tests get afterwards, and the serialized
    contents restored before each test would be lost with it."""


@pytest.fixture(scope="session")
def browser(_chromium, django_db_setup, live_server) -> Iterator:
    """The one Chromium of the session. It is closed before the live server stops, so that the
    server's threads finish its last keep-alive connections while they may still use the
    shared test database connection."""
    yield _chromium
    _chromium.close()


@pytest.fixture
def open_page(
    browser, transactional_db, django_db_serialized_rollback, live_server
) -> Iterator[Callable[..., Any]]:
    """Opens a page in a browser context of its own (another user, a phone-sized viewport,
    JavaScript off ...): ``open_page(viewport={"width": 375, "height": 800})``. Every context
    is closed when the test ends."""
    contexts = []

    def opener(**options: Any) -> Any:
        context = browser.new_context(**{**CONTEXT_OPTIONS, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page) -> Any:
    """A page in a fresh browser context, against the live server with the seeded rules."""
    return open_page()


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real form, and check that it worked."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def serious_accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the current page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- people and records (factories and services, as the view tests use them) ----


@pytest.fixture
def practitioner(transactional_db):
    from tests.factories_lodgment import PractitionerFactory

    return PractitionerFactory(username="jsmith", first_name="Jane", last_name="Smith")


@pytest.fixture
def clerk(transactional_db):
    from tests.factories_lodgment import ClerkFactory

    return ClerkFactory(username="registry-clerk", first_name="Robin", last_name="Clerk")


@pytest.fixture
def party(practitioner):
    """The applicant in a matter of its own, represented by ``practitioner``."""
    from tests.factories_lodgment import matter_for

    return matter_for(practitioner, title="Citizen v Acme Manufacturing Pty Ltd")[1]


@pytest.fixture
def lodged_filing(party, practitioner):
    """A filing lodged through the service: an affidavit (DOC) and its TIFF annexure."""
    from tests.factories_lodgment import lodge

    return lodge(party, practitioner)


class Urls:
    """Absolute URLs of the live server's pages, by URL name."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __call__(self, name: str, *args: Any, query: str = "") -> str:
        from django.urls import reverse

        return f"{self.base}{reverse(name, args=args)}{query}"

    def practitioner(self, name: str, matter: Any, *args: Any) -> str:
        from filings.selectors.access import matter_slug

        return self(f"practitioner:{name}", matter_slug(matter.number), *args)

    def clerk(self, name: str, matter: Any, *args: Any) -> str:
        return self(f"clerk:{name}", matter.number, *args)


@pytest.fixture
def urls(live_server) -> Urls:
    return Urls(live_server.url)
