"""Text of a lodged electronic copy, for full-text search and for comparing a correction with
the filing it corrects (PD16 para 5: the electronic copy "shall contain the same text as the
paper copy").

Threat model: the copy has passed the registry's format validation (filings.validation) and
virus scan, but is still untrusted input. It is never executed or opened by an application
that runs macros: Word files are read by antiword (catdoc for Word 6/95, which antiword does
not read), RTF by striprtf in this process, images by Tesseract's OCR. Each program runs as
a child process with a time limit and reads a temporary copy; what it prints is capped, so a
crafted file can cost a bounded amount of time and memory and nothing else. Every failure is
returned as a result, never raised: extraction must not fail a lodgment or the worker.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from striprtf.striprtf import rtf_to_text

MAX_TEXT_CHARACTERS = 2_000_000
TIMEOUT_SECONDS = 60
IMAGE_FORMATS = frozenset({"TIFF", "GIF", "JPEG"})


@dataclass(frozen=True)
class Extraction:
    status: str  # "extracted", "failed" or "unsupported"
    method: str = ""
    text: str = ""
    error: str = ""


def _run(command: list[str]) -> tuple[bool, str]:
    program = Path(command[0]).name
    try:
        completed = subprocess.run(
            command,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return False, f"{program} took longer than {TIMEOUT_SECONDS} s"
    except OSError as error:
        return False, f"{program} could not run: {error.strerror}"
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        return False, f"{program} failed: {message[-1] if message else completed.returncode}"
    return True, completed.stdout[: MAX_TEXT_CHARACTERS * 4].decode("utf-8", "replace")


def _word(path: Path) -> Extraction:
    errors = []
    for program, arguments in (("antiword", ["-w", "0"]), ("catdoc", ["-w", "-d", "utf-8"])):
        binary = shutil.which(program)
        if binary is None:
            errors.append(f"{program} is not installed")
            continue
        ok, output = _run([binary, *arguments, str(path)])
        if ok and output.strip():
            return Extraction("extracted", program, output[:MAX_TEXT_CHARACTERS])
        errors.append(output if not ok else f"{program} found no text")
    return Extraction("failed", "", "", "; ".join(errors))


def _rtf(path: Path) -> Extraction:
    try:
        raw = path.read_bytes()[: MAX_TEXT_CHARACTERS * 4].decode("latin-1")
        text = rtf_to_text(raw, errors="replace")
    except Exception as error:  # striprtf raises assorted errors on malformed input
        return Extraction("failed", "striprtf", "", f"striprtf failed: {error}")
    return Extraction("extracted", "striprtf", text[:MAX_TEXT_CHARACTERS])


def _ocr(path: Path) -> Extraction:
    binary = shutil.which("tesseract")
    if binary is None:
        return Extraction("unsupported", "", "", "Tesseract is not installed: images are not read")
    ok, output = _run([binary, str(path), "stdout", "-l", "eng", "--psm", "3"])
    if not ok:
        return Extraction("failed", "tesseract", "", output)
    return Extraction("extracted", "tesseract", output[:MAX_TEXT_CHARACTERS])


def extract_text(path: Path, *, detected_format: str) -> Extraction:
    """The text of the file at ``path``, given the format validation detected."""
    if detected_format == "DOC":
        return _word(path)
    if detected_format == "RTF":
        return _rtf(path)
    if detected_format in IMAGE_FORMATS:
        return _ocr(path)
    return Extraction(
        "unsupported", "", "", f"no text is read from {detected_format or 'this'} files"
    )
