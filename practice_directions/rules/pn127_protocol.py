"""PN127 in a matter beyond the checklist's options: scope, settings and guidance.

**Scope when applied in part (PD16 para 8).** The clerk records the paragraphs of PN127 applied
as typed ("5, 6, 9-10"). Each stage of the Technology Check List belongs to the paragraphs that
govern it:

- Pre-Trial (exchange of court documents and witness statements): paras 5-10, and 2(c);
- Discovery and Document Inspection (discovery lists and documents): paras 11-20, and 2(a),
  2(b) (discovery) and 2(d) (inspection by way of images);
- Trial (technology at the hearing, agreed bundle indexes): paras 21-22, and 2(e).

A stage is in scope when any of its paragraphs is applied; paragraph 2 without a letter, or a
mention of the Technology Check List (or its annexure) itself, brings in every stage. Paras 1,
3 and 4 are general and bring in none by themselves. In whole: every stage.

**Settings (schedules (a)-(d) and the Recommended Fields).** Images "around 200 dpi" (a); named
as the Document ID, dots optionally omitted, or by an agreed folder structure (b); special
requirements such as redaction and confidentiality (c); the default fields (d), always in use;
undated documents left blank or given an agreed date such as 01/Jan/1801 (Date field); the
Document ID in the form AAA.NNN.NNN.NNNN, "a guide not the definitive form", with each page
numbered unless the parties agree otherwise (Document id field).

**Guidance on the matter page.** Para 14: by the second directions hearing each party is
expected to have done (a)-(c); para 13: the Court may order the parties to meet (a) and to make
written submissions (b); para 11: where more than 500 documents between them will be
discoverable, the parties are expected to consider preferring technology.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .decision import Reason
from .technology_checklist import STAGES

WHOLE, PART = "whole", "part"

# --- Scope ---

_STAGE_PARAGRAPHS = {
    "pre_trial": range(5, 11),
    "discovery": range(11, 21),
    "inspection": range(11, 21),
    "trial": range(21, 23),
}
_PARAGRAPH_2_LETTERS = {
    "a": ("discovery",),
    "b": ("discovery",),
    "c": ("pre_trial",),
    "d": ("inspection",),
    "e": ("trial",),
}
_PARAGRAPH_REFERENCE = re.compile(
    r"(?P<first>\d+)\s*(?:\((?P<letter>[a-z])\))?(?:\s*(?:-|\u2013|to)\s*(?P<last>\d+))?", re.I
)
_WHOLE_CHECKLIST = re.compile(r"check\s*-?\s*list|annexure", re.I)
PARAGRAPH_LIMIT = 22  # PN127 has paragraphs 1 to 22


@dataclass(frozen=True)
class Scope:
    """The checklist stages in scope, in the checklist's order, and why."""

    stages: tuple[str, ...]
    reasons: tuple[Reason, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)


def _paragraph_stages(paragraph: int, letter: str | None) -> set[str]:
    if paragraph == 2:
        return set(_PARAGRAPH_2_LETTERS.get(letter or "", STAGES))
    return {stage for stage, paragraphs in _STAGE_PARAGRAPHS.items() if paragraph in paragraphs}


def pn127_scope(*, extent: str, parts: str) -> Scope:
    """The stages of the Technology Check List covered by PN127 as applied (see module text)."""
    if extent == WHOLE:
        return Scope(
            STAGES,
            (Reason("8", "PN127 applied in whole: every stage.", "scope.whole"),),
        )
    if _WHOLE_CHECKLIST.search(parts):
        return Scope(
            STAGES,
            (
                Reason(
                    "8",
                    "PN127 applied in part, including the Technology Check List: every stage.",
                    "scope.checklist_named",
                ),
            ),
        )
    stages: set[str] = set()
    for match in _PARAGRAPH_REFERENCE.finditer(parts):
        first = int(match["first"])
        last = int(match["last"]) if match["last"] else first
        letter = match["letter"].lower() if match["letter"] else None
        for paragraph in range(first, min(max(first, last), PARAGRAPH_LIMIT) + 1):
            stages |= _paragraph_stages(paragraph, letter if paragraph == first else None)
    ordered = tuple(stage for stage in STAGES if stage in stages)
    if not ordered:
        return Scope(
            (),
            (
                Reason(
                    "8",
                    f"PN127 applied in part (paragraphs {parts}): none of them concerns the "
                    "Technology Check List.",
                    "scope.no_checklist_stage",
                ),
            ),
        )
    return Scope(
        ordered,
        (
            Reason(
                "8",
                f"PN127 applied in part (paragraphs {parts}): only the stages those paragraphs "
                "govern.",
                "scope.part",
            ),
        ),
    )


# --- Document ID pattern (Recommended Fields: Document id) ---

DEFAULT_DOCUMENT_ID_PATTERN = "AAA.NNN.NNN.NNNN"
_PATTERN_SYMBOLS = {"A": "[A-Z]", "N": "[0-9]"}
_PATTERN_SEPARATORS = set(".-_/")
PATTERN_MAX_LENGTH = 40


