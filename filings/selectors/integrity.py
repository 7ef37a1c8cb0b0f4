"""Reading the integrity of stored electronic copies (security checklist, "Storage and
integrity": SHA-256 re-verified on download and by a scheduled check).

``verify_stored_copies`` re-hashes every stored copy, one at a time and chunk by chunk
(``filings.packaging.verify_stored_copy``), so memory stays at one chunk and one batch of rows
whatever the registry holds; a failure is logged on ``filings.integrity`` there and handed back
here as an ``IntegrityProblem`` for the caller to record. ``stored_files_to_sweep`` finds the
files no document points to (orphans, left by lodgments that failed after storing) and bad ones.
``recent_integrity_failures`` reads the audit trail's ``integrity_failed`` events for the
clerks' workspace.
"""

from __future__ import annotations

import datetime
import itertools
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.db.models import Count, Max, Min
from django.utils import timezone

from audit.models import AuditEvent
from filings.models import Document
from filings.packaging import StoredCopyError, verify_stored_copy
from filings.storage import DOCUMENTS_FOLDER, TEMPORARY_PREFIX, documents_backend

# Rows fetched per round trip while walking every document.
BATCH_ROWS = 500
RECENT_FAILURE_DAYS = 30
RECENT_FAILURE_LIMIT = 10


@dataclass(frozen=True)
class IntegrityProblem:
    """A stored copy that is missing or whose bytes no longer hash to the lodged SHA-256."""

    code: str
    document_id: int
    matter_number: str
    filing_reference: str
    sequence: int
    position: int
    title: str
    stored_name: str
    expected_sha256: str
    actual_sha256: str

    @classmethod
    def from_error(cls, error: StoredCopyError) -> IntegrityProblem:
        document = error.document
        filing = document.filing
        return cls(
            code=error.code,
            document_id=document.pk,
            matter_number=filing.matter.number,
            filing_reference=filing.reference,
            sequence=filing.sequence,
            position=document.position,
            title=document.title,
            stored_name=str(document.electronic_copy.name),
            expected_sha256=document.sha256,
            actual_sha256=error.actual_sha256,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "document_id": self.document_id,
            "matter_number": self.matter_number,
            "filing_reference": self.filing_reference,
            "sequence": self.sequence,
            "position": self.position,
            "title": self.title,
            "stored_name": self.stored_name,
            "expected_sha256": self.expected_sha256,
            "actual_sha256": self.actual_sha256,
        }


@dataclass(frozen=True)
class CopyCheck:
    """The outcome for one stored copy: ``problem`` is None when the bytes match."""

    document_id: int
    problem: IntegrityProblem | None


def stored_copies() -> Iterator[Document]:
    """Every document with an electronic copy, with its filing and matter, in batches."""
    return (
        Document.objects.exclude(electronic_copy="")
        .select_related("filing__matter")
        .order_by("pk")
        .iterator(chunk_size=BATCH_ROWS)
    )


def check_stored_copy(document: Document) -> IntegrityProblem | None:
    """Re-hash one stored copy; the problem if it is missing or changed, None if it matches."""
    try:
        verify_stored_copy(document)
    except StoredCopyError as error:
        return IntegrityProblem.from_error(error)
    return None


def verify_stored_copies(documents: Iterable[Document] | None = None) -> Iterator[CopyCheck]:
    """Re-hash each stored copy (by default every one the registry holds), one at a time."""
    for document in stored_copies() if documents is None else documents:
        yield CopyCheck(document_id=document.pk, problem=check_stored_copy(document))


@dataclass(frozen=True)
class IntegrityFailure:
    """A document whose stored copy failed: its latest event, how often and since when."""

    event: AuditEvent
    times: int
    first_at: datetime.datetime

    def _detail(self, key: str, default: Any = "") -> Any:
        return self.event.detail.get(key, default)

    @property
    def title(self) -> str:
        return self._detail("title")

    @property
    def position(self) -> int | None:
        return self._detail("position", None)

    @property
    def sequence(self) -> int | None:
        return self._detail("sequence", None)

    @property
    def missing(self) -> bool:
        return self._detail("code") == StoredCopyError.MISSING

    @property
    def expected_sha256(self) -> str:
        return self._detail("expected_sha256")

    @property
    def actual_sha256(self) -> str:
        return self._detail("actual_sha256")

    @property
    def found_by(self) -> str:
        return self._detail("source")


