"""Lodging throughput against a bare upload's, at 10 and 50 concurrent users (issue 13 §1).

Target: lodging at least 0.9 of a bare upload's throughput, with no errors. One run measures
both under gunicorn on PostgreSQL, alternating them in short rounds so that other work on the
machine weighs on both alike::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/registry_lodging_bench \\
        .venv/bin/python benchmarks/lodging.py

The script creates the database if it is missing, migrates it, and sets up a matter in which
``max(--users)`` practitioners act for the applicant, each signed in over HTTP. Then, for each
number of users, each user sends requests back to back for ``--seconds`` a round:

- a bare upload: the same multipart body to a signed-in view that parses it exactly as the
  lodge view does (the same upload handler and limits, the CSRF check) and discards it
  (``benchmarks.urls``, only under ``benchmarks.settings``);
- a lodgment: the body to the lodge form, lodging an affidavit, a Word 97-2003 file of
  ``--megabytes`` MB (its Data stream, where Word keeps pictures, filled), each request's copy
  made unique (a counter written into the Data stream) so that every lodgment stores new bytes.

gunicorn runs with the production configuration (``registry/gunicorn_config.py``), its worker
class and threads overridable (``--worker-class``, ``--threads``) to compare them.

Throughput is counted in completed requests and MB of uploaded files a second; any response
other than the expected one (204, or 302 to the Notice of Lodgment) is an error. Lodged copies
go to a temporary MEDIA_ROOT, removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
os.environ.setdefault("DEBUG", "false")

from benchmarks.big_corpus import word_with_data  # noqa: E402
from benchmarks.pages import Browser, free_port, gunicorn, wait_until_serving  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/registry_lodging_bench"
PASSWORD = "lodging benchmark password"
USERNAME = "lodging-bench-{n:03d}"
# A bare upload; a lodgment's POST alone; a lodgment as a practitioner makes it (GET the form,
# then POST it).
KINDS = ("bare", "lodge", "form+lodge")
LABELS = {"bare": "bare upload", "lodge": "lodgment (POST)", "form+lodge": "lodgment (form + POST)"}
# Where each request's copy differs: a counter written over the start of the Data stream.
MARKER_BYTES = 16


@dataclass
class Tally:
    """What the users of one round completed."""

    requests: int = 0
    file_bytes: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, ok: bool, size: int, error: str = "") -> None:
        with self.lock:
            if ok:
                self.requests += 1
                self.file_bytes += size
            else:
                self.errors.append(error)


class Document:
    """The Word file lodged, with a counter to make each request's bytes unique."""

    def __init__(self, megabytes: float) -> None:
        base = ROOT / "tests" / "fixtures" / "lodgment" / "affidavit.doc"
        self.data = bytearray(word_with_data(base, int(megabytes * 1024 * 1024), seed=13))
        # The Data stream is random bytes: find where it starts by a sample of them.
        import random

        sample = random.Random(13).randbytes(64)
        self.offset = bytes(self.data).find(sample)
        if self.offset < 0:
            raise SystemExit("Could not find the Data stream in the benchmark's DOC.")
        self.counter = 0
        self.lock = threading.Lock()

    def stamp(self, body: bytearray, at: int) -> None:
        """Make the copy of the document inside ``body`` (its Data stream at ``at``) unique, in
        place: the load generator copies no megabytes, so that its own work weighs as little as
        it can on the server's cores."""
        with self.lock:
            self.counter += 1
            marker = f"{os.getpid()}-{self.counter}-{uuid.uuid4().hex}".encode()[:MARKER_BYTES]
        body[at : at + MARKER_BYTES] = marker.ljust(MARKER_BYTES, b"-")


def multipart(
    fields: dict[str, str], file_field: str, file_name: str, data: bytes
) -> tuple[bytearray, str, int]:
    """The multipart body (a buffer, to be stamped in place), its content type, and where in it
    the file's bytes begin."""
    boundary = f"----lodging-bench-{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    head = (
        "".join(parts) + f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{file_name}"\r\nContent-Type: application/msword\r\n\r\n'
    ).encode()
    body = bytearray(head + data + f"\r\n--{boundary}--\r\n".encode())
    return body, f"multipart/form-data; boundary={boundary}", len(head)


@dataclass(frozen=True)
class Setup:
    matter_slug: str
    party_id: int
    kind_id: int
    usernames: list[str]


