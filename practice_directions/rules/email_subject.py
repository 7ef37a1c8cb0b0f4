"""PD16 para 10: whether an e-mail's subject heading carries what its class requires.

The reading applied:

- s.34 and s.324 matters: the subject must include the short title of the enterprise or
  contract agreement.
- Rule 32 matters and directed submissions: the subject must include the title of the matter
  and the Commission file number "in format year/file number, for example, IRC2004/1000".
  The file number is the number the Commission allocated, and that number carries the IRC
  prefix; the direction's only example carries it too. Nothing in the direction says the bare
  "2004/1000" will do, so the prefix is required: "2004/1000" is reported as a malformed file
  number, as are "IRC 2004/1000" and "IRC2004 / 1000". The number must be the matter's own,
  digit for digit ("IRC2004/1000" is not "IRC2004/01000").
- Tolerance: case, runs of whitespace, typographic quotes and dashes do not matter, and the
  parts may come in any order with any other words around them.
- Where the matter's details are not given only the form can be checked: some file number in
  the IRC2004/1000 form, and some words beside it.

Every problem is reported, each naming exactly what is missing or wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .data import (
    SUBJECT_AGREEMENT_SHORT_TITLE,
    SUBJECT_MATTER_TITLE_AND_NUMBER,
    RulesData,
)
from .errors import FactsError

# The requirement of each class as the direction states it, used when no rules data is given.
PARAGRAPH_10 = {
    "s34": SUBJECT_AGREEMENT_SHORT_TITLE,
    "s324": SUBJECT_AGREEMENT_SHORT_TITLE,
    "rule32": SUBJECT_MATTER_TITLE_AND_NUMBER,
    "submissions": SUBJECT_MATTER_TITLE_AND_NUMBER,
}

MATTER_NUMBER = re.compile(r"IRC(?P<year>\d{4})/(?P<sequence>\d+)", re.IGNORECASE)
# Anything that looks like a year/file number, well formed or not, as a whole token.
NUMBER_LIKE = re.compile(
    r"(?<![0-9A-Za-z])(?P<prefix>IRC\s*)?(?P<year>\d{4})\s*/\s*(?P<sequence>\d+)(?![0-9])",
    re.IGNORECASE,
)
_TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)


@dataclass(frozen=True)
class SubjectProblem:
    """One thing missing from or wrong in a subject heading."""

    code: str
    text: str
    paragraph: str = "10"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "paragraph": self.paragraph, "text": self.text}


@dataclass(frozen=True)
class SubjectCheck:
    valid: bool
    problems: tuple[SubjectProblem, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(problem.code for problem in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """What ``check_email_subject`` prints: ``{"valid": bool, "problems": [text, …]}``, each
        text ending with the paragraph it rests on."""
        return {
            "valid": self.valid,
            "problems": [f"{p.text} (PD16 para {p.paragraph})" for p in self.problems],
        }


def normalise(text: str) -> str:
    """For comparison only: compatibility forms, plain quotes and dashes, one space, no case."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split()).casefold()


def check_email_subject(
    *,
    email_class: str,
    subject: str,
    matter_number: str | None,
    matter_title: str | None,
    agreement_short_title: str | None,
    rules: RulesData | None = None,
) -> SubjectCheck:
    """Check a subject heading against para 10 for ``email_class`` (s34, s324, rule32,
    submissions). The class's requirement comes from ``rules`` when given (it is editable
    data), otherwise from the direction's text.

    Raises ``FactsError`` for an unknown class or a ``matter_number`` not in the IRC2004/1000
    form: those are mistakes of the caller, not of the subject.
    """
    requirement = _requirement(email_class, rules)
    if requirement == SUBJECT_AGREEMENT_SHORT_TITLE:
        problems = _agreement_problems(subject, agreement_short_title)
    else:
        problems = _number_problems(subject, matter_number) + _title_problems(subject, matter_title)
    return SubjectCheck(valid=not problems, problems=tuple(problems))


def _requirement(email_class: str, rules: RulesData | None) -> str:
    if rules is not None:
        return rules.email_class(email_class).subject_requirement
    try:
        return PARAGRAPH_10[email_class]
    except KeyError:
        raise FactsError(
            f"e-mail class {email_class!r} is not known; expected one of: "
            + ", ".join(PARAGRAPH_10)
        ) from None


def _has_words(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _agreement_problems(subject: str, short_title: str | None) -> list[SubjectProblem]:
    short_title = (short_title or "").strip()
    if short_title:
        if normalise(short_title) in normalise(subject):
            return []
        return [
            SubjectProblem(
                "subject.agreement_short_title_missing",
                f'The subject does not include the short title of the agreement, "{short_title}".',
            )
        ]
    if _has_words(subject):
        return []
    return [
        SubjectProblem(
            "subject.agreement_short_title_missing",
            "The subject does not include the short title of the agreement.",
        )
    ]


def _number_problems(subject: str, matter_number: str | None) -> list[SubjectProblem]:
    expected = None
    if matter_number is not None and matter_number.strip():
        expected = MATTER_NUMBER.fullmatch(matter_number.strip())
        if expected is None:
            raise FactsError(f"matter number {matter_number!r} is not in the form IRC2004/1000")
    candidates = list(NUMBER_LIKE.finditer(unicodedata.normalize("NFKC", subject)))
    well_formed = [c for c in candidates if MATTER_NUMBER.fullmatch(c.group(0))]
    malformed = [c for c in candidates if not MATTER_NUMBER.fullmatch(c.group(0))]

    if expected is None:
        if well_formed:
            return []
        if malformed:
            return [_malformed(malformed[0].group(0), example="IRC2004/1000")]
        return [
            SubjectProblem(
                "subject.file_number_missing",
                "The subject does not include the Commission file number in the form year/file "
                "number, for example IRC2004/1000.",
            )
        ]

    want = f"IRC{expected['year']}/{expected['sequence']}"
    same = (expected["year"], expected["sequence"])
    if any((c["year"], c["sequence"]) == same for c in well_formed):
        return []
    misshapen = [c for c in malformed if (c["year"], c["sequence"]) == same]
    if misshapen:
        return [_malformed(misshapen[0].group(0), example=want)]
    if well_formed:
        found = ", ".join(c.group(0).upper() for c in well_formed)
        return [
            SubjectProblem(
                "subject.file_number_wrong",
                f"The subject carries the file number {found}, but this matter's Commission file "
                f"number is {want}.",
            )
        ]
    return [
        SubjectProblem(
            "subject.file_number_missing",
            f"The subject does not include the Commission file number {want}.",
        )
    ]


def _malformed(found: str, *, example: str) -> SubjectProblem:
    return SubjectProblem(
        "subject.file_number_malformed",
        f'The file number "{found}" must be written in the form year/file number with the IRC '
        f"prefix and no spaces, as {example}.",
    )


def _title_problems(subject: str, matter_title: str | None) -> list[SubjectProblem]:
    matter_title = (matter_title or "").strip()
    if matter_title:
        if normalise(matter_title) in normalise(subject):
            return []
        return [
            SubjectProblem(
                "subject.matter_title_missing",
                f'The subject does not include the title of the matter, "{matter_title}".',
            )
        ]
    if _has_words(NUMBER_LIKE.sub(" ", subject)):
        return []
    return [
        SubjectProblem(
            "subject.matter_title_missing",
            "The subject does not include the title of the matter.",
        )
    ]