@dataclass(frozen=True)
class RecentIntegrityFailures:
    """What the clerks' workspace shows: up to ``limit`` documents, and how many in all."""

    failures: list[IntegrityFailure]
    documents: int
    since: datetime.datetime


def recent_integrity_failures(
    *,
    now: datetime.datetime | None = None,
    days: int = RECENT_FAILURE_DAYS,
    limit: int = RECENT_FAILURE_LIMIT,
) -> RecentIntegrityFailures:
    """Documents whose stored copies failed in the last ``days``, most recent first, each once
    (a nightly check records a lasting failure every night); three queries whatever the numbers."""
    since = (now or timezone.now()) - datetime.timedelta(days=days)
    window = AuditEvent.objects.filter(action=AuditEvent.Action.INTEGRITY_FAILED, at__gte=since)
    rows = list(
        window.values("document_id")
        .annotate(last_pk=Max("pk"), times=Count("pk"), first_at=Min("at"))
        .order_by("-last_pk")[:limit]
    )
    events = AuditEvent.objects.in_bulk([row["last_pk"] for row in rows])
    documents = window.aggregate(n=Count("document_id", distinct=True))["n"]
    return RecentIntegrityFailures(
        failures=[
            IntegrityFailure(
                event=events[row["last_pk"]], times=row["times"], first_at=row["first_at"]
            )
            for row in rows
        ],
        documents=documents,
        since=since,
    )


@dataclass(frozen=True)
class StoredFile:
    """A file under the documents folder that no document points to: an intact orphan, a
    damaged one (its bytes do not hash to its name) or a write that never reached its name."""

    stored_name: str
    size: int
    age_seconds: int
    actual_sha256: str

    @property
    def temporary(self) -> bool:
        """A write that never reached its final name (a crash, or one still in progress)."""
        return PurePosixPath(self.stored_name).name.startswith(TEMPORARY_PREFIX)

    @property
    def damaged(self) -> bool:
        return not self.temporary and PurePosixPath(self.stored_name).name != self.actual_sha256

    @property
    def code(self) -> str:
        if self.temporary:
            return "storage.orphan_partial"
        return "storage.orphan_damaged" if self.damaged else "storage.orphan"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "stored_name": self.stored_name,
            "size": self.size,
            "age_seconds": self.age_seconds,
            "temporary": self.temporary,
            "damaged": self.damaged,
            "actual_sha256": self.actual_sha256,
        }


def stored_files_to_sweep(*, grace_seconds: int, now: float | None = None) -> Iterator[StoredFile]:
    """Every orphan under the documents folder (no document points to it) older than
    ``grace_seconds``, and every file there whose bytes do not hash to its name.

    Walks the store's listing (a file system's folders, or an object store's keys with their
    ``LastModified``) one two-character folder at a time, with one query each for the names
    documents point to there, so memory stays at one folder's names. Younger orphans are
    skipped: they may be copies of a lodgment that has stored its files and not yet committed.
    A referenced file is hashed by ``verify_stored_copies`` against its lodged SHA-256, not
    again here.
    """
    backend = documents_backend()
    now = time.time() if now is None else now
    entries = backend.stored_entries(DOCUMENTS_FOLDER)
    for prefix, in_folder in itertools.groupby(entries, key=lambda e: e.name.rsplit("/", 1)[0]):
        referenced = set(
            Document.objects.filter(electronic_copy__startswith=prefix + "/").values_list(
                "electronic_copy", flat=True
            )
        )
        for entry in in_folder:
            if entry.name in referenced:
                continue
            age = int(now - entry.modified)
            if age < grace_seconds:
                continue
            try:
                digest, size = backend.stored_sha256(entry.name)
            except FileNotFoundError:
                continue  # removed or moved into place meanwhile
            yield StoredFile(
                stored_name=entry.name,
                size=size,
                age_seconds=age,
                actual_sha256=digest,
            )
