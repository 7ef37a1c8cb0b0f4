"""TIFF, GIF and JPEG annexures (PD16 para 4), checked by structure and by decoding every pixel.

Threat model: decompression bombs (a small file declaring an enormous image, or thousands of
frames), files cut short, bytes appended after the image (a ZIP riding on a JPEG passes
libmagic and Pillow's ``verify()``), and files in another format wearing an image's bytes.

Order: the structure walk (``image_structure``) sizes every page and frame and finds where the
image ends, without decoding anything; the pixel limits are applied to those sizes; then Pillow,
restricted to the one format the bytes claim, decodes every page of a TIFF and every frame of a
GIF in full (``verify()`` decodes nothing), with its decompression-bomb warning made an error;
a JPEG is entropy-decoded in full, its pixels produced at 1/8 scale (see ``_decode_every_frame``).
Memory is one decoded page or frame at a time: the pixel limit bounds it, the file size doesn't.
"""

from __future__ import annotations

import threading
import warnings
from typing import BinaryIO

from PIL import Image

from filings.validation import pillow_tiff  # noqa: F401 - registers 4-bit RGBA TIFF pages
from filings.validation.findings import Findings
from filings.validation.image_structure import (
    Structure,
    trailing_bytes,
    walk_gif,
    walk_jpeg,
    walk_tiff,
)
from filings.validation.policy import ValidationPolicy
from filings.validation.results import Flag, Format

PILLOW_FORMATS = {Format.TIFF: "TIFF", Format.GIF: "GIF", Format.JPEG: "JPEG"}
WALKERS = {Format.TIFF: walk_tiff, Format.GIF: walk_gif, Format.JPEG: walk_jpeg}
NAMES = {Format.TIFF: "TIFF image", Format.GIF: "GIF image", Format.JPEG: "JPEG image"}
CM_PER_INCH = 2.54
# Bytes Pillow keeps per pixel in each mode (its 3-band modes are stored in 4 bytes).
MODE_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2}
DEFAULT_MODE_BYTES = 4
_decode_slots: dict[int, threading.BoundedSemaphore] = {}
_decode_slots_lock = threading.Lock()


def decode_slots(limit: int) -> threading.BoundedSemaphore:
    """The process's semaphore of ``limit`` concurrent image decodes (one per limit)."""
    with _decode_slots_lock:
        return _decode_slots.setdefault(limit, threading.BoundedSemaphore(max(1, limit)))


