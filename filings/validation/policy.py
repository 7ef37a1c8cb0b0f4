"""The registry's choices within PD16 para 4, as one frozen value passed into validation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ValidationPolicy:
    """What the Industrial Registrar has specified "from time to time" (PD16 para 4).

    ``accept_docx``: whether "any version of Microsoft Word" admits Office Open XML (.docx);
    PD16 names DOC, so the default is no. ``refuse_macros``: refuse Word files carrying macros
    (PN127 paras 9-10 on viruses) rather than only flag them. ``max_image_pixels``: the largest
    image page or frame the registry will decode; larger ones are refused as decompression
    bombs before any pixel is decoded, and the decoder's memory is bounded by it.
    ``max_total_pixels`` bounds the pixels of all pages and frames together, so a file of many
    modest frames cannot tie the registry up either. ``max_decoded_bytes``: the memory one check
    may take to decode a page or frame (the decoded pixels and the decoder's buffer, estimated
    from the page's size and pixel mode before decoding); a larger page is refused as too large
    to check. ``max_concurrent_decodes``: how many image decodes one process runs at once; a
    check waits up to ``decode_wait_seconds`` for its turn. Together they bound the memory image
    checks take in a process. ``virus_scanner``: whether a virus scanner is configured
    (``REGISTRY_CLAMD_ADDRESS``), so that warnings say what will happen to embedded objects.
    ``dpi_low``/``dpi_high``: the band taken
    as "around 200 dpi" (PN127 Schedule (a)); outside it, or with no resolution recorded, the
    result carries a warning, never a refusal.
    """

    accept_docx: bool = False
    refuse_macros: bool = True
    max_image_pixels: int = 120_000_000
    max_total_pixels: int = 2_000_000_000
    max_frames: int = 2_000
    max_decoded_bytes: int = 256 * 1024 * 1024
    max_concurrent_decodes: int = 2
    decode_wait_seconds: float = 120.0
    virus_scanner: bool = False
    dpi_low: float = 150.0
    dpi_high: float = 300.0

    @classmethod
    def from_settings(cls) -> ValidationPolicy:
        """The policy in Django settings (``REGISTRY_ACCEPT_DOCX``, ``REGISTRY_REFUSE_MACROS``,
        ``REGISTRY_MAX_IMAGE_PIXELS``, ``REGISTRY_MAX_DECODED_BYTES``,
        ``REGISTRY_MAX_CONCURRENT_DECODES``, ``REGISTRY_DECODE_WAIT_SECONDS``); other fields
        keep their defaults."""
        from django.conf import settings

        return cls(
            accept_docx=bool(getattr(settings, "REGISTRY_ACCEPT_DOCX", cls.accept_docx)),
            refuse_macros=bool(getattr(settings, "REGISTRY_REFUSE_MACROS", cls.refuse_macros)),
            max_image_pixels=int(
                getattr(settings, "REGISTRY_MAX_IMAGE_PIXELS", cls.max_image_pixels)
            ),
            max_decoded_bytes=int(
                getattr(settings, "REGISTRY_MAX_DECODED_BYTES", cls.max_decoded_bytes)
            ),
            max_concurrent_decodes=int(
                getattr(settings, "REGISTRY_MAX_CONCURRENT_DECODES", cls.max_concurrent_decodes)
            ),
            virus_scanner=bool(str(getattr(settings, "REGISTRY_CLAMD_ADDRESS", "")).strip()),
            decode_wait_seconds=float(
                getattr(settings, "REGISTRY_DECODE_WAIT_SECONDS", cls.decode_wait_seconds)
            ),
        )
