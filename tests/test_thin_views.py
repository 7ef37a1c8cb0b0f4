"""Issue 10 §2: views parse input, call one service or selector, and render; reads live in
selectors. A query written in a view module fails here, naming the line."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERY = re.compile(
    r"\.objects\.|\.select_related\(|\.prefetch_related\(|\.annotate\(|\.aggregate\("
    r"|\.filter\(|\.exclude\(|\.order_by\(|\.values_list\("
)


def _view_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "mutants", "tests", "benchmarks"}:
            continue
        if path.name == "views.py" or "views" in parts[:-1]:
            yield path


def test_there_are_view_modules_to_check():
    names = {p.relative_to(ROOT).as_posix() for p in _view_modules()}
    assert {"filings/views/clerk/matters.py", "discovery/views.py", "search/views.py"} <= names


def test_no_view_queries_the_database_itself():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _view_modules()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if QUERY.search(line)
    ]
    assert found == []
