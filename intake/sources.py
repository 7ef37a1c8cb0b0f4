"""Where e-mail comes from: a Maildir folder, an mbox file, ``.eml`` files, or an IMAP mailbox.

Each source yields ``IncomingMessage``s: the exact bytes as received (never more than the size
limit plus one byte is read into memory; a larger message is reported by its size) and a
``mark_done`` callback the caller runs only after its transaction has committed. For IMAP that
callback sets the ``$RegistryIngested`` keyword on the message (and ``\\Seen``), so an
interrupted run leaves the message unflagged and it is read again; the registry's own record
(Message-ID or SHA-256) makes a second reading a duplicate, never a second filing.

The IMAP password is read from the environment variable ``REGISTRY_IMAP_PASSWORD``; never from
the command line, where other users of the machine could read it.
"""

from __future__ import annotations

import contextlib
import imaplib
import mailbox
import os
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

IMAP_PASSWORD_VARIABLE = "REGISTRY_IMAP_PASSWORD"
IMAP_DONE_KEYWORD = "$RegistryIngested"
PLAIN_IMAP_HOSTS = {"localhost", "127.0.0.1", "::1"}


class SourceError(Exception):
    """The source cannot be read at all (missing path, refused login): nothing was ingested."""


@dataclass
class IncomingMessage:
    raw: bytes = field(repr=False)
    source: str
    location: str
    size: int
    mark_done: Callable[[], None] = lambda: None


def _read_bounded(path: Path, limit: int) -> tuple[bytes, int]:
    size = path.stat().st_size
    with path.open("rb") as handle:
        return handle.read(limit + 1), size


def iter_messages(sources: list[str], *, max_bytes: int) -> Iterator[IncomingMessage]:
    """Every message of every source, in order."""
    for source in sources:
        if source.startswith(("imap://", "imaps://")):
            yield from _imap(source, max_bytes=max_bytes)
            continue
        path = Path(source)
        if path.is_dir():
            if not (path / "cur").is_dir() and not (path / "new").is_dir():
                raise SourceError(f"{source} is a folder but not a Maildir (no cur/ or new/).")
            yield from _maildir(path, max_bytes=max_bytes)
        elif path.is_file():
            if _looks_like_mbox(path):
                yield from _mbox(path, max_bytes=max_bytes)
            else:
                raw, size = _read_bounded(path, max_bytes)
                yield IncomingMessage(raw, "eml", str(path), size)
        else:
            raise SourceError(f"{source} does not exist.")


def _looks_like_mbox(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def _maildir(path: Path, *, max_bytes: int) -> Iterator[IncomingMessage]:
    # Read-only: the registry's record decides what was ingested; the folder is the mail
    # server's, and moving files in it would race with the server's own delivery.
    for sub in ("new", "cur"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.is_file() and not entry.is_symlink() and not entry.name.startswith("."):
                raw, size = _read_bounded(entry, max_bytes)
                yield IncomingMessage(raw, "maildir", str(entry), size)


def _mbox(path: Path, *, max_bytes: int) -> Iterator[IncomingMessage]:
    box = mailbox.mbox(str(path), create=False)
    try:
        for key in box.iterkeys():
            raw = box.get_bytes(key)
            yield IncomingMessage(raw[: max_bytes + 1], "mbox", f"{path}#{key}", len(raw))
    finally:
        box.close()


@dataclass(frozen=True)
class ImapAddress:
    user: str
    host: str
    port: int
    mailbox: str
    tls: bool


def parse_imap_url(url: str) -> ImapAddress:
    """``imap://user@host[:port]/INBOX``: TLS (port 993) unless the host is this machine."""
    parts = urlsplit(url)
    if not parts.username or not parts.hostname:
        raise SourceError("An IMAP source is written imap://user@host[:port]/MAILBOX.")
    host = parts.hostname
    tls = parts.scheme == "imaps" or host not in PLAIN_IMAP_HOSTS
    port = parts.port or (993 if tls else 143)
    mailbox_name = unquote(parts.path.lstrip("/")) or "INBOX"
    return ImapAddress(unquote(parts.username), host, port, mailbox_name, tls)


def _imap(url: str, *, max_bytes: int) -> Iterator[IncomingMessage]:
    address = parse_imap_url(url)
    password = os.environ.get(IMAP_PASSWORD_VARIABLE)
    if password is None:
        raise SourceError(
            f"Set the IMAP password in the environment variable {IMAP_PASSWORD_VARIABLE}."
        )
    client = _connect(address, password)
    try:
        status, data = client.uid("SEARCH", None, "UNKEYWORD", IMAP_DONE_KEYWORD)  # type: ignore[arg-type]  # stubs: str only
        uids = data[0].split() if status == "OK" and data and data[0] else []
        for uid in uids:
            status, sized = client.uid("FETCH", uid, "(RFC822.SIZE)")
            size = _fetched_size(sized)
            if size > max_bytes:
                raw = _fetch(client, uid, "BODY.PEEK[HEADER]")
            else:
                raw = _fetch(client, uid, "BODY.PEEK[]")
            yield IncomingMessage(
                raw,
                "imap",
                f"{address.host}/{address.mailbox}#{uid.decode()}",
                max(size, len(raw)),
                mark_done=_marker(client, uid, address, password),
            )
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fetched_size(data: list) -> int:
    for item in data or []:
        text = item.decode() if isinstance(item, bytes) else str(item)
        if "RFC822.SIZE" in text:
            return int(text.split("RFC822.SIZE", 1)[1].strip(" )").split()[0])
    return 0


def _fetch(client: imaplib.IMAP4, uid: bytes, what: str) -> bytes:
    _status, data = client.uid("FETCH", uid, f"({what})")  # type: ignore[arg-type]  # stubs: str only
    for item in data or []:
        if isinstance(item, tuple) and len(item) == 2:
            return item[1]
    return b""


def _connect(address: ImapAddress, password: str) -> imaplib.IMAP4:
    """Signed in, with the mailbox selected."""
    try:
        if address.tls:
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                address.host, address.port, ssl_context=ssl.create_default_context(), timeout=60
            )
        else:
            client = imaplib.IMAP4(address.host, address.port, timeout=60)
        client.login(address.user, password)
    except (OSError, imaplib.IMAP4.error) as error:
        raise SourceError(f"Could not sign in to {address.host}:{address.port}: {error}") from None
    status, _ = client.select(_quote(address.mailbox))
    if status != "OK":
        client.logout()
        raise SourceError(f"The mailbox {address.mailbox} cannot be opened.")
    return client


def _marker(
    client: imaplib.IMAP4, uid: bytes, address: ImapAddress, password: str
) -> Callable[[], None]:
    """Flags the message by its UID (stable within the mailbox); on the reading connection
    while it is open, otherwise on a connection of its own (the commit may come later)."""

    def mark() -> None:
        flags = f"(\\Seen {IMAP_DONE_KEYWORD})"
        if client.state == "SELECTED":
            client.uid("STORE", uid, "+FLAGS", flags)  # type: ignore[arg-type]  # stubs: str only
            return
        own = _connect(address, password)
        try:
            own.uid("STORE", uid, "+FLAGS", flags)  # type: ignore[arg-type]  # stubs: str only
        finally:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                own.logout()

    return mark
