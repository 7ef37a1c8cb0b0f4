"""The demo's filings, para 7 direction and waiver, and Rule 32 order (plain data, as in
``catalogue``): each filing is found again by its party and time of lodgment."""

from __future__ import annotations

import datetime

from .catalogue import (
    UNION,
    DemoDirection,
    DemoDocument,
    DemoFiling,
    DemoRejection,
    DemoRule32Order,
    at,
)

CONTRACT_AGREEMENT = "Northern Rivers Owner-Drivers Contract Agreement 2026"
REJECTED_CONTRACT_AT = at(2026, 5, 20, 16, 40)

FILINGS = (
    DemoFiling(
        matter="karimi",
        party="Ahmed Karimi",
        lodged_by="officer",
        lodged_at=at(2026, 3, 10, 10, 15),
        outcome="accepted",
        review_notes="Submissions filed in computer-readable format as directed (PD16 para 7).",
        documents=(
            DemoDocument(
                "Statement of evidence",
                "Statement of evidence of Ahmed Karimi",
                "statement-of-evidence-karimi.rtf",
            ),
            DemoDocument(
                "Annexure or attachment",
                "Annexure AK-1: letter of termination",
                "annexure-ak1-termination-letter.tif",
                role="annexure",
                annexed_to=1,
            ),
        ),
    ),
    DemoFiling(
        matter="lindqvist",
        party="Rosa Lindqvist",
        lodged_by="agent",
        lodged_at=at(2026, 3, 24, 14, 2),
        documents=(
            DemoDocument("Affidavit", "Affidavit of Rosa Lindqvist", "affidavit-lindqvist.doc"),
            DemoDocument(
                "Annexure or attachment",
                "Annexure RL-1: certificate of capacity",
                "annexure-rl1-certificate-of-capacity.jpg",
                role="annexure",
                annexed_to=1,
            ),
        ),
    ),
    DemoFiling(
        matter="coastal-water",
        party=UNION,
        lodged_by="officer",
        lodged_at=at(2026, 3, 30, 9, 45),
        outcome="accepted",
        documents=(
            DemoDocument(
                "Submissions",
                "Submissions of the NSW Allied Trades Union",
                "submissions-allied-trades-union.rtf",
            ),
        ),
    ),
    DemoFiling(
        matter="oconnor",
        party="Margaret Anne O'Connor",
        lodged_by="solicitor",
        lodged_at=at(2026, 4, 28, 11, 30),
        outcome="accepted",
        review_notes="Lodged within 28 days of the Certificate of Unsuccessful Conciliation "
        "(PD16 para 3(b)).",
        documents=(
            DemoDocument(
                "Affidavit", "Affidavit of Margaret Anne O'Connor", "affidavit-oconnor.doc"
            ),
            DemoDocument(
                "Annexure or attachment",
                "Annexure MO-1: deed of engagement",
                "annexure-mo1-deed-of-engagement.tif",
                role="annexure",
                annexed_to=1,
            ),
            DemoDocument(
                "Annexure or attachment",
                "Annexure MO-2: handwritten site diary",
                role="annexure",
                annexed_to=1,
                annexure_not_readily_available=True,
            ),
        ),
    ),
    DemoFiling(
        matter="oconnor",
        party="Margaret Anne O'Connor",
        lodged_by="associate",
        lodged_at=at(2026, 5, 12, 15, 5),
        documents=(
            DemoDocument(
                "Proposed orders",
                "Applicant's proposed orders",
                "proposed-orders-oconnor.doc",
            ),
        ),
    ),
    DemoFiling(
        matter="oconnor",
        party="Kingsford Property Developments Pty Ltd",
        lodged_by="barrister",
        lodged_at=at(2026, 5, 13, 9, 20),
        channel="cd-rom",
        documents=(
            DemoDocument(
                "Submissions",
                "Respondent's outline of submissions",
                "outline-of-submissions-kingsford.rtf",
            ),
        ),
    ),
    DemoFiling(
        matter="riverina",
        party="Riverina Regional Council",
        lodged_by="solicitor",
        lodged_at=at(2026, 5, 6, 12, 0),
        channel="email",
        email_subject="Riverina Regional Council Enterprise Agreement 2026",
        outcome="accepted",
        documents=(
            DemoDocument(
                "Enterprise agreement",
                "Riverina Regional Council Enterprise Agreement 2026",
                "enterprise-agreement-riverina-2026.doc",
            ),
        ),
    ),
    DemoFiling(
        matter="northern-rivers",
        party="Northern Rivers Haulage Pty Ltd",
        lodged_by="agent",
        lodged_at=REJECTED_CONTRACT_AT,
        channel="email",
        email_subject=CONTRACT_AGREEMENT,
        outcome="rejected",
        review_notes="Please lodge the electronic copy of the agreement as executed.",
        rejections=(
            DemoRejection(
                "text-differs",
                1,
                "The electronic copy is the consultation draft; clauses 6 to 8 differ from "
                "the executed paper copy (PD16 para 5).",
            ),
        ),
        correction_due_on=datetime.date(2026, 6, 3),
        documents=(
            DemoDocument(
                "Contract agreement",
                CONTRACT_AGREEMENT,
                "contract-agreement-northern-rivers-draft.rtf",
            ),
        ),
    ),
    DemoFiling(
        matter="northern-rivers",
        party="Northern Rivers Haulage Pty Ltd",
        lodged_by="agent",
        lodged_at=at(2026, 5, 27, 10, 10),
        corrects_lodged_at=REJECTED_CONTRACT_AT,  # uploaded as a correction, not e-mailed
        documents=(
            DemoDocument(
                "Contract agreement",
                f"{CONTRACT_AGREEMENT} (as executed)",
                "contract-agreement-northern-rivers.rtf",
            ),
        ),
    ),
    DemoFiling(
        matter="clerical-award",
        party=UNION,
        lodged_by="officer",
        lodged_at=at(2026, 6, 15, 8, 55),
        channel="email",
        email_subject="NSW Allied Trades Union: application to vary the Clerical and "
        "Administrative Employees (Regional Services) (State) Award {number}",
        documents=(
            DemoDocument(
                "Award or award variation",
                "Clerical and Administrative Employees (Regional Services) (State) Award: "
                "variation",
                "award-variation-clerical-regional-services.rtf",
            ),
        ),
    ),
    DemoFiling(
        matter="papadopoulos",
        party="Southern Highlands Hospitality Group Pty Ltd",
        lodged_by="associate",
        lodged_at=at(2026, 7, 7, 13, 25),
        outcome="accepted",
        documents=(
            DemoDocument(
                "Points of defence",
                "Respondent's points of defence",
                "points-of-defence-southern-highlands.doc",
            ),
            DemoDocument(
                "Annexure or attachment",
                "Annexure 1: roster for March 2026",
                "annexure-1-roster-march-2026.gif",
                role="annexure",
                annexed_to=1,
            ),
        ),
    ),
)

