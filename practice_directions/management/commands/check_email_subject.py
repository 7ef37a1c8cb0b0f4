"""check_email_subject: does an e-mail subject heading meet PD16 para 10?

    python manage.py check_email_subject --class rule32 --matter IRC2004/1000 \\
        --title "Clerical and Administrative Employees (State) Award" "SUBJECT"

Prints ``{"valid": bool, "problems": [...]}`` and exits 0 when the subject complies, 1 when it
does not, 2 when the arguments are wrong. For s.34 and s.324 classes ``--title`` is the short
title of the agreement; for rule32 and submissions it is the title of the matter.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from practice_directions.management.rules_command import RulesCommand
from practice_directions.rules import FactsError, check_email_subject
from practice_directions.rules.data import SUBJECT_AGREEMENT_SHORT_TITLE
from practice_directions.rules.email_subject import PARAGRAPH_10
from practice_directions.selectors import load_rules


class Command(RulesCommand):  # malformed rules data stops the command (E001)
    help = "Check an e-mail subject heading against PD16 para 10 and say what is missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--class", dest="email_class", required=True, choices=list(PARAGRAPH_10)
        )
        parser.add_argument("--matter", default=None, help="Commission file number: IRC2004/1000")
        parser.add_argument(
            "--title",
            default=None,
            help="s34/s324: the agreement's short title; rule32/submissions: the matter's title.",
        )
        parser.add_argument("subject", help="The subject heading, quoted.")

    def handle(self, *args: Any, **options: Any) -> None:
        rules = load_rules()
        try:
            requirement = rules.email_class(options["email_class"]).subject_requirement
            by_agreement = requirement == SUBJECT_AGREEMENT_SHORT_TITLE
            result = check_email_subject(
                email_class=options["email_class"],
                subject=options["subject"],
                matter_number=options["matter"],
                matter_title=None if by_agreement else options["title"],
                agreement_short_title=options["title"] if by_agreement else None,
                rules=rules,
            )
        except FactsError as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(json.dumps(result.to_dict()))
        self.stdout.flush()
        if not result.valid:
            sys.exit(1)
