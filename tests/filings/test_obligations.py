"""What PD16 asks of parties, gathered from the database: per-party decisions, what remains due
after an s.106 certificate, and Rule 32 deadlines, at a constant number of queries."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from filings.models import Direction, Document, Filing, PracticeNoteApplication, Rule32Order
from filings.selectors.obligations import (
    assess_document_for_party,
    s106_outstanding,
    s106_outstanding_for_matters,
)
from filings.selectors.rule32_deadlines import rule32_deadlines, rule32_deadlines_for_matters
from practice_directions.models import ProceedingType
from practice_directions.selectors import load_rules
from tests.factories import FilingFactory, MatterFactory, PartyFactory, UserFactory, document_kind

pytestmark = pytest.mark.django_db
D = datetime.date
CERTIFICATE = D(2005, 3, 10)
FILED = D(2005, 3, 1)
MADE = D(2005, 1, 10)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


def matter_of(code: str, **values):
    return MatterFactory(proceeding=ProceedingType.objects.get(code=code), **values)


def direction(matter, kind, *, parties=(), kinds=(), made_on=MADE):
    record = Direction.objects.create(
        matter=matter,
        kind=kind,
        made_by=Direction.MadeBy.REGISTRAR,
        made_on=made_on,
        recorded_by=UserFactory(),
    )
    record.parties.set(parties)
    record.document_kinds.set([document_kind(name) for name in kinds])
    return record


def lodge(party, day, *documents, status=Filing.Status.LODGED):
    """A filing with (kind name, role, with an electronic copy?) documents."""
    reviewed_at = None if status == Filing.Status.LODGED else at(day)
    filing = FilingFactory(party=party, lodged_at=at(day), status=status, reviewed_at=reviewed_at)
    for position, (kind, role, with_copy) in enumerate(documents, start=1):
        document = Document(
            filing=filing,
            position=position,
            kind=document_kind(kind),
            title=f"{kind} {position}",
            role=role,
        )
        if with_copy:
            content = f"{{\\rtf1 {kind} {filing.pk}-{position}}}".encode()
            document.sha256 = hashlib.sha256(content).hexdigest()
            document.size = len(content)
            document.detected_format = "RTF"
            document.electronic_copy.save("copy.rtf", ContentFile(content), save=False)
        document.save()
    return filing


def decide(party, kind="Affidavit", *, filed_on=FILED, role="principal", **kwargs):
    return assess_document_for_party(
        party=party, document_kind=kind, role=role, filed_on=filed_on, **kwargs
    )


def test_representation_and_proceeding_come_from_the_records():
    s84 = PartyFactory(matter=matter_of("s84"))
    unrepresented = PartyFactory(representation="unrepresented")
    represented = PartyFactory()
    assert decide(s84).codes == ("pd16.exempt_3a",)
    assert decide(unrepresented).codes == ("pd16.exempt_3c",)
    assert decide(represented).status == "required"


def test_a_direction_reaches_only_the_parties_it_names():
    matter = matter_of("other")
    named = PartyFactory(matter=matter, representation="unrepresented")
    other = PartyFactory(matter=matter, representation="unrepresented", role="respondent")
    direction(matter, Direction.Kind.DIRECT, parties=[named])
    assert decide(named).status == "required"
    assert decide(other).status == "exempt"


def test_a_direction_without_parties_reaches_every_party():
    matter = matter_of("other")
    parties = [
        PartyFactory(matter=matter, representation="unrepresented", role=role)
        for role in ("applicant", "respondent", "intervenor")
    ]
    direction(matter, Direction.Kind.DIRECT)
    assert {decide(party).status for party in parties} == {"required"}


def test_directions_of_another_matter_do_not_count():
    party = PartyFactory(representation="unrepresented")
    direction(matter_of("other"), Direction.Kind.DIRECT)
    assert decide(party).status == "exempt"


def test_a_waiver_of_one_kind_and_a_later_direction():
    matter = matter_of("other")
    party = PartyFactory(matter=matter)
    direction(matter, Direction.Kind.WAIVE, kinds=["Affidavit"], made_on=D(2005, 1, 10))
    assert decide(party).status == "waived"
    assert decide(party, "Submissions").status == "required"
    direction(matter, Direction.Kind.DIRECT, made_on=D(2005, 2, 1))
    assert decide(party).status == "required"


def test_an_exempt_form_under_a_direction_naming_it():
    matter = matter_of("other")
    party = PartyFactory(matter=matter)
    direction(matter, Direction.Kind.DIRECT, kinds=["Notice of Appearance"])
    decision = decide(party, "Notice of Appearance")
    assert decision.codes == ("pd16.exempt_3e_overridden", "pd16.directed")


def test_the_certificate_date_comes_from_the_matter():
    party = PartyFactory(matter=matter_of("s106"))
    assert decide(party).status == "awaiting_certificate"
    party.matter.conciliation_certificate_on = CERTIFICATE
    party.matter.save(update_fields=["conciliation_certificate_on"])
    assert decide(party).due_by == D(2005, 4, 7)


def test_the_rule32_deadline_comes_from_the_outstanding_order():
    matter = matter_of("rule32")
    party = PartyFactory(matter=matter)
    user = UserFactory()
    Rule32Order.objects.create(
        matter=matter,
        description="Variation 1",
        made_on=D(2005, 1, 3),
        file_by=D(2005, 1, 17),
        received_on=D(2005, 1, 14),
        recorded_by=user,
    )
    Rule32Order.objects.create(
        matter=matter,
        description="Variation 2",
        made_on=D(2005, 2, 20),
        file_by=D(2005, 3, 7),
        recorded_by=user,
    )
    award = decide(party, "Award or award variation")
    assert (award.due_by, award.codes[0]) == (D(2005, 3, 7), "pd16.rule32_deadline")
    assert decide(party, "Application").due_by == D(2005, 3, 1)


def test_directed_submissions_may_be_emailed_to_client_services():
    party = PartyFactory(matter=matter_of("other", submissions_directed=True))
    decision = decide(party, "Submissions")
    assert decision.email_address == "irc_client_services@agd.nsw.gov.au"
    assert decide(party).email_lodgment_allowed is False


def test_pn127_applied_by_the_filing_date_is_noted():
    party = PartyFactory()
    PracticeNoteApplication.objects.create(
        matter=party.matter,
        made_by="commission",
        applied_on=D(2005, 2, 1),
        recorded_by=UserFactory(),
    )
    assert "pd16.pn127_applied" in decide(party).codes
    assert "pd16.pn127_applied" not in decide(party, filed_on=D(2005, 1, 31)).codes


def test_filing_before_pd16_commenced():
    assert decide(PartyFactory(), filed_on=D(2004, 11, 18)).status == "not_in_force"


def test_assessing_costs_a_constant_number_of_queries():
    matter = matter_of("other")
    party = PartyFactory(matter=matter)
    direction(matter, Direction.Kind.WAIVE, kinds=["Affidavit"])
    rules = load_rules()
    party = type(party).objects.select_related("matter").get(pk=party.pk)
    with CaptureQueriesContext(connection) as few:
        decide(party, rules=rules)
    for _ in range(10):
        direction(matter, Direction.Kind.DIRECT, parties=[party], kinds=["Affidavit", "Reply"])
    with CaptureQueriesContext(connection) as many:
        decide(party, rules=rules)
    assert len(few) == len(many) == 4


# --- s.106: what is still to be filed after the certificate ----------------------------------


@pytest.fixture
def s106():
    matter = matter_of("s106", conciliation_certificate_on=CERTIFICATE)
    applicant = PartyFactory(matter=matter, name="Jane Citizen", role="applicant")
    respondent = PartyFactory(matter=matter, name="Acme Pty Ltd", role="respondent")
    intervenor = PartyFactory(
        matter=matter, name="Minister", role="intervenor", representation="unrepresented"
    )
    lodge(
        applicant,
        D(2005, 1, 10),
        ("Application", "principal", False),
        ("Affidavit", "principal", True),
        ("Annexure or attachment", "annexure", False),
    )
    lodge(respondent, D(2005, 1, 20), ("Notice of Appearance", "principal", False))
    lodge(respondent, D(2005, 2, 1), ("Points of defence", "principal", False))
    lodge(respondent, D(2005, 2, 2), ("Reply", "principal", False), status="rejected")
    lodge(intervenor, D(2005, 2, 3), ("Submissions", "principal", False))
    lodge(applicant, CERTIFICATE, ("Reply", "principal", False))  # on the day: due at filing
    return matter


def _by_name(rows):
    return {row.party_name: row for row in rows}


def test_s106_outstanding_lists_each_party_and_what_it_still_owes(s106):
    rows = _by_name(s106_outstanding(matter=s106, today=D(2005, 3, 20)))
    assert set(rows) == {"Jane Citizen", "Acme Pty Ltd", "Minister"}
    assert [(d.kind, d.filed_on) for d in rows["Jane Citizen"].documents] == [
        ("Application", D(2005, 1, 10)),
        ("Annexure or attachment", D(2005, 1, 10)),
    ]
    # The exempt Notice of Appearance and the rejected filing are not owed.
    assert [d.kind for d in rows["Acme Pty Ltd"].documents] == ["Points of defence"]
    # An unrepresented party owes nothing (para 3(c)).
    assert rows["Minister"].documents == ()
    assert {row.due_by for row in rows.values()} == {D(2005, 4, 7)}
    assert rows["Jane Citizen"].documents[0].filing_reference.startswith(s106.number)


def test_s106_day_28_is_on_time_and_day_29_overdue(s106):
    day_28 = _by_name(s106_outstanding(matter=s106, today=D(2005, 4, 7)))
    day_29 = _by_name(s106_outstanding(matter=s106, today=D(2005, 4, 8)))
    assert day_28["Jane Citizen"].overdue is False
    assert day_29["Jane Citizen"].overdue is True
    assert day_29["Minister"].overdue is False  # nothing outstanding, nothing overdue


def test_s106_a_waiver_for_a_party_clears_its_list(s106):
    respondent = s106.parties.get(role="respondent")
    direction(s106, Direction.Kind.WAIVE, parties=[respondent])
    rows = _by_name(s106_outstanding(matter=s106, today=D(2005, 4, 8)))
    assert rows["Acme Pty Ltd"].documents == ()
    assert len(rows["Jane Citizen"].documents) == 2


def test_s106_before_the_certificate_nothing_is_due_yet():
    matter = matter_of("s106")
    lodge(PartyFactory(matter=matter), D(2005, 1, 10), ("Application", "principal", False))
    assert s106_outstanding(matter=matter, today=D(2005, 6, 1)) == []


def test_s106_outstanding_is_empty_for_other_proceedings():
    matter = matter_of("other", conciliation_certificate_on=CERTIFICATE)
    lodge(PartyFactory(matter=matter), D(2005, 1, 10), ("Application", "principal", False))
    assert s106_outstanding(matter=matter, today=D(2005, 6, 1)) == []


def test_s106_outstanding_costs_the_same_queries_for_more_rows(s106):
    rules = load_rules()
    direction(s106, Direction.Kind.WAIVE, kinds=["Submissions"])
    with CaptureQueriesContext(connection) as few:
        s106_outstanding(matter=s106, today=D(2005, 4, 8), rules=rules)
    for party in list(s106.parties.all()):
        for day in range(1, 6):
            lodge(
                party,
                D(2005, 2, day),
                ("Affidavit", "principal", False),
                ("Reply", "principal", True),
            )
        direction(s106, Direction.Kind.DIRECT, parties=[party], kinds=["Reply"])
    with CaptureQueriesContext(connection) as many:
        rows = s106_outstanding(matter=s106, today=D(2005, 4, 8), rules=rules)
    assert len(few) == len(many) == 6
    assert sum(len(row.documents) for row in rows) > 10


# --- s.106 for many matters at once (the dashboard and the deadlines page) -----------------


@pytest.fixture
def matters(s106):
    """The ``s106`` matter with four others: each its own certificate date, directions and
    parties, so that anything one matter's facts leaked into another's would show."""
    later = matter_of("s106", conciliation_certificate_on=D(2005, 5, 2))
    applicant = PartyFactory(matter=later, name="Later Applicant")
    PartyFactory(matter=later, name="Later Respondent", role="respondent")
    lodge(applicant, D(2005, 3, 20), ("Application", "principal", False))  # after s106's
    lodge(applicant, D(2005, 5, 2), ("Affidavit", "principal", False))  # on its own day
    waived = matter_of("s106", conciliation_certificate_on=D(2005, 2, 1))
    lodge(PartyFactory(matter=waived), D(2005, 1, 15), ("Affidavit", "principal", False))
    direction(waived, Direction.Kind.WAIVE)  # every party of this matter only
    awaiting = matter_of("s106")
    lodge(PartyFactory(matter=awaiting), D(2005, 1, 15), ("Affidavit", "principal", False))
    other = matter_of("other", conciliation_certificate_on=CERTIFICATE)
    lodge(PartyFactory(matter=other), D(2005, 1, 15), ("Affidavit", "principal", False))
    return [s106, later, waived, awaiting, other]


def _owed(rows):
    return {row.party_name: [d.kind for d in row.documents] for row in rows}


def test_s106_outstanding_for_matters_agrees_with_one_matter_at_a_time(matters):
    s106, later, waived, awaiting, other = matters
    today, rules = D(2005, 4, 8), load_rules()
    batched = s106_outstanding_for_matters(matters=matters, today=today, rules=rules)
    assert list(batched) == [m.pk for m in matters]
    for matter in matters:
        assert batched[matter.pk] == s106_outstanding(matter=matter, today=today, rules=rules)
    assert _owed(batched[s106.pk]) == {
        "Acme Pty Ltd": ["Points of defence"],
        "Jane Citizen": ["Application", "Annexure or attachment"],
        "Minister": [],
    }
    # Each matter is cut at its own certificate: lodged after s106's but before its own.
    assert _owed(batched[later.pk]) == {"Later Applicant": ["Application"], "Later Respondent": []}
    assert {row.due_by for row in batched[later.pk]} == {D(2005, 5, 30)}
    assert not any(row.overdue for row in batched[later.pk])
    # The waiver of one matter clears that matter and no other.
    assert [row.documents for row in batched[waived.pk]] == [()]
    assert batched[awaiting.pk] == batched[other.pk] == []


def test_s106_outstanding_for_matters_costs_the_same_queries_for_more_matters(matters):
    s106, later, waived, *_ = matters
    rules = load_rules()
    with CaptureQueriesContext(connection) as few:
        s106_outstanding_for_matters(matters=[s106, waived], today=D(2005, 4, 8), rules=rules)
    with CaptureQueriesContext(connection) as many:
        rows = s106_outstanding_for_matters(matters=matters, today=D(2005, 4, 8), rules=rules)
    assert len(few) == len(many) == 6
    assert sum(len(party.documents) for party in rows[later.pk]) == 1


def test_s106_outstanding_for_matters_limited_to_given_parties(matters):
    s106, later, *_ = matters
    respondent = s106.parties.get(role="respondent")
    direction(s106, Direction.Kind.WAIVE, parties=[respondent], kinds=["Submissions"])
    today, rules = D(2005, 4, 8), load_rules()
    with CaptureQueriesContext(connection) as all_queries:
        everyone = s106_outstanding_for_matters(matters=[s106, later], today=today, rules=rules)
    with CaptureQueriesContext(connection) as queries:
        mine = s106_outstanding_for_matters(
            matters=[s106, later], today=today, rules=rules, parties={s106.pk: [respondent]}
        )
    assert mine == {
        s106.pk: [row for row in everyone[s106.pk] if row.party_id == respondent.pk],
        later.pk: [],
    }
    assert mine[s106.pk][0].documents != ()
    # The parties were given, so not read.
    assert (len(all_queries), len(queries)) == (6, 5)


# --- Rule 32 deadlines ------------------------------------------------------------------------


def test_rule32_deadlines_due_and_overdue_soonest_first(django_assert_num_queries):
    user = UserFactory()
    matter = matter_of("rule32")
    for description, file_by, received in [
        ("Later", D(2005, 3, 20), None),
        ("Passed", D(2005, 3, 1), None),
        ("Today", D(2005, 3, 10), None),
        ("Received", D(2005, 3, 2), D(2005, 3, 1)),
    ]:
        Rule32Order.objects.create(
            matter=matter,
            description=description,
            made_on=D(2005, 2, 1),
            file_by=file_by,
            received_on=received,
            recorded_by=user,
        )
    with django_assert_num_queries(2):
        deadlines = rule32_deadlines(today=D(2005, 3, 10))
    assert [(d.description, d.days_left, d.overdue) for d in deadlines] == [
        ("Passed", -9, True),
        ("Today", 0, False),
        ("Later", 10, False),
    ]
    assert deadlines[0].matter_number == matter.number
    assert rule32_deadlines(today=D(2005, 3, 10), matter=matter_of("rule32")) == []


def test_rule32_deadlines_for_matters_agree_with_one_matter_at_a_time(django_assert_num_queries):
    user, matters = UserFactory(), [matter_of("rule32") for _ in range(3)]
    for matter, file_by, received_on in [
        (matters[0], D(2005, 3, 20), None),
        (matters[0], D(2005, 3, 2), D(2005, 3, 1)),
        (matters[1], D(2005, 3, 1), None),
    ]:
        Rule32Order.objects.create(
            matter=matter,
            description="Variation",
            made_on=D(2005, 2, 1),
            file_by=file_by,
            received_on=received_on,
            recorded_by=user,
        )
    today = D(2005, 3, 10)
    with django_assert_num_queries(2):
        batched = rule32_deadlines_for_matters(matters=matters, today=today)
    assert batched == {m.pk: rule32_deadlines(today=today, matter=m) for m in matters}
    assert [[d.file_by for d in batched[m.pk]] for m in matters] == [
        [D(2005, 3, 20)],
        [D(2005, 3, 1)],
        [],
    ]
    assert batched[matters[1].pk][0].overdue is True
