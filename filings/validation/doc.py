"""Microsoft Word (DOC): an OLE2 compound file holding a ``WordDocument`` stream (PD16 para 4).

Threat model: a file that says it is Word but is Excel, PowerPoint, Outlook or any other OLE
file; a Word file the registry cannot read (password-protected or encrypted, rights-protected
by IRM/DRM, truncated, its structures pointing outside the file, or its header, piece table and
text stream contradicting one another, as fuzzed files do); a Word file carrying VBA macros or
WordBasic macros (PN127 paras 9-10: the recipient tests for viruses; the registry refuses macros
by default); data appended after the compound file's last sector (a ZIP, a PDF, a virus test
string), which Word ignores and a later reader may not.

Only the OLE directory, the allocation tables and a few hundred bytes of the Word streams are
read: streams are never loaded whole, so memory does not grow with the file. olefile is always
handed a file object (given short bytes positionally it would treat them as a path).
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable
from typing import Any, BinaryIO

import olefile

from filings.validation.doc_structure import (
    RIGHTS_MANAGEMENT_NAMES,
    report_rights_protected,
    trailing_data,
    word_97_damage,
)
from filings.validation.findings import Findings, warn_embedded_objects
from filings.validation.policy import ValidationPolicy
from filings.validation.reader import iter_chunks, read_at
from filings.validation.results import Flag, Format

WORD_97_IDENT = 0xA5EC  # wIdent of Word 97-2003 (and later) binary documents
WORD_6_IDENT = 0xA5DC  # wIdent of Word 6.0 and Word 95 documents
F_DOT = 0x0001  # the document is a template
F_COMPLEX = 0x0004  # fast-saved: the text is in a piece table
F_ENCRYPTED = 0x0100  # password-protected: encrypted (RC4/CryptoAPI) or XOR-obfuscated
F_WHICH_TABLE = 0x0200  # Word 97+: the table stream is "1Table" (else "0Table")
MAXREGSECT = 0xFFFFFFFA
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
PIDSI_PAGECOUNT = 14
WORD_DOCUMENT_NAME = "WordDocument".encode("utf-16-le") + b"\x00\x00"

StreamReader = Callable[[int, int], bytes]


class _OleFile(olefile.OleFileIO):  # type: ignore[misc]  # olefile ships no type information
    """olefile, with its FAT loaded in linear time.

    olefile 0.47 appends each FAT sector with ``self.fat = self.fat + nextfat``, copying the
    whole table every time: quadratic, over a second for a 500 MB file. Extending in place
    gives the same table.
    """

    def loadfat_sect(self, sect: Any) -> Any:
        fat_sectors = sect if isinstance(sect, array) else self.sect2array(sect)
        isect = None
        for isect in fat_sectors:
            if isect in (ENDOFCHAIN, FREESECT):
                break
            self.fat.extend(self.sect2array(self.getsect(isect)))
        return isect


def check_ole(
    fd: int, fileobj: BinaryIO, size: int, findings: Findings, policy: ValidationPolicy
) -> None:
    """Decide whether an OLE2 file is a Word document, and whether it is intact and safe."""
    try:
        ole = _OleFile(fileobj)
    except Exception as error:
        _damaged(fd, size, findings, str(error))
        return
    try:
        top_level = {entry.name for entry in ole.root.kids}
        if RIGHTS_MANAGEMENT_NAMES & {entry.name for entry in ole.direntries if entry}:
            report_rights_protected(top_level, findings)
            return
        if "WordDocument" not in top_level:
            if _check_chains(ole, size):
                # A damaged directory can lose the very entry that names WordDocument.
                _damaged(fd, size, findings, "its streams run past the end of the file")
            else:
                _not_word(ole, top_level, findings)
            return
        findings.format = Format.DOC
        _check_word(ole, size, findings, policy)
    finally:
        ole.close()


def _check_word(
    ole: olefile.OleFileIO, size: int, findings: Findings, policy: ValidationPolicy
) -> None:
    broken = _check_chains(ole, size)
    if broken == "truncated":
        findings.description = "Microsoft Word document (truncated)"
        findings.error(
            "doc.truncated",
            "The Word file is incomplete: it ends before the data its own structure points to, "
            "so it was probably cut short when it was copied or uploaded.",
            flag=Flag.TRUNCATED,
        )
        return
    if broken:
        findings.description = "Microsoft Word document (damaged)"
        findings.error("doc.corrupt", f"The Word file is damaged: {broken}.")
        return
    if trailing_data(ole, size):
        findings.description = "Microsoft Word document with other data appended"
        findings.error(
            "doc.trailing_data",
            "Other data is hidden after the end of the Word document (for example another "
            "file appended to it); save the document again and lodge the new copy.",
            flag=Flag.TRAILING_DATA,
        )
        return

    word_document = _stream_entry(ole, "WordDocument")
    read_word = _stream_reader(ole, "WordDocument")
    fib = read_word(0, 0x200)
    if len(fib) < 0x120:
        findings.description = "Microsoft Word document (damaged)"
        findings.error("doc.corrupt", "The Word file is damaged: its header is too short.")
        return
    ident, n_fib = struct.unpack_from("<HH", fib, 0)
    flags = struct.unpack_from("<H", fib, 0x0A)[0]
    if ident not in (WORD_97_IDENT, WORD_6_IDENT):
        findings.description = "OLE2 file with a WordDocument stream that is not Word's"
        findings.error(
            "doc.corrupt",
            "The file holds a WordDocument stream, but not one that Microsoft Word wrote.",
        )
        return

    word_6 = ident == WORD_6_IDENT or n_fib < 193
    version = "Microsoft Word 6.0/95" if word_6 else "Microsoft Word 97-2003"
    kind = "template" if flags & F_DOT else "document"
    findings.description = f"{version} {kind}"
    findings.details["nfib"] = n_fib
    if word_6:
        findings.flag(Flag.WORD_6_95)
    findings.pages = _page_count(ole)

    if flags & F_ENCRYPTED:
        # Past the first 68 bytes of the header everything is encrypted: nothing more to check.
        findings.valid = True
        findings.error(
            "doc.encrypted",
            "The Word file is password-protected (encrypted), so the Commission's systems cannot "
            "read it. Save it again without a password and lodge that copy.",
            flag=Flag.ENCRYPTED,
        )
        return

    damage = (
        _word_6_damage(fib, word_document.size)
        if word_6
        else word_97_damage(
            ole,
            fib,
            flags,
            word_document.size,
            table_entry=_stream_entry,
            table_reader=_stream_reader,
        )
    )
    if damage:
        findings.error("doc.corrupt", f"The Word file is damaged: {damage}.")
        return
    findings.valid = True

    macros = _has_vba(ole) or (word_6 and _word_6_macro_count(fib, read_word) > 0)
    if macros:
        report_macros(findings, policy)
    if _has_embedded_objects(ole):
        warn_embedded_objects(
            findings, "doc.embedded_objects", "Word", scanner=policy.virus_scanner
        )


def report_macros(findings: Findings, policy: ValidationPolicy) -> None:
    """A Word file with VBA macros: refused or flagged by policy (PN127 paras 9-10 on viruses)."""
    message = (
        "The Word file carries macros (program code that runs when it is opened), the way "
        "computer viruses travel in Word files. Save it as a document without macros "
        "and lodge that copy."
    )
    if policy.refuse_macros:
        findings.error("doc.macros", message, flag=Flag.MACROS)
    else:
        findings.warn("doc.macros", message, flag=Flag.MACROS)


def _word_6_damage(fib: bytes, stream_size: int) -> str:
    fc_min, fc_mac = struct.unpack_from("<II", fib, 0x18)
    if not fc_min <= fc_mac <= stream_size:
        return "its text lies outside the file"
    return ""


def _word_6_macro_count(fib: bytes, read_word: StreamReader) -> int:
    """Macros in a Word 6/95 file's command table (fcCmds/lcbCmds at 0x118 of the FIB).

    The table is a 0xFF byte then records by id: 0x01 holds the macro count, 0x03, 0x05, 0x10
    and 0x11 hold menus, key bindings and names, 0x12 and 0x40 end it.
    """
    fc_cmds, lcb_cmds = struct.unpack_from("<II", fib, 0x118)
    if lcb_cmds == 0:
        return 0
    table = read_word(fc_cmds, min(lcb_cmds, 1 << 20))
    pos = 1
    try:
        while pos < len(table):
            record = table[pos]
            pos += 1
            if record == 0x01:
                macros: int = struct.unpack_from("<H", table, pos)[0]
                return macros
            if record == 0x03:
                count = table[pos]
                pos += 1 + 14 * count
                count = table[pos]
                pos += 1
                if count == 0 and table[pos] == 2:
                    count = table[pos + 1]
                    pos += 2
                pos += 4 * count + 1 if count else 0
            elif record == 0x05:
                pos += 2 + 12 * struct.unpack_from("<H", table, pos)[0]
            elif record == 0x10:
                length = struct.unpack_from("<h", table, pos)[0]
                pos += 2
                if length == -1:
                    length = struct.unpack_from("<h", table, pos)[0]
                    pos += 2
                pos += max(length, 0)
            elif record == 0x11:
                count = struct.unpack_from("<H", table, pos)[0]
                pos += 2
                for _ in range(count):
                    pos += 2
                    pos += 1 + table[pos] + 1
            else:
                return 0
    except (IndexError, struct.error):
        return 0
    return 0


def _has_vba(ole: olefile.OleFileIO) -> bool:
    """A VBA project anywhere: Word keeps it in the "Macros" storage (Macros/VBA/...)."""
    for entry in ole.direntries:
        if entry is None:
            continue
        name = entry.name.upper()
        if name in ("_VBA_PROJECT", "_VBA_PROJECT_CUR") or (
            name == "MACROS" and entry.entry_type == olefile.STGTY_STORAGE and entry.kids
        ):
            return True
        if name == "VBA" and entry.entry_type == olefile.STGTY_STORAGE:
            return True
    return False


def _has_embedded_objects(ole: olefile.OleFileIO) -> bool:
    return any(
        entry.name == "ObjectPool" and entry.kids for entry in ole.root.kids if entry is not None
    )


def _page_count(ole: olefile.OleFileIO) -> int | None:
    """The page count Word stored when it last saved the file, where it did."""
    try:
        if not ole.exists("\x05SummaryInformation"):
            return None
        properties = ole.getproperties("\x05SummaryInformation", convert_time=False)
        pages = properties.get(PIDSI_PAGECOUNT)
    except Exception:
        return None
    return pages if isinstance(pages, int) and pages > 0 else None


def _not_word(ole: olefile.OleFileIO, top_level: set[str], findings: Findings) -> None:
    if "Workbook" in top_level or "Book" in top_level:
        findings.description = "Microsoft Excel spreadsheet"
    elif "PowerPoint Document" in top_level:
        findings.description = "Microsoft PowerPoint presentation"
    elif any(name.startswith("__substg1.0_") for name in top_level) or (
        "__properties_version1.0" in top_level
    ):
        findings.description = "Microsoft Outlook message"
    elif "EncryptedPackage" in top_level:
        findings.description = "password-protected Office 2007+ document (encrypted)"
        findings.flag(Flag.ENCRYPTED)
    elif "VisioDocument" in top_level:
        findings.description = "Microsoft Visio drawing"
    elif "Equation Native" in top_level:
        findings.description = "Microsoft Equation object"
    else:
        findings.description = "OLE2 compound file that is not a Word document"
    findings.details["ole_streams"] = sorted(top_level)


def _damaged(fd: int, size: int, findings: Findings, reason: str) -> None:
    """An OLE2 file olefile cannot open: say whether it was a Word file and whether it is cut
    short, from its header and a search for the WordDocument directory entry."""
    header = read_at(fd, 0, 512)
    truncated = False
    if len(header) < 512:
        truncated = True
    else:
        sector_shift = struct.unpack_from("<H", header, 30)[0]
        sector_size = 1 << sector_shift if 7 <= sector_shift <= 16 else 512
        available = max(0, (size - sector_size) // sector_size)
        first_directory = struct.unpack_from("<I", header, 48)[0]
        fat_sectors = [s for s in array("I", header[76:512]) if s <= MAXREGSECT]
        referenced = [s for s in [first_directory, *fat_sectors] if s <= MAXREGSECT]
        truncated = size % sector_size != 0 or any(s >= available for s in referenced)
    is_word = _contains(fd, WORD_DOCUMENT_NAME) or _has_word_header(fd, size)
    if is_word:
        findings.format = Format.DOC
        findings.description = "Microsoft Word document (damaged)"
    else:
        findings.description = "damaged OLE2 compound file"
    findings.details["olefile"] = reason[:200]
    if truncated:
        findings.flag(Flag.TRUNCATED)
    if is_word and truncated:
        findings.error(
            "doc.truncated",
            "The Word file is incomplete: it ends before the data its own structure points to, "
            "so it was probably cut short when it was copied or uploaded.",
        )
    elif is_word:
        findings.error("doc.corrupt", "The Word file is damaged and cannot be read.")


def _has_word_header(fd: int, size: int) -> bool:
    """Whether a Word header (FIB) starts a 512-byte sector: the directory that would name the
    WordDocument stream may be lost, but the stream itself usually survives a cut."""
    for offset in range(512, min(size, 64 * 512), 512):
        head = read_at(fd, offset, 4)
        if len(head) == 4:
            ident, n_fib = struct.unpack("<HH", head)
            if ident in (WORD_97_IDENT, WORD_6_IDENT) and 101 <= n_fib <= 0x0200:
                return True
    return False


def _contains(fd: int, needle: bytes) -> bool:
    tail = b""
    for chunk in iter_chunks(fd):
        if needle in tail + chunk[: len(needle)] or needle in chunk:
            return True
        tail = chunk[-len(needle) :]
    return False


def _stream_entry(ole: olefile.OleFileIO, name: str) -> Any:
    return ole.direntries[ole._find(name)]


def _stream_reader(ole: olefile.OleFileIO, name: str) -> StreamReader:
    """``read(offset, length)`` over one top-level stream, reading only the sectors asked for
    (a small stream lives in the mini stream and is read whole: it is under 4 KB)."""
    entry = _stream_entry(ole, name)
    if entry.size < ole.minisectorcutoff:
        data = ole.openstream(name).read()

        def read_small(offset: int, length: int) -> bytes:
            return bytes(data[offset : offset + length])

        return read_small

    sector_size = ole.sectorsize
    fat = ole.fat

    def read_large(offset: int, length: int) -> bytes:
        length = max(0, min(length, entry.size - offset))
        parts = []
        while length > 0:
            sector = _nth_sector(fat, entry.isectStart, offset // sector_size)
            if sector is None:
                break
            within = offset % sector_size
            take = min(length, sector_size - within)
            ole.fp.seek((sector + 1) * sector_size + within)
            part = ole.fp.read(take)
            if not part:
                break
            parts.append(part)
            offset += len(part)
            length -= len(part)
        return b"".join(parts)

    return read_large


def _nth_sector(fat: array[int], start: int, index: int) -> int | None:
    """The ``index``-th sector of the chain from ``start`` (None when the chain breaks)."""
    sector = start
    while index > 0:
        if sector >= len(fat):
            return None
        run = _contiguous_run(fat, sector, index + 1)
        if run > 1:
            sector += run - 1
            index -= run - 1
        else:
            sector = fat[sector]
            index -= 1
    return sector if sector < len(fat) else None


def _contiguous_run(fat: array[int], start: int, limit: int) -> int:
    """How many sectors from ``start`` follow one another in order (at most ``limit``),
    compared in C slices that double in length rather than one sector at a time."""
    run, step = 1, 1
    limit = min(limit, len(fat) - start)
    while run < limit:
        end = min(limit, run + step)
        expected = array("I", range(start + run, start + end))
        if fat[start + run - 1 : start + end - 1] == expected:
            run, step = end, step * 2
        elif step == 1:
            break
        else:
            step = 1
    return max(run, 1)


def _walk_chain(table: array[int], start: int, length: int, unit: int, present: int) -> int | str:
    """Follow a chain of ``unit``-sized sectors holding ``length`` bytes: the last sector, or
    "beyond" when it points past ``present`` sectors, or a reason why it is broken."""
    sector, remaining = start, -(-length // unit)
    last = start
    while remaining > 0:
        if sector > MAXREGSECT:
            return "a stream ends before its stated length"
        if sector >= present:
            return "beyond"
        run = min(_contiguous_run(table, sector, remaining), present - sector)
        last = sector + run - 1
        remaining -= run
        sector = table[last]
    return last


# One walk over the FAT, with a reason for each way a chain can break: clearer whole than split.
def _check_chains(ole: olefile.OleFileIO, size: int) -> str:  # noqa: C901
    """Walk every stream's sector chain: "truncated" when one runs past the end of the file,
    another non-empty reason when one is broken, "" when all are whole."""
    fat = ole.fat  # olefile keeps only the entries for sectors that are in the file
    sector_size = ole.sectorsize
    highest_used = len(fat) - 1
    while highest_used >= 0 and fat[highest_used] == FREESECT:
        highest_used -= 1
    if (highest_used + 2) * sector_size > size:
        return "truncated"  # the last sector in use is only partly there

    def check_regular(start: int, length: int) -> str:
        last = _walk_chain(fat, start, length, sector_size, len(fat))
        if last == "beyond":
            return "truncated"
        if isinstance(last, str):
            return last
        tail = length - (-(-length // sector_size) - 1) * sector_size
        return "truncated" if (last + 1) * sector_size + tail > size else ""

    mini_entries = []
    for entry in ole.direntries:
        if entry is None or entry.entry_type != olefile.STGTY_STREAM or entry.size == 0:
            continue
        if entry.size < ole.minisectorcutoff:
            mini_entries.append(entry)
            continue
        problem = check_regular(entry.isectStart, entry.size)
        if problem:
            return problem
    if not mini_entries:
        return ""
    root = ole.root
    problem = check_regular(root.isectStart, root.size)
    if problem:
        return problem
    try:
        ole.loadminifat()
    except Exception:
        return "truncated" if size % sector_size else "its small-stream table is unreadable"
    minifat = ole.minifat
    mini_sectors = min(len(minifat), -(-root.size // ole.minisectorsize))
    for entry in mini_entries:
        last = _walk_chain(minifat, entry.isectStart, entry.size, ole.minisectorsize, mini_sectors)
        if isinstance(last, str):
            return "a small stream points outside the mini stream" if last == "beyond" else last
    return ""
