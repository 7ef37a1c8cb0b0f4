"""PN127 Recommended Fields, Date: ``DD/MMM/YYYY`` (``05/Sep/1996``), a real calendar date.

Read of the note: "databases that use a Date Type format may not accept text such as
'Undated' or dates that include '00'", so words and ``00`` parts are refused; a month and year
only ("August 1997") is coded ``01/Aug/1997`` with "Yes" in Estimated Date; a year only is
``01/Jan/1997`` with "Yes"; a day and month without a year is undated; documents with no
discernible date follow the convention agreed for undated documents (blank, or a date such as
``01/Jan/1801``). Numeric months (``05/09/1996``) are refused: they read differently in
different places, which is why the note spells the month.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTHS, start=1)}
_FULL_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]

_DATE = re.compile(r"^(\d{2})/([A-Za-z]{3})/(\d{4})$")
_LOOSE_TEXT_DATE = re.compile(r"^(\d{1,2})[/\-. ]([A-Za-z]{3,9})[/\-. ](\d{2,4})$")
_NUMERIC = re.compile(r"^\d{1,4}[/\-.]\d{1,2}[/\-.]\d{1,4}$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]{3,9})[/\-. ,]+(\d{4})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})[/\-. ]([A-Za-z]{3,9})$")


@dataclass(frozen=True, slots=True)
class DateVerdict:
    """``code`` is None for a good date; ``date`` the day it names when it is one."""

    code: str | None
    message: str = ""
    date: datetime.date | None = None


def _month(word: str) -> int | None:
    word = word.lower()
    if word in MONTH_NUMBERS:
        return MONTH_NUMBERS[word]
    number = MONTH_NUMBERS.get(word[:3])
    if number is not None and _FULL_MONTHS[number - 1].startswith(word):
        return number  # "Sept", "August"
    return None


_GOOD_EXAMPLE = "DD/MMM/YYYY, for example 05/Sep/1996"


@functools.lru_cache(maxsize=8192)
def check_date(value: str) -> DateVerdict:
    """Judge one non-blank Date cell (the undated convention is the caller's). Lists repeat
    dates, so verdicts are cached (bounded: memory does not grow with the list)."""
    match = _DATE.match(value)
    if match:
        day, month_word, year = match.groups()
        month = MONTH_NUMBERS.get(month_word.lower())
        if month is None:
            return DateVerdict(
                "date.format", f"'{value}' does not name a month: write it as {_GOOD_EXAMPLE}."
            )
        if day == "00" or year == "0000":
            return DateVerdict(
                "date.zero_part",
                f"'{value}' has a 00 part, which date fields do not accept: code an estimated "
                "date as the first day with Estimated Date 'Yes', or follow the convention "
                "for undated documents.",
            )
        try:
            return DateVerdict(None, date=datetime.date(int(year), month, int(day)))
        except ValueError:
            return DateVerdict("date.not_a_date", f"'{value}' is not a real calendar date.")
    return _diagnose(value)


def _diagnose(value: str) -> DateVerdict:
    """Say what shape a refused date has, so the practitioner knows how to code it."""
    text = value.strip()
    if "00" in re.split(r"[/\-. ]", text):
        return DateVerdict(
            "date.zero_part",
            f"'{value}' has a 00 part, which date fields do not accept: code an estimated date "
            "as the first day with Estimated Date 'Yes'.",
        )
    if _NUMERIC.match(text):
        return DateVerdict(
            "date.numeric_month",
            f"'{value}' gives the month as a number: write it as {_GOOD_EXAMPLE}.",
        )
    year_only = _YEAR_ONLY.match(text)
    if year_only:
        return DateVerdict(
            "date.year_only",
            f"A year only is coded as 01/Jan/{year_only.group(1)} with Estimated Date 'Yes'.",
        )
    month_year = _MONTH_YEAR.match(text)
    if month_year and _month(month_year.group(1)):
        month = MONTHS[_month(month_year.group(1)) - 1].title()  # type: ignore[operator]
        return DateVerdict(
            "date.month_year",
            f"A month and year only is coded as 01/{month}/{month_year.group(2)} with "
            "Estimated Date 'Yes'.",
        )
    day_month = _DAY_MONTH.match(text)
    if day_month and _month(day_month.group(2)):
        return DateVerdict(
            "date.no_year",
            f"'{value}' has no year: a day and month without a year is coded as undated.",
        )
    loose = _LOOSE_TEXT_DATE.match(text)
    if loose and _month(loose.group(2)):
        return DateVerdict("date.format", f"'{value}' must be written as {_GOOD_EXAMPLE}.")
    if re.search(r"[A-Za-z]", text):
        return DateVerdict(
            "date.words",
            f"'{value}' is words, not a date: date fields do not accept text such as "
            "'Undated'; follow the convention agreed for undated documents.",
        )
    return DateVerdict("date.format", f"'{value}' must be written as {_GOOD_EXAMPLE}.")


def format_date(day: datetime.date) -> str:
    """A date as PN127 writes it: 05/Sep/1996."""
    return f"{day.day:02d}/{MONTHS[day.month - 1].title()}/{day.year:04d}"
