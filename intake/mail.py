"""Reading one e-mail message as the registry received it (PD16 paras 9 and 10).

Threat model. Anyone on the internet can send mail to the registry's lodgment addresses, so
every byte of a message is hostile until checked: headers may be missing, repeated, badly
encoded (RFC 2047 words in unknown charsets) or lie; the MIME structure may be broken, nested
without end, or carry thousands of parts; attachment names may carry folders (``../``),
control characters or bidirectional overrides meant to make ``cod.exe`` read as ``exe.doc``;
attachments may be disguised by extension or wrapped (TNEF ``winmail.dat``, a forwarded
``message/rfc822``). Nothing here trusts a name or a content type: the format of each
attachment is decided later from its bytes (``filings.validation.validate_file``).

What this module guarantees: ``parse_message`` never raises for any bytes; it reads at most
``limits.max_bytes`` (a larger message is refused with ``mail.too_large`` before parsing),
walks at most ``limits.max_parts`` parts (``mail.too_many_parts``) and ``limits.max_depth``
levels of nesting (``mail.too_deep``), and every attachment name it returns is a plain file
name: no folders, no control or format (bidi) characters, capped in length. Every problem is
collected with a stable code; the caller decides the outcome.

Problem codes (paragraph in brackets where one applies):

=============================  ===========================================================
mail.too_large                 the message exceeds the size limit; not parsed
mail.too_many_parts            more MIME parts than the limit; not processed
mail.too_deep                  nesting deeper than the limit; not processed
mail.malformed                 MIME defects (reported; what could be read is used)
mail.header_missing            no Message-ID, From or Subject header
mail.header_repeated           a header that must appear once appears more than once
mail.attachment_name_unsafe    an attachment name carried folders or hidden characters
mail.tnef_unwrapped            a winmail.dat wrapper was opened and its files taken
mail.tnef_unreadable           a winmail.dat wrapper that could not be opened
mail.forwarded_unwrapped       documents were taken from a forwarded message inside
=============================  ===========================================================
"""

from __future__ import annotations

import datetime
import email
import email.header
import email.parser
import email.policy
import email.utils
import hashlib
import unicodedata
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from typing import Any

from filings.text import file_size

FILENAME_MAX = 120
# Headers a message carries once (RFC 5322 section 3.6); a second copy is suspicious.
SINGLE_HEADERS = ("Message-ID", "From", "Subject", "Date", "To")
AUTO_PRECEDENCE = {"bulk", "list", "junk"}
TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}


@dataclass(frozen=True)
class MailLimits:
    max_bytes: int = 40 * 1024 * 1024
    max_parts: int = 200
    max_depth: int = 8

    @classmethod
    def from_settings(cls) -> MailLimits:
        from django.conf import settings

        return cls(
            max_bytes=getattr(settings, "REGISTRY_MAIL_MAX_BYTES", cls.max_bytes),
            max_parts=getattr(settings, "REGISTRY_MAIL_MAX_PARTS", cls.max_parts),
            max_depth=getattr(settings, "REGISTRY_MAIL_MAX_DEPTH", cls.max_depth),
        )


@dataclass(frozen=True)
class MailProblem:
    code: str
    message: str
    paragraph: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message, "paragraph": self.paragraph}


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content: bytes = field(repr=False)
    content_type: str
    forwarded: bool = False
    from_tnef: bool = False


@dataclass(frozen=True)
class ParsedMail:
    sha256: str
    size: int
    message_id: str
    subject: str
    sender: str
    sender_name: str
    recipients: tuple[str, ...]
    sent_at: datetime.datetime | None
    auto_generated: str
    body: str
    attachments: tuple[MailAttachment, ...]
    problems: tuple[MailProblem, ...]
    refused: bool

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


