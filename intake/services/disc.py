"""Lodging a disc's contents at the counter (PD16 paras 4 and 6), on the one lodgment service.

The disc is read safely (``intake.disc``), its label checked against its files and the matter
the clerk named (para 6, ``practice_directions.rules.disc_label``), each file mapped to a kind
and title by the registry's own naming (``IRC2026-0002_01_Affidavit-of-H-Karimi.doc``) or the
label's list, and then lodged as one filing, channel diskette or CD-ROM. A file the naming does
not explain is left for the clerk (outcome ``needs_clerk``); nothing is lodged until every file
has a kind and title.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError

from audit.models import AuditEvent
from audit.services import audit_record
from filings.models import Filing, Matter, Party
from filings.packaging import title_slug
from filings.services.effects import after_commit, composed_transaction
from filings.services.lodgment import DocumentSubmission, filing_lodge
from filings.text import with_paragraph
from filings.validation import ValidationPolicy, validate_file
from intake.disc import DiscContents, read_disc
from intake.services.mail import PRINCIPAL_FORMATS, intake_user
from practice_directions.models import DocumentKind
from practice_directions.rules.disc_label import check_disc_label

REGISTRY_NAME = re.compile(
    r"^IRC(?P<year>\d{4})-(?P<sequence>\d+)_(?P<position>\d{1,3})_(?P<slug>[A-Za-z0-9-]+)"
    r"\.(?P<ext>[A-Za-z0-9]{1,5})$"
)


@dataclass
class DiscOutcome:
    matter: str | None
    label: dict[str, Any]
    files: list[dict[str, Any]] = field(default_factory=list)
    outcome: str = "needs_clerk"
    problems: list[dict[str, str]] = field(default_factory=list)
    filing: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "label": self.label,
            "files": [
                {k: f[k] for k in ("name", "format", "acceptable", "kind", "title")}
                for f in self.files
            ],
            "outcome": self.outcome,
            "problems": [{"code": p["code"], "message": p["message"]} for p in self.problems],
        }


def _kind_from_title(title: str, kinds: list[DocumentKind]) -> DocumentKind | None:
    slug = title_slug(title).casefold()
    fitting = [k for k in kinds if slug.startswith(title_slug(k.name).casefold())]
    return max(fitting, key=lambda k: len(k.name), default=None)


def map_file(
    name: str, *, label_kinds: dict[str, tuple[str, str]], kinds: list[DocumentKind]
) -> tuple[DocumentKind | None, str, int | None, str]:
    """Kind, title, position and matter number a file's name (or its label line) gives."""
    by_name = {k.name.casefold(): k for k in kinds}
    match = REGISTRY_NAME.match(name)
    label_title, label_kind = label_kinds.get(name.casefold(), ("", ""))
    if not match:
        kind = by_name.get(label_kind.casefold()) if label_kind else None
        return kind, label_title if kind else "", None, ""
    title = label_title or match["slug"].replace("-", " ")
    kind = by_name.get(label_kind.casefold()) if label_kind else _kind_from_title(title, kinds)
    return kind, title, int(match["position"]), f"IRC{match['year']}/{match['sequence']}"


def _problem(code: str, message: str, paragraph: str = "") -> dict[str, str]:
    return {"code": code, "message": message, "paragraph": paragraph}


def disc_ingest(
    *,
    path: Path,
    party_name: str,
    matter_number: str | None = None,
    dry_run: bool = False,
    lodged_by: AbstractBaseUser | None = None,
    channel: str | None = None,
    choices: dict[str, tuple[DocumentKind, str]] | None = None,
    after_lodging: Callable[[], object] | None = None,
) -> DiscOutcome:
    """Read, check and (unless ``dry_run`` or anything is unsettled) lodge a disc.

    ``choices`` are the clerk's kinds and titles for files the naming does not explain, by
    file name. ``channel`` defaults to CD-ROM for an ISO image, diskette otherwise.
    ``after_lodging`` runs once the filing's transaction commits (never if nothing is lodged)."""
    with tempfile.TemporaryDirectory(prefix="registry-disc-") as work:
        contents = read_disc(Path(path), Path(work))
        return _judge(
            contents,
            party_name=party_name,
            matter_number=matter_number,
            dry_run=dry_run,
            lodged_by=lodged_by,
            channel=channel
            or (Filing.Channel.CD_ROM if contents.kind == "iso" else Filing.Channel.DISKETTE),
            choices=choices or {},
            after_lodging=after_lodging,
        )


