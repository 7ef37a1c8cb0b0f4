"""Time every list and detail page a clerk and a practitioner use, at volume, under gunicorn.

Run against a database filled by ``manage.py generate_volume`` (PostgreSQL for the recorded
figures)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/volume .venv/bin/python benchmarks/pages.py

Each page is requested ``--requests`` times (after two warm-up requests) by a signed-in user
over HTTP, from this process to a gunicorn with ``--workers`` workers; p50 and p95 are printed
beside those of a trivial signed-in request measured in the same run (the home page, which
only loads the session and the user and redirects to the workspace), with their ratio. With
``--explain`` the slowest query of each page is shown with PostgreSQL's plan. ``--only`` and
``--skip`` choose pages by their label (``--skip "clerk: search" --skip "search own"`` leaves
out the full-text search, which has its own measurements).
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.development")
os.environ.setdefault("DEBUG", "false")


@dataclass(frozen=True)
class Page:
    label: str
    user: str  # "clerk" or "solicitor"
    path: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_serving(base: str, *, seconds: float = 20) -> None:
    """Return once the server at ``base`` answers its sign-in page (or ``seconds`` passed)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=1)
            return
        except OSError:
            time.sleep(0.1)


@contextlib.contextmanager
def gunicorn(*, workers: int, env: dict[str, str] | None = None) -> Iterator[str]:
    """A gunicorn serving the registry on a free local port, until the block ends: its base URL.

    ``env`` adds to this process's environment (the settings module, DATABASE_URL, ...).
    """
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "registry.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ | (env or {}),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_serving(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _pages() -> list[Page]:
    """The pages to time, with real numbers from the database."""
    import django

    django.setup()
    from django.db.models import Count

    from filings.models import Filing, Matter, PartyRepresentative
    from filings.selectors.keyset import Cursor
    from practice_directions.models import DocumentKind
    from volume.generate import SOLICITOR_USERNAME

    big = Matter.objects.annotate(n=Count("filings")).order_by("-n").values_list("number", "id")[:1]
    big_number, big_id = big[0]
    slug = big_number.replace("/", "-")
    filing = Filing.objects.filter(matter_id=big_id).order_by("sequence").first()
    waiting = Filing.objects.filter(status=Filing.Status.LODGED).order_by("-lodged_at").first()
    own = (
        PartyRepresentative.objects.filter(user__username=SOLICITOR_USERNAME)
        .select_related("party__matter")
        .order_by("-party__matter__opened_on")
        .first()
    )
    if filing is None or own is None:
        raise RuntimeError(
            f"The database has no filings, or {SOLICITOR_USERNAME} represents no party: "
            "generate the volume data first."
        )
    own_slug = own.party.matter.number.replace("/", "-")
    own_filing = Filing.objects.filter(matter=own.party.matter).order_by("sequence").first()
    if own_filing is None:
        raise RuntimeError(f"{SOLICITOR_USERNAME}'s matter has no filings.")
    word = Matter.objects.order_by("id").values_list("title", flat=True)[0].split()[0]
    # Halfway down the filings list: the page after the filing in the middle, as its "Next"
    # links reach it (keyset pagination: the link names that filing).
    filings_total = Filing.objects.count()
    middle = Filing.objects.order_by("-lodged_at", "-pk")[filings_total // 2]
    halfway = Cursor(at=middle.lodged_at, pk=middle.pk).encode()
    pages = [
        Page("clerk: home (dashboard)", "clerk", "/registry/"),
        Page("clerk: matters", "clerk", "/registry/matters/"),
        Page("clerk: matter search, exact number", "clerk", f"/registry/matters/?q={big_number}"),
        Page("clerk: matter search, title word", "clerk", f"/registry/matters/?q={word}"),
        Page("clerk: matter page (largest matter)", "clerk", f"/registry/matters/{slug}/"),
        Page("clerk: filings, page 1", "clerk", "/registry/filings/"),
        Page(
            f"clerk: filings, halfway ({filings_total // 2:,} rows down)",
            "clerk",
            f"/registry/filings/?after={halfway}",
        ),
        Page("clerk: review queue", "clerk", "/registry/review/"),
        Page("clerk: deadlines", "clerk", "/registry/deadlines/"),
        Page(
            "clerk: filing page",
            "clerk",
            f"/registry/matters/{slug}/filings/{filing.sequence}/",
        ),
        Page("practitioner: dashboard", "solicitor", "/lodge/"),
        Page("practitioner: matter page", "solicitor", f"/lodge/matters/{own_slug}/"),
        Page("practitioner: lodge form", "solicitor", f"/lodge/matters/{own_slug}/lodge/"),
        Page(
            "practitioner: filing page",
            "solicitor",
            f"/lodge/matters/{own_slug}/filings/{own_filing.sequence}/",
        ),
        Page("practitioner: my filings", "solicitor", "/lodge/filings/"),
        Page("practitioner: notices", "solicitor", "/notices/"),
        Page("clerk: notices outbox", "clerk", "/notices/outbox/"),
    ]
    # Full-text search at a million documents: two common words, a phrase, words near each
    # other, a rare word, filtered by matter, by party, by kind and dates, and a practitioner's
    # search of their own filings.
    month = f"lodged_from={filing.lodged_at:%Y-%m}-01&lodged_to={filing.lodged_at:%Y-%m}-28"
    affidavit_kind = DocumentKind.objects.get(name="Affidavit").pk
    pages += [
        Page("clerk: search, two common words", "clerk", "/registry/search/?q=roster+overtime"),
        Page("clerk: search, a phrase", "clerk", "/registry/search/?q=%22penalty+rates%22"),
        Page("clerk: search, NEAR/5", "clerk", "/registry/search/?q=award+NEAR%2F5+leave"),
        Page("clerk: search, a rare word", "clerk", "/registry/search/?q=ref4242"),
        Page(
            "clerk: search, word in one matter",
            "clerk",
            f"/registry/search/?q=affidavit&matter={big_number}",
        ),
        Page(
            "clerk: search, party name",
            "clerk",
            "/registry/search/?q=roster&party=Blue+Gum",
        ),
        Page(
            "clerk: search, kind and a month",
            "clerk",
            f"/registry/search/?q=overtime&kind={affidavit_kind}&{month}",
        ),
        Page("practitioner: search own documents", "solicitor", "/lodge/search/?q=roster"),
        Page(
            "practitioner: search own documents, phrase",
            "solicitor",
            "/lodge/search/?q=%22penalty+rates%22",
        ),
    ]
    if waiting is not None:
        slug_w = waiting.matter.number.replace("/", "-")
        pages.append(
            Page(
                "clerk: filing awaiting review",
                "clerk",
                f"/registry/matters/{slug_w}/filings/{waiting.sequence}/",
            )
        )
    return pages


class Browser:
    """A signed-in HTTP client that does not follow redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    def __init__(self, base: str, username: str, password: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect()
        )
        page = self.get("/accounts/login/")[1]
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if found is None:
            raise RuntimeError("The login page has no CSRF token.")
        token = found.group(1).decode()
        data = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        status, _ = self.get("/accounts/login/", data=data)
        if status != 302:
            raise SystemExit(f"Could not sign in as {username} (HTTP {status}).")

    def get(self, path: str, data: bytes | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + "/accounts/login/"}
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def _time(browser: Browser, path: str, count: int) -> tuple[list[float], int, int]:
    for _ in range(2):
        browser.get(path)
    times = []
    status, size = 0, 0
    for _ in range(count):
        started = time.perf_counter()
        status, body = browser.get(path)
        times.append((time.perf_counter() - started) * 1000)
        size = len(body)
    return times, status, size


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _explain(pages: list[Page]) -> None:
    """The slowest query of each page, with its plan (in this process, through Django)."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from volume.generate import CLERK_USERNAME, SOLICITOR_USERNAME

    users = {
        "clerk": get_user_model().objects.get(username=CLERK_USERNAME),
        "solicitor": get_user_model().objects.get(username=SOLICITOR_USERNAME),
    }
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(users[page.user])
        with CaptureQueriesContext(connection) as captured:
            client.get(page.path)
        # Transaction control (SAVEPOINT, COMMIT) has no plan: the slowest read is wanted.
        reads = [q for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]
        if not reads:
            continue
        slowest = max(reads, key=lambda q: float(q["time"]))
        total = sum(float(q["time"]) for q in captured.captured_queries)
        print(
            f"\n### {page.label}: {len(captured)} queries, {total:.3f} s in all; "
            f"slowest {slowest['time']} s\n"
        )
        print("```")
        print(slowest["sql"][:2000])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
                for (line,) in cursor.fetchall():
                    print(line)
        print("```")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", default="", help="Time only pages whose label has this text.")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        help="Leave out pages whose label has this text (repeatable), e.g. --skip search.",
    )
    args = parser.parse_args()

    pages = [  # sets Django up
        p
        for p in _pages()
        if args.only in p.label and not any(text in p.label for text in args.skip)
    ]
    from django.db import connection

    from filings.models import Document, Filing, Matter
    from volume.generate import CLERK_USERNAME, PASSWORD, SOLICITOR_USERNAME

    counts = (Matter.objects.count(), Filing.objects.count(), Document.objects.count())
    connection.close()
    with gunicorn(workers=args.workers) as base:
        browsers = {
            "clerk": Browser(base, CLERK_USERNAME, PASSWORD),
            "solicitor": Browser(base, SOLICITOR_USERNAME, PASSWORD),
        }
        trivial, _, _ = _time(browsers["clerk"], "/", args.requests)
        t50, t95 = statistics.median(trivial), _percentile(trivial, 0.95)
        print(
            f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, database {connection.vendor}; "
            f"{counts[0]:,} matters, {counts[1]:,} filings, {counts[2]:,} documents; "
            f"gunicorn {args.workers} workers; {args.requests} requests a page.\n"
        )
        print("| page | status | KB | p50 ms | p95 ms | p95 / trivial p95 |")
        print("|---|---|---|---|---|---|")
        print(f"| trivial signed-in request (baseline) | 302 | 0 | {t50:.1f} | {t95:.1f} | 1.0 |")
        for page in pages:
            try:
                times, status, size = _time(browsers[page.user], page.path, args.requests)
            except OSError as error:  # gunicorn's worker timeout closes the connection
                print(f"| {page.label} | failed: {type(error).__name__} | | | | |")
                continue
            p50, p95 = statistics.median(times), _percentile(times, 0.95)
            print(
                f"| {page.label} | {status} | {size / 1024:.0f} | {p50:.1f} | {p95:.1f} | "
                f"{p95 / t95:.1f} |"
            )
    if args.explain:
        _explain(pages)


if __name__ == "__main__":
    main()