def safe_filename(name: str, *, fallback: str) -> str:
    """A plain file name: the last path part, without control, format (bidi) or reserved
    characters, NFC-normalised and capped; ``fallback`` when nothing is left."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(
        ch
        for ch in name
        if unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
        and ch not in '<>:"|?*'
    )
    kept = kept.strip().strip(".").strip()
    if len(kept) > FILENAME_MAX:
        stem, dot, ext = kept.rpartition(".")
        kept = (stem[: FILENAME_MAX - len(ext) - 1] + dot + ext) if dot and len(ext) <= 8 else ""
        kept = kept or name[:FILENAME_MAX]
    return kept or fallback


def _header(message: Message, name: str) -> str:
    """The first value of a header as text; never raises for broken encodings."""
    try:
        value = message.get(name)
    except Exception:
        raws = [v for k, v in message.raw_items() if k.lower() == name.lower()]
        value = raws[0] if raws else None
    if value is None:
        return ""
    try:
        text = str(value)
    except Exception:
        text = repr(value)
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _count(message: Message, name: str) -> int:
    return sum(1 for key in message if key.lower() == name.lower())


def _addresses(message: Message, *names: str) -> list[tuple[str, str]]:
    values: list[str] = []
    for key, value in message.raw_items():
        if key.lower() in {n.lower() for n in names}:
            values.append(str(value))
    found = []
    for display, address in email.utils.getaddresses(values):
        address = address.strip().strip("<>").casefold()
        if "@" in address and all(ch.isprintable() and not ch.isspace() for ch in address):
            found.append((_header_text(display), address))
    return found


def _header_text(raw: str) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(raw)))
    except Exception:
        return raw


def auto_generated_reason(message: Message) -> str:
    """Why this message must not be answered (RFC 3834), or ""."""
    auto = _header(message, "Auto-Submitted").casefold()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    precedence = _header(message, "Precedence").casefold()
    if precedence in AUTO_PRECEDENCE:
        return f"Precedence: {precedence}"
    if _header(message, "List-Id") or _header(message, "List-Unsubscribe"):
        return "mailing-list headers"
    if _count(message, "Return-Path") and _header(message, "Return-Path").strip() in {"<>", ""}:
        return "empty return path (a bounce)"
    if message.get_content_type() == "multipart/report":
        return "delivery report"
    return ""


class _Walker:
    def __init__(self, limits: MailLimits) -> None:
        self.limits = limits
        self.parts = 0
        self.attachments: list[MailAttachment] = []
        self.problems: list[MailProblem] = []
        self.refused = False
        self.body = ""

    def problem(self, code: str, message: str, paragraph: str = "") -> None:
        if not any(p.code == code and p.message == message for p in self.problems):
            self.problems.append(MailProblem(code, message, paragraph))

    def walk(self, part: Message, depth: int, *, forwarded: bool) -> None:
        if self.refused:
            return
        self.parts += 1
        if self.parts > self.limits.max_parts:
            self.refused = True
            self.problem(
                "mail.too_many_parts",
                f"The message has more than {self.limits.max_parts} parts; the registry "
                "does not process it. Send the documents in a simpler message.",
            )
            return
        if depth > self.limits.max_depth:
            self.refused = True
            self.problem(
                "mail.too_deep",
                f"The message nests parts more than {self.limits.max_depth} levels deep; the "
                "registry does not process it. Attach the documents directly.",
            )
            return
        for defect in getattr(part, "defects", []):
            self.problem(
                "mail.malformed",
                f"The message is not well formed ({type(defect).__name__}); what could be "
                "read was used.",
            )
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            inner = part.get_payload()
            inner_list = inner if isinstance(inner, list) else [inner]
            for nested in inner_list:
                if isinstance(nested, Message):
                    before = len(self.attachments)
                    self.walk(nested, depth + 1, forwarded=True)
                    if len(self.attachments) > before:
                        self.problem(
                            "mail.forwarded_unwrapped",
                            "Documents were taken from the forwarded message inside this one.",
                        )
            return
        if part.is_multipart():
            payload = part.get_payload()
            for child in payload if isinstance(payload, list) else []:
                if isinstance(child, Message):
                    self.walk(child, depth + 1, forwarded=forwarded)
            return
        self._leaf(part, content_type, forwarded=forwarded)

    def _leaf(self, part: Message, content_type: str, *, forwarded: bool) -> None:
        try:
            raw_name = part.get_filename() or ""
        except Exception:
            raw_name = ""
        disposition = (part.get_content_disposition() or "").lower()
        is_attachment = bool(raw_name) or disposition == "attachment"
        if not is_attachment and part.get_content_maintype() == "text":
            if not self.body and content_type == "text/plain":
                self.body = _text_of(part)
            return
        try:
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
        except Exception:
            content = b""
            self.problem("mail.malformed", "An attachment could not be decoded.")
        number = len(self.attachments) + 1
        name = safe_filename(raw_name, fallback=f"attachment-{number}")
        if raw_name and name != raw_name.strip():
            self.problem(
                "mail.attachment_name_unsafe",
                "An attachment's name carried folders or hidden characters; "
                f'it is called "{name}".',
            )
        if content_type in TNEF_TYPES or name.casefold() == "winmail.dat":
            self._tnef(content, forwarded=forwarded)
            return
        self.attachments.append(MailAttachment(name, content, content_type, forwarded=forwarded))

    def _tnef(self, content: bytes, *, forwarded: bool) -> None:
        try:
            from tnefparse import TNEF  # type: ignore[import-untyped]  # ships no type information

            wrapper = TNEF(content)
            found = list(wrapper.attachments)
            if not found:
                raise ValueError("no attachments in the wrapper")
        except Exception:
            self.problem(
                "mail.tnef_unreadable",
                "The message carries an Outlook winmail.dat wrapper that could not be opened; "
                "send the documents as ordinary attachments (set the message format to plain "
                "text or HTML).",
            )
            return
        for inner in found:
            self.parts += 1
            try:
                raw_name = inner.long_filename() or inner.name or ""
            except Exception:
                raw_name = ""
            if isinstance(raw_name, bytes):
                raw_name = raw_name.decode("latin-1")
            number = len(self.attachments) + 1
            name = safe_filename(str(raw_name), fallback=f"attachment-{number}")
            data = inner.data if isinstance(inner.data, bytes) else bytes(inner.data or b"")
            self.attachments.append(
                MailAttachment(
                    name, data, "application/octet-stream", forwarded=forwarded, from_tnef=True
                )
            )
        self.problem(
            "mail.tnef_unwrapped",
            f"{len(found)} file(s) were taken from an Outlook winmail.dat wrapper.",
        )


def _text_of(part: Message) -> str:
    try:
        text = part.get_content() if isinstance(part, EmailMessage) else part.get_payload()
        if isinstance(text, str):
            return text[:20000]
    except Exception:
        pass
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    return data[:20000].decode("utf-8", "replace")


def _sent_at(message: Message) -> datetime.datetime | None:
    value = _header(message, "Date")
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def normalise_message_id(value: str) -> str:
    value = value.strip()
    if "<" in value and ">" in value:
        value = value[value.index("<") : value.index(">", value.index("<")) + 1]
    return value[:250]


def message_identity(raw: bytes) -> tuple[str, str]:
    """The SHA-256 of the raw bytes and the Message-ID, read from the headers only (the same
    values ``parse_message`` gives); never raises."""
    sha256 = hashlib.sha256(raw).hexdigest()
    head = raw[: 256 * 1024]
    try:
        headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(head)
        message_id = normalise_message_id(_header(headers, "Message-ID"))
    except Exception:
        message_id = ""
    return sha256, message_id


def parse_message(raw: bytes, *, limits: MailLimits | None = None) -> ParsedMail:
    """Read ``raw`` (the message's exact bytes) into what intake needs; never raises."""
    limits = limits or MailLimits()
    sha256 = hashlib.sha256(raw).hexdigest()
    if len(raw) > limits.max_bytes:
        return _refused(
            raw,
            sha256,
            MailProblem(
                "mail.too_large",
                f"The message is {file_size(len(raw))}; the registry takes messages of at most "
                f"{file_size(limits.max_bytes)}. Send the documents in several messages.",
            ),
        )
    walker = _Walker(limits)
    message: Message
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        walker.walk(message, 1, forwarded=False)
    except RecursionError:
        return _refused(
            raw, sha256, MailProblem("mail.too_deep", "The message nests parts too deeply.")
        )
    except Exception:
        message = email.message_from_bytes(raw, policy=email.policy.compat32)
        walker.problem("mail.malformed", "The message's structure could not be read.")
        walker.refused = True
    for name in SINGLE_HEADERS:
        if _count(message, name) > 1:
            walker.problem("mail.header_repeated", f"The {name} header appears more than once.")
    message_id = normalise_message_id(_header(message, "Message-ID"))
    subject = _header(message, "Subject")
    senders = _addresses(message, "From")
    for name, value in (("Message-ID", message_id), ("From", senders), ("Subject", subject)):
        if not value:
            walker.problem("mail.header_missing", f"The message has no {name} header.")
    recipients = _addresses(
        message, "To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "Resent-To"
    )
    return ParsedMail(
        sha256=sha256,
        size=len(raw),
        message_id=message_id,
        subject=subject[:1000],
        sender=senders[0][1] if senders else "",
        sender_name=senders[0][0][:200] if senders else "",
        recipients=tuple(dict.fromkeys(address for _, address in recipients)),
        sent_at=_sent_at(message),
        auto_generated=auto_generated_reason(message),
        body=walker.body,
        attachments=() if walker.refused else tuple(walker.attachments),
        problems=tuple(walker.problems),
        refused=walker.refused,
    )


def _refused(raw: bytes, sha256: str, problem: MailProblem) -> ParsedMail:
    # Only the headers are read from a refused message, so the sender can be told.
    head = raw[: 64 * 1024].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    try:
        message: Any = email.message_from_bytes(head + b"\n\n", policy=email.policy.default)
        senders = _addresses(message, "From")
        recipients = _addresses(message, "To", "Cc", "Delivered-To", "X-Original-To")
        message_id = normalise_message_id(_header(message, "Message-ID"))
        subject = _header(message, "Subject")[:1000]
        auto = auto_generated_reason(message)
        sent_at = _sent_at(message)
    except Exception:
        senders, recipients, message_id, subject, auto, sent_at = [], [], "", "", "", None
    return ParsedMail(
        sha256=sha256,
        size=len(raw),
        message_id=message_id,
        subject=subject,
        sender=senders[0][1] if senders else "",
        sender_name=senders[0][0][:200] if senders else "",
        recipients=tuple(a for _, a in recipients),
        sent_at=sent_at,
        auto_generated=auto,
        body="",
        attachments=(),
        problems=(problem,),
        refused=True,
    )
