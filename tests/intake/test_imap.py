"""ingest_email against a real Dovecot: messages read once, flagged only after commit."""

from __future__ import annotations

import imaplib
import time

import pytest

from filings.models import Filing
from intake.models import InboundMessage
from intake.services import mailbox_ingest
from intake.sources import IMAP_DONE_KEYWORD, IMAP_PASSWORD_VARIABLE, SourceError
from tests.intake.conftest import CORPUS

# Not a transactional test: the flush that ends one would empty the seeded rules. The
# callbacks run on commit (the IMAP flags) are captured and run as a commit would run them.
pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(dovecot, monkeypatch):
    monkeypatch.setenv(IMAP_PASSWORD_VARIABLE, dovecot.password)
    client = dovecot.client()
    _, count = client.select("INBOX")
    if int(count[0]):
        client.store("1:*", "+FLAGS", "(\\Deleted)")
        client.expunge()
    yield client
    client.logout()


def append(client: imaplib.IMAP4, name: str) -> None:
    raw = (CORPUS / f"{name}.eml").read_bytes()
    client.append("INBOX", None, imaplib.Time2Internaldate(time.time()), raw)


def keywords(client: imaplib.IMAP4) -> list[bytes]:
    client.select("INBOX")
    _, data = client.fetch("1:*", "(FLAGS)")
    return [item for item in data if item]


def test_imap_messages_are_ingested_once_and_flagged_after_commit(
    dovecot, inbox, mail_matters, django_capture_on_commit_callbacks
):
    append(inbox, "s34_filed")
    append(inbox, "no_matter")
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = mailbox_ingest(source=dovecot.url)
    assert [o.outcome for o in outcomes] == ["filed", "unmatched"]
    assert all(IMAP_DONE_KEYWORD.encode() in flags for flags in keywords(inbox))
    # Flagged messages are not read again; nothing new is made.
    assert mailbox_ingest(source=dovecot.url) == []
    assert (InboundMessage.objects.count(), Filing.objects.count()) == (2, 1)


def test_a_failed_run_leaves_the_imap_message_unflagged_to_read_again(
    dovecot,
    inbox,
    mail_matters,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from intake.services import mail as mail_service

    append(inbox, "s34_filed")

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(mail_service, "record_received", crash)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        mailbox_ingest(source=dovecot.url)
    assert not any(IMAP_DONE_KEYWORD.encode() in flags for flags in keywords(inbox))
    monkeypatch.undo()
    monkeypatch.setenv(IMAP_PASSWORD_VARIABLE, dovecot.password)
    with django_capture_on_commit_callbacks(execute=True):
        assert [o.outcome for o in mailbox_ingest(source=dovecot.url)] == ["filed"]
    assert all(IMAP_DONE_KEYWORD.encode() in flags for flags in keywords(inbox))


def test_a_wrong_password_is_a_clear_source_error(dovecot, monkeypatch, db):
    monkeypatch.setenv(IMAP_PASSWORD_VARIABLE, "wrong")
    with pytest.raises(SourceError, match="Could not sign in"):
        mailbox_ingest(source=dovecot.url)


def test_no_password_in_the_environment_is_a_clear_source_error(dovecot, monkeypatch, db):
    monkeypatch.delenv(IMAP_PASSWORD_VARIABLE, raising=False)
    with pytest.raises(SourceError, match=IMAP_PASSWORD_VARIABLE):
        mailbox_ingest(source=dovecot.url)
