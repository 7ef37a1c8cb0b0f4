"""Real TIFF (and JPEG) images from Pillow, zipped as a party would send them."""

import io
import zipfile

from PIL import Image


def tiff(*, pages: int = 1, dpi: int = 200, fmt: str = "TIFF") -> bytes:
    frames = [Image.new("L", (80, 100), color=255 - i * 40) for i in range(pages)]
    buffer = io.BytesIO()
    if fmt == "TIFF":
        frames[0].save(buffer, "TIFF", dpi=(dpi, dpi), save_all=pages > 1, append_images=frames[1:])
    else:
        frames[0].save(buffer, fmt, dpi=(dpi, dpi))
    return buffer.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()
