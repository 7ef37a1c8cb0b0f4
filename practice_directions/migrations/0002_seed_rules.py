"""Seed the rules data from the text of PD16 (editable afterwards in the admin)."""

import datetime

from django.db import migrations

EMAIL_CLASSES = [
    # code, name, address (PD16 para 9), subject requirement (para 10)
    (
        "s34",
        "Section 34 matters (enterprise agreements)",
        "irc_electronic_services@agd.nsw.gov.au",
        "agreement_short_title",
    ),
    (
        "s324",
        "Section 324 matters (contract agreements)",
        "irc_electronic_services@agd.nsw.gov.au",
        "agreement_short_title",
    ),
    (
        "rule32",
        "Rule 32 matters (awards and award variations)",
        "irc_electronic_services@agd.nsw.gov.au",
        "matter_title_and_number",
    ),
    (
        "submissions",
        "Submissions the Commission has directed to be filed",
        "irc_client_services@agd.nsw.gov.au",
        "matter_title_and_number",
    ),
]

PROCEEDING_TYPES = [
    # code, name, statutory reference, 3(a), 3(b), days, para 11, email class, short title
    (
        "s84",
        "Unfair dismissal",
        "s.84 Industrial Relations Act 1996",
        True,
        False,
        None,
        False,
        None,
        False,
    ),
    (
        "s99",
        "Dismissal of injured employee",
        "s.99 Industrial Relations Act 1996",
        True,
        False,
        None,
        False,
        None,
        False,
    ),
    (
        "s130",
        "Notification of industrial dispute",
        "s.130 Industrial Relations Act 1996",
        True,
        False,
        None,
        False,
        None,
        False,
    ),
    (
        "s106",
        "Unfair contracts",
        "s.106 Industrial Relations Act 1996",
        False,
        True,
        28,
        False,
        None,
        False,
    ),
    (
        "s34",
        "Enterprise agreement",
        "s.34 Industrial Relations Act 1996",
        False,
        False,
        None,
        False,
        "s34",
        True,
    ),
    (
        "s324",
        "Contract agreement",
        "s.324 Industrial Relations Act 1996",
        False,
        False,
        None,
        False,
        "s324",
        True,
    ),
    (
        "rule32",
        "Award or award variation",
        "Rule 32 Industrial Relations Commission Rules 1996",
        False,
        False,
        None,
        True,
        "rule32",
        False,
    ),
    ("other", "Other proceedings", "", False, False, None, False, None, False),
]

DOCUMENT_KINDS = [
    # name, exempt form 3(e), proposed orders (para 5), submissions (para 9), award (para 11)
    ("Application", False, False, False, False),
    ("Affidavit", False, False, False, False),
    ("Statement of evidence", False, False, False, False),
    ("Points of claim", False, False, False, False),
    ("Points of defence", False, False, False, False),
    ("Reply", False, False, False, False),
    ("Submissions", False, False, True, False),
    ("Proposed orders", False, True, False, False),
    ("Short minutes of orders", False, True, False, False),
    ("Enterprise agreement", False, False, False, False),
    ("Contract agreement", False, False, False, False),
    ("Award or award variation", False, False, False, True),
    ("Annexure or attachment", False, False, False, False),
    ("Correspondence", False, False, False, False),
    ("Notice of Appearance", True, False, False, False),
    ("Notice of Discontinuance", True, False, False, False),
    ("Notice of Change of Solicitor", True, False, False, False),
    ("Certificate pursuant to section 198L of the Legal Profession Act", True, False, False, False),
    (
        "Undertaking to file a certificate pursuant to section 198L of the Legal Profession Act",
        True,
        False,
        False,
        False,
    ),
    (
        "Copy of Summons under section 165 of the Industrial Relations Act 1996",
        True,
        False,
        False,
        False,
    ),
    ("Notice to Produce (Form 46)", True, False, False, False),
]

REJECTION_REASONS = [
    (
        "format-not-acceptable",
        "The electronic copy is not in an acceptable format: Word (DOC) or RTF, and TIFF, GIF or JPEG only for annexures.",
        "4",
    ),
    ("pdf-not-acceptable", "PDF is not an acceptable format.", "4"),
    (
        "file-unreadable",
        "The electronic copy cannot be read: it is damaged, incomplete or password-protected.",
        "4",
    ),
    (
        "electronic-copy-missing",
        "An electronic copy is required with this document and none was lodged.",
        "5",
    ),
    ("text-differs", "The electronic copy does not contain the same text as the paper copy.", "5"),
    (
        "label-incomplete",
        "The label does not show the matter number, an abbreviated title and the list of documents.",
        "6",
    ),
    (
        "file-names-unclear",
        "The documents are not saved in a way that allows for easy recognition.",
        "6",
    ),
    ("transmission-report-missing", "No copy of the e-mail transmission report was filed.", "9"),
    (
        "email-subject",
        "The e-mail subject heading does not carry what paragraph 10 requires.",
        "10",
    ),
    (
        "virus-risk",
        "The electronic copy carries macros or did not pass the virus check.",
        "PN127 10",
    ),
    ("exemption-not-made-out", "The exemption claimed does not apply to this document.", "3"),
]


def seed(apps, schema_editor):
    PracticeDirection = apps.get_model("practice_directions", "PracticeDirection")
    EmailClass = apps.get_model("practice_directions", "EmailClass")
    ProceedingType = apps.get_model("practice_directions", "ProceedingType")
    DocumentKind = apps.get_model("practice_directions", "DocumentKind")
    RejectionReason = apps.get_model("practice_directions", "RejectionReason")

    pd9, _ = PracticeDirection.objects.update_or_create(
        number=9,
        defaults={
            "title": "Filing of Documents in Computer-Readable Format (replaced by PD16)",
            "requires_electronic_copies": False,
        },
    )
    gazetted = datetime.date(2004, 11, 5)
    PracticeDirection.objects.update_or_create(
        number=16,
        defaults={
            "title": "Filing of Documents in Computer-Readable Format",
            "gazetted_on": gazetted,
            "commences_on": gazetted + datetime.timedelta(days=14),
            "replaces": pd9,
            "requires_electronic_copies": True,
        },
    )
    for position, (code, name, address, requirement) in enumerate(EMAIL_CLASSES):
        EmailClass.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "address": address,
                "subject_requirement": requirement,
                "position": position,
            },
        )
    for position, (code, name, ref, exempt, awaits, days, para11, email, short) in enumerate(
        PROCEEDING_TYPES
    ):
        ProceedingType.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "statutory_reference": ref,
                "exempt_under_3a": exempt,
                "awaits_conciliation_certificate": awaits,
                "period_after_certificate_days": days,
                "deadline_set_by_commission": para11,
                "notify_office_of_industrial_relations": para11,
                "email_class_id": email,
                "needs_agreement_short_title": short,
                "position": position,
            },
        )
    for position, (name, exempt, orders, submissions, award) in enumerate(DOCUMENT_KINDS):
        DocumentKind.objects.update_or_create(
            name=name,
            defaults={
                "exempt_form": exempt,
                "is_proposed_orders": orders,
                "is_submissions": submissions,
                "is_award": award,
                "position": position,
            },
        )
    for position, (code, text, paragraph) in enumerate(REJECTION_REASONS):
        RejectionReason.objects.update_or_create(
            code=code, defaults={"text": text, "paragraph": paragraph, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("practice_directions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
