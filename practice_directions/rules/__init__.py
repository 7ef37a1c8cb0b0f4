"""PD16 as pure functions of plain facts and rules data: no database, request or clock.

Callers gather the facts (``filings.selectors.obligations`` does so from the ORM) and the rules
(``practice_directions.selectors.load_rules``), then ask:

- ``assess_document``: does this document need an electronic copy, by when, by which channel,
  and on which paragraphs does that rest (paras 2, 3(a)-(e), 5, 7, 8, 9, 10, 11);
- ``check_email_subject``: does an e-mail's subject heading carry what para 10 requires;
- ``copy_timeliness``: was the copy in time, or is it overdue, as of a given day (the s.106
  obligations use it for each document still owed);
- ``validate_rules``: is the rules data itself coherent (the system check uses it).
"""

from .data import (
    DocumentKindRule,
    EmailClassRule,
    PracticeDirectionRule,
    ProceedingRule,
    RecipientRule,
    RulesData,
)
from .decision import (
    LATE,
    NOT_REQUIRED,
    ON_TIME,
    OUTSTANDING,
    OVERDUE,
    STATUSES,
    Decision,
    Reason,
    copy_timeliness,
    long_date,
)
from .electronic_copy import assess_document
from .email_subject import SubjectCheck, SubjectProblem, check_email_subject
from .errors import FactsError
from .facts import DirectionFact, DocumentFacts
from .validation import RulesProblem, validate_rules

__all__ = [
    "LATE",
    "NOT_REQUIRED",
    "ON_TIME",
    "OUTSTANDING",
    "OVERDUE",
    "STATUSES",
    "Decision",
    "DirectionFact",
    "DocumentFacts",
    "DocumentKindRule",
    "EmailClassRule",
    "FactsError",
    "PracticeDirectionRule",
    "ProceedingRule",
    "Reason",
    "RecipientRule",
    "RulesData",
    "RulesProblem",
    "SubjectCheck",
    "SubjectProblem",
    "assess_document",
    "check_email_subject",
    "copy_timeliness",
    "long_date",
    "validate_rules",
]
