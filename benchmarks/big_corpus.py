"""The benchmark's mixed corpus: at least 200 files and 500 MB, written at run time.

What a registry receives: principal documents in Word and RTF (some carrying pictures),
annexures scanned as multi-page TIFFs (uncompressed greyscale and colour, bilevel Group 4,
LZW greyscale), photographs as JPEG, a few GIFs, and PDFs that will be refused. Scanned pages
are A4 at 200 dpi (1654 x 2339 pixels) with scanner noise, so they compress as real scans do.
LibreOffice is slow to start, so a few Word files are made with it and copied under other
names; every other file is written here. The files go to ``benchmarks/out/`` (gitignored) and
are reused while ``BUILD`` is unchanged.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixtures.make_corpus import AFFIDAVIT, photo  # noqa: E402
from tests.fixtures.office_files import read_cfb, write_cfb  # noqa: E402

BUILD = 3  # bump when the mix changes, so a stale corpus is rebuilt
A4_200_DPI = (1654, 2339)


def scan(seed: int, mode: str) -> Image.Image:
    """One scanned page: text lines, a border and scanner noise."""
    rng = random.Random(seed)
    page = Image.new("L", A4_200_DPI, 250)
    draw = ImageDraw.Draw(page)
    y = 150
    while y < A4_200_DPI[1] - 200:
        line = AFFIDAVIT[rng.randrange(len(AFFIDAVIT))]
        draw.text((150, y), line, fill=20)
        y += rng.choice((28, 32, 40))
    draw.rectangle((100, 100, A4_200_DPI[0] - 100, A4_200_DPI[1] - 100), outline=0, width=3)
    noise = Image.effect_noise(A4_200_DPI, 18)
    page = Image.blend(page, noise, 0.12)
    if mode == "1":
        return page.point(lambda v: 255 if v > 128 else 0).convert("1")
    return page.convert(mode)


def save_pages(path: Path, pages: list[Image.Image], **options) -> None:
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(200, 200), **options)


def rtf_with_picture(base: bytes, picture_bytes: int, seed: int) -> bytes:
    """An RTF document carrying a picture of about ``picture_bytes`` (hex, as Word writes)."""
    rng = random.Random(seed)
    data = rng.randbytes(picture_bytes // 2)
    picture = b"{\\pict\\pngblip\\picw1654\\pich2339 " + data.hex().encode() + b"}"
    body = base.rstrip()
    return body[:-1] + b"\\par " + picture + b"\\par}\r\n"


def write_big_rtf(path: Path, base: bytes, total: int) -> None:
    """An RTF file of ``total`` bytes, written a chunk at a time (pictures in hex)."""
    rng = random.Random(7)
    body = base.rstrip()[:-1]
    with path.open("wb") as out:
        out.write(body)
        written = len(body)
        while written < total - 1024:
            chunk = rng.randbytes(4 * 1024 * 1024).hex().encode()
            group = b"{\\pict\\pngblip\\picw1654\\pich2339 " + chunk + b"}\r\n"
            out.write(group)
            written += len(group)
        out.write(b"\\par}\r\n")


def word_with_data(doc: Path, data_bytes: int, seed: int) -> bytes:
    """A Word 97-2003 file whose Data stream (where Word keeps pictures) holds
    ``data_bytes`` bytes."""
    tree = read_cfb(doc)
    rng = random.Random(seed)
    block = 64 * 1024 * 1024  # randbytes takes at most 256 MB at a time
    tree["Data"] = b"".join(
        rng.randbytes(min(block, data_bytes - start)) for start in range(0, data_bytes, block)
    )
    return write_cfb(tree)


def libreoffice(source: Path, target: str, outdir: Path, profile: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return outdir / f"{source.stem}.{target.split(':')[0]}"


def build(out: Path) -> list[Path]:
    """Build (or reuse) the mixed corpus under ``out``; return its files."""
    corpus = out / "corpus"
    manifest = out / "manifest.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("build") == BUILD:
        return sorted(p for p in corpus.iterdir() if p.is_file())
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch_name:
        scratch = Path(scratch_name)
        _documents(corpus, scratch)
    _scans(corpus)
    _photos(corpus)
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    manifest.write_text(json.dumps({"build": BUILD, "files": len(files)}))
    return files


def _documents(corpus: Path, scratch: Path) -> None:
    text = scratch / "affidavit.txt"
    text.write_text("\n\n".join(AFFIDAVIT * 20) + "\n", encoding="utf-8")
    profile = scratch / "profile"
    odt = libreoffice(text, "odt", scratch, profile)
    doc = libreoffice(odt, "doc:MS Word 97", scratch, profile)
    rtf = libreoffice(odt, "rtf", scratch, profile)
    pdf = libreoffice(odt, "pdf", scratch, profile)
    base_rtf = rtf.read_bytes()
    for n in range(46):
        shutil.copy(doc, corpus / f"affidavit-{n:03}.doc")
    for n in range(20):
        size = (n + 1) * 150_000
        (corpus / f"affidavit-with-pictures-{n:03}.doc").write_bytes(word_with_data(doc, size, n))
    for n in range(30):
        shutil.copy(rtf, corpus / f"submissions-{n:03}.rtf")
    for n in range(20):
        picture = (n + 1) * 200_000
        (corpus / f"submissions-with-pictures-{n:03}.rtf").write_bytes(
            rtf_with_picture(base_rtf, picture, n)
        )
    for n in range(10):
        shutil.copy(pdf, corpus / f"refused-{n:03}.pdf")


def _scans(corpus: Path) -> None:
    greyscale = [scan(seed, "L") for seed in range(8)]
    colour = [page.convert("RGB") for page in greyscale[:6]]
    bilevel = [scan(seed, "1") for seed in range(10)]
    for n in range(6):
        save_pages(corpus / f"scan-greyscale-{n:02}.tif", greyscale)
    for n in range(4):
        save_pages(corpus / f"scan-colour-{n:02}.tif", colour)
    for n in range(12):
        save_pages(corpus / f"scan-bilevel-g4-{n:02}.tif", bilevel, compression="group4")
    for n in range(6):
        save_pages(corpus / f"scan-greyscale-lzw-{n:02}.tif", greyscale[:3], compression="tiff_lzw")


def _photos(corpus: Path) -> None:
    rng = random.Random(11)
    for n in range(40):
        size = rng.choice(((1600, 1200), (2000, 1500), (2400, 1800)))
        noise = Image.effect_noise(size, 30).convert("RGB")
        picture = Image.blend(photo(size), noise, 0.25)
        picture.save(corpus / f"photo-{n:03}.jpg", quality=88, dpi=(200, 200))
    for n in range(8):
        frames = [photo((480, 360)).rotate(a).convert("P") for a in (0, 4, 8)]
        frames[0].save(corpus / f"diagram-{n:02}.gif", save_all=True, append_images=frames[1:])


def build_large(out: Path, kind: str, total: int = 500 * 1024 * 1024) -> Path:
    """One file of about ``total`` bytes for the memory measurement: a multi-page TIFF of
    uncompressed colour scans, an RTF carrying pictures, or a Word file with a large Data
    stream."""
    out.mkdir(parents=True, exist_ok=True)
    suffix = {"tiff": "tif", "rtf": "rtf", "doc": "doc"}[kind]
    path = out / f"large-{kind}.{suffix}"
    if path.exists() and abs(path.stat().st_size - total) < total // 10:
        return path
    if kind == "tiff":
        page = scan(1, "RGB")
        pages = -(-total // (A4_200_DPI[0] * A4_200_DPI[1] * 3))
        save_pages(path, [page] * pages)
    elif kind == "rtf":
        write_big_rtf(path, (ROOT / "tests/fixtures/corpus/submissions.rtf").read_bytes(), total)
    else:
        path.write_bytes(word_with_data(ROOT / "tests/fixtures/corpus/affidavit.doc", total, 1))
    return path


def total_bytes(files: list[Path]) -> int:
    return sum(os.path.getsize(p) for p in files)
