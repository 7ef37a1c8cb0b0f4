"""The inner structures of a Word document checked against one another (MS-DOC, MS-CFB).

Threat model: fuzzed or hand-altered files whose header (FIB) counts more text than the piece
table holds, whose piece table lies outside the table stream or is out of order, or whose
pieces point outside the WordDocument stream; Word refuses or misreads them, and a reader that
trusts them reads past its buffers; bytes appended after the compound file's last sector; and
documents protected by Information Rights Management, which only their named readers can open.
Only the FIB, the piece table (at most ``MAX_PIECES_READ`` bytes) and the file's tail are read.
"""

from __future__ import annotations

import itertools
import struct
from collections.abc import Callable
from typing import Any

import olefile

from filings.validation.findings import Findings
from filings.validation.results import Flag, Format

FREESECT = 0xFFFFFFFF
F_WHICH_TABLE = 0x0200  # Word 97+: the table stream is "1Table" (else "0Table")
MAX_PIECES_READ = 1 << 20  # bytes of piece table read (about 87,000 pieces)
FC_COMPRESSED = 0x40000000  # a piece of 8-bit (cp1252) text rather than UTF-16

# Storages and streams of Information Rights Management (MS-OFFCRYPTO 2.2): the document's
# content is encrypted for named readers; the WordDocument stream holds only a placeholder.
RIGHTS_MANAGEMENT_NAMES = {
    "\x06DataSpaces",
    "[6]DataSpaces",
    "\tDRMContent",
    "DRMContent",
    "\tDRMViewerContent",
    "DRMViewerContent",
}

StreamReader = Callable[[int, int], bytes]


def word_97_damage(
    ole: olefile.OleFileIO,
    fib: bytes,
    flags: int,
    stream_size: int,
    *,
    table_entry: Callable[[olefile.OleFileIO, str], Any],
    table_reader: Callable[[olefile.OleFileIO, str], StreamReader],
) -> str:
    """What is wrong with a Word 97-2003 file's main structures ("" when nothing): the header
    (FIB) against the WordDocument stream, the piece table (in the Clx, MS-DOC 2.9.38) against
    the table stream, and every piece of text against the WordDocument stream."""
    if len(fib) < 0x1AA or struct.unpack_from("<H", fib, 0x20)[0] != 14:
        return "its header is not a Word 97-2003 header"
    cb_mac = struct.unpack_from("<I", fib, 0x40)[0]
    # FibRgLw97: ccpText, ccpFtn, ccpHdd, (reserved), ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx.
    ccp_text, ccp_ftn, ccp_hdd, _, ccp_atn, ccp_edn, ccp_txbx, ccp_hdr_txbx = struct.unpack_from(
        "<8i", fib, 0x4C
    )
    counts = (ccp_text, ccp_ftn, ccp_hdd, ccp_atn, ccp_edn, ccp_txbx, ccp_hdr_txbx)
    if cb_mac > stream_size or min(counts) < 0:
        return "its header contradicts the size of its text stream"
    table_name = "1Table" if flags & F_WHICH_TABLE else "0Table"
    if not ole.exists(table_name):
        return f"the {table_name} stream its header names is missing"
    table = table_entry(ole, table_name)
    fc_clx, lcb_clx = struct.unpack_from("<II", fib, 0x1A2)
    if lcb_clx == 0 or fc_clx + lcb_clx > table.size:
        return "the table of where its text lies points outside the file"
    clx = table_reader(ole, table_name)(fc_clx, min(lcb_clx, MAX_PIECES_READ))
    if clx[:1] not in (b"\x01", b"\x02"):
        return "the table of where its text lies is unreadable"
    # Stories after the main text end with one extra paragraph mark (MS-DOC 2.4.1).
    characters = sum(counts) + (1 if sum(counts[1:]) else 0)
    return _piece_table_damage(clx, characters, stream_size)


def _piece_table_damage(clx: bytes, characters: int, stream_size: int) -> str:
    """Check the piece table: Prc entries (0x01, a 2-byte size, properties) then one Pcdt
    (0x02, a 4-byte size, a PlcPcd of n+1 character positions and n 8-byte piece descriptors)."""
    position = 0
    while clx[position : position + 1] == b"\x01":
        if position + 3 > len(clx):
            return "the table of where its text lies is cut short"
        position += 3 + struct.unpack_from("<H", clx, position + 1)[0]
    if clx[position : position + 1] != b"\x02" or position + 5 > len(clx):
        return "the table of where its text lies is unreadable"
    length = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5 : position + 5 + length]
    pieces, remainder = divmod(length - 4, 12)
    if length < 16 or remainder or len(plc) < length:
        return "the table of where its text lies has an impossible size"
    positions = struct.unpack_from(f"<{pieces + 1}I", plc, 0)
    if positions[0] != 0 or any(b <= a for a, b in itertools.pairwise(positions)):
        return "the pieces of its text are out of order"
    if positions[-1] < characters:
        return "its header counts more text than its pieces hold"
    for index in range(pieces):
        fc = struct.unpack_from("<I", plc, 4 * (pieces + 1) + 8 * index + 2)[0]
        count = positions[index + 1] - positions[index]
        # A compressed piece's fc counts twice its byte offset; each character is one byte.
        end = (fc & ~FC_COMPRESSED) // 2 + count if fc & FC_COMPRESSED else fc + 2 * count
        if end > stream_size:
            return "a piece of its text lies outside its text stream"
    return ""


def trailing_data(ole: olefile.OleFileIO, size: int) -> bool:
    """Whether bytes other than zero padding follow the compound file's last sector in use.

    The file's extent is the header plus every sector up to the highest one its FAT marks as
    used (streams, directory, FAT, DIFAT and mini-FAT sectors alike); a writer may pad the last
    sector, or leave whole zeroed free sectors, but anything else after it is not part of the
    document (MS-CFB 2.2, 2.3).
    """
    fat = ole.fat
    highest_used = len(fat) - 1
    while highest_used >= 0 and fat[highest_used] == FREESECT:
        highest_used -= 1
    extent = (highest_used + 2) * ole.sectorsize
    if size <= extent:
        return False
    ole.fp.seek(extent)
    while chunk := ole.fp.read(1 << 16):
        if chunk.strip(b"\x00"):
            return True
    return False


def report_rights_protected(top_level: set[str], findings: Findings) -> None:
    is_word = "WordDocument" in top_level
    if is_word:
        findings.format = Format.DOC
        findings.valid = True
    kind = "Word document" if is_word else "Office document"
    findings.description = f"rights-protected (IRM) {kind}"
    findings.error(
        "doc.rights_protected",
        f"The {kind.split()[0]} file is protected by Information Rights Management (IRM), so "
        "only the people it names can open it and the Commission's systems cannot read it. "
        "Remove the protection (save an unrestricted copy) and lodge that copy.",
        flag=Flag.ENCRYPTED,
    )
