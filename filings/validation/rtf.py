"""Rich Text Format (RTF): starts with ``{\\rtf``, its groups balance and it is not truncated.

Threat model: a file cut short in transfer (groups left open), a file whose braces do not
balance, bytes hidden after the document's closing brace (another file riding along), and
embedded OLE objects (``\\object``), the usual way an RTF file carries an exploit or a program.

The file is read once, a chunk at a time. A stretch free of escaped braces and ``\\bin`` data
is settled with C string operations (its braces alone, with "{}" pairs cancelled, show whether
the depth would reach zero inside it); only the stretch where the document closes, or one
holding escapes, is tokenised in Python.
"""

from __future__ import annotations

import re

from filings.validation.findings import Findings, warn_embedded_objects
from filings.validation.policy import ValidationPolicy
from filings.validation.reader import iter_chunks, read_at
from filings.validation.results import Flag, Format

# A brace, an escaped brace or backslash, or \binN (N bytes of raw data follow, braces and all).
TOKEN = re.compile(rb"\\(?:bin(-?[0-9]{1,10}) ?|[\\{}])|[{}]")
LOOKAHEAD = 48  # longer than any token, so a token is never cut between two chunks
PADDING = b" \t\r\n\x00\x1a"  # what may follow the closing brace (EOF markers, line ends)
PAGES = re.compile(rb"\\nofpages([0-9]{1,6})")
OBJECT = re.compile(rb"\\object")
# A backslash that escapes a brace or a backslash, or starts \bin: one literal-led search.
ESCAPE = re.compile(rb"\\(?:[\\{}]|bin-?[0-9])")
SMALLEST_COUNTED = 64 * 1024  # below this, tokenising costs less than searching for a split
NOT_BRACES = bytes(b for b in range(256) if b not in b"{}")
MAX_NESTING_PASSES = 64
# The header's version: "{\rtf1" (every Microsoft version of RTF, 1.0 to 1.9.1) or NeXTSTEP's
# "{\rtf0"; a control word's parameter ends at the first non-digit.
VERSION = re.compile(rb"\{\\rtf(-?[0-9]*)")
KNOWN_VERSIONS = {b"1": "1", b"0": "0 (NeXTSTEP)"}


def _braces(buf: bytes, end: int) -> bytes:
    """The braces of ``buf[:end]``, in order, without copying the stretch first."""
    braces = buf.translate(None, NOT_BRACES)
    if end < len(buf):
        tail = buf[end:].translate(None, NOT_BRACES)
        braces = braces[: len(braces) - len(tail)]
    return braces