def prepare(users: int) -> Setup:
    """Create and migrate the database if needed; a new matter with ``users`` practitioners."""
    import django
    import psycopg2  # type: ignore[import-untyped]
    from environ import Env

    config = Env.db_url_config(os.environ["DATABASE_URL"])
    admin = psycopg2.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"], dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
    admin.close()
    manage = [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"]
    subprocess.run(manage, cwd=ROOT, check=True)
    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection

    from filings.models import Matter, Party, PartyRepresentative
    from filings.selectors.access import matter_slug
    from registry.roles import PRACTITIONERS
    from tests.factories import MatterFactory, PartyFactory, document_kind

    matter = cast(Matter, MatterFactory(sequence=int(time.time()) % 100_000 + 10_000))
    party = cast(
        Party,
        PartyFactory(
            matter=matter,
            role=Party.Role.APPLICANT,
            representation=Party.Representation.SOLICITOR,
        ),
    )
    practitioners = Group.objects.get(name=PRACTITIONERS)
    names = []
    for n in range(users):
        user, created = get_user_model().objects.get_or_create(username=USERNAME.format(n=n))
        if created:
            user.set_password(PASSWORD)
            user.save()
            user.groups.add(practitioners)
        PartyRepresentative.objects.create(user=user, party=party)
        names.append(user.username)
    kind = document_kind("Affidavit")
    connection.close()
    return Setup(matter_slug(matter.number), party.pk, kind.pk, names)


def send(browser: Browser, path: str, body: bytearray, content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(
        browser.base + path,
        data=body,
        headers={"Content-Type": content_type, "Referer": browser.base + path},
    )
    try:
        with browser.opener.open(request, timeout=300) as response:
            response.read()
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, error.headers.get("Location", "")


def csrf_token(browser: Browser) -> str:
    for cookie in browser.jar:
        if cookie.name == "csrftoken":
            return str(cookie.value)
    raise SystemExit("No CSRF cookie after signing in.")


def run_round(
    kind: str,
    browsers: list[Browser],
    setup: Setup,
    document: Document,
    seconds: float,
) -> tuple[Tally, float]:
    from benchmarks.urls import BARE_UPLOAD_PATH

    tally = Tally()
    lodge_path = f"/lodge/matters/{setup.matter_slug}/lodge/"
    path = "/" + BARE_UPLOAD_PATH if kind == "bare" else lodge_path
    with_form = kind == "form+lodge"
    notice = re.compile(rf"/lodge/matters/{re.escape(setup.matter_slug)}/filings/\d+/notice/")
    start = threading.Barrier(len(browsers) + 1)
    deadline = [0.0]

    def user(browser: Browser) -> None:
        fields = {
            "csrfmiddlewaretoken": csrf_token(browser),
            "party": str(setup.party_id),
            "same_text": "on",
            "documents-TOTAL_FORMS": "1",
            "documents-INITIAL_FORMS": "0",
            "documents-0-kind": str(setup.kind_id),
            "documents-0-title": "Affidavit of J Smith",
            "documents-0-role": "principal",
            "documents-0-annexed_to": "",
            "documents-0-paper_copy_lodged": "yes",
        }
        body, content_type, file_at = multipart(
            fields, "documents-0-electronic_copy", "a.doc", bytes(document.data)
        )
        size = len(document.data)
        start.wait()
        while time.perf_counter() < deadline[0]:
            document.stamp(body, file_at + document.offset)
            try:
                if with_form:  # what a practitioner does: the form first, then the lodgment
                    status, _ = browser.get(path)
                    if status != 200:
                        tally.add(False, 0, f"form: HTTP {status}")
                        continue
                status, location = send(browser, path, body, content_type)
            except OSError as error:
                tally.add(False, 0, f"{type(error).__name__}: {error}")
                continue
            ok = status == 204 if kind == "bare" else (status == 302 and notice.search(location))
            tally.add(bool(ok), size, f"HTTP {status} {location}")

    threads = [threading.Thread(target=user, args=(b,), daemon=True) for b in browsers]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    # Requests under way at the deadline finish and are counted: time them too.
    return tally, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--seconds", type=float, default=20.0, help="Length of one round.")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds of each kind per level.")
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="gunicorn workers; by default the production configuration's (two a core, and one).",
    )
    parser.add_argument(
        "--worker-class",
        default="",
        help="gunicorn worker class; by default the production configuration's "
        "(registry/gunicorn_config.py).",
    )
    parser.add_argument("--threads", type=int, default=0, help="Threads per gthread worker.")
    parser.add_argument("--megabytes", type=float, default=5.4)
    parser.add_argument(
        "--link-mbit",
        type=int,
        default=0,
        help="Send the users' requests over a link of this many Mbit/s (Linux tc on the "
        "loopback interface; needs root). By default, the loopback's own speed.",
    )
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="Put nginx in front of gunicorn, buffering each request's body before it reaches a "
        "worker, as docs/deployment.md deploys it (needs nginx: apt-get install nginx-light).",
    )
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE)
    media = Path(tempfile.mkdtemp(prefix="lodging-bench-"))
    os.environ["MEDIA_ROOT"] = str(media)
    document = Document(args.megabytes)
    setup = prepare(max(args.users))
    results: list[tuple[int, dict[str, tuple[int, int, float, list[str]]]]] = []
    loads = []
    server = {"GUNICORN_CMD_ARGS": server_arguments(args)}  # also settles args.workers
    try:
        with contextlib.ExitStack() as running:
            base = running.enter_context(gunicorn(workers=args.workers, env=server))
            if args.proxy:
                base = running.enter_context(buffering_proxy(base))
            if args.link_mbit:
                running.enter_context(shaped_link(base, args.link_mbit))
            browsers = [Browser(base, name, PASSWORD) for name in setup.usernames]
            # Warm both paths (imports, connections) before timing.
            run_round("bare", browsers[:2], setup, document, 1)
            run_round("lodge", browsers[:2], setup, document, 1)
            run_round("form+lodge", browsers[:2], setup, document, 1)
            for users in args.users:
                totals: dict[str, tuple[int, int, float, list[str]]] = {}
                for _ in range(args.rounds):
                    for kind in KINDS:
                        tally, elapsed = run_round(
                            kind, browsers[:users], setup, document, args.seconds
                        )
                        done, size, spent, errors = totals.get(kind, (0, 0, 0.0, []))
                        totals[kind] = (
                            done + tally.requests,
                            size + tally.file_bytes,
                            spent + elapsed,
                            errors + tally.errors,
                        )
                        loads.append(os.getloadavg()[0])
                results.append((users, totals))
    finally:
        shutil.rmtree(media, ignore_errors=True)
    report(args, results, loads)


