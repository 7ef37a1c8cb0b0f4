"""Each event sends its notice to the right people, through the outbox and the worker, to a
real SMTP server (aiosmtpd): lodgment, acceptance, rejection, "file and serve" (PD16 para 7),
directions, waivers and Practice Note 127 (para 8)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from filings.models import Direction, Document, Filing, PartyRepresentative
from filings.services.matter_directions import matter_record_submissions_direction
from filings.services.records import direction_record, practice_note_apply
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from notices.models import Notice
from notices.text import day, paragraph_label
from practice_directions.models import RejectionReason
from tests.factories_lodgment import PractitionerFactory, affidavit, lodge

pytestmark = pytest.mark.django_db


def _plain(received) -> str:
    return received.message.get_body(preferencelist=("plain",)).get_content()


def test_lodgment_sends_the_notice_of_lodgment_with_each_hash_and_a_link(
    smtp, committed, applicant, solicitor, opponent
):
    filing = committed(lodge, applicant, solicitor)
    [received] = smtp.received
    assert received.rcpt_tos == ["solicitor@firm.example"]
    message = received.message
    assert message["Subject"].startswith(filing.matter.number)
    text = _plain(received)
    assert "NOTICE OF LODGMENT" in text
    for document in filing.documents.exclude(electronic_copy=""):
        assert document.sha256 in text
    filing_page = reverse("practitioner:filing", args=["IRC2026-" + filing.matter.number[-4:], 1])
    assert f"http://127.0.0.1:8000{filing_page}" in text
    # Links only: no document goes with a practitioner's notice; an HTML alternative does.
    assert list(message.iter_attachments()) == []
    assert message.get_body(preferencelist=("html",)) is not None
    notice = Notice.objects.get(kind=Notice.Kind.FILING_LODGED)
    assert (notice.recipient, notice.state, notice.attempts) == (solicitor, Notice.State.SENT, 1)


def test_a_lodgment_refused_queues_no_notice(applicant, solicitor):
    with pytest.raises(ValidationError):
        lodge(applicant, solicitor, affidavit(title=""))
    assert Notice.objects.count() == 0


def test_the_notice_and_its_sending_task_are_written_in_the_events_transaction(
    applicant, solicitor, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lodge(applicant, solicitor)
        # Written with the filing, before any commit: the notice and the task that sends it
        # (and the search's reading of the copies), so they commit or roll back together.
        [notice] = Notice.objects.filter(state=Notice.State.QUEUED)
        [send] = DBTaskResult.objects.filter(task_path="notices.tasks.send_notice")
        assert send.args_kwargs == {"args": [notice.pk], "kwargs": {}}
        assert DBTaskResult.objects.filter(task_path__startswith="search.").count() == 1
    # Nothing is left to enqueue after the commit: no crash between the two can lose a task.
    for callback in callbacks:
        callback()
    assert DBTaskResult.objects.count() == 2


def test_acceptance_goes_to_the_lodging_practitioner(smtp, committed, applicant, solicitor, clerk):
    filing = committed(lodge, applicant, solicitor)
    smtp.reset()
    committed(filing_accept, filing=filing, reviewed_by=clerk)
    [received] = smtp.received
    assert received.rcpt_tos == ["solicitor@firm.example"]
    assert (
        received.message["Subject"] == f"{filing.matter.number} Filing {filing.reference} accepted"
    )


def test_rejection_gives_each_coded_reason_its_paragraph_and_the_correction_date(
    smtp, committed, applicant, solicitor, clerk
):
    filing = lodge(applicant, solicitor)
    reasons = list(RejectionReason.objects.filter(active=True)[:2])
    due = datetime.date.today() + datetime.timedelta(days=7)  # noqa: DTZ011 - the test's own clock, compared with what the page shows today
    committed(
        filing_reject,
        filing=filing,
        reviewed_by=clerk,
        reasons=[
            RejectionSpec(reasons[0].code, document_position=1, note="Page 3 is missing."),
            RejectionSpec(reasons[1].code),
        ],
        correction_due_on=due,
    )
    [received] = [r for r in smtp.received if "rejected" in r.message["Subject"]]
    assert received.rcpt_tos == ["solicitor@firm.example"]
    assert received.message["Subject"].startswith(filing.matter.number)
    text = _plain(received)
    for reason in reasons:
        # Each reason on its own line, with the paragraph it cites written out.
        assert f"- {reason.text} [{paragraph_label(reason.paragraph)}]" in text
    assert "(document 01)" in text and "Page 3 is missing." in text
    assert f"A corrected filing may be lodged by {day(due)}" in text
    assert list(received.message.iter_attachments()) == []


def _serve_direction(matter, party, clerk, **kw):
    return direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=datetime.date(2026, 3, 3),
        recorded_by=clerk,
        parties=[party],
        serve=True,
        **kw,
    )


def test_file_and_serve_notifies_the_other_side_with_a_link_for_those_acting(
    smtp, committed, client, matter, applicant, respondent, solicitor, opponent, clerk
):
    committed(_serve_direction, matter, applicant, clerk)
    smtp.reset()
    filing = committed(lodge, applicant, solicitor)
    by_address = {r.rcpt_tos[0]: r for r in smtp.received}
    assert set(by_address) == {"solicitor@firm.example", "opponent@other.example"}
    served = by_address["opponent@other.example"]
    assert served.message["Subject"].startswith(matter.number)
    assert "served on you" in served.message["Subject"]
    assert list(served.message.iter_attachments()) == []
    page = Notice.objects.get(kind=Notice.Kind.FILING_SERVED).link
    assert page in _plain(served)
    document = filing.documents.exclude(electronic_copy="").first()
    # The other side's practitioner opens it while acting in the matter...
    client.force_login(opponent)
    response = client.get(page)
    assert response.status_code == 200
    assert document.sha256 in response.content.decode()
    # ...and not once they stop acting, nor does anyone not served.
    PartyRepresentative.objects.filter(user=opponent).delete()
    assert client.get(page).status_code == 404
    stranger = PractitionerFactory(username="stranger")
    client.force_login(stranger)
    assert client.get(page).status_code == 404
    client.force_login(solicitor)  # acts in the matter, but lodged it: not served on them
    assert client.get(page).status_code == 404


def test_without_a_serve_direction_the_other_side_is_not_notified(
    smtp, committed, applicant, solicitor, opponent
):
    committed(lodge, applicant, solicitor)
    assert [r.rcpt_tos for r in smtp.received] == [["solicitor@firm.example"]]


def test_a_serve_direction_for_other_documents_does_not_serve_this_filing(
    smtp, committed, matter, applicant, solicitor, opponent, clerk
):
    from tests.factories import document_kind

    committed(
        _serve_direction, matter, applicant, clerk, document_kinds=[document_kind("Submissions")]
    )
    smtp.reset()
    committed(lodge, applicant, solicitor)
    assert [r.rcpt_tos for r in smtp.received] == [["solicitor@firm.example"]]


def test_a_direction_goes_to_the_practitioners_of_the_parties_it_binds(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    committed(_serve_direction, matter, respondent, clerk)
    [received] = smtp.received
    assert received.rcpt_tos == ["opponent@other.example"]
    assert (
        received.message["Subject"] == f"{matter.number} Direction to file and serve (PD16 para 7)"
    )


def test_a_waiver_naming_no_party_goes_to_every_partys_practitioners(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    committed(
        direction_record,
        matter=matter,
        kind=Direction.Kind.WAIVE,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=datetime.date(2026, 3, 3),
        recorded_by=clerk,
    )
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == [
        "opponent@other.example",
        "solicitor@firm.example",
    ]
    assert {n.kind for n in Notice.objects.all()} == {Notice.Kind.WAIVER_RECORDED}


def test_pn127_and_the_submissions_direction_are_notified(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    committed(
        practice_note_apply,
        matter=matter,
        made_by="commission",
        applied_on=datetime.date(2026, 3, 4),
        extent="part",
        parts="5, 6",
        recorded_by=clerk,
    )
    committed(matter_record_submissions_direction, matter=matter, directed=True)
    kinds = sorted(Notice.objects.values_list("kind", "recipient__username"))
    assert kinds == [
        ("pn127_applied", "opponent"),
        ("pn127_applied", "solicitor"),
        ("submissions_direction", "opponent"),
        ("submissions_direction", "solicitor"),
    ]
    assert len(smtp.received) == 4
    assert all(r.message["Subject"].startswith(matter.number) for r in smtp.received)


def test_a_counter_lodgment_recorded_by_a_clerk_notifies_the_partys_practitioners(
    smtp, committed, applicant, solicitor, clerk
):
    from filings.services.lodgment import filing_lodge

    committed(
        filing_lodge,
        party=applicant,
        lodged_by=clerk,
        documents=[affidavit()],
        channel=Filing.Channel.CD_ROM,
    )
    assert [r.rcpt_tos for r in smtp.received] == [["solicitor@firm.example"]]
    assert Document.objects.count() == 1
