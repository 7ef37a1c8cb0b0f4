"""The base of the commands that answer from the rules: malformed rules data stops them (E001).

E001 reads the database, so it is registered under the ``database`` tag, which Django runs
only when a command names the databases to check: these commands name the default one.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from practice_directions.checks import RULES_TAG


class RulesCommand(BaseCommand):
    requires_system_checks = [RULES_TAG]

    def check(self, *args: Any, **kwargs: Any) -> None:
        kwargs["databases"] = kwargs.get("databases") or ["default"]
        super().check(*args, **kwargs)