class PatternError(ValueError):
    """A Document ID pattern the registry cannot turn into a check; ``code`` is stable."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def document_id_regex(pattern: str) -> str:
    """The regular expression for a Document ID pattern: "A" a capital letter, "N" a digit,
    and ".", "-", "_" or "/" themselves. AAA.NNN.NNN.NNNN -> ^[A-Z]{3}\\.[0-9]{3}\\.…$"""
    pattern = pattern.strip()
    if not pattern:
        raise PatternError("Give the Document ID pattern, e.g. AAA.NNN.NNN.NNNN.", "id.empty")
    if len(pattern) > PATTERN_MAX_LENGTH:
        raise PatternError(
            f"A Document ID pattern has at most {PATTERN_MAX_LENGTH} characters.", "id.too_long"
        )
    wrong = sorted(
        {c for c in pattern if c not in _PATTERN_SYMBOLS and c not in _PATTERN_SEPARATORS}
    )
    if wrong:
        raise PatternError(
            f"Use A for a letter, N for a digit and . - _ / between parts (not {''.join(wrong)}).",
            "id.bad_symbol",
        )
    if not any(c in _PATTERN_SYMBOLS for c in pattern):
        raise PatternError("The pattern needs at least one A or N.", "id.no_symbol")
    parts = []
    for run in re.finditer(r"(.)\1*", pattern):
        symbol, count = run.group(1), len(run.group(0))
        # "." is the one separator special in a regular expression; "-", "_", "/" are not.
        piece = _PATTERN_SYMBOLS.get(symbol) or (r"\." if symbol == "." else symbol)
        parts.append(piece if count == 1 else f"{piece}{{{count}}}")
    return "^" + "".join(parts) + "$"


# --- Undated documents (Recommended Fields: Date) ---

UNDATED_BLANK = "blank"
UNDATED_EXAMPLE_DATE = "01/Jan/1801"
_LIST_DATE = re.compile(r"^(\d{2})/([A-Z][a-z]{2})/(\d{4})$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def undated_convention_problem(value: str) -> tuple[str, str] | None:
    """None when ``value`` is "blank" or a real DD/MMM/YYYY date; else (message, code)."""
    if value == UNDATED_BLANK:
        return None
    match = _LIST_DATE.match(value)
    if match and match[2] in _MONTHS:
        try:
            datetime.date(int(match[3]), _MONTHS.index(match[2]) + 1, int(match[1]))
        except ValueError:
            pass
        else:
            return None
    return (
        f"Undated documents are left blank or given an agreed date in the form DD/MMM/YYYY, "
        f"such as {UNDATED_EXAMPLE_DATE}.",
        "undated.invalid",
    )


# --- Recommended Fields ---


@dataclass(frozen=True)
class RecommendedField:
    name: str
    default_number: int | None = None  # "Default field 1" ... "6"


RECOMMENDED_FIELDS = (
    RecommendedField("Document ID", 1),
    RecommendedField("Attachments"),
    RecommendedField("Host Document Number"),
    RecommendedField("Document Group"),
    RecommendedField("Date", 2),
    RecommendedField("Estimated Date"),
    RecommendedField("Document type", 3),
    RecommendedField("Privilege"),
    RecommendedField("Basis of Privilege"),
    RecommendedField("Status"),
    RecommendedField("Author", 4),
    RecommendedField("Author Organisation", 4),
    RecommendedField("Addressee", 5),
    RecommendedField("Addressee Organisation", 5),
    RecommendedField("Parties"),
    RecommendedField("Title", 6),
    RecommendedField("Source"),
    RecommendedField("Non-paper record"),
)
DEFAULT_FIELDS = tuple(f.name for f in RECOMMENDED_FIELDS if f.default_number is not None)
RECOMMENDED_FIELD_NAMES = tuple(f.name for f in RECOMMENDED_FIELDS)


def fields_in_use(chosen: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The default fields always (schedule (d)), then the other chosen fields, in the
    Recommended Fields' order; unknown names are dropped."""
    wanted = set(chosen) | set(DEFAULT_FIELDS)
    return tuple(name for name in RECOMMENDED_FIELD_NAMES if name in wanted)


# --- Guidance (paras 11, 13, 14) ---

DOCUMENT_THRESHOLD = 500


def second_directions_guidance(*, discoverable_documents: int) -> tuple[Reason, ...]:
    """What PN127 expects of each party by the second directions hearing, and para 11's advice
    when the parties' lists hold more than 500 documents between them."""
    reasons = [
        Reason(
            "14(a)",
            "Have investigated the number and categories of documents likely to be "
            "discoverable by that party, taking into account any agreed or directed limits.",
            "guidance.investigate_documents",
        ),
        Reason(
            "14(b)",
            "Have attempted to agree with the other parties on whether and how to use "
            "technology to exchange lists of discoverable documents.",
            "guidance.attempt_agreement",
        ),
        Reason(
            "14(c)",
            "Be able to make informed submissions about whether and how technology should be "
            "used to exchange those lists.",
            "guidance.informed_submissions",
        ),
        Reason(
            "13",
            "The Court may order the parties to meet to discuss using technology to exchange "
            "information about discoverable documents, and to make written submissions on it.",
            "guidance.court_may_order",
        ),
    ]
    if discoverable_documents > DOCUMENT_THRESHOLD:
        reasons.append(
            Reason(
                "11",
                f"The parties' lists hold {discoverable_documents} documents, more than "
                f"{DOCUMENT_THRESHOLD}: the Court will expect the parties to consider preferring "
                "technology to exchange information, having identified early the scope of "
                "discovery and the categories of documents.",
                "guidance.over_500_documents",
            )
        )
    return tuple(reasons)
