"""verify_documents: the scheduled integrity check of every stored electronic copy.

PD16 para 5 makes the electronic copy part of what is filed ("the same text as the paper
copy"); the registry must go on holding exactly the bytes it received, whose SHA-256 the Notice
of Lodgment gives.

Re-hashes each stored copy chunk by chunk (``filings.selectors.integrity``) and compares it with
the SHA-256 recorded at lodgment. Each copy that is missing or changed is logged on
``filings.integrity``, recorded in the audit trail as ``integrity_failed`` (where the clerks'
workspace shows it) and reported here. Exit status 0 when every copy matches, 1 otherwise.

It then walks the documents folder (a file system's, or an object store's keys with their
``LastModified``) for files no document points to, older than ``REGISTRY_ORPHAN_GRACE_SECONDS``
(orphans: left by a lodgment that failed after storing its copies, or by a crash mid-write),
hashing each, so a bad file is found whether a document points to it or not. Each is reported
(JSON: ``code`` ``storage.orphan``, ``storage.orphan_damaged`` or ``storage.orphan_partial``,
with ``removed``); ``--remove-orphans`` deletes them, each deletion audited as
``orphan_removed``. Orphans do not change the exit status: no lodged copy depends on
them.

Run it from cron or a systemd timer, e.g. nightly:
``python manage.py verify_documents --json --remove-orphans``.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.services import audit_integrity_failure
from filings.selectors.integrity import stored_files_to_sweep, verify_stored_copies
from filings.storage import orphan_remove

SOURCE = "verify_documents"


class Command(BaseCommand):
    help = (
        "Re-hash every stored electronic copy and compare it with the SHA-256 recorded when it "
        "was lodged; record each missing or changed copy in the audit trail. Exit status 0 when "
        "every copy matches, 1 otherwise."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per line per problem (the summary goes to stderr).",
        )
        parser.add_argument(
            "--remove-orphans",
            action="store_true",
            help="Delete stored files no document points to that are older than "
            "REGISTRY_ORPHAN_GRACE_SECONDS (each deletion is audited).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_json = options["json"]
        checked = failed = 0
        for check in verify_stored_copies():
            checked += 1
            problem = check.problem
            if problem is None:
                continue
            failed += 1
            audit_integrity_failure(problem=problem, source=SOURCE)
            if as_json:
                self.stdout.write(json.dumps(problem.to_dict(), ensure_ascii=False))
            else:
                now = "missing" if not problem.actual_sha256 else problem.actual_sha256
                self.stdout.write(
                    f"{problem.filing_reference} document {problem.position:02d} "
                    f"({problem.title}): {problem.code}\n"
                    f"  lodged SHA-256 {problem.expected_sha256}\n"
                    f"  now            {now}"
                )
        orphans, removed = self._sweep(as_json=as_json, remove=options["remove_orphans"])
        summary = (
            f"Checked {checked} stored cop{'y' if checked == 1 else 'ies'}: "
            f"{checked - failed} match, {failed} failed."
        )
        if orphans:
            summary += (
                f" Found {orphans} orphaned file{'' if orphans == 1 else 's'} "
                f"(no document points to {'it' if orphans == 1 else 'them'}), removed {removed}."
            )
        if failed:
            raise CommandError(summary, returncode=1)
        (self.stderr if as_json else self.stdout).write(summary)

    def _sweep(self, *, as_json: bool, remove: bool) -> tuple[int, int]:
        """Report (and with ``remove``, delete) the orphans: how many found, how many removed."""
        grace = settings.REGISTRY_ORPHAN_GRACE_SECONDS
        found = removed = 0
        for orphan in stored_files_to_sweep(grace_seconds=grace):
            found += 1
            gone = remove and orphan_remove(stored_name=orphan.stored_name, grace_seconds=grace)
            removed += gone
            if as_json:
                line = orphan.to_dict() | {"removed": gone}
                self.stdout.write(json.dumps(line, ensure_ascii=False))
            else:
                state = "damaged, " if orphan.damaged else ""
                self.stdout.write(
                    f"{orphan.stored_name}: {orphan.code} ({state}{orphan.size:,} bytes, "
                    f"{orphan.age_seconds // 3600} h old){' removed' if gone else ''}"
                )
        return found, removed
