"""System check ``practice_directions.E001``: malformed rules data fails fast.

It runs with every management command and the development server, so a contradictory edit
in the admin (two directions commencing the same day, an s.106 type without its 28 days, an
exempt form flagged as submissions …) stops the next command instead of skewing decisions.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error
from django.db import DatabaseError

from .rules import validate_rules
from .selectors import load_rules

E001 = "practice_directions.E001"
# The rules commands run only this check: they need no URLs or templates.
RULES_TAG = "rules"


def check_rules_data(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Report every problem in the rules rows as E001 (none before the tables exist)."""
    try:
        rules = load_rules()
    except DatabaseError:
        # No database yet, or not migrated: migrate must still be able to run.
        return []
    return [
        Error(
            problem.text,
            hint=f"Correct the rules data in the admin ({problem.code}).",
            obj=problem.obj,
            id=E001,
        )
        for problem in validate_rules(rules)
    ]
