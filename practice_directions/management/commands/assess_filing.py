"""assess_filing: ask the PD16 rules about documents described as JSON, one per line.

    python manage.py assess_filing --json < scenarios.jsonl

Each input line is one scenario (see ``practice_directions.scenarios``); each output line is
the decision for it, or ``{"error": "..."}`` when the line cannot be judged, and the command
goes on with the next line. Blank lines are skipped. The rules are read from the database once.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from django.core.management.base import CommandParser

from practice_directions.management.rules_command import RulesCommand
from practice_directions.rules import Decision, FactsError, RulesData, assess_document
from practice_directions.scenarios import parse_scenario
from practice_directions.selectors import load_rules


def assess_line(line: str, rules: RulesData) -> Decision:
    """The decision for one input line; ``FactsError`` when it is not a valid scenario."""
    try:
        scenario = json.loads(line)
    except json.JSONDecodeError as error:
        raise FactsError(f"not valid JSON: {error.msg} at column {error.colno}") from None
    return assess_document(parse_scenario(scenario), rules)


def _as_text(decision: Decision) -> str:
    answer = "required" if decision.electronic_copy_required else decision.status.replace("_", " ")
    lines = [f"Electronic copy: {answer}"]
    if decision.due_by:
        lines[0] += f", due by {decision.due_by.isoformat()}"
    if decision.email_lodgment_allowed:
        lines.append(f"  may be e-mailed to {decision.email_address}")
    lines.extend(f"  para {r.paragraph}: {r.text}" for r in decision.reasons)
    return "\n".join(lines)


class Command(RulesCommand):  # malformed rules data stops the command (E001)
    help = (
        "Read one JSON scenario per line on standard input and write the PD16 decision for "
        "each: whether an electronic copy is required, by when, by e-mail to which address, "
        "and the paragraphs it rests on."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            help="Write one JSON decision per line (otherwise a readable summary per scenario).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: TextIO = options.get("stdin") or sys.stdin
        rules = load_rules()
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                decision = assess_line(line, rules)
            except FactsError as error:
                if options["json"]:
                    self._emit(json.dumps({"error": f"line {number}: {error}"}))
                else:
                    self._emit(f"line {number}: error: {error}")
                continue
            if options["json"]:
                self._emit(json.dumps(decision.to_dict()))
            else:
                self._emit(f"line {number}: {_as_text(decision)}")

    def _emit(self, text: str) -> None:
        # Flushed line by line so the command can sit at the end of a pipe interactively.
        self.stdout.write(text)
        self.stdout.flush()
