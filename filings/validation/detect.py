"""First look at a file: libmagic's verdict, then the leading bytes that route it to a check.

libmagic reads the whole stored file through its descriptor (never a first-few-KB buffer: it
tells Word from Excel or PowerPoint only by reading an OLE file's directory). Its answer names
refused files in words; the routing below never trusts a file name or a content type.
"""

from __future__ import annotations

import threading

import magic

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
PDF_WINDOW = 1024  # PDF readers accept "%PDF-" anywhere in the first 1024 bytes
LIBMAGIC_BYTES = 256 * 1024

# What libmagic's MIME types are, in a practitioner's words (refused formats mostly).
MIME_DESCRIPTIONS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Microsoft Word 2007+ document (.docx)"
    ),
    "application/vnd.ms-word.document.macroenabled.12": (
        "macro-enabled Microsoft Word document (.docm)"
    ),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template": (
        "Microsoft Word 2007+ template (.dotx)"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        "Microsoft Excel 2007+ spreadsheet (.xlsx)"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "Microsoft PowerPoint 2007+ presentation (.pptx)"
    ),
    "application/vnd.oasis.opendocument.text": "OpenDocument text document (.odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet (.ods)",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument presentation (.odp)",
    "application/vnd.ms-excel": "Microsoft Excel spreadsheet",
    "application/vnd.ms-powerpoint": "Microsoft PowerPoint presentation",
    "application/vnd.ms-outlook": "Microsoft Outlook message",
    "application/vnd.visio": "Microsoft Visio drawing",
    "application/vnd.wordperfect": "WordPerfect document",
    "application/x-mswrite": "Microsoft Write document",
    "application/zip": "ZIP archive",
    "application/x-7z-compressed": "7-Zip archive",
    "application/x-rar": "RAR archive",
    "application/gzip": "gzip-compressed file",
    "application/x-tar": "tar archive",
    "text/html": "HTML document",
    "text/xml": "XML document",
    "application/xml": "XML document",
    "text/plain": "plain text file",
    "text/csv": "CSV text file",
    "application/x-dosexec": "Windows executable program",
    "application/x-executable": "executable program",
    "application/x-pie-executable": "executable program",
    "application/x-sharedlib": "shared library (executable code)",
    "application/x-mach-binary": "macOS executable program",
    "text/x-shellscript": "shell script",
    "image/png": "PNG image",
    "image/bmp": "BMP image",
    "image/webp": "WebP image",
    "image/heic": "HEIC image",
    "image/svg+xml": "SVG image",
    "application/postscript": "PostScript document",
    "application/octet-stream": "file of unrecognised binary data",
    "application/x-empty": "empty file",
}

_libmagic = threading.local()


def _instances() -> tuple[magic.Magic, magic.Magic]:
    # A libmagic handle is not safe to share between threads: one pair per thread.
    if not hasattr(_libmagic, "pair"):
        pair = (magic.Magic(), magic.Magic(mime=True))
        for instance in pair:
            # Text tests over 7 MB of a large RTF cost more than the whole RTF check; the
            # first 256 KB name any format. OLE directories are read through the descriptor
            # whatever this limit, so Word, Excel and PowerPoint are still told apart.
            instance.setparam(magic.MAGIC_PARAM_BYTES_MAX, LIBMAGIC_BYTES)
        _libmagic.pair = pair
    instances: tuple[magic.Magic, magic.Magic] = _libmagic.pair
    return instances


def libmagic_verdict(fd: int) -> tuple[str, str]:
    """libmagic's description and MIME type of the file open on ``fd`` ("" when it fails)."""
    text_magic, mime_magic = _instances()
    try:
        text = text_magic.from_descriptor(fd)
    except Exception:
        text = ""
    try:
        mime = mime_magic.from_descriptor(fd)
    except Exception:
        mime = ""
    return str(text or ""), str(mime or "").lower()


def route(head: bytes) -> str:
    """Which check a file goes to, from its leading bytes: "pdf", "ole", "rtf", "jpeg", "gif",
    "tiff", "zip" or "other". ``head`` holds at least the first ``PDF_WINDOW`` bytes."""
    if b"%PDF-" in head[:PDF_WINDOW]:
        return "pdf"
    if head.startswith(OLE_SIGNATURE):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return "other"


def describe(mime: str, libmagic_text: str) -> str:
    """A refused file's kind in words, e.g. "Microsoft Excel spreadsheet"."""
    if mime in MIME_DESCRIPTIONS:
        return MIME_DESCRIPTIONS[mime]
    first_clause = libmagic_text.split(",")[0].strip()
    if first_clause and first_clause.lower() != "data":
        return first_clause[:100]
    return MIME_DESCRIPTIONS["application/octet-stream"]


_AN_ACRONYM_LETTERS = set("AEFHILMNORSX")  # letters whose names start with a vowel sound


def with_article(description: str) -> str:
    """ "a ZIP archive", "an HTML document", "an executable program"."""
    first_word = description.split(" ")[0]
    letters = first_word.strip("(.")
    if letters.isupper() and letters[:1] in _AN_ACRONYM_LETTERS:
        return f"an {description}"
    if not letters.isupper() and letters[:1].lower() in "aeiou":
        return f"an {description}"
    return f"a {description}"
