"""The container structure of TIFF, GIF and JPEG files, walked without decoding a pixel.

Each walker answers where the image's data ends (so bytes appended after it, such as a ZIP
riding on a JPEG, are caught: both libmagic and Pillow's ``verify()`` pass those), whether the
file stops before its structure does, and the size of every page or frame, so that
decompression bombs are refused before Pillow allocates anything. Reads are positional and
bounded; a structure that loops or points outside the file stops the walk with a reason.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field

from filings.validation.reader import iter_chunks, read_at

MAX_IFDS = 100_000
MAX_IFD_ENTRIES = 4_096


@dataclass
class Structure:
    """What a walk found: ``end`` is the offset just past the image's last byte."""

    frames: list[tuple[int, int]] = field(default_factory=list)  # (width, height) each
    end: int = 0
    truncated: bool = False
    broken: str = ""
    progressive: bool = False
    resolution: dict[str, float | int] = field(default_factory=dict)
    # A multi-picture JPEG (MPO, CIPA DC-007): where each further picture starts in the file.
    mp_pictures: list[int] = field(default_factory=list)


def trailing_bytes(fd: int, structure: Structure, size: int) -> bool:
    """Whether anything but zero padding follows the image's end."""
    if structure.end >= size:
        return False
    return any(chunk.strip(b"\x00") for chunk in iter_chunks(fd, structure.end))


# --- JPEG ------------------------------------------------------------------------------------

_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RST0-7 carry no length
_SOF = {*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC}
_PROGRESSIVE_SOF = {0xC2, 0xC6, 0xCA, 0xCE}
# In entropy-coded data a marker is 0xFF followed by anything but 0x00 (a stuffed 0xFF),
# a restart marker or another 0xFF (fill).
_MARKER_IN_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def walk_jpeg(fd: int, size: int) -> Structure:
    """Walk a JPEG; for a multi-picture JPEG (MPO) every picture its MP index lists, so the
    pictures after the first are part of the image, not data riding after it."""
    found = _walk_one_jpeg(fd, size, 0)
    if found.broken or found.truncated or not found.mp_pictures:
        return found
    for start in found.mp_pictures:
        if start < found.end or read_at(fd, found.end, start - found.end).strip(b"\x00"):
            found.broken = "its pictures overlap, or other data lies between them"
            return found
        picture = _walk_one_jpeg(fd, size, start)
        if picture.broken or picture.truncated or read_at(fd, start, 2) != b"\xff\xd8":
            found.broken = found.broken or picture.broken or "a picture it lists is not a JPEG"
            found.truncated = picture.truncated
            return found
        found.frames.extend(picture.frames)
        found.end = picture.end
    return found


