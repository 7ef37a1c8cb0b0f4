"""Files kept after a refused submission, so that a file already checked need not be chosen
again (issue 11 section 4: "keep them, server-side, for a short time, linked to the user's
session").

When the lodgment page (or the clerks' counter and e-mail pages, which share the form stack)
refuses a submission, each chosen file that passed its own checks (``filings.validation``, PD16
para 4) is copied here and the re-rendered row says "Kept from your last attempt". Sent again
without a new file, the row lodges the kept file: it goes through ``filing_lodge`` exactly as
an upload does (checked, scanned, hashed and stored by content), so the Notice of Lodgment and
the hashes are those an upload of the same bytes gives.

Threat model and bounds:

- A kept file is not a lodged document. It lives under ``MEDIA_ROOT/held-uploads/`` by a random
  server-chosen name, never in the content-addressed store (``documents/``), is never served,
  and is removed once used (after the lodgment commits) or once expired (``held_uploads_sweep``,
  run by ``manage.py sweep_held_uploads``).
- Only the session that submitted a file can redeem it: the form carries a token signed with
  the project's secret (``django.core.signing``) naming the kept file and a hash of the session
  key; the kept file's own record repeats that hash. A token from another session, a forged
  or altered token, and an expired one are each refused with their own message, and the row
  must have a file chosen again.
- Size is bounded by the upload limits the file already passed (per file, per filing, number of
  files), and a session keeps only its latest refused submission's files: keeping new ones
  releases the session's others (``held_uploads_supersede``), so one session holds at most a
  filing's worth. Time is bounded by ``REGISTRY_HELD_UPLOAD_SECONDS`` (an hour by default).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.utils import timezone

from filings.storage import file_sha256
from filings.text import file_size

HELD_FOLDER = "held-uploads"
SALT = "filings.held-upload"
HELD_ID_BYTES = 16
HELD_EXPIRED = "upload.held_expired"
HELD_OTHER_SESSION = "upload.held_other_session"
HELD_INVALID = "upload.held_invalid"


class HeldUploadError(Exception):
    """A kept file that cannot be used; ``code`` is one of the ``upload.held_*`` codes."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class HeldFile:
    """A file kept for one session: its token (for the form), name, size and SHA-256."""

    token: str
    held_id: str
    name: str
    size: int
    sha256: str
    path: Path
    expires_at: datetime.datetime

    @property
    def description(self) -> str:
        """ "affidavit.doc (24.0 KB, SHA-256 3f2a…)": what the re-rendered row says."""
        return f"{self.name} ({file_size(self.size)}, SHA-256 {self.sha256[:12]}\u2026)"


class HeldUpload:
    """A kept file as the form stack sees an upload: a name, a size and a path on disk."""

    def __init__(self, held: HeldFile) -> None:
        self.held = held
        self.name = held.name
        self.size = held.size

    def temporary_file_path(self) -> str:
        return str(self.held.path)


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / HELD_FOLDER


def _session_hash(session_key: str) -> str:
    return hashlib.sha256(f"{SALT}:{session_key}".encode()).hexdigest()


def _paths(held_id: str) -> tuple[Path, Path]:
    folder = _folder()
    return folder / f"{held_id}.bin", folder / f"{held_id}.json"


def _lifetime() -> datetime.timedelta:
    return datetime.timedelta(seconds=int(settings.REGISTRY_HELD_UPLOAD_SECONDS))


