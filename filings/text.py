"""How every page, e-mail and text file writes a file's size, a detected format and a paragraph,
so each reads the same wherever it appears (issue 10 §3: sizes were written three ways).

Free of Django, so pure modules (mail parsing, disc reading) use it too; the templates reach it
through ``filings.templatetags.registry_text``, and ``static/sizes.js`` writes sizes the same way
in the browser.
"""

from __future__ import annotations

KB = 1024
MB = KB * 1024
GB = MB * 1024

# The validation's name for a file it could not recognise (``filings.validation.Format.OTHER``).
UNRECOGNISED_FORMAT = "OTHER"


def file_size(size: int | None) -> str:
    """A size as people read it: "18.5 KB", "2 MB", "1.3 GB", one decimal at most, in units of
    1,024. A file with content never reads as empty: under 52 bytes is "0.1 KB"."""
    value = max(int(size or 0), 0)
    unit, name = next(((u, n) for u, n in ((GB, "GB"), (MB, "MB")) if value >= u), (KB, "KB"))
    amount = f"{value / unit:.1f}".removesuffix(".0")
    if value and amount == "0":
        amount = "0.1"
    # A no-break space, so that the number and its unit stay on one line.
    return f"{amount}\N{NO-BREAK SPACE}{name}"


def format_name(detected: str | None) -> str:
    """A detected format as a page shows it: "DOC", "TIFF"; a file the validation could not
    recognise is "unrecognised format", never the constant."""
    value = (detected or "").strip()
    if not value or value.upper() == UNRECOGNISED_FORMAT:
        return "unrecognised format"
    return value


def paragraph_ref(paragraph: str | None) -> str:
    """A paragraph as stored ("4", "3(b)", "PN127 10") as a reader names it: "PD16 para 4",
    "PN127 para 10", never "para PN127 10"."""
    value = (paragraph or "").strip()
    if not value:
        return ""
    if value.startswith("PN127"):
        return f"PN127 para {value.removeprefix('PN127').strip()}"
    return f"PD16 para {value}"


def with_paragraph(message: str, paragraph: str | None) -> str:
    """A message followed by its paragraph in brackets, once: a message that already names the
    paragraph is left as it is."""
    reference = paragraph_ref(paragraph)
    if not reference or f"para {(paragraph or '').strip()})" in message or reference in message:
        return message
    return f"{message} ({reference})"
