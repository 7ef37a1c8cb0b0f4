"""``send_reminders``: a reminder some days before a copy (PD16 para 3(b)), a direction (para 7)
or a Rule 32 award (para 11) falls due, a notice once it is overdue, each queued once; the
interface exactly as issue 11 gives it: ``--today``, ``--dry-run``, ``--json``."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from filings.models import Direction, Document, Party
from filings.services.records import direction_record
from filings.services.rule32 import rule32_order_record
from notices.models import Notice, NoticePreferences, ReminderLimits
from notices.text import day
from practice_directions.models import ProceedingType
from tests.factories import FilingFactory, MatterFactory, PartyFactory, document_kind
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    affidavit,
    lodge,
    represent,
)

pytestmark = pytest.mark.django_db
D = datetime.date
CERTIFICATE = D(2005, 3, 10)
DUE = D(2005, 4, 7)  # day 28 after the certificate (PD16 para 3(b))


def send_reminders(*args: str) -> dict[str, int]:
    out = io.StringIO()
    call_command("send_reminders", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def _lodge_without_copy(party, day, kind="Affidavit"):
    lodged_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    filing = FilingFactory(party=party, lodged_at=lodged_at)
    Document.objects.create(filing=filing, position=1, kind=document_kind(kind), title=kind)
    return filing


@pytest.fixture
def s106():
    matter = MatterFactory(
        proceeding=ProceedingType.objects.get(code="s106"), conciliation_certificate_on=CERTIFICATE
    )
    applicant = PartyFactory(matter=matter, name="Jane Citizen", role=Party.Role.APPLICANT)
    respondent = PartyFactory(matter=matter, name="Acme Pty Ltd", role=Party.Role.RESPONDENT)
    _lodge_without_copy(applicant, D(2005, 1, 10))
    _lodge_without_copy(respondent, D(2005, 2, 1))
    return matter


@pytest.fixture
def solicitor(s106):
    user = PractitionerFactory(username="solicitor")
    represent(user, s106.parties.get(role=Party.Role.APPLICANT))
    return user


@pytest.fixture
def opponent(s106):
    user = PractitionerFactory(username="opponent")
    represent(user, s106.parties.get(role=Party.Role.RESPONDENT))
    return user


def _notices(kind):
    return sorted(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_reminder_goes_the_default_days_before_a_copy_falls_due(s106, solicitor, opponent):
    assert send_reminders("--today", "2005-04-03") == {"reminders": 0, "overdue": 0}
    assert send_reminders("--today", "2005-04-04") == {"reminders": 2, "overdue": 0}
    assert _notices(Notice.Kind.REMINDER) == ["opponent", "solicitor"]
    notice = Notice.objects.filter(recipient=solicitor).get()
    assert notice.subject == f"{s106.number} Reminder: due 7 April 2005"
    assert "Jane Citizen (PD16 para 3(b))" in notice.body
    assert "in 3 days" in notice.body


def test_a_second_run_for_the_same_day_queues_nothing_new(s106, solicitor, opponent):
    assert send_reminders("--today", "2005-04-04") == {"reminders": 2, "overdue": 0}
    assert send_reminders("--today", "2005-04-04") == {"reminders": 0, "overdue": 0}
    # Nor the next day: one reminder per obligation and due date.
    assert send_reminders("--today", "2005-04-05") == {"reminders": 0, "overdue": 0}
    assert Notice.objects.count() == 2


def test_an_overdue_notice_once_the_due_date_has_passed(s106, solicitor, opponent):
    # Day 28 is on time: its reminder, "due today", not yet overdue.
    assert send_reminders("--today", "2005-04-07") == {"reminders": 2, "overdue": 0}
    assert "is due today" in Notice.objects.filter(recipient=solicitor).get().body
    assert send_reminders("--today", "2005-04-08") == {"reminders": 0, "overdue": 2}
    assert send_reminders("--today", "2005-04-09") == {"reminders": 0, "overdue": 0}
    notice = Notice.objects.filter(kind=Notice.Kind.OVERDUE, recipient=solicitor).get()
    assert notice.subject == f"{s106.number} Overdue since 7 April 2005"
    assert "overdue by 1 day." in notice.body


def test_long_overdue_obligations_get_no_notice_on_a_first_run(s106, solicitor, settings):
    settings.NOTICES_OVERDUE_LOOKBACK_DAYS = 30
    assert send_reminders("--today", "2005-06-01") == {"reminders": 0, "overdue": 0}


def test_a_dry_run_counts_and_writes_nothing(s106, solicitor, opponent):
    assert send_reminders("--today", "2005-04-08", "--dry-run") == {"reminders": 0, "overdue": 2}
    assert Notice.objects.count() == 0


def test_each_user_chooses_within_the_clerks_limits(s106, solicitor, opponent):
    NoticePreferences.objects.create(user=solicitor, days_before=1)
    NoticePreferences.objects.create(user=opponent, days_before=5, remind_copies=False)
    assert send_reminders("--today", "2005-04-04") == {"reminders": 0, "overdue": 0}
    assert send_reminders("--today", "2005-04-06") == {"reminders": 1, "overdue": 0}
    assert _notices(Notice.Kind.REMINDER) == ["solicitor"]
    # Overdue notices are required by the clerk's limits, whatever the opponent chose.
    NoticePreferences.objects.filter(user=opponent).update(overdue=False)
    assert send_reminders("--today", "2005-04-08")["overdue"] == 2
    ReminderLimits.objects.filter(pk=1).update(overdue_required=False)
    Notice.objects.filter(kind=Notice.Kind.OVERDUE).delete()
    assert send_reminders("--today", "2005-04-08")["overdue"] == 1


def test_a_choice_beyond_the_limits_is_held_to_them(s106, solicitor):
    ReminderLimits.objects.filter(pk=1).update(max_days_before=4, default_days_before=3)
    NoticePreferences.objects.create(user=solicitor, days_before=20)
    assert send_reminders("--today", "2005-04-02")["reminders"] == 0
    assert send_reminders("--today", "2005-04-03")["reminders"] == 1


def test_rule32_awards_remind_the_applicants_practitioners(solicitor):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="rule32"))
    applicant = PartyFactory(matter=matter, role=Party.Role.APPLICANT)
    respondent = PartyFactory(matter=matter, role=Party.Role.RESPONDENT)
    applicant_side, other_side = PractitionerFactory(), PractitionerFactory()
    represent(applicant_side, applicant)
    represent(other_side, respondent)
    rule32_order_record(
        matter=matter,
        description="Clerical Award variation",
        made_on=D(2026, 5, 1),
        file_by=D(2026, 5, 15),
        recorded_by=solicitor,
    )
    assert send_reminders("--today", "2026-05-12") == {"reminders": 1, "overdue": 0}
    notice = Notice.objects.get()
    assert notice.recipient == applicant_side
    assert "Clerical Award variation (PD16 para 11)" in notice.body


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def directed():
    """A matter (not s.106: no copies fall due) where the Commission directed the respondent,
    12 days ago, to file and serve its affidavits within 20 days (PD16 para 7)."""
    matter = MatterFactory(opened_on=_days(-60), abbreviated_title="Citizen v Acme")
    applicant = PartyFactory(matter=matter, name="Jane Citizen", role=Party.Role.APPLICANT)
    respondent = PartyFactory(matter=matter, name="Acme Pty Ltd", role=Party.Role.RESPONDENT)
    for_applicant = PractitionerFactory(username="for_applicant", email="a@firm.example")
    for_respondent = PractitionerFactory(username="for_respondent", email="r@firm.example")
    represent(for_applicant, applicant)
    represent(for_respondent, respondent)
    clerk = ClerkFactory()
    direction = direction_record(
        matter=matter,
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.COMMISSION,
        made_on=_days(-12),
        due_on=_days(8),
        serve=True,
        parties=[respondent],
        document_kinds=[document_kind("Affidavit")],
        recorded_by=clerk,
    )
    return {
        "matter": matter,
        "direction": direction,
        "respondent": respondent,
        "applicant": applicant,
        "for_respondent": for_respondent,
        "for_applicant": for_applicant,
        "clerk": clerk,
    }


def _reminders():
    return Notice.objects.filter(kind__in=[Notice.Kind.REMINDER, Notice.Kind.OVERDUE])


def test_a_direction_is_reminded_to_the_bound_party_only_days_before_it_falls_due(directed):
    assert send_reminders("--today", _days(4).isoformat()) == {"reminders": 0, "overdue": 0}
    assert send_reminders("--today", _days(5).isoformat()) == {"reminders": 1, "overdue": 0}
    notice = _reminders().get()
    assert notice.recipient == directed["for_respondent"]
    assert notice.subject == f"{directed['matter'].number} Reminder: due {day(_days(8))}"
    assert "by the Commission to file and serve Affidavit in computer-readable format" in (
        notice.body
    )
    assert "(PD16 para 7) is due on" in notice.body and "in 3 days" in notice.body
    # A second run the same day, and the next, queue nothing new.
    assert send_reminders("--today", _days(5).isoformat()) == {"reminders": 0, "overdue": 0}
    assert send_reminders("--today", _days(6).isoformat()) == {"reminders": 0, "overdue": 0}


def test_a_direction_not_met_by_its_date_gets_an_overdue_notice_once(directed):
    assert send_reminders("--today", _days(8).isoformat()) == {"reminders": 1, "overdue": 0}
    assert send_reminders("--today", _days(9).isoformat()) == {"reminders": 0, "overdue": 1}
    assert send_reminders("--today", _days(9).isoformat()) == {"reminders": 0, "overdue": 0}
    notice = _reminders().get(kind=Notice.Kind.OVERDUE)
    assert notice.recipient == directed["for_respondent"]
    assert notice.subject == f"{directed['matter'].number} Overdue since {day(_days(8))}"
    assert "overdue by 1 day." in notice.body


def test_a_direction_met_by_a_filing_is_neither_reminded_nor_overdue(directed):
    lodge(directed["respondent"], directed["for_respondent"], affidavit())
    assert send_reminders("--today", _days(5).isoformat()) == {"reminders": 0, "overdue": 0}
    assert send_reminders("--today", _days(9).isoformat()) == {"reminders": 0, "overdue": 0}
    assert not _reminders().exists()


def test_a_filing_of_another_kind_or_by_another_party_does_not_meet_it(directed):
    lodge(directed["applicant"], directed["for_applicant"], affidavit())
    lodge(
        directed["respondent"],
        directed["for_respondent"],
        affidavit(kind=document_kind("Submissions"), title="Submissions"),
    )
    assert send_reminders("--today", _days(9).isoformat()) == {"reminders": 0, "overdue": 1}


def test_a_direction_binding_every_party_reminds_only_those_who_have_not_met_it(directed):
    direction = direction_record(
        matter=directed["matter"],
        kind=Direction.Kind.DIRECT,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=_days(-1),
        due_on=_days(2),
        recorded_by=directed["clerk"],
    )
    lodge(directed["applicant"], directed["for_applicant"], affidavit())
    assert send_reminders("--today", _days(0).isoformat()) == {"reminders": 1, "overdue": 0}
    notice = _reminders().get()
    assert notice.recipient == directed["for_respondent"]
    assert f"direction:{direction.pk}:" in notice.dedupe_key
    assert "by the Registrar to file all documentation" in notice.body


def test_directions_in_a_closed_matter_are_not_reminded(directed):
    type(directed["matter"]).objects.filter(pk=directed["matter"].pk).update(status="closed")
    assert send_reminders("--today", _days(5).isoformat()) == {"reminders": 0, "overdue": 0}


def test_a_user_who_turned_direction_reminders_off_gets_none(directed):
    NoticePreferences.objects.create(
        user=directed["for_respondent"], days_before=3, remind_directions=False
    )
    assert send_reminders("--today", _days(5).isoformat()) == {"reminders": 0, "overdue": 0}
    assert send_reminders("--today", _days(9).isoformat()) == {"reminders": 0, "overdue": 1}


def test_direction_reminders_reach_the_smtp_server_through_the_worker(
    directed, smtp, django_capture_on_commit_callbacks
):
    from tests.notices.worker import run_worker

    smtp.reset()
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders("--today", _days(5).isoformat())
    run_worker()
    subjects = {r.message["Subject"]: r for r in smtp.received}
    subject = f"{directed['matter'].number} Reminder: due {day(_days(8))}"
    received = subjects[subject]
    assert received.rcpt_tos == ["r@firm.example"]
    plain = received.message.get_body(preferencelist=("plain",)).get_content()
    assert "file and serve Affidavit" in plain
    assert not list(received.message.iter_attachments())
    assert Notice.objects.get(subject=subject).state == Notice.State.SENT


def test_reminders_are_sent_by_the_worker(
    s106, solicitor, smtp, django_capture_on_commit_callbacks
):
    from tests.notices.worker import run_worker

    with django_capture_on_commit_callbacks(execute=True):
        send_reminders("--today", "2005-04-04")
    run_worker()
    [received] = smtp.received
    assert received.message["Subject"] == f"{s106.number} Reminder: due 7 April 2005"


def test_a_bad_date_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "4/4/2005")


def test_without_json_it_says_what_it_did(s106, solicitor):
    out = io.StringIO()
    call_command("send_reminders", "--today", "2005-04-04", stdout=out)
    assert out.getvalue().strip() == "Queued 1 reminder(s) and 0 overdue notice(s) for 2005-04-04."
