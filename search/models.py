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
