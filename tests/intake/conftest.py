"""The matters the committed mail corpus names (tests/fixtures/mail/make_mail_corpus.py)."""

from __future__ import annotations

import datetime
import importlib.util
import sys
from pathlib import Path

import pytest

from filings.models import Party, Rule32Order
from practice_directions.models import NotificationRecipient, ProceedingType
from tests.factories import MatterFactory, PartyFactory, UserFactory
from tests.factories_lodgment import represent
from tests.intake.dovecot import dovecot  # noqa: F401 - a session fixture

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "mail"
CORPUS = MAIL / "corpus"


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("make_mail_corpus", MAIL / "make_mail_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_mail_corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


@pytest.fixture
def mail_matters(db):
    """The four matters of the corpus, alice acting for the applicant in each."""
    alice = UserFactory(username="alice", email=corpus.PRACTITIONER)
    matters = {}
    proceedings = {"s34": "s34", "s324": "s324", "rule32": "rule32", "submissions": "other"}
    for email_class, (number, title, short_title) in corpus.MATTERS.items():
        year, sequence = number[3:].split("/")
        matter = MatterFactory(
            number=number,
            year=int(year),
            sequence=int(sequence),
            title=title,
            abbreviated_title=title[:120],
            agreement_short_title=short_title,
            proceeding=ProceedingType.objects.get(code=proceedings[email_class]),
            submissions_directed=email_class == "submissions",
        )
        applicant = PartyFactory(
            matter=matter, name=f"Applicant in {number}", role=Party.Role.APPLICANT
        )
        PartyFactory(matter=matter, name=f"Respondent in {number}", role=Party.Role.RESPONDENT)
        represent(alice, applicant)
        matters[email_class] = matter
    Rule32Order.objects.create(
        matter=matters["rule32"],
        description="Clerical Officers (State) Award variation",
        made_on=datetime.date(2026, 3, 1),
        file_by=datetime.date(2026, 3, 30),
        recorded_by=alice,
    )
    NotificationRecipient.objects.filter(code="oir").update(address="oir@industrial.example")
    return matters


@pytest.fixture
def maildir(tmp_path):
    """A Maildir holding the whole corpus in new/."""
    root = tmp_path / "Maildir"
    for sub in ("new", "cur", "tmp"):
        (root / sub).mkdir(parents=True)
    for number, path in enumerate(sorted(CORPUS.glob("*.eml"))):
        (root / "new" / f"1700000000.{number}.host:2,").write_bytes(path.read_bytes())
    return root
