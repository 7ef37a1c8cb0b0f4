"""Issue 10 §3: every error code the filings app uses is ``area.problem`` and is listed, with
its paragraph, in ``filings.errors``."""

import re
from pathlib import Path

from filings.errors import CODES

ROOT = Path(__file__).resolve().parents[2]
# A dotted string literal whose first part is an error area.
AREAS = sorted({code.split(".")[0] for code in CODES} | {"subject", "pd16", "rules"})
DOTTED = re.compile(r'"((?:' + "|".join(AREAS) + r')\.[a-z0-9_]+)"')
# code="…" and ValidationError(…, code="…") anywhere in the product.
CODE_KEYWORD = re.compile(r'code="([^"]+)"')


def _product_sources():
    for path in (ROOT / "filings").rglob("*.py"):
        if "migrations" not in path.parts and "demo" not in path.parts:
            yield path


def test_every_code_follows_area_problem():
    assert all(re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", code) for code in CODES)
    for path in _product_sources():
        for code in CODE_KEYWORD.findall(path.read_text()):
            assert re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", code), (path, code)


def test_every_code_used_is_in_the_vocabulary():
    unlisted = {
        (code, path.relative_to(ROOT).as_posix())
        for path in _product_sources()
        for code in DOTTED.findall(path.read_text()) + CODE_KEYWORD.findall(path.read_text())
        if code not in CODES and not code.startswith(("pd16.", "subject.", "rules."))
    }
    assert unlisted == set()


def test_every_listed_code_is_used():
    text = "\n".join(p.read_text() for p in _product_sources() if p.name != "errors.py")
    unused = {code for code in CODES if f'"{code}"' not in text}
    assert unused == set()