def hold(*, source: str | os.PathLike[str], name: str, session_key: str) -> HeldFile:
    """Keep a copy of the checked file at ``source`` (an upload's temporary file) for the
    session ``session_key``; the copy is written whole before its record names it."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    held_id = secrets.token_hex(HELD_ID_BYTES)
    data_path, record_path = _paths(held_id)
    partial = data_path.with_suffix(".part")
    shutil.copyfile(source, partial)
    os.chmod(partial, 0o600)
    os.replace(partial, data_path)
    sha256, size = file_sha256(data_path)
    session = _session_hash(session_key)
    expires_at = timezone.now() + _lifetime()
    record = {
        "name": name,
        "size": size,
        "sha256": sha256,
        "session": session,
        "expires_at": expires_at.isoformat(),
    }
    partial_record = record_path.with_suffix(".json.part")
    partial_record.write_text(json.dumps(record))
    os.replace(partial_record, record_path)
    token = signing.dumps({"id": held_id, "s": session[:32]}, salt=SALT)
    return HeldFile(token, held_id, name, size, sha256, data_path, expires_at)


def _expired() -> HeldUploadError:
    return HeldUploadError(
        HELD_EXPIRED,
        "The file kept from your last attempt is no longer kept (files are kept for "
        f"{int(settings.REGISTRY_HELD_UPLOAD_SECONDS) // 60} minutes). Choose the file again.",
    )


def redeem(*, token: str, session_key: str | None) -> HeldFile:
    """The kept file ``token`` names, if ``session_key`` is the session it was kept for and it
    has not expired; raises ``HeldUploadError`` otherwise."""
    try:
        claim = signing.loads(token, salt=SALT, max_age=_lifetime())
    except signing.SignatureExpired:
        raise _expired() from None
    except signing.BadSignature:
        raise HeldUploadError(
            HELD_INVALID,
            "The registry did not recognise the kept file this row named. Choose the file again.",
        ) from None
    held_id = str(claim.get("id", "")) if isinstance(claim, dict) else ""
    session = _session_hash(session_key or "")
    if not (
        isinstance(claim, dict)
        and len(held_id) == HELD_ID_BYTES * 2
        and all(c in "0123456789abcdef" for c in held_id)
        and session_key
        and hmac.compare_digest(str(claim.get("s", "")), session[:32])
    ):
        raise HeldUploadError(
            HELD_OTHER_SESSION,
            "That kept file belongs to another sign-in and cannot be used here: files are kept "
            "only for the session that chose them. Choose the file again.",
        )
    data_path, record_path = _paths(held_id)
    try:
        record: dict[str, Any] = json.loads(record_path.read_text())
    except (OSError, ValueError):
        raise _expired() from None
    expires_at = datetime.datetime.fromisoformat(record["expires_at"])
    if not hmac.compare_digest(record["session"], session):
        raise HeldUploadError(
            HELD_OTHER_SESSION,
            "That kept file belongs to another sign-in and cannot be used here. Choose the "
            "file again.",
        )
    if expires_at <= timezone.now() or not data_path.is_file():
        raise _expired()
    return HeldFile(
        token=token,
        held_id=held_id,
        name=record["name"],
        size=int(record["size"]),
        sha256=record["sha256"],
        path=data_path,
        expires_at=expires_at,
    )


def release(*, held_ids: list[str]) -> None:
    """Remove kept files once used (run on commit of the lodgment that used them)."""
    for held_id in held_ids:
        for path in _paths(held_id):
            path.unlink(missing_ok=True)


def held_uploads_supersede(*, session_key: str, keep: list[str]) -> int:
    """Release the kept files of ``session_key`` other than ``keep`` (held ids), and any
    expired ones: a session's latest refused submission is the one it may send again. Returns
    how many of the session's files were released."""
    held_uploads_sweep()
    session = _session_hash(session_key)
    released = 0
    for record_path in sorted(_folder().glob("*.json")):
        if record_path.stem in keep:
            continue
        try:
            owner = json.loads(record_path.read_text()).get("session", "")
        except (OSError, ValueError):
            continue
        if hmac.compare_digest(str(owner), session):
            release(held_ids=[record_path.stem])
            released += 1
    return released


def held_uploads_spent(*, held_ids: list[str]) -> None:
    """After a lodgment commits: remove the kept files it used, and any expired ones."""
    release(held_ids=held_ids)
    held_uploads_sweep()


def held_uploads_sweep(*, now: datetime.datetime | None = None) -> int:
    """Remove every kept file past its time, and stray parts of interrupted writes; returns how
    many kept files were removed."""
    now = now or timezone.now()
    folder = _folder()
    if not folder.is_dir():
        return 0
    removed = 0
    stale_before = (now - _lifetime()).timestamp()
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json":
            try:
                expires_at = datetime.datetime.fromisoformat(
                    json.loads(path.read_text())["expires_at"]
                )
            except FileNotFoundError:
                continue
            except (OSError, ValueError, KeyError):
                expires_at = now
            if expires_at <= now:
                release(held_ids=[path.stem])
                removed += 1
            continue
        try:
            stale = path.stat().st_mtime < stale_before
        except FileNotFoundError:
            continue
        # A copy without its record (a write cut short), or a leftover part: no token that
        # could still be redeemed names it.
        if stale and (path.name.endswith(".part") or not path.with_suffix(".json").exists()):
            path.unlink(missing_ok=True)
    return removed
