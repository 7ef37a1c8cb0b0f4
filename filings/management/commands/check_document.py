"""check_document: tell before lodging whether the registry will take a file (PD16 para 4).

Runs the same validation as the lodgment pages and e-mail intake, on files on disk. Exit
status 0 when every file may be lodged in ``--role``, 1 otherwise.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from filings.validation import Problem, Role, ValidationPolicy, ValidationResult, validate_file

ROLE_NAMES = {Role.PRINCIPAL: "the principal document", Role.ANNEXURE: "an annexure"}


def _cite(paragraph: str) -> str:
    return paragraph if paragraph.startswith("PN127") else f"PD16 para {paragraph}"


def _line(kind: str, problem: Problem) -> str:
    return f"  {kind} {problem.code} ({_cite(problem.paragraph)}): {problem.message}"


def _human(path: str, result: ValidationResult) -> list[str]:
    verdict = "ACCEPTABLE" if result.acceptable else "REFUSED"
    lines = [f"{path}: {verdict} as {ROLE_NAMES[result.role]}"]
    facts = [result.description or result.format, f"{result.size:,} bytes"]
    if result.pages:
        facts.append(f"{result.pages} page{'s' if result.pages != 1 else ''}")
    lines.append(f"  {'; '.join(facts)}")
    lines.append(f"  format {result.format}, {'intact' if result.valid else 'not intact'}")
    if result.roles:
        lines.append(f"  may be lodged as: {', '.join(ROLE_NAMES[r] for r in result.roles)}")
    else:
        lines.append("  may not be lodged")
    lines.extend(_line("error", problem) for problem in result.errors)
    lines.extend(_line("warning", problem) for problem in result.warnings)
    if result.flags:
        lines.append(f"  flags: {', '.join(result.flags)}")
    lines.append(f"  sha256 {result.sha256}")
    return lines


class Command(BaseCommand):
    help = (
        "Check files against PD16 para 4 by their content: Word (DOC) or RTF for documents; "
        "TIFF, GIF or JPEG for annexures; never PDF. Exit status 0 when every file may be "
        "lodged in --role, 1 otherwise."
    )
    # Validation touches neither the database nor the models: no checks to wait for.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files to check.")
        parser.add_argument(
            "--role",
            choices=list(Role.ALL),
            default=Role.PRINCIPAL,
            help="Lodge as the principal document (default) or as an annexure.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print one JSON object per line per file."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        policy = ValidationPolicy.from_settings()
        refused = 0
        for path in options["paths"]:
            result = validate_file(path, role=options["role"], policy=policy)
            refused += not result.acceptable
            if options["json"]:
                self.stdout.write(json.dumps(result.to_dict(path), ensure_ascii=False))
            else:
                self.stdout.write("\n".join(_human(path, result)))
        if refused:
            total = len(options["paths"])
            raise CommandError(
                f"{refused} of {total} file{'s' if total != 1 else ''} may not be lodged as "
                f"{ROLE_NAMES[options['role']]}.",
                returncode=1,
            )
