"""Benchmark: e-mail intake against the standard library parsing the same messages.

    .venv/bin/python benchmarks/ingest_mail.py [--copies 10]

Builds a Maildir of the committed corpus (``tests/fixtures/mail/corpus``) repeated ``--copies``
times, each copy with its own Message-ID, in a fresh SQLite database under
``benchmarks/out/``. Times, in the same run on the same messages: (a) the baseline, the
standard library reading each message (``email.message_from_bytes`` with the default policy,
walking every part and decoding every attachment) and hashing it; (b) ``parse_message`` (the
hostile-mail parser alone); (c) ``mailbox_ingest`` end to end (parse, match, validate every
attachment, store, lodge or queue, audit); (d) the same Maildir ingested again (every message
a duplicate). Prints each with its ratio to the baseline. Record figures in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import hashlib
import os
import platform
import re
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "benchmarks" / "out" / "ingest_mail"


def _setup_django() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "registry.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{OUT / 'db.sqlite3'}"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(OUT / "media")
    call_command("migrate", verbosity=0)


def _matters() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "mail"))
    import make_mail_corpus as corpus
    from django.contrib.auth import get_user_model

    from filings.models import Matter, Party, PartyRepresentative
    from practice_directions.models import ProceedingType

    alice = get_user_model().objects.create(username="alice", email=corpus.PRACTITIONER)
    proceedings = {"s34": "s34", "s324": "s324", "rule32": "rule32", "submissions": "other"}
    for email_class, (number, title, short_title) in corpus.MATTERS.items():
        year, sequence = number[3:].split("/")
        matter = Matter.objects.create(
            number=number,
            year=int(year),
            sequence=int(sequence),
            title=title,
            abbreviated_title=title,
            agreement_short_title=short_title,
            proceeding=ProceedingType.objects.get(code=proceedings[email_class]),
            opened_on="2026-03-02",
            submissions_directed=email_class == "submissions",
        )
        party = Party.objects.create(
            matter=matter, name="Applicant", role="applicant", representation="solicitor"
        )
        PartyRepresentative.objects.create(party=party, user=alice)


def _tag_message_id(raw: bytes, copy: int) -> bytes:
    """The message with ``.copy`` added to the local part of its Message-ID."""
    suffix = f".{copy}@".encode()

    def tagged(match: re.Match[bytes]) -> bytes:
        return match.group(1) + suffix

    return re.sub(rb"(Message-ID: <[^@>]*)@", tagged, raw, count=1)


def _maildir(copies: int) -> tuple[Path, list[bytes]]:
    root = OUT / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (root / sub).mkdir(parents=True)
    messages = []
    corpus = sorted((ROOT / "tests" / "fixtures" / "mail" / "corpus").glob("*.eml"))
    for copy in range(copies):
        for number, path in enumerate(corpus):
            raw = _tag_message_id(path.read_bytes(), copy)
            (root / "new" / f"{copy:04d}.{number:03d}.bench").write_bytes(raw)
            messages.append(raw)
    return root, messages


def baseline(messages: list[bytes]) -> None:
    for raw in messages:
        hashlib.sha256(raw).hexdigest()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        for part in message.walk():
            if not part.is_multipart():
                part.get_payload(decode=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    _setup_django()
    _matters()
    from intake.mail import parse_message
    from intake.services import mailbox_ingest

    root, messages = _maildir(args.copies)
    size = sum(len(m) for m in messages)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {platform.platform()}"
    )
    print(f"messages: {len(messages)} ({size / 1e6:.1f} MB)")

    start = time.perf_counter()
    baseline(messages)
    base = time.perf_counter() - start
    print(
        f"(a) stdlib parse + walk + decode + SHA-256: {base:.3f} s "
        f"({1000 * base / len(messages):.2f} ms/message)"
    )

    start = time.perf_counter()
    for raw in messages:
        parse_message(raw)
    parsed = time.perf_counter() - start
    print(f"(b) parse_message:                          {parsed:.3f} s  ratio {parsed / base:.1f}x")

    start = time.perf_counter()
    outcomes = mailbox_ingest(source=str(root))
    ingest = time.perf_counter() - start
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    print(
        f"(c) mailbox_ingest end to end:              {ingest:.3f} s  ratio {ingest / base:.1f}x "
        f"({1000 * ingest / len(messages):.1f} ms/message) {counts}"
    )

    start = time.perf_counter()
    again = mailbox_ingest(source=str(root))
    duplicate = time.perf_counter() - start
    assert {o.outcome for o in again} == {"duplicate"}
    print(
        f"(d) the same Maildir again (duplicates):    {duplicate:.3f} s  ratio "
        f"{duplicate / base:.1f}x"
    )


if __name__ == "__main__":
    main()
