"""4-bit RGBA TIFFs (NeXTSTEP wrote them, big-endian, e.g. for icons and scanned annexures).

Pillow lists no pixel mode for TIFF pages of four 4-bit samples, so it refuses to open them
("cannot identify image file") though LibreOffice opens them. Pillow's ``RGBA;4B`` unpacker
reads 4-bit RGBA, but takes each pixel's two bytes as one little-endian 16-bit word (red in the
lowest nibble), where TIFF packs the samples in order, high nibble first. Registering that
unpacker for these pages makes every pixel decode (which is what validation needs: damage and
truncation show); ``restore_band_order`` swaps the bands back for anyone who needs the colours.
"""

from __future__ import annotations

from PIL import Image, TiffImagePlugin

RGB = 2  # PhotometricInterpretation
# ExtraSamples: 0 unspecified, 1 associated (premultiplied: NeXTSTEP's), 2 unassociated alpha.
_KEYS = [
    (order, RGB, (1,), 1, (4, 4, 4, 4), extra)
    for order in (TiffImagePlugin.II, TiffImagePlugin.MM)
    for extra in ((0,), (1,), (2,))
]


def register() -> None:
    """Let Pillow open 4-bit RGBA TIFF pages (idempotent)."""
    for key in _KEYS:
        TiffImagePlugin.OPEN_INFO.setdefault(key, ("RGBA", "RGBA;4B"))


def restore_band_order(image: Image.Image) -> Image.Image:
    """The true colours of a 4-bit RGBA TIFF page decoded through ``register``'s mapping."""
    green, red, alpha, blue = image.split()
    return Image.merge("RGBA", (red, green, blue, alpha))


register()