def _mp_pictures(fd: int, app2_data_at: int, length: int) -> list[int]:
    """File offsets of the pictures after the first, from an APP2 "MPF" segment's MP index
    (a TIFF-style header; each 16-byte MP entry holds attributes, size and an offset counted
    from that header). Nothing when the segment is not an MP index or does not parse."""
    data = read_at(fd, app2_data_at, min(length, 65_535))
    if data[:4] != b"MPF\x00" or len(data) < 12:
        return []
    base = 4
    order = {b"II": "<", b"MM": ">"}.get(data[base : base + 2])
    if order is None:
        return []
    try:
        (first_ifd,) = struct.unpack_from(f"{order}I", data, base + 4)
        (count,) = struct.unpack_from(f"{order}H", data, base + first_ifd)
        for index in range(min(count, 64)):
            tag, _type, n, value = struct.unpack_from(
                f"{order}HHII", data, base + first_ifd + 2 + 12 * index
            )
            if tag != 0xB002:  # MPEntry
                continue
            offsets = []
            for entry in range(min(n // 16, 256)):
                _attr, _size, offset, _d1, _d2 = struct.unpack_from(
                    f"{order}IIIHH", data, base + value + 16 * entry
                )
                if offset:  # the first picture's offset is 0: it is this one
                    offsets.append(app2_data_at + base + offset)
            return sorted(offsets)
    except struct.error:
        return []
    return []


def _walk_one_jpeg(fd: int, size: int, start: int) -> Structure:  # noqa: C901, PLR0912 - one branch per case the format or rule reads, kept together to be read as one
    found = Structure()
    position = start + 2  # after SOI
    while True:
        head = read_at(fd, position, 4)
        while head[:2] == b"\xff\xff":  # fill bytes before a marker
            position += 1
            head = read_at(fd, position, 4)
        if len(head) < 2:
            found.truncated = True
            return found
        if head[0] != 0xFF:
            found.broken = "a marker is missing between segments"
            return found
        marker = head[1]
        if marker == 0xD9:  # EOI
            found.end = position + 2
            return found
        if marker in _STANDALONE:
            position += 2
            continue
        if len(head) < 4:
            found.truncated = True
            return found
        length = struct.unpack(">H", head[2:4])[0]
        if length < 2:
            found.broken = "a segment has an impossible length"
            return found
        segment_end = position + 2 + length
        if segment_end > size:
            found.truncated = True
            return found
        if marker in _SOF:
            frame = read_at(fd, position + 4, 5)
            if len(frame) == 5:
                height, width = struct.unpack(">HH", frame[1:5])
                found.frames.append((width, height))
                found.progressive = found.progressive or marker in _PROGRESSIVE_SOF
        elif marker == 0xE0:
            _jfif_density(read_at(fd, position + 4, 14), found)
        elif marker == 0xE2 and start == 0 and not found.mp_pictures:
            found.mp_pictures = _mp_pictures(fd, position + 4, length - 2)
        position = segment_end
        if marker == 0xDA:  # SOS: entropy-coded data follows until the next marker
            next_marker = _next_marker(fd, position)
            if next_marker is None:
                found.truncated = True
                return found
            position = next_marker


def _jfif_density(app0: bytes, found: Structure) -> None:
    if app0[:5] == b"JFIF\x00" and len(app0) >= 12:
        units, x, y = struct.unpack(">BHH", app0[7:12])
        found.resolution = {"units": units, "x": x, "y": y}


def _next_marker(fd: int, start: int) -> int | None:
    carry = b""
    base = start
    for chunk in iter_chunks(fd, start):
        buf = carry + chunk
        match = _MARKER_IN_SCAN.search(buf)
        if match:
            return base + match.start()
        # Keep a trailing 0xFF: its partner byte is in the next chunk.
        keep = 1 if buf.endswith(b"\xff") else 0
        carry = buf[len(buf) - keep :] if keep else b""
        base += len(buf) - keep
    return None


# --- GIF -------------------------------------------------------------------------------------


def walk_gif(fd: int, size: int) -> Structure:
    found = Structure()
    header = read_at(fd, 0, 13)
    if len(header) < 13:
        found.truncated = True
        return found
    screen = struct.unpack("<HH", header[6:10])
    packed = header[10]
    position = 13 + (3 * (2 << (packed & 7)) if packed & 0x80 else 0)
    window = _Window(fd, size)
    while True:
        block = window.byte(position)
        if block is None:
            found.truncated = True
            return found
        if block == 0x3B:  # trailer
            found.end = position + 1
            return found
        if block == 0x21:  # extension: label, then data sub-blocks
            position = window.skip_sub_blocks(position + 2)
        elif block == 0x2C:  # image descriptor
            descriptor = window.bytes(position + 1, 9)
            if descriptor is None:
                found.truncated = True
                return found
            left, top, width, height, flags = struct.unpack("<HHHHB", descriptor)
            found.frames.append((max(screen[0], left + width), max(screen[1], top + height)))
            position += 10 + (3 * (2 << (flags & 7)) if flags & 0x80 else 0)
            position = window.skip_sub_blocks(position + 1)  # after the LZW code size
        else:
            found.broken = f"an unknown block (0x{block:02x}) where a frame should start"
            return found
        if position < 0:
            found.truncated = True
            return found


class _Window:
    """Byte access to a file through a sliding 1 MiB window (GIF data comes in 255-byte
    sub-blocks; reading each one from the disk would be slow)."""

    SIZE = 1024 * 1024

    def __init__(self, fd: int, size: int) -> None:
        self.fd, self.size = fd, size
        self.start, self.data = 0, b""

    def _cover(self, position: int, length: int) -> bool:
        if not (self.start <= position and position + length <= self.start + len(self.data)):
            self.start = position
            self.data = read_at(self.fd, position, max(self.SIZE, length))
        return position + length <= self.start + len(self.data)

    def byte(self, position: int) -> int | None:
        if not self._cover(position, 1):
            return None
        return self.data[position - self.start]

    def bytes(self, position: int, length: int) -> bytes | None:
        if not self._cover(position, length):
            return None
        offset = position - self.start
        return self.data[offset : offset + length]

    def skip_sub_blocks(self, position: int) -> int:
        """The offset after a chain of sub-blocks ending in a zero-length one (-1: cut short)."""
        while True:
            length = self.byte(position)
            if length is None:
                return -1
            position += 1 + length
            if length == 0:
                return position


# --- TIFF ------------------------------------------------------------------------------------

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_TYPE_SIZES_BIG = {**_TYPE_SIZES, 16: 8, 17: 8, 18: 8}
_INT_FORMATS = {1: "B", 3: "H", 4: "I", 13: "I", 16: "Q", 18: "Q"}
_WIDTH, _HEIGHT = 256, 257
_STRIP_OFFSETS, _STRIP_BYTES, _TILE_OFFSETS, _TILE_BYTES = 273, 279, 324, 325
_X_RESOLUTION, _Y_RESOLUTION, _RESOLUTION_UNIT = 282, 283, 296
_SUB_IFD_TAGS = {330, 34665, 34853, 40965}  # SubIFDs, Exif, GPS, Interoperability


def walk_tiff(fd: int, size: int) -> Structure:
    found = Structure()
    header = read_at(fd, 0, 16)
    order = "<" if header[:2] == b"II" else ">"
    big = struct.unpack(order + "H", header[2:4])[0] == 43
    if big:
        if len(header) < 16:
            found.truncated = True
            return found
        ifd = struct.unpack(order + "Q", header[8:16])[0]
        found.end = 16
    else:
        if len(header) < 8:
            found.truncated = True
            return found
        ifd = struct.unpack(order + "I", header[4:8])[0]
        found.end = 8
    walker = _TiffWalker(fd, size, order, big, found)
    pending_sub_ifds: list[int] = []
    seen: set[int] = set()
    while ifd and not (found.truncated or found.broken):
        if ifd in seen or len(seen) >= MAX_IFDS:
            found.broken = "its pages loop back on themselves"
            break
        seen.add(ifd)
        tags, ifd, sub_ifds = walker.ifd(ifd)
        if tags is None:
            break
        pending_sub_ifds.extend(sub_ifds)
        found.frames.append((int(tags.get(_WIDTH, 0)), int(tags.get(_HEIGHT, 0))))
        if len(found.frames) == 1:
            found.resolution = {
                k: v
                for k, v in (
                    ("x", tags.get(_X_RESOLUTION)),
                    ("y", tags.get(_Y_RESOLUTION)),
                    ("units", tags.get(_RESOLUTION_UNIT, 2)),
                )
                if v is not None
            }
    while pending_sub_ifds and not (found.truncated or found.broken):
        sub = pending_sub_ifds.pop()
        if sub in seen or len(seen) >= MAX_IFDS:
            continue
        seen.add(sub)
        _tags, next_sub, more = walker.ifd(sub)
        pending_sub_ifds.extend(more)
        if next_sub:
            pending_sub_ifds.append(next_sub)
    return found


class _TiffWalker:
    def __init__(self, fd: int, size: int, order: str, big: bool, found: Structure) -> None:
        self.fd, self.size, self.order, self.big, self.found = fd, size, order, big, found
        self.sizes = _TYPE_SIZES_BIG if big else _TYPE_SIZES

    def _extent(self, offset: int, length: int) -> bool:
        """Note bytes the file must hold; False when they run past its end."""
        if offset + length > self.size:
            self.found.truncated = True
            return False
        self.found.end = max(self.found.end, offset + length)
        return True

    # One branch per TIFF field type and per way an entry can point outside the file.
    def ifd(  # noqa: C901, PLR0912
        self, offset: int
    ) -> tuple[dict[int, int | float] | None, int, list[int]]:
        """One IFD's integer tags, the next IFD's offset, and the sub-IFDs it points to."""
        count_size, entry_size, offset_size = (8, 20, 8) if self.big else (2, 12, 4)
        count_bytes = read_at(self.fd, offset, count_size)
        if len(count_bytes) < count_size:
            self.found.truncated = True
            return None, 0, []
        count = struct.unpack(self.order + ("Q" if self.big else "H"), count_bytes)[0]
        if count == 0 or count > MAX_IFD_ENTRIES:
            self.found.broken = "a page's table of tags is empty or absurdly long"
            return None, 0, []
        table_length = count * entry_size + offset_size
        if not self._extent(offset, count_size + table_length):
            return None, 0, []
        table = read_at(self.fd, offset + count_size, table_length)
        tags: dict[int, int | float] = {}
        arrays: dict[int, tuple[int, ...]] = {}
        sub_ifds: list[int] = []
        inline = 8 if self.big else 4
        for index in range(count):
            entry = table[index * entry_size : (index + 1) * entry_size]
            if self.big:
                tag, kind, n = struct.unpack(self.order + "HHQ", entry[:12])
                value_field = entry[12:20]
            else:
                tag, kind, n = struct.unpack(self.order + "HHI", entry[:8])
                value_field = entry[8:12]
            length = n * self.sizes.get(kind, 1)
            if length > inline:
                value_offset = struct.unpack(self.order + ("Q" if self.big else "I"), value_field)[
                    0
                ]
                if not self._extent(value_offset, length):
                    return None, 0, []
                wanted = tag in (_STRIP_OFFSETS, _STRIP_BYTES, _TILE_OFFSETS, _TILE_BYTES)
                wanted = wanted or tag in _SUB_IFD_TAGS or kind in (5,)
                raw = read_at(self.fd, value_offset, length) if wanted else b""
            else:
                raw = value_field[:length]
            if kind == 5 and len(raw) >= 8:  # RATIONAL
                numerator, denominator = struct.unpack(self.order + "II", raw[:8])
                tags[tag] = numerator / denominator if denominator else 0.0
            elif kind in _INT_FORMATS and raw:
                values = struct.unpack(f"{self.order}{n}{_INT_FORMATS[kind]}", raw[:length])
                if n == 1:
                    tags[tag] = values[0]
                arrays[tag] = values
            if tag in _SUB_IFD_TAGS and tag in arrays:
                sub_ifds.extend(v for v in arrays[tag] if v)
        next_ifd = struct.unpack(
            self.order + ("Q" if self.big else "I"), table[count * entry_size :]
        )[0]
        for offsets_tag, counts_tag in (
            (_STRIP_OFFSETS, _STRIP_BYTES),
            (_TILE_OFFSETS, _TILE_BYTES),
        ):
            offsets, counts = arrays.get(offsets_tag), arrays.get(counts_tag)
            if offsets is None:
                continue
            if counts is None or len(counts) != len(offsets):
                self.found.broken = "a page's data blocks are not all accounted for"
                return None, 0, []
            ends = [o + c for o, c in zip(offsets, counts, strict=True)]
            if ends and not self._extent(0, max(ends)):
                return None, 0, []
        return tags, next_ifd, sub_ifds
