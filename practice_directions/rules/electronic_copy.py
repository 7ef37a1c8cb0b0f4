"""PD16: whether a document needs an electronic copy, by when, by which channel, and why.

``assess_document`` is a pure function of plain facts and the rules data. The reading of the
direction it applies:

- Para 2: a filing is judged by the practice direction in force on its filing date (the latest
  to have commenced by then). Before PD16 commenced nothing here applies, directions included.
- Para 3: each exemption that applies is reported, in the direction's order. (a), (c), (d) and
  (e) exempt for good; (b) only until the Certificate of Unsuccessful Conciliation, so a
  document caught by (b) alone is "awaiting_certificate" rather than "exempt".
- Para 3(b) once the certificate date is known: documents filed before it are due on the
  certificate date plus the period (28 days: day 28 is on time, day 29 late); documents filed
  on or after it are due at filing like any other.
- Para 5: otherwise the copy is due at the time of filing (``due_by`` is the filing date).
- Para 7 "notwithstanding the foregoing": a direction covering the party and the kind of
  document overrides every exemption in para 3; a waiver covering them removes the
  obligation. Where several cover the same document the one made last prevails, whichever
  kind it is and however wide: a later waiver of all documents undoes an earlier direction for
  affidavits, and a later direction for affidavits carves them out of an earlier waiver. A
  direction that overrides an exemption makes the copy due on filing, or on the day of the
  direction if that came later; it does not shorten a time already running (3(b), 11).
- Para 9: when a copy is required, e-mail lodgment is allowed for s.34, s.324 and Rule 32
  matters (the proceeding's e-mail class), and for submissions in a matter where the
  Commission directed submissions to be filed (the "submissions" class, which wins for the
  submissions themselves). Para 10 tells the subject heading that class needs.
- Para 11: an award or variation in a Rule 32 matter is due by the time the Commission
  specified when making it.
- Para 8: where PN127 has been applied to the matter the decision says so; it does not change
  the PD16 outcome.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .data import (
    SUBJECT_AGREEMENT_SHORT_TITLE,
    DocumentKindRule,
    EmailClassRule,
    PracticeDirectionRule,
    ProceedingRule,
    RulesData,
)
from .decision import (
    AWAITING_CERTIFICATE,
    EXEMPT,
    NOT_IN_FORCE,
    REQUIRED,
    WAIVED,
    Decision,
    Reason,
    long_date,
)
from .errors import FactsError
from .facts import (
    ANNEXURE,
    COMMISSION,
    DIRECT,
    DIRECTION_KINDS,
    PN127_PART,
    PN127_WHOLE,
    REGISTRAR,
    ROLES,
    WAIVE,
    DirectionFact,
    DocumentFacts,
)

PN127_EXTENTS = {PN127_WHOLE: "in whole", PN127_PART: "in part"}
MAKERS = {REGISTRAR: "the Registrar", COMMISSION: "the Commission"}


@dataclass(frozen=True)
class _Exemption:
    paragraph: str
    code: str
    text: str
    summary: str  # for "notwithstanding …" when a para 7 direction overrides it
    lasting: bool = True  # False for 3(b): only until the certificate


def assess_document(facts: DocumentFacts, rules: RulesData) -> Decision:
    """Decide whether PD16 requires an electronic copy of one document, and why.

    Raises ``FactsError`` (every problem at once) when the facts name an unknown proceeding or
    kind of document, or contradict each other.
    """
    proceeding, kind = _check_facts(facts, rules)
    in_force = rules.practice_direction_in_force(facts.filed_on)
    if in_force is None or not in_force.requires_electronic_copies:
        return _not_in_force(facts, rules, in_force)

    exemptions = _exemptions(facts, proceeding, kind)
    covering = [d for d in facts.directions if d.covers(kind.name)]
    prevailing = covering[-1] if covering else None
    extra = _misplaced_3d_claim(facts) + _practice_note_reason(facts)

    if prevailing is not None and prevailing.kind == WAIVE:
        reasons: tuple[Reason, ...] = (_direction_reason(prevailing, covering, facts, due_by=None),)
        reasons += tuple(_reason(e) for e in exemptions)
        return Decision(
            electronic_copy_required=False,
            due_by=None,
            email_lodgment_allowed=False,
            email_address=None,
            reasons=reasons + extra,
            status=WAIVED,
            exempt_paragraph="7",
            practice_direction=in_force.number,
        )

    if exemptions and prevailing is None:
        lasting = [e for e in exemptions if e.lasting]
        return Decision(
            electronic_copy_required=False,
            due_by=None,
            email_lodgment_allowed=False,
            email_address=None,
            reasons=tuple(_reason(e) for e in exemptions) + extra,
            status=EXEMPT if lasting else AWAITING_CERTIFICATE,
            exempt_paragraph=(lasting or exemptions)[0].paragraph,
            practice_direction=in_force.number,
        )

    if exemptions:
        # A para 7 direction prevails over every exemption in para 3.
        assert prevailing is not None
        directed_on = prevailing.made_on or facts.filed_on
        due_by = max(facts.filed_on, directed_on)
        reasons = tuple(_overridden_reason(e) for e in exemptions)
        reasons += (
            _direction_reason(
                prevailing,
                covering,
                facts,
                due_by=due_by,
                notwithstanding=[e.paragraph for e in exemptions],
            ),
        )
    else:
        due_by, reasons = _due_without_exemption(facts, proceeding, kind)
        if prevailing is not None:
            reasons += (_direction_reason(prevailing, covering, facts, due_by=due_by),)

    email_class, email_reasons = _email_channel(facts, proceeding, kind, rules)
    return Decision(
        electronic_copy_required=True,
        due_by=due_by,
        email_lodgment_allowed=email_class is not None,
        email_address=email_class.address if email_class else None,
        email_class=email_class.code if email_class else None,
        reasons=reasons + email_reasons + extra,
        status=REQUIRED,
        exempt_paragraph=None,
        practice_direction=in_force.number,
    )


def _check_facts(facts: DocumentFacts, rules: RulesData) -> tuple[ProceedingRule, DocumentKindRule]:
    problems: list[str] = []
    proceeding = kind = None
    try:
        proceeding = rules.proceeding(facts.proceeding)
    except FactsError as error:
        problems.extend(error.problems)
    try:
        kind = rules.document_kind(facts.document_kind)
    except FactsError as error:
        problems.extend(error.problems)
    if facts.role not in ROLES:
        problems.append(f"role {facts.role!r} is not one of {', '.join(ROLES)}")
    for number, direction in enumerate(facts.directions, start=1):
        if direction.kind not in DIRECTION_KINDS:
            problems.append(
                f"direction {number}: kind {direction.kind!r} is not one of "
                f"{', '.join(DIRECTION_KINDS)}"
            )
        for name in direction.document_kinds or ():
            if not rules.has_document_kind(name):
                problems.append(f"direction {number}: document kind {name!r} is not known")
    if facts.practice_note_127 not in (None, *PN127_EXTENTS):
        problems.append(f"practice_note_127 {facts.practice_note_127!r} is not whole or part")
    if problems:
        raise FactsError(*problems)
    assert proceeding is not None and kind is not None
    return proceeding, kind


def _not_in_force(
    facts: DocumentFacts, rules: RulesData, in_force: PracticeDirectionRule | None
) -> Decision:
    upcoming = rules.next_practice_direction(facts.filed_on)
    filed = long_date(facts.filed_on)
    if upcoming is not None and upcoming.commences_on is not None:
        text = (
            f"Filed on {filed}, before Practice Direction No {upcoming.number} came into force "
            f"on {long_date(upcoming.commences_on)}"
        )
        if upcoming.gazetted_on is not None:
            days = (upcoming.commences_on - upcoming.gazetted_on).days
            text += (
                f" ({days} days after its publication in the Industrial Gazette on "
                f"{long_date(upcoming.gazetted_on)})"
            )
        text += ", so its requirements do not apply to this filing."
        replaced = rules.practice_direction(upcoming.replaces)
        if in_force is not None:
            text += f" Practice Direction No {in_force.number} then applied."
        elif replaced is not None:
            text += f" It replaced Practice Direction No {replaced.number}."
    elif in_force is not None:
        text = (
            f"On {filed} Practice Direction No {in_force.number} was in force, and it does not "
            "require electronic copies."
        )
    else:
        text = f"No practice direction requiring electronic copies was in force on {filed}."
    return Decision(
        electronic_copy_required=False,
        due_by=None,
        email_lodgment_allowed=False,
        email_address=None,
        reasons=(Reason("2", text, "pd16.not_in_force"),),
        status=NOT_IN_FORCE,
        exempt_paragraph="2",
        practice_direction=in_force.number if in_force else None,
    )


def _exemptions(
    facts: DocumentFacts, proceeding: ProceedingRule, kind: DocumentKindRule
) -> list[_Exemption]:
    found: list[_Exemption] = []
    if proceeding.exempt_under_3a:
        under = proceeding.statutory_reference or proceeding.name
        found.append(
            _Exemption(
                "3(a)",
                "pd16.exempt_3a",
                f"PD16 does not apply to proceedings under {under} ({proceeding.name}).",
                f"proceedings under {under}",
            )
        )
    if (
        proceeding.awaits_conciliation_certificate
        and facts.certificate_of_unsuccessful_conciliation_on is None
    ):
        days = proceeding.period_after_certificate_days
        found.append(
            _Exemption(
                "3(b)",
                "pd16.s106_awaiting_certificate",
                f"In {proceeding.statutory_reference or proceeding.name} proceedings PD16 does "
                "not apply until a Certificate of Unsuccessful Conciliation is issued, and none "
                "has been recorded. Once it is, both parties must file a copy of every document "
                f"already filed in computer-readable format within {days} days.",
                f"{proceeding.statutory_reference or proceeding.name} proceedings before the "
                "Certificate of Unsuccessful Conciliation",
                lasting=False,
            )
        )
    if not facts.represented:
        found.append(
            _Exemption(
                "3(c)",
                "pd16.exempt_3c",
                "PD16 does not apply to a party not represented by a barrister, solicitor, "
                "agent or industrial organisation.",
                "parties who are not represented",
            )
        )
    if facts.role == ANNEXURE and facts.annexure_not_readily_available:
        found.append(
            _Exemption(
                "3(d)",
                "pd16.exempt_3d",
                "PD16 does not apply to annexures or attachments not, or not readily, available "
                "in computer-readable format; the party claims this for this annexure.",
                "annexures not readily available in computer-readable format",
            )
        )
    if kind.exempt_form:
        found.append(
            _Exemption(
                "3(e)",
                "pd16.exempt_3e",
                f"PD16 does not apply to the form {kind.name}.",
                f"the form {kind.name}",
            )
        )
    return found


def _reason(exemption: _Exemption) -> Reason:
    return Reason(exemption.paragraph, exemption.text, exemption.code)


def _overridden_reason(exemption: _Exemption) -> Reason:
    return Reason(
        exemption.paragraph,
        f"Paragraph {exemption.paragraph} would exclude {exemption.summary}, but a direction "
        "under paragraph 7 prevails.",
        f"{exemption.code}_overridden",
    )


def _due_without_exemption(
    facts: DocumentFacts, proceeding: ProceedingRule, kind: DocumentKindRule
) -> tuple[datetime.date, tuple[Reason, ...]]:
    certificate = facts.certificate_of_unsuccessful_conciliation_on
    period_ends = proceeding.certificate_period_ends(certificate)
    if certificate is not None and period_ends is not None:
        days = proceeding.period_after_certificate_days or 0
        if facts.filed_on < certificate:
            due_by = period_ends
            return due_by, (
                Reason(
                    "3(b)",
                    f"A Certificate of Unsuccessful Conciliation issued on {long_date(certificate)}"
                    f". Both parties must file a copy, in computer-readable format, of every "
                    f"document filed before it within {days} days: by {long_date(due_by)}.",
                    "pd16.s106_within_period",
                ),
            )
        issued = Reason(
            "3(b)",
            f"A Certificate of Unsuccessful Conciliation issued on {long_date(certificate)}, "
            "so PD16 applies to documents filed since then.",
            "pd16.s106_certificate_issued",
        )
        return facts.filed_on, (issued, *_at_filing(facts, kind))

    if proceeding.deadline_set_by_commission and kind.is_award:
        deadline = facts.commission_deadline
        if deadline is None:
            return facts.filed_on, (
                Reason(
                    "11",
                    "An award or award variation must be filed in computer-readable format "
                    "within the time the Commission specifies when making it; no time has been "
                    "recorded, so the copy is due at the time of filing, "
                    f"{long_date(facts.filed_on)}.",
                    "pd16.rule32_deadline_not_recorded",
                ),
            )
        text = (
            "An award or award variation must be filed in computer-readable format within the "
            f"time the Commission specified when making it: by {long_date(deadline)}. The "
            "Registry passes it to the Office of Industrial Relations on receipt."
        )
        if facts.filed_on > deadline:
            late = (facts.filed_on - deadline).days
            text += f" This filing is {late} day{'s' if late != 1 else ''} after that time."
        return deadline, (Reason("11", text, "pd16.rule32_deadline"),)

    return facts.filed_on, _at_filing(facts, kind)


def _at_filing(facts: DocumentFacts, kind: DocumentKindRule) -> tuple[Reason, ...]:
    text = (
        "A party must file a copy of every document it lodges in computer-readable format, with "
        f"the same text as the paper copy, at the time of filing: {long_date(facts.filed_on)}."
    )
    if facts.role == ANNEXURE:
        text += (
            " Annexures are part of the document; one that is not readily available in "
            "computer-readable format may be excepted by claiming paragraph 3(d)."
        )
    reasons: tuple[Reason, ...] = (Reason("5", text, "pd16.required_at_filing"),)
    if kind.is_proposed_orders:
        reasons += (
            Reason(
                "5",
                "This includes proposed orders and short minutes of orders: provide them in "
                "computer-readable format when filing the hard copy.",
                "pd16.proposed_orders",
            ),
        )
    return reasons


def _direction_reason(
    direction: DirectionFact,
    covering: list[DirectionFact],
    facts: DocumentFacts,
    *,
    due_by: datetime.date | None,
    notwithstanding: list[str] | None = None,
) -> Reason:
    maker = MAKERS.get(direction.made_by, "the Registrar or the Commission")
    made = f" made on {long_date(direction.made_on)}" if direction.made_on else ""
    scope = (
        "all documents"
        if direction.document_kinds is None
        else "documents of the kind " + ", ".join(direction.document_kinds)
    )
    earlier = [d for d in covering[:-1] if d.kind != direction.kind]
    superseded = ""
    if earlier:
        word = "waiver" if earlier[-1].kind == WAIVE else "direction"
        when = f" of {long_date(earlier[-1].made_on)}" if earlier[-1].made_on else ""
        superseded = f" Made later, it prevails over the earlier {word}{when}."
    if direction.kind == DIRECT:
        files = "file and serve" if direction.serve else "file"
        over = ""
        if notwithstanding:
            over = ", notwithstanding paragraph " + " and ".join(notwithstanding)
        due = f" This copy is due by {long_date(due_by)}." if due_by else ""
        return Reason(
            "7",
            f"By a direction of {maker}{made} under paragraph 7, this party must {files} "
            f"{scope} in computer-readable format{over}.{due}{superseded}",
            "pd16.directed",
        )
    return Reason(
        "7",
        f"By a waiver of {maker}{made} under paragraph 7, this party need not file {scope} in "
        f"computer-readable format.{superseded}",
        "pd16.waived",
    )


def _email_channel(
    facts: DocumentFacts, proceeding: ProceedingRule, kind: DocumentKindRule, rules: RulesData
) -> tuple[EmailClassRule | None, tuple[Reason, ...]]:
    email_class = rules.email_class_for(
        proceeding, kinds=(kind,), submissions_directed=facts.submissions_directed
    )
    if email_class is None:
        return None, ()
    allowed = Reason(
        "9",
        f"{email_class.name} may comply by e-mailing the copy to {email_class.address} and "
        "filing a copy of the transmission report instead of a diskette or CD-ROM.",
        "pd16.email_allowed",
    )
    if email_class.subject_requirement == SUBJECT_AGREEMENT_SHORT_TITLE:
        what = (
            f"the short title of the {proceeding.name.lower()}"
            if proceeding.needs_agreement_short_title
            else "the short title of the agreement"
        )
    else:
        what = (
            "the title of the matter and the Commission file number in the form year/file "
            "number, for example IRC2004/1000"
        )
    subject = Reason(
        "10", f"The e-mail's subject heading must include {what}.", "pd16.email_subject"
    )
    return email_class, (allowed, subject)


def _misplaced_3d_claim(facts: DocumentFacts) -> tuple[Reason, ...]:
    # Said rather than refused: lodgment reports it to the practitioner with everything else.
    if not facts.annexure_not_readily_available or facts.role == ANNEXURE:
        return ()
    return (
        Reason(
            "3(d)",
            "The claim that the document is not readily available in computer-readable format "
            "does not help here: paragraph 3(d) covers annexures and attachments only.",
            "pd16.exempt_3d_not_annexure",
        ),
    )


def _practice_note_reason(facts: DocumentFacts) -> tuple[Reason, ...]:
    if facts.practice_note_127 is None:
        return ()
    return (
        Reason(
            "8",
            "Supreme Court Practice Note No 127 (Use of Technology in Civil Litigation) has "
            f"been applied to this matter {PN127_EXTENTS[facts.practice_note_127]}; see the "
            "conditions recorded with it.",
            "pd16.pn127_applied",
        ),
    )
