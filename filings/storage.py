"""Where lodged electronic copies are kept.

Files are stored under ``MEDIA_ROOT`` by a server-chosen name (the SHA-256 of their bytes),
never under the name a practitioner gave them; that name is kept only as metadata. Nothing
under ``MEDIA_ROOT`` has a public URL: permission-checking views stream the files.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import FileSystemStorage


class ContentAddressedStorage(FileSystemStorage):
    """Storage naming each file by its content, so the same bytes are stored once."""

    def get_available_name(self, name: str, max_length: int | None = None) -> str:
        # The name is the hash of the content: an existing file of that name is the same file.
        return name

    def _save(self, name: str, content: Any) -> str:
        if self.exists(name):
            return name
        return super()._save(name, content)  # type: ignore[misc]  # FileSystemStorage._save is not in the stubs


document_storage = ContentAddressedStorage()


def document_storage_name(instance: Any, filename: str) -> str:
    """``upload_to`` for documents: ``documents/ab/abcdef…`` from the document's SHA-256.

    Referenced by migrations: keep this importable under this name.
    """
    digest = instance.sha256
    return f"documents/{digest[:2]}/{digest}"


def get_document_storage() -> ContentAddressedStorage:
    """Storage callable for FileField (keeps MEDIA_ROOT overridable in tests)."""
    return document_storage
