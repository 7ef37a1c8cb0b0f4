"""ingest_email over the committed corpus: every class, outcome and hostile case (PD16 9-10)."""

from __future__ import annotations

import json
import mailbox
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from filings.models import Filing, Rule32Order
from intake.models import InboundMessage
from intake.services import mailbox_ingest
from tests.intake.conftest import CORPUS, corpus
from tests.notices.worker import run_worker

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[dict]:
    out = StringIO()
    call_command("ingest_email", *args, "--json", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("name", sorted(corpus.EXPECTED))
def test_each_corpus_message_has_its_class_outcome_and_codes(
    name, mail_matters, django_capture_on_commit_callbacks
):
    expected_class, expected_outcome, codes = corpus.EXPECTED[name]
    with django_capture_on_commit_callbacks(execute=True):
        [result] = run(str(CORPUS / f"{name}.eml"))
    assert set(result) == {"message_id", "class", "matter", "outcome", "attachments", "problems"}
    assert all(set(a) == {"filename", "format", "acceptable"} for a in result["attachments"])
    assert all(set(p) == {"code", "message"} for p in result["problems"])
    assert result["matter"] is None or result["matter"].startswith("IRC")
    assert result["outcome"] == expected_outcome
    assert result["class"] == expected_class
    found = {p["code"] for p in result["problems"]}
    assert set(codes) <= found, found
    record = InboundMessage.objects.get()
    if expected_outcome == "filed":
        assert record.filing.channel == Filing.Channel.EMAIL
        assert result["matter"] == record.filing.matter.number
        assert record.filing.party.name.startswith("Applicant in")
        assert all(d.virus_scan_status for d in record.filing.documents.all())
    else:
        assert not Filing.objects.exists()


def test_the_raw_message_is_kept_with_its_hash_as_the_transmission_record(mail_matters):
    raw = (CORPUS / "s34_filed.eml").read_bytes()
    mailbox_ingest(source=str(CORPUS / "s34_filed.eml"))
    record = InboundMessage.objects.get()
    with record.raw.open("rb") as handle:
        assert handle.read() == raw
    import hashlib

    assert record.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert record.filing.transmission_report_sent_to == corpus.ELECTRONIC
    assert record.filing.email_subject == record.subject


def test_a_maildir_ingested_twice_creates_nothing_new(mail_matters, maildir):
    first = mailbox_ingest(source=str(maildir))
    assert len(first) == len(corpus.EXPECTED)
    counts = (InboundMessage.objects.count(), Filing.objects.count())
    second = mailbox_ingest(source=str(maildir))
    assert {o.outcome for o in second} == {"duplicate"}
    assert (InboundMessage.objects.count(), Filing.objects.count()) == counts
    assert counts[1] == sum(1 for e in corpus.EXPECTED.values() if e[1] == "filed")


def test_a_message_without_message_id_is_known_by_its_hash(mail_matters):
    path = str(CORPUS / "missing_headers.eml")
    assert mailbox_ingest(source=path)[0].outcome == "unmatched"
    assert mailbox_ingest(source=path)[0].outcome == "duplicate"
    assert InboundMessage.objects.get().message_id == ""


def test_several_eml_files_and_an_mbox_are_read(mail_matters, tmp_path):
    box = mailbox.mbox(str(tmp_path / "in.mbox"))
    for name in ("s34_filed", "no_matter"):
        box.add((CORPUS / f"{name}.eml").read_bytes())
    box.flush()
    outcomes = run(str(tmp_path / "in.mbox"), str(CORPUS / "s324_filed.eml"))
    assert [o["outcome"] for o in outcomes] == ["filed", "unmatched", "filed"]


def test_dry_run_records_nothing(mail_matters):
    [result] = run(str(CORPUS / "s34_filed.eml"), "--dry-run")
    assert result["outcome"] == "filed"
    assert not InboundMessage.objects.exists()
    assert not Filing.objects.exists()


def test_a_failure_between_storing_and_recording_leaves_the_message_to_ingest_again(
    mail_matters, monkeypatch
):
    from intake.services import mail as mail_service

    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(mail_service, "record_received", crash)
    with pytest.raises(RuntimeError):
        mailbox_ingest(source=str(CORPUS / "s34_filed.eml"))
    assert not InboundMessage.objects.exists()
    assert not Filing.objects.exists()
    monkeypatch.undo()
    [outcome] = mailbox_ingest(source=str(CORPUS / "s34_filed.eml"))
    assert outcome.outcome == "filed"
    assert Filing.objects.count() == 1


def test_a_message_over_the_size_limit_is_rejected_with_its_code(mail_matters, settings):
    settings.REGISTRY_MAIL_MAX_BYTES = 2000
    [result] = run(str(CORPUS / "s34_filed.eml"))
    assert result["outcome"] == "rejected"
    assert [p["code"] for p in result["problems"]] == ["mail.too_large"]
    record = InboundMessage.objects.get()
    assert not record.raw


def test_a_rule32_award_by_email_meets_its_order_and_tells_the_office(
    mail_matters, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = mailbox_ingest(source=str(CORPUS / "rule32_filed.eml"))
    assert outcome.outcome == "filed"
    order = Rule32Order.objects.get()
    assert order.received_filing.reference == outcome.filing
    run_worker()  # the Office's notice (PD16 para 11) leaves through the outbox
    assert [m for m in mail.outbox if m.to == ["oir@industrial.example"]]


def test_hostile_attachment_names_are_made_plain(mail_matters):
    [outcome] = mailbox_ingest(source=str(CORPUS / "hostile_names.eml"))
    names = [a["filename"] for a in outcome.attachments]
    assert names == ["Agreement.doc", "Schedule 2.doc"]
    filing = Filing.objects.get()
    assert [d.original_filename for d in filing.documents.all()] == names


def test_an_image_annexure_is_annexed_to_the_agreement(mail_matters):
    mailbox_ingest(source=str(CORPUS / "with_image_annexure.eml"))
    first, second = Filing.objects.get().documents.order_by("position")
    assert (first.kind.name, second.kind.name) == ("Enterprise agreement", "Annexure or attachment")
    assert second.annexed_to == first


def test_human_output_summarises(mail_matters):
    out = StringIO()
    call_command("ingest_email", str(CORPUS / "s34_filed.eml"), stdout=out)
    assert "1 filed." in out.getvalue()


def test_a_missing_source_is_a_clear_error(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="does not exist"):
        call_command("ingest_email", str(tmp_path / "nope"))


def _rtf_submission_message(body: bytes) -> bytes:
    number, title, _ = corpus.MATTERS["submissions"]
    message = corpus.base("virus", to=corpus.CLIENT, subject=f"{title} {number}")
    corpus.attach(message, rb"{\rtf1\ansi " + body + b" }", "Submissions.rtf", "application/rtf")
    return message.as_bytes()


def test_an_attachment_with_a_virus_is_not_lodged(mail_matters, settings, clamd_daemon, tmp_path):
    from tests.antivirus_daemon import EICAR

    settings.REGISTRY_CLAMD_ADDRESS = clamd_daemon.unix_address
    path = tmp_path / "virus.eml"
    path.write_bytes(_rtf_submission_message(b"{" + EICAR))
    [result] = run(str(path))
    assert result["outcome"] == "unmatched"
    assert "virus.found" in {p["code"] for p in result["problems"]}
    assert not Filing.objects.exists()


def test_a_clean_attachment_is_lodged_with_its_scan(mail_matters, settings, clamd_daemon, tmp_path):
    settings.REGISTRY_CLAMD_ADDRESS = clamd_daemon.unix_address
    path = tmp_path / "clean.eml"
    path.write_bytes(_rtf_submission_message(b"Outline of submissions."))
    [result] = run(str(path))
    assert result["outcome"] == "filed"
    assert Filing.objects.get().documents.get().virus_scan_status == "clean"


@pytest.mark.parametrize(
    ("email_class", "message"),
    [("s34", "s34_filed"), ("rule32", "rule32_filed")],  # by short title; by number
)
def test_a_message_for_a_closed_matter_is_refused_with_its_code(mail_matters, email_class, message):
    """Issue 9 §2: lodging into a closed matter is refused on every channel, e-mail intake too,
    saying the matter is closed rather than that none was found."""
    from filings.services.matters import matter_close

    matter_close(matter=mail_matters[email_class], reason="Finished.")
    [result] = run(str(CORPUS / f"{message}.eml"))
    assert result["outcome"] != "filed"
    assert "email.matter_closed" in {p["code"] for p in result["problems"]}
    assert not Filing.objects.exists()
