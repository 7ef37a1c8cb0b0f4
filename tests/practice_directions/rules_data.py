"""The rules data as seeded from PD16, built by hand so that rule tests need no database.

``test_selectors`` proves ``load_rules()`` on a migrated database gives exactly this.
"""

import datetime

from practice_directions.rules import (
    DocumentKindRule,
    EmailClassRule,
    PracticeDirectionRule,
    ProceedingRule,
    RecipientRule,
    RulesData,
)

ELECTRONIC_SERVICES = "irc_electronic_services@agd.nsw.gov.au"
CLIENT_SERVICES = "irc_client_services@agd.nsw.gov.au"
GAZETTED = datetime.date(2004, 11, 5)
COMMENCED = datetime.date(2004, 11, 19)

EXEMPT_FORMS = (
    "Notice of Appearance",
    "Notice of Discontinuance",
    "Notice of Change of Solicitor",
    "Certificate pursuant to section 198L of the Legal Profession Act",
    "Undertaking to file a certificate pursuant to section 198L of the Legal Profession Act",
    "Copy of Summons under section 165 of the Industrial Relations Act 1996",
    "Notice to Produce (Form 46)",
)

PD16_RULES = RulesData(
    practice_directions=(
        PracticeDirectionRule(
            number=9,
            title="Filing of Documents in Computer-Readable Format (replaced by PD16)",
            gazetted_on=None,
            commences_on=None,
            replaces=None,
            requires_electronic_copies=False,
        ),
        PracticeDirectionRule(
            number=16,
            title="Filing of Documents in Computer-Readable Format",
            gazetted_on=GAZETTED,
            commences_on=COMMENCED,
            replaces=9,
            requires_electronic_copies=True,
        ),
    ),
    proceedings=(
        ProceedingRule(
            "s84", "Unfair dismissal", "s.84 Industrial Relations Act 1996", exempt_under_3a=True
        ),
        ProceedingRule(
            "s99",
            "Dismissal of injured employee",
            "s.99 Industrial Relations Act 1996",
            exempt_under_3a=True,
        ),
        ProceedingRule(
            "s130",
            "Notification of industrial dispute",
            "s.130 Industrial Relations Act 1996",
            exempt_under_3a=True,
        ),
        ProceedingRule(
            "s106",
            "Unfair contracts",
            "s.106 Industrial Relations Act 1996",
            awaits_conciliation_certificate=True,
            period_after_certificate_days=28,
        ),
        ProceedingRule(
            "s34",
            "Enterprise agreement",
            "s.34 Industrial Relations Act 1996",
            email_class="s34",
            needs_agreement_short_title=True,
        ),
        ProceedingRule(
            "s324",
            "Contract agreement",
            "s.324 Industrial Relations Act 1996",
            email_class="s324",
            needs_agreement_short_title=True,
        ),
        ProceedingRule(
            "rule32",
            "Award or award variation",
            "Rule 32 Industrial Relations Commission Rules 1996",
            deadline_set_by_commission=True,
            notify_office_of_industrial_relations=True,
            email_class="rule32",
        ),
        ProceedingRule("other", "Other proceedings", ""),
    ),
    email_classes=(
        EmailClassRule(
            "s34",
            "Section 34 matters (enterprise agreements)",
            ELECTRONIC_SERVICES,
            "agreement_short_title",
        ),
        EmailClassRule(
            "s324",
            "Section 324 matters (contract agreements)",
            ELECTRONIC_SERVICES,
            "agreement_short_title",
        ),
        EmailClassRule(
            "rule32",
            "Rule 32 matters (awards and award variations)",
            ELECTRONIC_SERVICES,
            "matter_title_and_number",
        ),
        EmailClassRule(
            "submissions",
            "Submissions the Commission has directed to be filed",
            CLIENT_SERVICES,
            "matter_title_and_number",
        ),
    ),
    document_kinds=(
        DocumentKindRule("Application"),
        DocumentKindRule("Affidavit"),
        DocumentKindRule("Statement of evidence"),
        DocumentKindRule("Points of claim"),
        DocumentKindRule("Points of defence"),
        DocumentKindRule("Reply"),
        DocumentKindRule("Submissions", is_submissions=True),
        DocumentKindRule("Proposed orders", is_proposed_orders=True),
        DocumentKindRule("Short minutes of orders", is_proposed_orders=True),
        DocumentKindRule("Enterprise agreement"),
        DocumentKindRule("Contract agreement"),
        DocumentKindRule("Award or award variation", is_award=True),
        DocumentKindRule("Annexure or attachment"),
        DocumentKindRule("Correspondence"),
        *(DocumentKindRule(name, exempt_form=True) for name in EXEMPT_FORMS),
    ),
    recipients=(
        RecipientRule(
            "oir",
            "Office of Industrial Relations",
            "office-of-industrial-relations@example.invalid",
        ),
    ),
)