DIRECTIONS = (
    DemoDirection(
        matter="karimi",
        kind="direct",
        made_by="commission",
        made_on=datetime.date(2026, 3, 2),
        document_kinds=("Submissions", "Statement of evidence"),
        serve=True,
        due_in_days=6,
        scope="Although PD16 does not apply to s.84 proceedings (para 3(a)), the Commission "
        "directs both parties to file and serve their statements of evidence and submissions "
        "in computer-readable format (para 7).",
    ),
    DemoDirection(
        matter="oconnor",
        kind="waive",
        made_by="registrar",
        made_on=datetime.date(2026, 4, 22),
        parties=("Margaret Anne O'Connor",),
        document_kinds=("Annexure or attachment",),
        scope="The applicant need not file electronic copies of the annexures to her affidavit "
        "of 27 April 2026 (para 7). She offers a scan of the deed (MO-1); her handwritten site "
        "diary (MO-2) is filed on paper only.",
    ),
)

RULE32_ORDERS = (
    DemoRule32Order(
        matter="clerical-award",
        description="Clerical and Administrative Employees (Regional Services) (State) Award: "
        "variation of wage rates from 1 July 2026",
        made_on=datetime.date(2026, 6, 10),
        file_by=datetime.date(2026, 6, 17),
    ),
)


def demo_filenames() -> list[str]:
    """Every committed demo file a filing uses, in catalogue order."""
    return [d.filename for f in FILINGS for d in f.documents if d.filename]
