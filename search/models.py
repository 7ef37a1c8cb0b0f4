"""The text of each lodged electronic copy, and the index that searches it.

The index is the database's own: on PostgreSQL a ``tsvector`` column generated from the text
(English configuration) with a GIN index; on SQLite an FTS5 table kept in step by triggers.
Both are created by this app's migrations, outside the model, because neither engine's
feature exists on the other.
"""

from django.db import models


class DocumentText(models.Model):
    """What was read from one document's electronic copy, after lodgment (derived data)."""

    class Status(models.TextChoices):
        EXTRACTED = "extracted", "Text extracted"
        FAILED = "failed", "Extraction failed"
        UNSUPPORTED = "unsupported", "No text read from this format"

    document = models.OneToOneField(
        "filings.Document", on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    status = models.CharField(max_length=12, choices=Status.choices)
    method = models.CharField(max_length=20, blank=True, help_text="The program that read it.")
    text = models.TextField(blank=True)
    error = models.TextField(blank=True)
    extracted_at = models.DateTimeField()

    class Meta:
        verbose_name = "document text"
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"Text of document {self.document_id} ({self.get_status_display().lower()})"


class DocumentFacets(models.Model):
    """What a search filters on, copied from the lodged record beside each text (derived data).

    A lodged document never changes its matter, party, kind or lodgment time, so the copy never
    goes stale; kept here, with indexes on the search's own table, a filter by kind and dates
    is one index range instead of a join through documents and filings at a million rows.
    """

    document = models.OneToOneField(
        "filings.Document", on_delete=models.CASCADE, primary_key=True, related_name="facets"
    )
    matter = models.ForeignKey("filings.Matter", on_delete=models.CASCADE, related_name="+")
    # Indexed below with the document beside it (a party's documents read from the index alone).
    party = models.ForeignKey(
        "filings.Party", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.ForeignKey(
        "practice_directions.DocumentKind", on_delete=models.PROTECT, related_name="+"
    )
    lodged_at = models.DateTimeField()

    class Meta:
        verbose_name = "document facets"
        verbose_name_plural = "document facets"
        indexes = [
            models.Index(fields=["lodged_at"], name="search_facets_lodged"),
            models.Index(fields=["kind", "lodged_at"], name="search_facets_kind_lodged"),
            # A party name can match thousands of parties: their documents come from this index
            # alone (PostgreSQL), without a visit to each facets row.
            models.Index(fields=["party"], include=["document"], name="search_facets_party"),
        ]

    def __str__(self) -> str:
        return f"Facets of document {self.document_id}"
