"""The scheduled intake: ``ingest_email --enqueue`` has the task worker read the configured
mailboxes (``intake.tasks.ingest_mail``), as often as the scheduler likes, each message once."""

from __future__ import annotations

import imaplib
import json
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

from filings.models import Filing
from intake.models import InboundMessage
from intake.sources import IMAP_DONE_KEYWORD, IMAP_PASSWORD_VARIABLE
from tests.intake.conftest import CORPUS, corpus
from tests.notices.worker import run_worker

pytestmark = pytest.mark.django_db

FILED = sum(1 for expected in corpus.EXPECTED.values() if expected[1] == "filed")


def enqueue(*args: str) -> dict:
    out = StringIO()
    call_command("ingest_email", "--enqueue", "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_worker_ingests_the_configured_maildir_on_each_scheduled_run(
    mail_matters, maildir, settings
):
    settings.REGISTRY_MAIL_SOURCES = [str(maildir)]
    queued = enqueue()
    assert queued["sources"] == [str(maildir)]
    assert not InboundMessage.objects.exists()  # read by the worker, not by the command
    assert run_worker() >= 1
    task = DBTaskResult.objects.get(pk=queued["enqueued"])
    assert task.status == "SUCCESSFUL"
    assert task.task_path == "intake.tasks.ingest_mail"
    assert task.return_value["filed"] == FILED
    assert InboundMessage.objects.count() == len(corpus.EXPECTED)
    # The next scheduled run finds only what it read before: nothing new is made.
    again = enqueue()
    run_worker()
    assert DBTaskResult.objects.get(pk=again["enqueued"]).return_value == {
        "duplicate": len(corpus.EXPECTED)
    }
    assert InboundMessage.objects.count() == len(corpus.EXPECTED)
    assert Filing.objects.count() == FILED


def test_sources_given_on_the_command_line_go_to_the_worker(mail_matters, settings):
    settings.REGISTRY_MAIL_SOURCES = []
    queued = enqueue(str(CORPUS / "s34_filed.eml"))
    run_worker()
    assert DBTaskResult.objects.get(pk=queued["enqueued"]).return_value == {"filed": 1}
    assert Filing.objects.get().channel == Filing.Channel.EMAIL


def test_an_unreadable_source_fails_the_task_with_its_reason(mail_matters, settings, tmp_path):
    settings.REGISTRY_MAIL_SOURCES = [str(tmp_path / "gone")]
    queued = enqueue()
    run_worker()
    task = DBTaskResult.objects.get(pk=queued["enqueued"])
    assert task.status == "FAILED"
    assert "SourceError" in task.exception_class_path
    assert not InboundMessage.objects.exists()


def test_without_a_source_the_command_says_so_with_status_2(db, settings):
    settings.REGISTRY_MAIL_SOURCES = []
    for args in ([], ["--enqueue"]):
        with pytest.raises(CommandError, match="REGISTRY_MAIL_SOURCES") as raised:
            call_command("ingest_email", *args)
        assert raised.value.returncode == 2
    assert not DBTaskResult.objects.exists()


def test_the_configured_sources_are_read_in_place_without_enqueue(mail_matters, settings):
    settings.REGISTRY_MAIL_SOURCES = [str(CORPUS / "s324_filed.eml")]
    out = StringIO()
    call_command("ingest_email", "--json", stdout=out)
    assert json.loads(out.getvalue())["outcome"] == "filed"


def test_a_missing_source_exits_with_status_2(db, tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("ingest_email", str(tmp_path / "nope"))
    assert raised.value.returncode == 2


def test_the_worker_reads_an_imap_mailbox_and_flags_what_it_recorded(
    dovecot, mail_matters, settings, monkeypatch
):
    monkeypatch.setenv(IMAP_PASSWORD_VARIABLE, dovecot.password)
    client = dovecot.client()
    _, count = client.select("INBOX")
    if int(count[0]):
        client.store("1:*", "+FLAGS", "(\\Deleted)")
        client.expunge()
    raw = (CORPUS / "s34_filed.eml").read_bytes()
    client.append("INBOX", None, imaplib.Time2Internaldate(time.time()), raw)
    settings.REGISTRY_MAIL_SOURCES = [dovecot.url]
    queued = enqueue()
    run_worker()
    assert DBTaskResult.objects.get(pk=queued["enqueued"]).return_value == {"filed": 1}
    client.select("INBOX")
    _, flags = client.fetch("1", "(FLAGS)")
    assert IMAP_DONE_KEYWORD.encode() in flags[0]
    client.logout()
    # The next scheduled run reads nothing: the message is flagged as recorded.
    again = enqueue()
    run_worker()
    assert DBTaskResult.objects.get(pk=again["enqueued"]).return_value == {}