def _judge(  # noqa: C901, PLR0912, PLR0915 - one branch per case the format or rule reads, kept together to be read as one
    contents: DiscContents,
    *,
    party_name: str,
    matter_number: str | None,
    dry_run: bool,
    lodged_by: AbstractBaseUser | None,
    channel: str,
    choices: dict[str, tuple[DocumentKind, str]],
    after_lodging: Callable[[], object] | None = None,
) -> DiscOutcome:
    label = contents.label
    outcome = DiscOutcome(
        matter=None,
        label={
            "found": label is not None,
            "matter_number": label.matter_number if label else None,
            "abbreviated_title": label.abbreviated_title if label else None,
            "documents": [d.name for d in label.documents] if label else [],
        },
        problems=[_problem(p.code, p.message, p.paragraph) for p in contents.problems],
    )
    if contents.refused:
        outcome.outcome = "refused"
        return outcome
    check = check_disc_label(
        label_found=label is not None,
        label_matter_number=label.matter_number if label else "",
        label_title=label.abbreviated_title if label else "",
        label_documents=[d.name for d in label.documents] if label else [],
        disc_files=[name for name, _ in contents.files],
        given_matter_number=matter_number,
    )
    outcome.problems += [
        _problem(p.code, f"{p.text} (PD16 para {p.paragraph})", p.paragraph) for p in check.problems
    ]
    number = (matter_number or (label.matter_number if label else "")).strip().upper()
    matter = Matter.objects.select_related("proceeding").filter(number=number).first()
    outcome.matter = matter.number if matter else (number or None)
    kinds = list(DocumentKind.objects.filter(active=True))
    label_kinds = {d.name.casefold(): (d.title, d.kind) for d in label.documents} if label else {}
    policy = ValidationPolicy.from_settings()
    rows = []
    for name, file_path in contents.files:
        kind, title, position, named_matter = map_file(name, label_kinds=label_kinds, kinds=kinds)
        if name in choices:
            kind, title = choices[name]
        result = validate_file(file_path, role="annexure", filename=name, policy=policy)
        role = "principal" if result.format in PRINCIPAL_FORMATS else "annexure"
        if role == "principal":
            result = validate_file(file_path, role="principal", filename=name, policy=policy)
        for error in result.errors:
            outcome.problems.append(
                _problem(
                    error.code, with_paragraph(f"{name}: {error.message}", error.paragraph), "4"
                )
            )
        if named_matter and matter and named_matter != matter.number:
            outcome.problems.append(
                _problem(
                    "label.file_matter_mismatch",
                    f"{name} is named for {named_matter}, not {matter.number} (PD16 para 6).",
                    "6",
                )
            )
        rows.append((position or 999, name, file_path, kind, title, role, result))
        outcome.files.append(
            {
                "name": name,
                "format": result.format,
                "acceptable": result.acceptable,
                "kind": kind.name if kind else None,
                "title": title or None,
                "role": role,
            }
        )
    refusing = {"label.matter_mismatch", "label.file_matter_mismatch"}
    party = None
    if matter is None:
        if number:
            outcome.problems.append(
                _problem("disc.matter_unknown", f"There is no matter {number}.")
            )
            outcome.outcome = "refused"
        else:
            outcome.problems.append(
                _problem("disc.matter_needed", "The disc is unlabelled: give the matter number.")
            )
            outcome.outcome = "needs_clerk"
        return outcome
    party = Party.objects.filter(matter=matter, name__iexact=party_name.strip()).first()
    if party is None:
        outcome.problems.append(
            _problem("disc.party_unknown", f'No party "{party_name}" in {matter.number}.')
        )
    if (
        party is None
        or any(p["code"] in refusing for p in outcome.problems)
        or not all(f["acceptable"] for f in outcome.files)
    ):
        outcome.outcome = "refused"
        return outcome
    if any(f["kind"] is None or not f["title"] for f in outcome.files):
        outcome.problems.append(
            _problem(
                "disc.kind_needed",
                "Some files are not named the registry's way: give each its kind and title.",
                "6",
            )
        )
        outcome.outcome = "needs_clerk"
        return outcome
    outcome.outcome = "filed"
    if dry_run:
        return outcome
    rows.sort(key=lambda r: (r[5] != "principal", r[0], r[1]))
    documents = [
        DocumentSubmission(
            kind=kind,
            title=title,
            role=role,
            path=file_path,
            original_filename=name,
            annexed_to=None if role == "principal" else 1,
        )
        for _, name, file_path, kind, title, role, _ in rows
    ]
    try:
        with composed_transaction():
            filing = filing_lodge(
                party=party,
                lodged_by=lodged_by or intake_user(),
                documents=documents,
                channel=channel,
            )
            audit_record(
                action=AuditEvent.Action.DISC_INGESTED,
                user=lodged_by,
                matter_number=matter.number,
                filing_reference=filing.reference,
                detail={"label": outcome.label, "problems": outcome.problems},
                username="" if lodged_by else "registry-intake",
            )
            if after_lodging is not None:
                after_commit(after_lodging, name="disc lodged: clean up")
    except ValidationError as error:
        outcome.problems += [
            _problem(e.code or "filing.refused", e.messages[0]) for e in error.error_list
        ]
        outcome.outcome = "refused"
        return outcome
    outcome.filing = filing.reference
    return outcome