@contextlib.contextmanager
def buffering_proxy(upstream: str) -> Iterator[str]:
    """nginx on a free local port in front of ``upstream``, until the block ends: its base URL.

    As in production (docs/deployment.md), it receives each request's whole body (spooling it
    to a file past 1 MB) before handing it to gunicorn, so that a worker is never held by the
    time an upload takes to arrive."""
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="lodging-proxy-"))
    folder.chmod(0o755)  # nginx's workers (another user, under root) spool bodies in it
    (folder / "logs").mkdir()
    configuration = folder / "nginx.conf"
    configuration.write_text(
        f"""
worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 300m;
        client_body_buffer_size 1m;
        proxy_request_buffering on;
        proxy_read_timeout 300s;
        location / {{
            proxy_pass {upstream};
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""
    )
    proxy = subprocess.Popen(
        ["nginx", "-p", str(folder), "-c", str(configuration), "-g", "daemon off;"]
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base)
        yield base
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def shaped_link(base: str, mbit: int) -> Iterator[None]:
    """Within this block, what the users send to the server at ``base`` crosses a link of
    ``mbit`` Mbit/s (Linux traffic control on the loopback interface, for that port only; the
    database's traffic is untouched), as it would from users on a network rather than on the
    server itself. Needs root and ``tc`` (iproute2); the loopback interface is restored after."""
    port = urllib.parse.urlsplit(base).port
    commands = [
        # Everything else on the loopback (the database's connections) in a class with no
        # limit to speak of; what is sent to the server's port, in a class of ``mbit``.
        "tc qdisc add dev lo root handle 1: htb default 10 r2q 100000",
        "tc class add dev lo parent 1: classid 1:10 htb rate 100gbit",
        f"tc class add dev lo parent 1: classid 1:20 htb rate {mbit}mbit burst 1mb",
        f"tc filter add dev lo protocol ip parent 1: prio 1 u32 match ip dport {port} 0xffff "
        "flowid 1:20",
    ]
    try:
        for command in commands:
            subprocess.run(command.split(), check=True)
        yield
    finally:
        subprocess.run(["tc", "qdisc", "del", "dev", "lo", "root"], check=False)


def server_arguments(args: argparse.Namespace) -> str:
    """gunicorn as production runs it (``registry/gunicorn_config.py``: worker class, threads,
    timeouts, the JSON access log on standard output, ahead of the report), the same for both
    sides of the ratio."""
    from registry import gunicorn_config

    args.workers = args.workers or gunicorn_config.workers
    args.worker_class = args.worker_class or gunicorn_config.worker_class
    args.threads = args.threads or gunicorn_config.threads
    return (
        "--config python:registry.gunicorn_config "
        f"--worker-class {args.worker_class} --threads {args.threads}"
    )


def report(
    args: argparse.Namespace,
    results: list[tuple[int, dict[str, tuple[int, int, float, list[str]]]]],
    loads: list[float],
) -> None:
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, PostgreSQL; gunicorn {args.workers} "
        f"{args.worker_class} workers ({args.threads} threads each); "
        f"a {args.megabytes} MB DOC; {args.rounds} rounds of {args.seconds:.0f} s of each kind "
        f"per level, alternating; load average (1 min) during the rounds "
        f"{min(loads):.1f}-{max(loads):.1f}.\n"
    )
    print("| users | request | req/s | MB/s | errors | lodgment / bare upload |")
    print("|---:|---|---:|---:|---:|---:|")
    for users, totals in results:
        rates = {}
        for kind in KINDS:
            done, size, spent, errors = totals[kind]
            rates[kind] = (done / spent, size / spent / 1024 / 1024, len(errors))
        for kind in KINDS:
            per_second, mb, failed = rates[kind]
            ratio = mb / rates["bare"][1] if rates["bare"][1] else 0.0
            shown = f"{ratio:.2f}" if kind != "bare" else ""
            print(
                f"| {users} | {LABELS[kind]} | {per_second:.2f} | {mb:.1f} | {failed} | {shown} |"
            )
        for kind in KINDS:
            for error in sorted(set(totals[kind][3]))[:5]:
                print(f"  {kind} error: {error}")


if __name__ == "__main__":
    main()
