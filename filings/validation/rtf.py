"""Rich Text Format (RTF): starts with ``{\\rtf``, its groups balance and it is not truncated.

Threat model: a file cut short in transfer (groups left open), a file whose braces do not
balance, bytes hidden after the document's closing brace (another file riding along), and
embedded OLE objects (``\\object``), the usual way an RTF file carries an exploit or a program.

The file is read once, a chunk at a time. A chunk free of escaped braces and ``\\bin`` data
whose closing braces cannot bring the depth to zero is settled by counting braces in C; only
the other chunks are tokenised.
"""

from __future__ import annotations

import re

from filings.validation.findings import Findings
from filings.validation.reader import iter_chunks, read_at
from filings.validation.results import Flag, Format

# A brace, an escaped brace or backslash, or \binN (N bytes of raw data follow, braces and all).
TOKEN = re.compile(rb"\\(?:bin(-?[0-9]{1,10}) ?|[\\{}])|[{}]")
LOOKAHEAD = 48  # longer than any token, so a token is never cut between two chunks
PADDING = b" \t\r\n\x00\x1a"  # what may follow the closing brace (EOF markers, line ends)
PAGES = re.compile(rb"\\nofpages([0-9]{1,6})")
# A backslash that escapes a brace or a backslash, or starts \bin: one literal-led search.
ESCAPE = re.compile(rb"\\(?:[\\{}]|bin)")


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
            if not ESCAPE.search(buf):
                closes = buf.count(b"}", 0, safe_end)
                if self.depth - closes > 0:
                    self.depth += buf.count(b"{", 0, safe_end) - closes
                    return buf[safe_end:]
            restart = self._tokens(buf, base, safe_end)
            if isinstance(restart, bytes):
                return restart
            buf, base = buf[restart:], base + restart

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


def check_rtf(fd: int, size: int, findings: Findings) -> None:
    findings.format = Format.RTF
    findings.description = "Rich Text Format document"
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
        if not embedded and b"\\object" in buf:
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
        findings.warn(
            "rtf.embedded_objects",
            "The RTF file contains embedded objects (other files or programs inside it); the "
            "registry will test them for viruses before the file is accepted.",
            flag=Flag.EMBEDDED_OBJECTS,
        )
