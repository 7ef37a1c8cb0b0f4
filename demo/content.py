"""The text of the demo DOC and RTF documents: a realistic heading and frame for each role,
filled out with paragraphs of public sample text (their subject matter is irrelevant; they stand
in for the evidence and argument a practitioner would write).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .catalogue import AGENCY, CHAMBERS, LAW_FIRM, UNION, DemoMatter, matter_by_key
from .writing import Block, Centred, Heading, Lines, Numbered, PageBreak, Paragraph, PartyLine

COMMISSION = ("IN THE INDUSTRIAL RELATIONS COMMISSION", "OF NEW SOUTH WALES")
STATUTE = {
    "s84": "Section 84 of the Industrial Relations Act 1996 (unfair dismissal)",
    "s99": "Section 99 of the Industrial Relations Act 1996 (dismissal of injured employee)",
    "s130": "Section 130 of the Industrial Relations Act 1996 (notification of industrial dispute)",
    "s106": "Section 106 of the Industrial Relations Act 1996 (unfair contracts)",
    "other": "Industrial Relations Act 1996",
}
ROLE_LABEL = {"applicant": "Applicant", "respondent": "Respondent", "intervenor": "Intervenor"}


class SampleTexts:
    """Body paragraphs of the sample texts, by the file's stem (e.g. "nabis-roles")."""

    MIN_WORDS = 25  # shorter lines are headings, list items or contents entries

    def __init__(self, folder: Path) -> None:
        self._paragraphs: dict[str, list[str]] = {}
        for path in sorted(folder.glob("*.txt")):
            kept = []
            for line in path.read_text(encoding="utf-8").splitlines():
                # Drop the source's own numbering and bullets; the documents number their own.
                text = re.sub(r"^\s*(?:\d+\.|[-\u2022*]|\(\w{1,4}\))\s*", "", line).strip()
                if len(text.split()) >= self.MIN_WORDS:
                    kept.append(text)
            self._paragraphs[path.stem] = kept

    def take(self, stem: str, start: int, count: int) -> list[str]:
        paragraphs = self._paragraphs[stem]
        if start + count > len(paragraphs):
            raise ValueError(f"{stem} has {len(paragraphs)} paragraphs, not {start + count}")
        return paragraphs[start : start + count]


NABIS, BELIZE, TLEVELS = (
    "nabis-roles",
    "belize-constitution-part-viii",
    "t-levels-industry-placement-guide",
)


@dataclass(frozen=True)
class TextDocument:
    """One demo document: its file name in documents/ (the extension picks DOC or RTF)."""

    filename: str
    title: str
    author: str
    build: Callable[[SampleTexts], list[Block]]


def court_heading(matter: DemoMatter, document_title: str) -> list[Block]:
    blocks: list[Block] = [Centred(line) for line in COMMISSION]
    blocks.append(Centred(STATUTE[matter.proceeding], bold=False, space_before=6))
    blocks.append(Centred(matter.title, bold=False, size=11, space_before=6))
    for index, party in enumerate(matter.parties):
        blocks.append(Lines(("BETWEEN:" if index == 0 else "AND:",), space_before=6))
        blocks.append(PartyLine(party.name, ROLE_LABEL[party.role]))
    blocks.append(Centred(document_title, size=14, space_before=18, space_after=12))
    return blocks


def numbered(paragraphs: list[str], start: int = 1) -> list[Block]:
    return [Numbered(f"{start + i}.", text) for i, text in enumerate(paragraphs)]


def jurat(deponent: str, day: str, witness: str) -> list[Block]:
    return [
        Lines((f"Affirmed at Sydney on {day}", "", "", "......................................")),
        Lines((f"Signature of deponent: {deponent}",), space_before=0),
        Lines(("", "......................................", f"Before me: {witness}")),
        Lines(("Justice of the Peace",), space_before=0),
    ]


