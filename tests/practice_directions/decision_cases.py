"""The table of PD16 decisions the tests check: each row the facts that differ from an ordinary
affidavit filed by a represented party in an "other" matter on 1 March 2005, and what the
decision must say (status, due date, e-mail address, reason codes, exempt paragraph).
"""

import datetime

from practice_directions.rules import DirectionFact, DocumentFacts

from .rules_data import CLIENT_SERVICES, ELECTRONIC_SERVICES, EXEMPT_FORMS

D = datetime.date
FILED = D(2005, 3, 1)


def facts(**overrides) -> DocumentFacts:
    values = {
        "proceeding": "other",
        "filed_on": FILED,
        "represented": True,
        "document_kind": "Affidavit",
        "role": "principal",
    }
    values.update(overrides)
    return DocumentFacts(**values)


def direct(*kinds, made_on=None, made_by="registrar"):
    return DirectionFact("direct", tuple(kinds) or None, made_on=made_on, made_by=made_by)


def waive(*kinds, made_on=None, made_by="commission"):
    return DirectionFact("waive", tuple(kinds) or None, made_on=made_on, made_by=made_by)


EMAIL = ("pd16.email_allowed", "pd16.email_subject")

# (id, overrides, status, due_by, email address or None, reason codes, exempt paragraph)
CASES = [
    # Para 5: due with the paper copy, proposed orders and short minutes included.
    ("5-affidavit", {}, "required", FILED, None, ("pd16.required_at_filing",), None),
    (
        "5-proposed-orders",
        {"document_kind": "Proposed orders"},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing", "pd16.proposed_orders"),
        None,
    ),
    (
        "5-short-minutes",
        {"document_kind": "short minutes of ORDERS"},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing", "pd16.proposed_orders"),
        None,
    ),
    (
        "5-annexure-without-3d-claim",
        {"role": "annexure", "document_kind": "Annexure or attachment"},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing",),
        None,
    ),
    # Para 2: judged by the direction in force on the filing date.
    (
        "2-day-before-commencement",
        {"filed_on": D(2004, 11, 18)},
        "not_in_force",
        None,
        None,
        ("pd16.not_in_force",),
        "2",
    ),
    (
        "2-commencement-day",
        {"filed_on": D(2004, 11, 19)},
        "required",
        D(2004, 11, 19),
        None,
        ("pd16.required_at_filing",),
        None,
    ),
    (
        "2-before-commencement-even-with-a-direction-or-email-class",
        {"filed_on": D(2004, 6, 1), "proceeding": "s34", "directions": (direct(),)},
        "not_in_force",
        None,
        None,
        ("pd16.not_in_force",),
        "2",
    ),
    # Para 3(a).
    *[
        (
            f"3a-{code}",
            {"proceeding": code},
            "exempt",
            None,
            None,
            ("pd16.exempt_3a",),
            "3(a)",
        )
        for code in ("s84", "s99", "s130")
    ],
    # Para 3(b): before and after the certificate.
    (
        "3b-no-certificate",
        {"proceeding": "s106"},
        "awaiting_certificate",
        None,
        None,
        ("pd16.s106_awaiting_certificate",),
        "3(b)",
    ),
    (
        "3b-filed-before-certificate-due-28-days-after",
        {"proceeding": "s106", "certificate_of_unsuccessful_conciliation_on": D(2005, 3, 10)},
        "required",
        D(2005, 4, 7),
        None,
        ("pd16.s106_within_period",),
        None,
    ),
    (
        "3b-filed-on-certificate-day-due-at-filing",
        {
            "proceeding": "s106",
            "certificate_of_unsuccessful_conciliation_on": FILED,
        },
        "required",
        FILED,
        None,
        ("pd16.s106_certificate_issued", "pd16.required_at_filing"),
        None,
    ),
    (
        "3b-filed-after-certificate-due-at-filing",
        {"proceeding": "s106", "certificate_of_unsuccessful_conciliation_on": D(2005, 2, 1)},
        "required",
        FILED,
        None,
        ("pd16.s106_certificate_issued", "pd16.required_at_filing"),
        None,
    ),
    (
        "3b-and-3c-unrepresented-stays-exempt",
        {"proceeding": "s106", "represented": False},
        "exempt",
        None,
        None,
        ("pd16.s106_awaiting_certificate", "pd16.exempt_3c"),
        "3(c)",
    ),
    (
        "3b-certificate-but-unrepresented",
        {
            "proceeding": "s106",
            "represented": False,
            "certificate_of_unsuccessful_conciliation_on": D(2005, 3, 10),
        },
        "exempt",
        None,
        None,
        ("pd16.exempt_3c",),
        "3(c)",
    ),
    # Para 3(c), 3(d).
    ("3c-unrepresented", {"represented": False}, "exempt", None, None, ("pd16.exempt_3c",), "3(c)"),
    (
        "3d-annexure-claimed-not-readily-available",
        {"role": "annexure", "annexure_not_readily_available": True},
        "exempt",
        None,
        None,
        ("pd16.exempt_3d",),
        "3(d)",
    ),
    # Para 3(e): every form, whatever the case of its name.
    *[
        (
            f"3e-{name}",
            {"document_kind": name.upper()},
            "exempt",
            None,
            None,
            ("pd16.exempt_3e",),
            "3(e)",
        )
        for name in EXEMPT_FORMS
    ],
    (
        "3a-3c-3e-all-reported-in-order",
        {"proceeding": "s84", "represented": False, "document_kind": "Notice of Appearance"},
        "exempt",
        None,
        None,
        ("pd16.exempt_3a", "pd16.exempt_3c", "pd16.exempt_3e"),
        "3(a)",
    ),
    # Para 7: a direction overrides the exemptions; a waiver removes the obligation.
    (
        "7-unrepresented-party-directed",
        {"represented": False, "directions": (direct(),)},
        "required",
        FILED,
        None,
        ("pd16.exempt_3c_overridden", "pd16.directed"),
        None,
    ),
    (
        "7-exempt-form-directed-by-name",
        {"document_kind": "Notice of Appearance", "directions": (direct("notice of appearance"),)},
        "required",
        FILED,
        None,
        ("pd16.exempt_3e_overridden", "pd16.directed"),
        None,
    ),
    (
        "7-direction-for-other-kinds-leaves-exempt-form-exempt",
        {"document_kind": "Notice of Appearance", "directions": (direct("Affidavit"),)},
        "exempt",
        None,
        None,
        ("pd16.exempt_3e",),
        "3(e)",
    ),
    (
        "7-overrides-3a",
        {"proceeding": "s84", "directions": (direct(),)},
        "required",
        FILED,
        None,
        ("pd16.exempt_3a_overridden", "pd16.directed"),
        None,
    ),
    (
        "7-overrides-3b-before-the-certificate",
        {"proceeding": "s106", "directions": (direct(),)},
        "required",
        FILED,
        None,
        ("pd16.s106_awaiting_certificate_overridden", "pd16.directed"),
        None,
    ),
    (
        "7-overrides-3d",
        {
            "role": "annexure",
            "annexure_not_readily_available": True,
            "directions": (direct(),),
        },
        "required",
        FILED,
        None,
        ("pd16.exempt_3d_overridden", "pd16.directed"),
        None,
    ),
    (
        "7-direction-after-filing-due-on-its-day",
        {"represented": False, "directions": (direct(made_on=D(2005, 4, 4)),)},
        "required",
        D(2005, 4, 4),
        None,
        ("pd16.exempt_3c_overridden", "pd16.directed"),
        None,
    ),
    (
        "7-direction-where-already-required-adds-its-reason",
        {"directions": (direct("Affidavit"),)},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing", "pd16.directed"),
        None,
    ),
    (
        "7-waiver-of-this-kind",
        {"directions": (waive("Affidavit"),)},
        "waived",
        None,
        None,
        ("pd16.waived",),
        "7",
    ),
    (
        "7-waiver-of-another-kind-leaves-this-required",
        {"directions": (waive("Submissions"),)},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing",),
        None,
    ),
    (
        "7-waiver-of-an-exempt-party-still-reports-the-exemption",
        {"represented": False, "directions": (waive(),)},
        "waived",
        None,
        None,
        ("pd16.waived", "pd16.exempt_3c"),
        "7",
    ),
    (
        "7-later-direction-prevails-over-earlier-waiver",
        {"directions": (waive(made_on=D(2005, 1, 3)), direct("Affidavit", made_on=D(2005, 2, 1)))},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing", "pd16.directed"),
        None,
    ),
    (
        "7-later-waiver-prevails-over-earlier-direction",
        {
            "represented": False,
            "directions": (
                direct(made_on=D(2005, 1, 3)),
                waive("Affidavit", made_on=D(2005, 2, 1)),
            ),
        },
        "waived",
        None,
        None,
        ("pd16.waived", "pd16.exempt_3c"),
        "7",
    ),
    (
        "7-waiver-in-an-email-class-closes-email",
        {"proceeding": "s34", "directions": (waive(),)},
        "waived",
        None,
        None,
        ("pd16.waived",),
        "7",
    ),
    # Paras 9 and 10: e-mail lodgment and the subject it needs.
    (
        "9-s34",
        {"proceeding": "s34", "document_kind": "Enterprise agreement"},
        "required",
        FILED,
        ELECTRONIC_SERVICES,
        ("pd16.required_at_filing", *EMAIL),
        None,
    ),
    (
        "9-s324",
        {"proceeding": "s324", "document_kind": "Contract agreement"},
        "required",
        FILED,
        ELECTRONIC_SERVICES,
        ("pd16.required_at_filing", *EMAIL),
        None,
    ),
    (
        "9-rule32-application",
        {"proceeding": "rule32", "document_kind": "Application"},
        "required",
        FILED,
        ELECTRONIC_SERVICES,
        ("pd16.required_at_filing", *EMAIL),
        None,
    ),
    (
        "9-directed-submissions",
        {"document_kind": "Submissions", "submissions_directed": True},
        "required",
        FILED,
        CLIENT_SERVICES,
        ("pd16.required_at_filing", *EMAIL),
        None,
    ),
    (
        "9-submissions-not-directed",
        {"document_kind": "Submissions"},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing",),
        None,
    ),
    (
        "9-directed-submissions-in-s34-go-to-client-services",
        {"proceeding": "s34", "document_kind": "Submissions", "submissions_directed": True},
        "required",
        FILED,
        CLIENT_SERVICES,
        ("pd16.required_at_filing", *EMAIL),
        None,
    ),
    (
        "9-other-documents-where-submissions-directed",
        {"submissions_directed": True},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing",),
        None,
    ),
    (
        "9-exempt-form-in-s34-has-no-channel",
        {"proceeding": "s34", "document_kind": "Notice of Appearance"},
        "exempt",
        None,
        None,
        ("pd16.exempt_3e",),
        "3(e)",
    ),
    # Para 11: the Commission's deadline for the award.
    (
        "11-award-due-by-commission-deadline",
        {
            "proceeding": "rule32",
            "document_kind": "Award or award variation",
            "commission_deadline": D(2005, 4, 1),
        },
        "required",
        D(2005, 4, 1),
        ELECTRONIC_SERVICES,
        ("pd16.rule32_deadline", *EMAIL),
        None,
    ),
    (
        "11-award-filed-after-the-deadline-still-due-by-it",
        {
            "proceeding": "rule32",
            "document_kind": "Award or award variation",
            "commission_deadline": D(2005, 2, 1),
        },
        "required",
        D(2005, 2, 1),
        ELECTRONIC_SERVICES,
        ("pd16.rule32_deadline", *EMAIL),
        None,
    ),
    (
        "11-award-without-recorded-deadline-due-at-filing",
        {"proceeding": "rule32", "document_kind": "Award or award variation"},
        "required",
        FILED,
        ELECTRONIC_SERVICES,
        ("pd16.rule32_deadline_not_recorded", *EMAIL),
        None,
    ),
    (
        "11-deadline-is-for-the-award-not-other-documents",
        {"proceeding": "rule32", "commission_deadline": D(2005, 4, 1)},
        "required",
        FILED,
        ELECTRONIC_SERVICES,
        ("pd16.required_at_filing", *EMAIL),
        None,
    ),
    # Para 8: PN127 noted, PD16 outcome unchanged.
    (
        "8-pn127-applied",
        {"practice_note_127": "part"},
        "required",
        FILED,
        None,
        ("pd16.required_at_filing", "pd16.pn127_applied"),
        None,
    ),
    (
        "8-pn127-with-exemption",
        {"represented": False, "practice_note_127": "whole"},
        "exempt",
        None,
        None,
        ("pd16.exempt_3c", "pd16.pn127_applied"),
        "3(c)",
    ),
]
