"""The counter disc page's uploads (PD16 paras 4 and 6): kept between the page's steps, then gone.

A clerk uploads a ZIP or ISO image of the disc, checks what the registry read from it, gives
kinds and titles where the names do not, and lodges. Between those requests the image is kept
in the store under its SHA-256 (``counter-discs/<sha256>``; the token the page carries is that
hash, so the same disc uploaded twice is kept once and a token names nothing else).

An upload is kept only while the page can still lodge it: it is removed when the filing that
lodged it commits (never before, so a failed lodgment can be tried again), when the page
refuses the disc outright, and, for an upload abandoned part-way, by ``counter_discs_sweep``
once it is older than ``REGISTRY_COUNTER_DISC_GRACE_SECONDS`` (``manage.py
sweep_counter_discs``, scheduled).
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import File
from django.utils import timezone

from filings.storage import document_storage
from intake.services.disc import DiscOutcome, disc_ingest
from practice_directions.models import DocumentKind

log = logging.getLogger(__name__)

DISC_FOLDER = "counter-discs"
TOKEN = re.compile(r"[0-9a-f]{64}")


class UploadGone(LookupError):
    """The token names no kept upload: malformed, lodged already, or swept as abandoned."""


def _name(token: str) -> str:
    if not TOKEN.fullmatch(token):
        raise UploadGone(token)
    return f"{DISC_FOLDER}/{token}"


def counter_disc_store(*, upload: Any) -> str:
    """Keep an uploaded disc image for the page's next step; returns its token (its SHA-256).
    Read in chunks: the image is never held in memory whole."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    token = digest.hexdigest()
    upload.seek(0)
    # The store is content-addressed: the same bytes already kept are shared (and their time
    # renewed, so the sweep leaves them for this clerk's grace period too).
    document_storage.save(_name(token), File(upload))
    return token


def counter_disc_path(*, token: str) -> Path:
    """Where the upload ``token`` names is kept; ``UploadGone`` when it is not."""
    name = _name(token)
    if not document_storage.exists(name):
        raise UploadGone(token)
    return Path(document_storage.path(name))


def counter_disc_discard(*, token: str) -> None:
    """Remove a kept upload (gone already is fine: two clerks may have had the same disc)."""
    name = _name(token)
    document_storage.delete(name)


def counter_disc_check(
    *, disc: Any, party_name: str, matter_number: str | None, channel: str | None
) -> tuple[str, DiscOutcome]:
    """The page's first step: keep the upload and read it (nothing lodged). A disc refused
    outright (unreadable, hostile, an unknown matter) is not kept: the page offers no next
    step for it."""
    token = counter_disc_store(upload=disc)
    outcome = disc_ingest(
        path=counter_disc_path(token=token),
        party_name=party_name,
        matter_number=matter_number,
        dry_run=True,
        channel=channel,
    )
    if outcome.outcome == "refused":
        counter_disc_discard(token=token)
    return token, outcome


def counter_disc_read(
    *, token: str, party_name: str, matter_number: str | None, channel: str | None
) -> DiscOutcome:
    """The kept upload read again with the page's fields (nothing lodged); not kept further
    when that refuses it."""
    outcome = disc_ingest(
        path=counter_disc_path(token=token),
        party_name=party_name,
        matter_number=matter_number,
        dry_run=True,
        channel=channel,
    )
    if outcome.outcome == "refused":
        counter_disc_discard(token=token)
    return outcome


def counter_disc_lodge(
    *,
    token: str,
    party_name: str,
    matter_number: str | None,
    channel: str | None,
    lodged_by: AbstractBaseUser,
    choices: dict[str, tuple[DocumentKind, str]],
) -> DiscOutcome:
    """The page's second step: lodge the kept upload with the clerk's kinds and titles. The
    upload is removed once the filing commits, or at once when the lodgment service refuses
    it; kept while the clerk still has details to give."""
    outcome = disc_ingest(
        path=counter_disc_path(token=token),
        party_name=party_name,
        matter_number=matter_number,
        channel=channel,
        lodged_by=lodged_by,
        choices=choices,
        after_lodging=lambda: counter_disc_discard(token=token),
    )
    if outcome.outcome == "refused":
        counter_disc_discard(token=token)
    return outcome


def counter_discs_sweep(
    *, grace_seconds: int | None = None, now: datetime.datetime | None = None
) -> list[str]:
    """Remove the uploads abandoned part-way: kept longer than ``grace_seconds`` (by default
    ``REGISTRY_COUNTER_DISC_GRACE_SECONDS``). Returns their tokens."""
    grace = datetime.timedelta(
        seconds=settings.REGISTRY_COUNTER_DISC_GRACE_SECONDS
        if grace_seconds is None
        else grace_seconds
    )
    cutoff = (now or timezone.now()) - grace
    if not document_storage.exists(DISC_FOLDER):
        return []
    removed = []
    _, names = document_storage.listdir(DISC_FOLDER)
    for token in sorted(names):
        # Only the uploads themselves: a file being written has a temporary name of its own.
        if not TOKEN.fullmatch(token):
            continue
        name = f"{DISC_FOLDER}/{token}"
        try:
            if document_storage.get_modified_time(name) >= cutoff:
                continue
        except FileNotFoundError:  # lodged (and removed) while the sweep ran
            continue
        document_storage.delete(name)
        removed.append(token)
        log.info("counter disc upload %s removed after the grace period", token)
    return removed
