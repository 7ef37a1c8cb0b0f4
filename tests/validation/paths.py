"""Where the committed corpus of real files lives (built by tests/fixtures/make_corpus.py)."""

from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
