"""A small writer of RTF from blocks: the source LibreOffice converts into the demo DOC and RTF.

Writing RTF ourselves fixes what an HTML or text import would leave to chance: A4 paper,
Times New Roman 12 point, one-and-a-half spacing, hanging numbered paragraphs and page numbers,
as a practitioner's word processor would have them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TWIPS_PER_CM = 567
# A4 with 2.5 cm margins: the text block is 16 cm wide.
PAPER_WIDTH, PAPER_HEIGHT, MARGIN = 11906, 16838, 1418
RIGHT_TAB = PAPER_WIDTH - 2 * MARGIN
HANGING = TWIPS_PER_CM


@dataclass(frozen=True)
class Centred:
    text: str
    bold: bool = True
    size: int = 12
    space_before: int = 0  # points
    space_after: int = 3


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: int = 0  # levels of HANGING


@dataclass(frozen=True)
class Numbered:
    label: str
    text: str
    level: int = 1


@dataclass(frozen=True)
class PartyLine:
    """A party in the heading: the name at the margin, the role at the right (tab stop)."""

    name: str
    role: str


@dataclass(frozen=True)
class Lines:
    """Short unjustified lines kept together, e.g. a signature block or an address."""

    lines: tuple[str, ...]
    space_before: int = 12


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Centred | Heading | Paragraph | Numbered | PartyLine | Lines | PageBreak


def escape(text: str) -> str:
    """RTF text: backslash, braces escaped; anything beyond ASCII as \\uN? (signed 16-bit)."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\\{}":
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\tab ")
        elif code < 128:
            out.append(char)
        elif code < 0x10000:
            out.append(f"\\u{code if code < 0x8000 else code - 0x10000}?")
        else:  # outside the BMP: a surrogate pair, as Word writes it
            code -= 0x10000
            for unit in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                out.append(f"\\u{unit - 0x10000}?")
    return "".join(out)


BODY = "\\pard\\plain\\f0\\fs24\\sl360\\slmult1\\sa160 "


def _block(block: Block) -> str:
    if isinstance(block, Centred):
        weight = "\\b " if block.bold else ""
        return (
            f"\\pard\\plain\\f0\\fs{block.size * 2}\\qc\\sb{block.space_before * 20}"
            f"\\sa{block.space_after * 20}\\keepn "
            f"{weight}{escape(block.text)}\\par\n"
        )
    if isinstance(block, Heading):
        return f"\\pard\\plain\\f0\\fs24\\sb240\\sa120\\keepn\\b {escape(block.text)}\\par\n"
    if isinstance(block, Paragraph):
        return f"{BODY}\\qj\\li{block.indent * HANGING} {escape(block.text)}\\par\n"
    if isinstance(block, Numbered):
        indent = block.level * HANGING
        return (
            f"{BODY}\\qj\\li{indent}\\fi-{HANGING}\\tx{indent} "
            f"{escape(block.label)}\\tab {escape(block.text)}\\par\n"
        )
    if isinstance(block, PartyLine):
        return (
            f"\\pard\\plain\\f0\\fs24\\sa120\\tqr\\tx{RIGHT_TAB} "
            f"\\b {escape(block.name)}\\b0\\tab {escape(block.role)}\\par\n"
        )
    if isinstance(block, Lines):
        rows = []
        for index, line in enumerate(block.lines):
            space = f"\\sb{block.space_before * 20}" if index == 0 else ""
            keep = "\\keepn" if index < len(block.lines) - 1 else ""
            rows.append(f"\\pard\\plain\\f0\\fs24\\sa0{space}{keep} {escape(line)}\\par\n")
        return "".join(rows)
    if isinstance(block, PageBreak):
        return "\\pard\\plain\\page\\par\n"
    raise TypeError(f"not a block: {block!r}")


def plain_text(blocks: Iterable[Block]) -> str:
    """The words of the blocks, one block a line: what a reader of the file should get back."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Centred | Heading | Paragraph):
            parts.append(block.text)
        elif isinstance(block, Numbered):
            parts.append(f"{block.label}\t{block.text}")
        elif isinstance(block, PartyLine):
            parts.append(f"{block.name}\t{block.role}")
        elif isinstance(block, Lines):
            parts.extend(block.lines)
    return "\n".join(parts)


def rtf_document(*, title: str, author: str, blocks: Iterable[Block]) -> str:
    """A complete RTF document (A4, Times New Roman, page numbers centred in the footer)."""
    head = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n"
        "{\\fonttbl{\\f0\\froman\\fprq2\\fcharset0 Times New Roman;}}\n"
        f"{{\\info{{\\title {escape(title)}}}{{\\author {escape(author)}}}}}\n"
        f"\\paperw{PAPER_WIDTH}\\paperh{PAPER_HEIGHT}\\margl{MARGIN}\\margr{MARGIN}"
        f"\\margt{MARGIN}\\margb{MARGIN}\\widowctrl\n"
        "{\\footer\\pard\\plain\\qc\\f0\\fs20 "
        "{\\field{\\*\\fldinst PAGE}{\\fldrslt 1}}\\par}\n"
    )
    return head + "".join(_block(block) for block in blocks) + "}\n"
