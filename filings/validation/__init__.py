"""Document format validation by content (PD16 para 4), free of HTTP and of the database.

The lodgment pages, e-mail intake and ``manage.py check_document`` all call
``validate_file(path, role=..., filename=..., policy=...)`` and get a frozen
``ValidationResult``. PD16 para 4: a document is lodged in Microsoft Word (DOC, any version)
or Rich Text Format (RTF); an annexure or attachment that cannot be provided in those formats
may be TIFF, GIF or JPEG; PDF is not acceptable.

Threat model. Files come from practitioners and from e-mail: their names and content types
are claims, not facts. The format is decided from the bytes alone (libmagic over the whole
stored file, then the format's own structure), so a PDF named ``affidavit.doc`` is refused as a
PDF. Hostile or damaged files must not crash the registry or exhaust it: every result is
structured (no exception escapes for any bytes), files are read in chunks with bounded memory,
images are sized before they are decoded (decompression bombs), and Word macros and encrypted
files are refused. Appended data (a ZIP riding on a JPEG) is refused; so are truncated files.

Modules: ``detect`` (libmagic and routing), ``doc`` (OLE2/Word), ``rtf``, ``images`` and
``image_structure`` (TIFF, GIF, JPEG; ``pillow_tiff`` for 4-bit RGBA TIFF pages),
``doc_structure`` (Word's inner structures and trailing data), ``containers`` (PDF, DOCX and
other ZIP files), ``core`` (``validate_file``), ``results`` and ``findings`` (what is
reported), ``policy``.

Problem codes (stable; tests and programs rely on them), with the paragraph each rests on:

============================== ======= ================================================
code                           kind    when
============================== ======= ================================================
file.empty                     error   the file has no bytes (para 4)
file.unreadable                error   it cannot be opened or read (para 4)
file.check_failed              error   a check failed unexpectedly: refused, not taken (4)
format.pdf_not_acceptable      error   a PDF, whatever its name (para 4)
format.not_acceptable          error   any other format: XLS, PPT, ZIP, HTML, text ... (4)
format.docx_not_acceptable     error   Word 2007+ .docx while the Registrar has not admitted
                                       it (``REGISTRY_ACCEPT_DOCX``; para 4)
format.image_not_principal     error   an image lodged as the principal document (para 4)
format.extension_mismatch      warning the file name's extension disagrees with the content
                                       (PD16 para 6: saved so as to allow easy recognition)
doc.corrupt                    error   a Word file whose structure is broken (para 4)
doc.truncated                  error   a Word file cut short (para 4)
doc.encrypted                  error   a password-protected Word file (para 4: not readable)
doc.rights_protected           error   a Word file protected by IRM/DRM (para 4: not readable)
doc.trailing_data              error   data after the compound file's last sector (para 4)
doc.macros                     error   a Word file carrying VBA or WordBasic macros (PN127
                                       9-10); a warning when ``REGISTRY_REFUSE_MACROS`` is off
doc.embedded_objects           warning embedded OLE objects in a Word file (PN127 9-10)
rtf.truncated                  error   groups left open at the end of the file (para 4)
rtf.unbalanced                 error   a group closes that never opened (para 4)
rtf.trailing_data              error   data after the document's closing brace (para 4)
rtf.version_unknown            error   a header with no RTF version, or not 1 (or NeXTSTEP's 0)
rtf.embedded_objects           warning ``\\object`` groups in an RTF file (PN127 9-10)
image.corrupt                  error   an image Pillow cannot decode, or broken structure (4)
image.truncated                error   an image cut short (para 4)
image.bomb                     error   a page or frame, or all of them, beyond the pixel
                                       limits: refused before decoding (para 4)
image.trailing_data            error   bytes after the image's end marker (para 4); an MPO's
                                       further pictures are part of the image, not trailing
image.too_large_to_check       error   decoding would take more memory than one check may
                                       (``REGISTRY_MAX_DECODED_BYTES``; para 4)
image.check_busy               error   no decode slot came free in time
                                       (``REGISTRY_MAX_CONCURRENT_DECODES``; para 4)
image.resolution               warning resolution far from "around 200 dpi" (PN127
                                       Schedule (a) Image Resolution)
image.resolution_missing       warning no resolution recorded (PN127 Schedule (a))
============================== ======= ================================================

Paragraph strings: "4" and "6" are PD16 paragraphs; "PN127 9-10" and "PN127 Schedule (a)" are
Supreme Court Practice Note 127, annexed to PD16 (para 8).

Flags (``ValidationResult.flags``): macros, encrypted, truncated, bomb, multipage, animated,
extension-mismatch, trailing-data, embedded-objects, docx, word-6-95, empty.
"""

from filings.validation.core import validate_file
from filings.validation.policy import ValidationPolicy
from filings.validation.results import (
    FORMAT_CONTENT_TYPES,
    FORMAT_EXTENSIONS,
    Flag,
    Format,
    Problem,
    Role,
    ValidationResult,
)

__all__ = [
    "FORMAT_CONTENT_TYPES",
    "FORMAT_EXTENSIONS",
    "Flag",
    "Format",
    "Problem",
    "Role",
    "ValidationPolicy",
    "ValidationResult",
    "validate_file",
]
