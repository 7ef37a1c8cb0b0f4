"""Practitioners' pages: their matters, lodging filings, notices, labels and downloads.

Every object is looked up through ``filings.selectors.access``: another practitioner's matter,
filing or document answers 404, as does any of these pages for a user who is not a
practitioner (``registry.roles.practitioner_required``).
"""

from .checks import requirement, validate_copy
from .lodging import lodge
from .pages import dashboard, filing_detail, matter_detail
from .records import document_download, filing_zip, label, label_text, notice, notice_text

__all__ = [
    "dashboard",
    "document_download",
    "filing_detail",
    "filing_zip",
    "label",
    "label_text",
    "lodge",
    "matter_detail",
    "notice",
    "notice_text",
    "requirement",
    "validate_copy",
]
