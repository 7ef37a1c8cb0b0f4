"""Generate the committed demo documents (run once by a developer; needs LibreOffice).

    python -m demo.make_documents SAMPLE_TEXTS_DIR [--out DIR]

SAMPLE_TEXTS_DIR holds the public sample texts (``nabis-roles.txt``,
``belize-constitution-part-viii.txt``, ``t-levels-industry-placement-guide.txt``) whose
paragraphs fill out the documents. Each DOC and RTF is written as RTF by ``writing`` and then
converted by LibreOffice headless, so the files are what a word processor saves (PD16 para 4:
"any version of Microsoft Word (DOC) or Rich Text Format (RTF)"); the image annexures are drawn
with Pillow. Every file is then checked: LibreOffice must read the text back out of each DOC
and RTF, and Pillow must fully decode each image. ``seed_demo`` lodges the committed files and
never needs LibreOffice.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from . import DOCUMENTS_DIR
from .content import TEXT_DOCUMENTS, SampleTexts
from .images import write_images
from .writing import plain_text, rtf_document

# LibreOffice export filters: Word 97-2003 binary and RTF.
FILTERS = {".doc": "doc:MS Word 97", ".rtf": "rtf:Rich Text Format"}
SOFFICE_TIMEOUT_SECONDS = 300


def soffice_convert(sources: Sequence[Path], target: str, outdir: Path) -> None:
    """Convert files with LibreOffice headless into outdir (``target`` e.g. "txt:Text").

    A private user profile per run lets several conversions run at once on one machine.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not on PATH")
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=SOFFICE_TIMEOUT_SECONDS,
        )


def text_via_libreoffice(paths: Sequence[Path], workdir: Path) -> dict[Path, str]:
    """The plain text LibreOffice reads out of each DOC or RTF (empty when it read nothing)."""
    outdir = workdir / "text"
    outdir.mkdir(parents=True, exist_ok=True)
    # Distinct stems are needed because every output is named <stem>.txt.
    soffice_convert(paths, "txt:Text (encoded):UTF8", outdir)
    texts = {}
    for path in paths:
        result = outdir / f"{path.stem}.txt"
        texts[path] = result.read_text(encoding="utf-8-sig") if result.exists() else ""
    return texts


def write_text_documents(texts: SampleTexts, out: Path, workdir: Path) -> list[Path]:
    sources = workdir / "source"
    sources.mkdir()
    by_format: dict[str, list[Path]] = {".doc": [], ".rtf": []}
    for document in TEXT_DOCUMENTS:
        name = Path(document.filename)
        source = sources / f"{name.stem}.rtf"
        source.write_text(
            rtf_document(
                title=document.title, author=document.author, blocks=document.build(texts)
            ),
            encoding="ascii",  # writing.escape leaves only ASCII
        )
        by_format[name.suffix].append(source)
    written = []
    for suffix, files in by_format.items():
        converted = workdir / suffix.lstrip(".")
        converted.mkdir()
        soffice_convert(files, FILTERS[suffix], converted)
        for source in files:
            target = out / f"{source.stem}{suffix}"
            shutil.copyfile(converted / f"{source.stem}{suffix}", target)
            written.append(target)
    return written


def check(texts: SampleTexts, paths: Sequence[Path], workdir: Path) -> list[str]:
    """Problems found re-reading the files: each DOC/RTF through LibreOffice, each image fully."""
    problems = []
    text_files = [p for p in paths if p.suffix in FILTERS]
    extracted = text_via_libreoffice(text_files, workdir)
    for document in TEXT_DOCUMENTS:
        path = next(p for p in text_files if p.name == document.filename)
        # PD16 para 5: the electronic copy carries the same text as the paper one.
        if extracted[path].split() != plain_text(document.build(texts)).split():
            problems.append(f"{path.name}: LibreOffice does not read back the text written")
    for path in paths:
        if path.suffix in FILTERS:
            continue
        with Image.open(path) as image:
            for frame in range(getattr(image, "n_frames", 1)):
                image.seek(frame)
                image.load()
            if path.suffix in {".tif", ".jpg"} and round(image.info.get("dpi", (0, 0))[0]) != 200:
                problems.append(f"{path.name}: not 200 dpi")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sample_texts", type=Path, help="folder of the sample .txt files")
    parser.add_argument("--out", type=Path, default=DOCUMENTS_DIR)
    args = parser.parse_args(argv)
    texts = SampleTexts(args.sample_texts)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="demo-documents-") as tmp:
        workdir = Path(tmp)
        paths = write_text_documents(texts, args.out, workdir)
        paths += write_images(texts, args.out)
        problems = check(texts, paths, workdir)
    for path in sorted(paths):
        print(f"{path.stat().st_size:>9,}  {path.name}")
    print(f"{sum(p.stat().st_size for p in paths):>9,}  total")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