def decoded_bytes(image_format: str, mode: str, width: int, height: int, scale: int = 1) -> int:
    """What decoding one page or frame takes: Pillow's pixels, plus for a TIFF the decoder's
    buffer of the raw strip (a single-strip page is decoded whole first: measured, an 8-bit
    page of 119 megapixels peaks at twice its pixel count), at 1/``scale`` in each direction."""
    pixels = -(-width // scale) * -(-height // scale)
    held = MODE_BYTES.get(mode, DEFAULT_MODE_BYTES)
    raw: float = 0
    if image_format == Format.TIFF:
        raw = 1 / 8 if mode == "1" else held
    return int(pixels * (held + raw))


def check_image(  # noqa: PLR0917 - the positional shape every format check in core shares
    fd: int,
    fileobj: BinaryIO,
    size: int,
    image_format: str,
    findings: Findings,
    policy: ValidationPolicy,
) -> None:
    findings.format = image_format
    findings.description = NAMES[image_format]
    structure = WALKERS[image_format](fd, size)
    findings.details["progressive"] = structure.progressive
    if structure.frames:
        findings.width, findings.height = structure.frames[0]
        findings.frames = len(structure.frames)
        findings.pages = len(structure.frames) if image_format != Format.GIF else 1
        _describe(findings, image_format, structure)
    if len(structure.frames) > 1 and image_format != Format.JPEG:
        findings.flag(Flag.MULTIPAGE if image_format == Format.TIFF else Flag.ANIMATED)

    if _refuse_bomb(findings, structure, policy):
        return
    if structure.broken:
        findings.error("image.corrupt", f"The image is damaged: {structure.broken}.")
        return
    if structure.truncated:
        _truncated(findings)
        return
    if trailing_bytes(fd, structure, size):
        findings.error(
            "image.trailing_data",
            "Other data is hidden after the end of the image (for example another file "
            "appended to it); lodge the image on its own.",
            flag=Flag.TRAILING_DATA,
        )
        return
    slots = decode_slots(policy.max_concurrent_decodes)
    if not slots.acquire(timeout=policy.decode_wait_seconds):
        findings.error(
            "image.check_busy",
            "The registry is checking too many large images at the moment to check this one. "
            "Try again in a few minutes.",
        )
        return
    try:
        decoded = _decode_every_frame(fileobj, image_format, findings, policy)
    finally:
        slots.release()
    if not decoded:
        return
    findings.valid = True
    _check_resolution(findings, image_format, structure, policy)


def _describe(findings: Findings, image_format: str, structure: Structure) -> None:
    name = NAMES[image_format]
    if image_format == Format.JPEG and structure.progressive:
        name = "progressive JPEG image"
    count = len(structure.frames)
    if image_format == Format.TIFF and count > 1:
        name = f"multi-page TIFF image ({count} pages)"
    elif image_format == Format.GIF and count > 1:
        name = f"animated GIF image ({count} frames)"
    elif image_format == Format.JPEG and count > 1:
        name = f"multi-picture JPEG image (MPO, {count} pictures)"
    findings.description = f"{name}, {findings.width} x {findings.height} pixels"


def _refuse_bomb(findings: Findings, structure: Structure, policy: ValidationPolicy) -> bool:
    """Refuse, before decoding, what would take too much memory or time to decode."""
    largest = max((w * h for w, h in structure.frames), default=0)
    total = sum(w * h for w, h in structure.frames)
    if largest > policy.max_image_pixels:
        reason = (
            f"one page or frame is {largest:,} pixels, more than the registry's limit of "
            f"{policy.max_image_pixels:,}"
        )
    elif total > policy.max_total_pixels:
        reason = (
            f"its pages or frames come to {total:,} pixels, more than the registry's limit of "
            f"{policy.max_total_pixels:,}"
        )
    elif len(structure.frames) > policy.max_frames:
        reason = (
            f"it has {len(structure.frames):,} pages or frames, more than the registry's limit "
            f"of {policy.max_frames:,}"
        )
    else:
        return False
    _bomb(findings, reason)
    return True


def _bomb(findings: Findings, reason: str) -> None:
    findings.error(
        "image.bomb",
        f"The image is too large to open safely: {reason}. Scan it again at around 200 dpi.",
        flag=Flag.BOMB,
    )


def _too_large_to_check(findings: Findings, needed: int, policy: ValidationPolicy) -> None:
    mib = 1024 * 1024
    findings.error(
        "image.too_large_to_check",
        f"The image is too large for the registry to check: decoding one page would take "
        f"about {needed / mib:,.0f} MB of memory, and a check may take at most "
        f"{policy.max_decoded_bytes / mib:,.0f} MB. Scan it again at around 200 dpi, in "
        "black and white or greyscale where colour is not needed, or split it into pages.",
        flag=Flag.BOMB,
    )


def _truncated(findings: Findings) -> None:
    findings.error(
        "image.truncated",
        "The image is incomplete: it ends before its own structure does, so it was probably "
        "cut short when it was copied or uploaded.",
        flag=Flag.TRUNCATED,
    )


def _decode_every_frame(
    fileobj: BinaryIO, image_format: str, findings: Findings, policy: ValidationPolicy
) -> bool:
    """Decode every page or frame with Pillow; False (with an error noted) when one fails."""
    frames_seen = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            fileobj.seek(0)
            with Image.open(fileobj, formats=[PILLOW_FORMATS[image_format]]) as image:
                findings.details["mode"] = image.mode
                dpi = image.info.get("dpi")
                frame_count = getattr(image, "n_frames", 1)
                if frame_count != (findings.frames or 1):
                    findings.error(
                        "image.corrupt",
                        "The image is damaged: its pages or frames cannot all be found.",
                    )
                    return False
                for index in range(frame_count):
                    image.seek(index)
                    if image.width * image.height > policy.max_image_pixels:
                        _bomb(findings, "one page or frame is larger than the registry's limit")
                        return False
                    scale = 8 if image_format == Format.JPEG and frame_count == 1 else 1
                    needed = decoded_bytes(
                        image_format, image.mode, image.width, image.height, scale
                    )
                    if needed > policy.max_decoded_bytes:
                        _too_large_to_check(findings, needed, policy)
                        return False
                    if scale > 1:
                        # libjpeg's DCT scaling: every block's coefficients are still
                        # entropy-decoded (where damage and truncation show), but only one
                        # pixel in 64 is produced, which halves the time and bounds memory.
                        # Not for an MPO: Pillow keeps the scale for the next picture and
                        # then misreads it (MPOs are decoded in full, within the pixel limit).
                        image.draft(None, (-(-image.width // 8), -(-image.height // 8)))
                    image.load()
                    frames_seen += 1
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        _bomb(findings, str(error).split(",")[0].lower())
        return False
    except Exception as error:
        if "truncated" in str(error).lower():
            _truncated(findings)
        else:
            page = f" (page or frame {frames_seen + 1})" if findings.frames else ""
            findings.error(
                "image.corrupt",
                f"The image is damaged and cannot be decoded{page}.",
            )
        findings.details["pillow"] = f"{type(error).__name__}: {error}"[:300]
        return False
    if dpi and image_format != Format.GIF:
        findings.dpi = (round(float(dpi[0]), 1), round(float(dpi[1]), 1))
    return True


def _check_resolution(
    findings: Findings, image_format: str, structure: Structure, policy: ValidationPolicy
) -> None:
    """PN127: "Images may be scanned in at around 200 dpi." A warning, never a refusal."""
    dpi = findings.dpi or _dpi_from_structure(image_format, structure)
    findings.dpi = dpi
    if dpi:
        findings.description += f", {dpi[0]:g} dpi"
    if not dpi or min(dpi) <= 0:
        findings.warn(
            "image.resolution_missing",
            "The image does not record its resolution, so the registry cannot confirm it was "
            "scanned at around 200 dpi, as PN127 suggests.",
        )
    elif not (
        policy.dpi_low <= dpi[0] <= policy.dpi_high and policy.dpi_low <= dpi[1] <= policy.dpi_high
    ):
        findings.warn(
            "image.resolution",
            f"The image is at {dpi[0]:g} x {dpi[1]:g} dpi; PN127 suggests scanning at around "
            "200 dpi (a much higher resolution makes files unworkably large).",
        )


def _dpi_from_structure(image_format: str, structure: Structure) -> tuple[float, float] | None:
    resolution = structure.resolution
    x, y = resolution.get("x"), resolution.get("y")
    if not x or not y:
        return None
    units = resolution.get("units")
    if image_format == Format.TIFF:
        factor = {2: 1.0, 3: CM_PER_INCH}.get(int(units or 2))
    else:
        factor = {1: 1.0, 2: CM_PER_INCH}.get(int(units or 0))
    if factor is None:
        return None
    return (round(float(x) * factor, 1), round(float(y) * factor, 1))
