"""What holds for every notice a practitioner receives (issue 11 section 1): a subject that starts
with the matter number, a plain-text part, no document attached (links only, behind sign-in),
delivered once to the account's address. Every kind of notice is produced here through the
services and the worker, to a real SMTP server; the one exception to "no attachment", the
Office of Industrial Relations' notice of PD16 para 11, is tested in tests/filings/test_rule32.py.
"""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from audit.services import Actor
from filings.models import Direction
from filings.services.matter_directions import matter_record_submissions_direction
from filings.services.records import direction_record, practice_note_apply
from filings.services.review import RejectionSpec, filing_accept, filing_reject
from filings.services.withdrawals import (
    direction_withdraw,
    practice_note_application_withdraw,
)
from notices.models import Notice
from practice_directions.models import RejectionReason
from tests.factories import document_kind
from tests.factories_lodgment import affidavit, lodge

pytestmark = pytest.mark.django_db

# Sent outside: to the Office of Industrial Relations, with the award attached (PD16 para 11),
# and to the sender of e-mail the registry received (tests/intake/test_acknowledgements.py).
OUTSIDE = {Notice.Kind.OIR_AWARD_RECEIVED, Notice.Kind.MAIL_ACKNOWLEDGED}


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def _send_reminders(today: datetime.date) -> dict[str, int]:
    out = io.StringIO()
    call_command("send_reminders", "--today", today.isoformat(), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_every_kind_of_practitioner_notice_has_its_subject_text_and_no_attachment(
    smtp, committed, matter, applicant, respondent, solicitor, opponent, clerk
):
    # A direction binding the respondent to file affidavits within a week (para 7): its notice
    # now, a reminder three days before, an overdue notice the day after.
    committed(
        direction_record,
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=_days(-1),
        due_on=_days(6),
        parties=[respondent],
        document_kinds=[document_kind("Affidavit")],
        recorded_by=clerk,
    )
    assert committed(_send_reminders, _days(3))["reminders"] == 1
    assert committed(_send_reminders, _days(7))["overdue"] == 1
    # The applicant is to file and serve (para 7): its lodgment is served on the other side.
    committed(
        direction_record,
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=_days(0),
        parties=[applicant],
        serve=True,
        recorded_by=clerk,
    )
    accepted = committed(lodge, applicant, solicitor, affidavit())
    committed(filing_accept, filing=accepted, reviewed_by=clerk)
    rejected = committed(lodge, applicant, solicitor, affidavit())
    reason = RejectionReason.objects.filter(active=True).first()
    committed(
        filing_reject,
        filing=rejected,
        reviewed_by=clerk,
        reasons=[RejectionSpec(reason.code)],
        correction_due_on=_days(14),
    )
    committed(
        direction_record,
        matter=matter,
        kind=Direction.Kind.WAIVE,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=_days(0),
        recorded_by=clerk,
    )
    application = committed(
        practice_note_apply,
        matter=matter,
        made_by="commission",
        applied_on=_days(0),
        extent="whole",
        recorded_by=clerk,
    )
    # Withdrawing the direction and the application tells the parties they bound.
    actor = Actor(user=clerk)
    direction = Direction.objects.filter(matter=matter, kind=Direction.Kind.WAIVE).get()
    committed(
        direction_withdraw,
        direction=direction,
        withdrawn_on=_days(0),
        reason="Made in error.",
        actor=actor,
    )
    committed(
        practice_note_application_withdraw,
        application=application,
        withdrawn_on=_days(0),
        reason="The parties have settled the protocol question.",
        actor=actor,
    )
    committed(matter_record_submissions_direction, matter=matter, directed=True)

    notices = list(Notice.objects.select_related("recipient"))
    assert {n.kind for n in notices} == set(Notice.Kind.values) - OUTSIDE
    assert all(n.state == Notice.State.SENT and n.attempts == 1 for n in notices)
    # Each notice reached the SMTP server once, to its recipient's address.
    assert sorted((r.rcpt_tos[0], r.message["Subject"]) for r in smtp.received) == sorted(
        (n.recipient.email, n.subject) for n in notices
    )
    for received in smtp.received:
        message = received.message
        assert message["Subject"].startswith(f"{matter.number} "), message["Subject"]
        plain = message.get_body(preferencelist=("plain",))
        assert plain is not None and plain.get_content().strip(), message["Subject"]
        assert list(message.iter_attachments()) == [], message["Subject"]
        assert not any(part.get_filename() for part in message.walk()), message["Subject"]