class _Scanner:
    def __init__(self) -> None:
        self.depth = 0
        self.closed_at: int | None = None  # offset just past the closing brace
        self.skip = 0  # raw \bin bytes still to pass over
        self.unbalanced = False
        self.trailing = False

    def feed(self, buf: bytes, base: int, final: bool) -> bytes:
        """Scan ``buf`` (at file offset ``base``); return the tail to scan with the next chunk."""
        while True:
            if self.skip:
                taken = min(self.skip, len(buf))
                self.skip -= taken
                buf, base = buf[taken:], base + taken
            if self.closed_at is not None:
                self._after_close(buf)
                return b""
            safe_end = len(buf) if final else max(0, len(buf) - LOOKAHEAD)
            counted = self._count_prefix(buf, safe_end)
            if counted == safe_end:
                return buf[safe_end:]
            if counted:
                buf, base = buf[counted:], base + counted
                continue
            restart = self._tokens(buf, base, safe_end)
            if isinstance(restart, bytes):
                return restart
            buf, base = buf[restart:], base + restart

    def _count_prefix(self, buf: bytes, end: int) -> int:
        """Settle the longest prefix of ``buf[:end]`` (trying halves) that holds no escapes and
        never brings the depth to zero, with C string operations rather than a token loop."""
        while end >= SMALLEST_COUNTED or (end and end == len(buf)):
            # Look a token's length past the split, so no escape is cut in two.
            window = min(len(buf), end + LOOKAHEAD)
            escaped = buf.find(b"\\", 0, window) >= 0 and ESCAPE.search(buf, 0, window)
            if not escaped and self._settle(_braces(buf, end)):
                return end
            end //= 2
        return 0

    def _settle(self, braces: bytes) -> bool:
        """Apply a stretch's braces (``_braces``) to the depth if they never bring it to zero.

        The braces alone, with every adjacent "{}" pair cancelled until none is left, reduce
        to "}}..{{": the leading closes are the deepest the stretch goes below where it began.
        """
        closes = braces.count(b"}")
        if self.depth - closes > 0:  # too few closing braces to matter: just count
            self.depth += len(braces) - 2 * closes
            return True
        for _ in range(MAX_NESTING_PASSES):
            reduced = braces.replace(b"{}", b"")
            if len(reduced) == len(braces):
                break
            braces = reduced
        else:
            return False  # nested deeper than any word processor writes: tokenise instead
        closes = len(braces) - len(braces.lstrip(b"}"))
        if self.depth - closes <= 0:
            return False
        self.depth += len(braces) - 2 * closes
        return True

    def _after_close(self, data: bytes) -> None:
        """Bytes after the closing brace: padding is fine; RTF syntax means a group closed
        early (the braces do not balance); anything else is data riding along."""
        if self.trailing or self.unbalanced:
            return
        rest = data.lstrip(PADDING)
        if rest[:1] in (b"{", b"}", b"\\"):
            self.unbalanced = True
        elif rest:
            self.trailing = True

    def _tokens(self, buf: bytes, base: int, safe_end: int) -> bytes | int:
        """Tokenise ``buf`` up to ``safe_end``: the tail left over, or where to resume after
        a ``\\bin`` run."""
        position = 0
        for match in TOKEN.finditer(buf):
            if match.start() >= safe_end:
                break
            position = match.end()
            token = match.group()
            if token == b"{":
                self.depth += 1
            elif token == b"}":
                self.depth -= 1
                if self.depth == 0:
                    self.closed_at = base + position
                    self._after_close(buf[position:])
                    return b""
            elif match.group(1) is not None:
                count = max(0, int(match.group(1)))
                if count > len(buf) - position:
                    self.skip = count - (len(buf) - position)
                    return b""
                return position + count
        return buf[max(safe_end, position) :]


def check_rtf(fd: int, size: int, findings: Findings, policy: ValidationPolicy) -> None:
    findings.format = Format.RTF
    findings.description = "Rich Text Format document"
    header = VERSION.match(read_at(fd, 0, 32))
    version = header.group(1) if header else b""
    if version not in KNOWN_VERSIONS:
        shown = version.decode("ascii") if version else "none"
        findings.details["rtf_version"] = shown
        findings.error(
            "rtf.version_unknown",
            f"The file starts like an RTF document, but its header gives no RTF version it "
            f"can be read as (version: {shown}; word processors write version 1). Save it "
            "again as Rich Text Format and lodge the new copy.",
        )
        return
    findings.details["rtf_version"] = KNOWN_VERSIONS[version]
    scanner = _Scanner()
    # The file starts with "{\rtf": open that group here, so that counting braces in C can
    # settle the very first chunk too (it needs the depth above zero).
    scanner.depth = 1
    carry = b""
    offset = 1  # file offset of the first byte of ``carry``
    embedded = False
    for chunk in iter_chunks(fd, start=1):
        buf = carry + chunk
        final = offset + len(buf) >= size
        if not embedded and buf.find(b"\\") >= 0 and OBJECT.search(buf):
            embedded = True
        carry = scanner.feed(buf, offset, final)
        offset += len(buf) - len(carry)
        if scanner.unbalanced or scanner.trailing:
            break
    if carry and scanner.closed_at is None and not scanner.unbalanced:
        scanner.feed(carry, offset, True)

    pages = PAGES.search(read_at(fd, 0, 256 * 1024))
    if pages and int(pages.group(1)) > 0:
        findings.pages = int(pages.group(1))

    if scanner.unbalanced:
        findings.error(
            "rtf.unbalanced",
            "The RTF file is damaged: its groups do not balance (the document closes before "
            "its content ends).",
        )
    elif scanner.closed_at is None:
        findings.error(
            "rtf.truncated",
            "The RTF file is incomplete: it ends before the document is closed, so it was "
            "probably cut short when it was copied or uploaded.",
            flag=Flag.TRUNCATED,
        )
    elif scanner.trailing:
        findings.error(
            "rtf.trailing_data",
            "Other data follows the end of the RTF document; lodge the document on its own.",
            flag=Flag.TRAILING_DATA,
        )
    else:
        findings.valid = True
    if embedded:
        warn_embedded_objects(findings, "rtf.embedded_objects", "RTF", scanner=policy.virus_scanner)