def affidavit_lindqvist(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("lindqvist")
    duties, events = texts.take(NABIS, 0, 7), texts.take(NABIS, 7, 5)
    return [
        *court_heading(matter, "AFFIDAVIT OF ROSA LINDQVIST"),
        Paragraph(
            "On 23 March 2026, I, Rosa Lindqvist, of 14 Carrington Street, Blacktown NSW 2148, "
            "warehouse team leader, affirm:"
        ),
        *numbered(
            [
                "I am the applicant in these proceedings. I was employed by the respondent from "
                "4 February 2019 until my dismissal on 12 February 2026.",
                "I make this affidavit from my own knowledge save where I state otherwise.",
            ]
        ),
        Heading("My position and duties"),
        *numbered(duties, 3),
        Heading("My injury and the events leading to my dismissal"),
        *numbered(events, 3 + len(duties)),
        Numbered(
            f"{3 + len(duties) + len(events)}.",
            'Annexed and marked "RL-1" is a true copy of the certificate of capacity issued to '
            "me by my treating doctor on 2 February 2026.",
        ),
        *jurat("Rosa Lindqvist", "23 March 2026", "Anthony Pellegrino JP No 184402"),
    ]


def affidavit_oconnor(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("oconnor")
    engagement, dealings = texts.take(BELIZE, 0, 6), texts.take(BELIZE, 6, 8)
    last = 3 + len(engagement) + len(dealings)
    return [
        *court_heading(matter, "AFFIDAVIT OF MARGARET ANNE O'CONNOR"),
        Paragraph(
            "On 27 April 2026, I, Margaret Anne O'Connor, of 3/88 Anzac Parade, Kensington "
            "NSW 2033, project manager, affirm:"
        ),
        *numbered(
            [
                "I am the applicant. I was engaged by the respondent under a deed of engagement "
                "dated 1 July 2023 to manage the construction of its Maroubra development.",
                "I make this affidavit from my own knowledge save where I state otherwise.",
            ]
        ),
        Heading("The deed of engagement"),
        Numbered(
            "3.",
            'Annexed and marked "MO-1" is a true copy of the deed of engagement. Its terms '
            "relevantly provide as follows:",
        ),
        *[Paragraph(text, indent=2) for text in engagement],
        Heading("My dealings with the respondent"),
        *numbered(dealings, 4),
        Numbered(
            f"{last - 1}.",
            'Annexed and marked "MO-2" is my handwritten site diary for the period from '
            "March to August 2025. It is not available in computer-readable form.",
        ),
        Numbered(
            f"{last}.",
            "The conciliation conference was held on 14 April 2026, and the Commission issued "
            "a Certificate of Unsuccessful Conciliation that day.",
        ),
        *jurat("Margaret Anne O'Connor", "27 April 2026", "Lucy Tran JP No 203117"),
    ]


def statement_karimi(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("karimi")
    return [
        *court_heading(matter, "STATEMENT OF EVIDENCE OF AHMED KARIMI"),
        Paragraph("I, Ahmed Karimi, of 7 Percy Street, Auburn NSW 2144, forklift driver, say:"),
        *numbered(
            [
                "I was employed by the respondent as a forklift driver at its Port Botany "
                "terminal from 11 March 2017 until 19 January 2026, when I was dismissed.",
                'Annexed and marked "AK-1" is the letter of termination I received.',
            ]
        ),
        Heading("My employment"),
        *numbered(texts.take(NABIS, 12, 6), 3),
        Heading("The termination"),
        *numbered(texts.take(NABIS, 18, 5), 9),
        Lines(("Ahmed Karimi", "9 March 2026"), space_before=24),
    ]


def submissions_union(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("coastal-water")
    return [
        *court_heading(matter, "SUBMISSIONS OF THE NSW ALLIED TRADES UNION"),
        Heading("Introduction"),
        *numbered(
            [
                "These submissions are filed in accordance with the directions made on "
                "20 March 2026. They concern the dispute notified under s.130 about the "
                "restructure of the respondent's field services division."
            ]
        ),
        Heading("The dispute"),
        *numbered(texts.take(NABIS, 23, 6), 2),
        Heading("The union's submissions"),
        *numbered(texts.take(NABIS, 29, 6), 8),
        Heading("Recommendation sought"),
        *numbered(
            [
                "The union asks the Commission to recommend that the respondent defer the "
                "restructure until the consultation required by the award is complete."
            ],
            14,
        ),
        Lines(("T Okafor", "Industrial Officer", UNION, "30 March 2026")),
    ]


def outline_kingsford(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("oconnor")
    return [
        *court_heading(matter, "RESPONDENT'S OUTLINE OF SUBMISSIONS"),
        Heading("A. Overview"),
        *numbered(texts.take(BELIZE, 20, 3)),
        Heading("B. The deed is not unfair within s.106"),
        *numbered(texts.take(BELIZE, 23, 7), 4),
        Heading("C. Discretion"),
        *numbered(texts.take(BELIZE, 30, 4), 11),
        Lines(("H Barrett", CHAMBERS, "Counsel for the respondent", "13 May 2026")),
    ]


def proposed_orders_oconnor(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("oconnor")
    return [
        *court_heading(matter, "APPLICANT'S PROPOSED ORDERS"),
        Paragraph("The Commission orders that:"),
        *numbered(
            [
                "Clause 14.3 of the deed of engagement between the applicant and the "
                "respondent dated 1 July 2023 is declared void from its commencement.",
                "The respondent pay the applicant $86,450.00 within 28 days.",
                "The respondent pay interest on that sum calculated in accordance with "
                "Practice Note SC Gen 16 from 1 September 2025 until payment.",
                "The respondent pay the applicant's costs of the proceedings as agreed or "
                "assessed.",
                "Liberty to apply on 7 days' notice.",
            ]
        ),
        Lines(("P Raman", f"{LAW_FIRM}, solicitors for the applicant", "12 May 2026")),
    ]


def points_of_defence(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("papadopoulos")
    return [
        *court_heading(matter, "RESPONDENT'S POINTS OF DEFENCE"),
        Paragraph("In answer to the applicant's points of claim the respondent says:"),
        *numbered(
            [
                "It admits paragraphs 1 to 3.",
                "It denies paragraph 4 and says the applicant was paid for every shift he "
                'worked, as the roster annexed and marked "1" shows.',
            ]
        ),
        Heading("Particulars"),
        *numbered(texts.take(TLEVELS, 0, 8), 3),
        Heading("The applicant's hours"),
        *numbered(texts.take(TLEVELS, 8, 6), 11),
        Lines(("J Whitfield", f"{LAW_FIRM}, solicitors for the respondent", "6 July 2026")),
    ]


def enterprise_agreement(texts: SampleTexts) -> list[Block]:
    training = texts.take(TLEVELS, 14, 10)
    return [
        Centred("RIVERINA REGIONAL COUNCIL", size=16, space_before=120),
        Centred("ENTERPRISE AGREEMENT 2026", size=16),
        Centred("made under section 34 of the Industrial Relations Act 1996", bold=False),
        Centred(f"between Riverina Regional Council and the {UNION}", bold=False),
        PageBreak(),
        Heading("PART A: APPLICATION AND OPERATION"),
        Heading("1. Title"),
        Paragraph("This agreement is the Riverina Regional Council Enterprise Agreement 2026."),
        Heading("2. Parties bound"),
        Paragraph(
            f"This agreement binds Riverina Regional Council, the {UNION} and the employees of "
            "the Council engaged under the Local Government (State) Award."
        ),
        Heading("3. Date and period of operation"),
        Paragraph(
            "This agreement operates from the first full pay period on or after the date the "
            "Commission approves it and has a nominal term of three years."
        ),
        Heading("PART B: TRAINING AND DEVELOPMENT"),
        Heading("4. Traineeships and placements"),
        *[Numbered(f"4.{i}", text) for i, text in enumerate(training[:5], 1)],
        Heading("5. Supervision and review"),
        *[Numbered(f"5.{i}", text) for i, text in enumerate(training[5:], 1)],
        Heading("PART C: SIGNATORIES"),
        Lines(("Signed for Riverina Regional Council by its General Manager", "", "........")),
        Lines((f"Signed for the {UNION} by its Secretary", "", "........")),
    ]


def contract_agreement(*, draft: bool) -> Callable[[SampleTexts], list[Block]]:
    def build(texts: SampleTexts) -> list[Block]:
        committee = texts.take(BELIZE, 40, 5 if draft else 8)
        blocks: list[Block] = []
        if draft:
            blocks.append(Centred("CONSULTATION DRAFT: NOT FOR EXECUTION", size=10))
        blocks += [
            Centred("NORTHERN RIVERS OWNER-DRIVERS", size=16, space_before=24),
            Centred("CONTRACT AGREEMENT 2026", size=16),
            Centred("made under section 324 of the Industrial Relations Act 1996", bold=False),
            Heading("1. Title"),
            Paragraph("This is the Northern Rivers Owner-Drivers Contract Agreement 2026."),
            Heading("2. Parties"),
            Paragraph(
                "This agreement is made between Northern Rivers Haulage Pty Ltd and the "
                "Transport Owner-Drivers Association of NSW on behalf of owner-drivers who "
                "carry goods for the company under contracts of carriage."
            ),
            Heading("3. Rates and costs"),
            Paragraph(
                "The company will pay the rates in the Schedule, reviewed each 1 July."
                if draft
                else "The company will pay the rates in the Schedule, reviewed each 1 July "
                "and each time the fuel index moves by more than 5 per cent."
            ),
            Heading("6. Consultative committee"),
            *[Numbered(f"6.{i}", text) for i, text in enumerate(committee[:3], 1)],
            Heading("7. Disputes"),
            *[Numbered(f"7.{i}", text) for i, text in enumerate(committee[3:], 1)],
        ]
        if not draft:
            blocks += [
                Heading("8. Signatures"),
                Lines(("Signed for Northern Rivers Haulage Pty Ltd", "", "........")),
                Lines(("Signed for the Transport Owner-Drivers Association of NSW", "", "....")),
            ]
        return blocks

    return build


def award_variation(texts: SampleTexts) -> list[Block]:
    matter = matter_by_key("clerical-award")
    rates = [("Grade 1", "1,052.40"), ("Grade 2", "1,098.70"), ("Grade 3", "1,151.20")]
    return [
        *[Centred(line) for line in COMMISSION],
        Centred(matter.title, bold=False, space_before=6),
        Centred("VARIATION", size=14, space_before=18),
        Paragraph(
            "The Commission orders that the Clerical and Administrative Employees (Regional "
            "Services) (State) Award be varied as follows, from the first full pay period "
            "to commence on or after 1 July 2026:"
        ),
        Numbered("1.", "Delete Table 1 of Part B, Monetary Rates, and insert instead:"),
        *[Paragraph(f"{grade}\t${amount} per week", indent=2) for grade, amount in rates],
        Numbered("2.", "Delete clause 12, Consultation, and insert instead:"),
        *[
            Numbered(f"12.{i}", text, level=2)
            for i, text in enumerate(texts.take(BELIZE, 60, 9), 1)
        ],
        Numbered(
            "3.",
            "This variation takes effect on 1 July 2026 and remains in force until "
            "varied or rescinded.",
        ),
        Lines(("Made on 10 June 2026",)),
    ]


TEXT_DOCUMENTS = (
    TextDocument(
        "statement-of-evidence-karimi.rtf",
        "Statement of evidence of Ahmed Karimi",
        UNION,
        statement_karimi,
    ),
    TextDocument(
        "affidavit-lindqvist.doc", "Affidavit of Rosa Lindqvist", AGENCY, affidavit_lindqvist
    ),
    TextDocument(
        "submissions-allied-trades-union.rtf",
        "Submissions of the NSW Allied Trades Union",
        UNION,
        submissions_union,
    ),
    TextDocument(
        "affidavit-oconnor.doc", "Affidavit of Margaret Anne O'Connor", LAW_FIRM, affidavit_oconnor
    ),
    TextDocument(
        "proposed-orders-oconnor.doc",
        "Applicant's proposed orders",
        LAW_FIRM,
        proposed_orders_oconnor,
    ),
    TextDocument(
        "outline-of-submissions-kingsford.rtf",
        "Respondent's outline of submissions",
        CHAMBERS,
        outline_kingsford,
    ),
    TextDocument(
        "enterprise-agreement-riverina-2026.doc",
        "Riverina Regional Council Enterprise Agreement 2026",
        LAW_FIRM,
        enterprise_agreement,
    ),
    TextDocument(
        "contract-agreement-northern-rivers-draft.rtf",
        "Northern Rivers Owner-Drivers Contract Agreement 2026 (consultation draft)",
        AGENCY,
        contract_agreement(draft=True),
    ),
    TextDocument(
        "contract-agreement-northern-rivers.rtf",
        "Northern Rivers Owner-Drivers Contract Agreement 2026",
        AGENCY,
        contract_agreement(draft=False),
    ),
    TextDocument(
        "award-variation-clerical-regional-services.rtf",
        "Clerical and Administrative Employees (Regional Services) (State) Award: variation",
        UNION,
        award_variation,
    ),
    TextDocument(
        "points-of-defence-southern-highlands.doc",
        "Respondent's points of defence",
        LAW_FIRM,
        points_of_defence,
    ),
)
