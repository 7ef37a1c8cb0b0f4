"""Carrying a copy over into a correction, rather than uploading it again.

A rejected filing is corrected by a new filing (security checklist: lodged documents are never
changed). A copy of the rejected filing that was not the subject of a rejection reason may be
carried over: ``carry_over_submission`` makes a ``DocumentSubmission`` whose file is the stored
copy itself, and ``filing_lodge`` checks it as it checks any upload (format, rules, virus scan),
then confirms (``carry_over_problems``) that the bytes still hash to the SHA-256 lodged with the
original. The new document records where it came from, and the Notice of Lodgment says it was
carried over, with the original hash.
"""

from __future__ import annotations

import weakref
from typing import Any

from django.core.exceptions import ValidationError

from filings.models import Document, Filing
from filings.services.lodgment import DocumentSubmission
from filings.storage import readable_path


def carry_over_candidates(*, rejected: Filing) -> list[Document]:
    """The documents of ``rejected`` whose copies may be carried over: they have a copy, and no
    rejection reason names them (two queries)."""
    if rejected.status != Filing.Status.REJECTED:
        return []
    named = set(
        rejected.rejections.filter(document__isnull=False).values_list("document_id", flat=True)
    )
    return [
        d
        for d in rejected.documents.select_related("kind").order_by("position")
        if d.has_electronic_copy and d.pk not in named
    ]


def carry_over_submission(
    *, document: Document, rejected: Filing, title: str, kind: Any, role: str, **fields: Any
) -> DocumentSubmission:
    """A submission lodging ``document``'s stored copy again in the correction of ``rejected``.

    Raises ``ValidationError`` (``carry_over.not_allowed``) when the document is not one of
    ``carry_over_candidates``: another filing's, without a copy, or named by a reason.
    """
    allowed = {d.pk for d in carry_over_candidates(rejected=rejected)}
    if document.pk not in allowed:
        raise ValidationError(
            f"The copy of document {document.position} cannot be carried over: choose its file "
            "again (a copy the registry gave a reason about must be corrected).",
            code="carry_over.not_allowed",
        )
    # The stored copy itself, or (from object storage) a private copy removed once the
    # submission is done with: by then the lodgment has stored its own.
    path, temporary = readable_path(str(document.electronic_copy.name))
    submission = DocumentSubmission(
        kind=kind,
        title=title,
        role=role,
        path=path,
        original_filename=document.original_filename,
        carried_over_from=document,
        **fields,
    )
    if temporary:
        weakref.finalize(submission, path.unlink, missing_ok=True)
    return submission
