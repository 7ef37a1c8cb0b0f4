"""What a correction changed in each document's text, beside the rejected filing (PD16 para 5:
the electronic copy "shall contain the same text as the paper copy"), so that a resubmission
that changes more than the reasons asked for shows at a glance.

A corrected document is paired with the rejected filing's document at the same position, or
failing that of the same kind and title. Texts are compared line by line, ignoring blank lines
and differences in spacing; only the first lines added and removed are kept for the page.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from filings.models import Document, Filing
from search.models import DocumentText

MAX_LINES_SHOWN = 40


@dataclass(frozen=True)
class TextChange:
    document: Document
    counterpart: Document | None
    # "compared", "unread" (a text is not, or not yet, read), "new" (no counterpart)
    state: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    added_count: int = 0
    removed_count: int = 0

    @property
    def unchanged(self) -> bool:
        return self.state == "compared" and not (self.added_count or self.removed_count)


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def correction_text_changes(filing: Filing) -> tuple[TextChange, ...]:
    """For a correction, each document's text against the rejected filing's; () otherwise."""
    if filing.corrects_id is None:
        return ()
    documents = list(filing.documents.select_related("kind"))
    earlier = list(Document.objects.filter(filing_id=filing.corrects_id).select_related("kind"))
    texts = {
        t.document_id: t.text
        for t in DocumentText.objects.filter(
            document__in=[*documents, *earlier], status=DocumentText.Status.EXTRACTED
        )
    }
    by_position = {d.position: d for d in earlier}
    by_kind_title = {(d.kind_id, d.title.casefold()): d for d in earlier}
    changes = []
    for document in documents:
        counterpart = by_position.get(document.position)
        if counterpart is None or counterpart.kind_id != document.kind_id:
            counterpart = by_kind_title.get((document.kind_id, document.title.casefold()))
        if counterpart is None:
            changes.append(TextChange(document, None, "new"))
            continue
        if document.pk not in texts or counterpart.pk not in texts:
            changes.append(TextChange(document, counterpart, "unread"))
            continue
        added, removed = [], []
        for line in difflib.ndiff(_lines(texts[counterpart.pk]), _lines(texts[document.pk])):
            if line.startswith("+ "):
                added.append(line[2:])
            elif line.startswith("- "):
                removed.append(line[2:])
        changes.append(
            TextChange(
                document,
                counterpart,
                "compared",
                added=tuple(added[:MAX_LINES_SHOWN]),
                removed=tuple(removed[:MAX_LINES_SHOWN]),
                added_count=len(added),
                removed_count=len(removed),
            )
        )
    return tuple(changes)
