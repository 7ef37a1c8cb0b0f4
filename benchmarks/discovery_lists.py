"""Benchmark: validating a 100,000-row discovery list, this validator against frictionless-py.

    .venv/bin/python benchmarks/discovery_lists.py [--rows 100000] [--rounds 3]

Generates one delimited list (hosts with attachments, hosts without, privileged documents,
estimated dates, undated rows), then, in the same run and on the same file:

(a) this registry's check: ``discovery.checking.check_list_file`` (reader + streaming
    ``ListValidator``: every row rule and the cross-row rules: unique IDs, hosts, attachments
    listed exactly, attachments numbered after their host);
(b) frictionless-py's ``validate`` against the equivalent Table Schema: types (the Date as a
    real ``%d/%b/%Y`` date), lengths, enumerations, patterns and the Document ID's uniqueness
    (frictionless cannot express the cross-row rules, so it does less work).

It prints both times (best of ``--rounds``), their ratio, the machine, and the peak memory
(tracemalloc) of this validator at 10,000 and 100,000 rows beside the peak of loading the same
rows into a list (what a non-streaming check would hold). Record the figures in
``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from discovery.checking import check_list_file  # noqa: E402
from discovery.readers import open_list  # noqa: E402
from discovery.sample_lists import HEADER, generated_rows  # noqa: E402
from practice_directions.rules.discovery import PN127_DEFAULTS, RECOMMENDED_FIELDS  # noqa: E402
from practice_directions.rules.discovery.report import ListReport  # noqa: E402

if TYPE_CHECKING:
    from frictionless import Report

T = TypeVar("T")


def generate(path: Path, rows: int) -> None:
    """A good list of ``rows`` rows (``discovery.sample_lists``: every fourth document a host
    with two attachments), written as it is generated."""
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(generated_rows(rows))


def table_schema() -> dict:
    """The Recommended Fields as a frictionless Table Schema, as close as it can say them."""
    lengths = {f.name: f.max_length for f in RECOMMENDED_FIELDS}
    enums = {
        "Privilege": ["YES", "NO", "PART"],
        "Status": ["Copy", "Original", "Fax"],
        "Document Group": ["HWA", "HNA", "ATT"],
        "Non-paper record": ["YES", "NO"],
        "Estimated Date": ["Yes", "No", "yes", "no", "YES", "NO"],
    }
    one = r"(?:[A-Za-z][A-Za-z'\-]*\s)+[A-Z](?:\.?[A-Z]){0,2}\.?"
    person = rf"^{one}(?:;\s*{one})*;?$"
    fields: list[dict[str, Any]] = []
    for name in HEADER:
        if name == "Date":
            fields.append({"name": name, "type": "date", "format": "%d/%b/%Y"})
            continue
        constraints: dict = {}
        if lengths.get(name):
            constraints["maxLength"] = lengths[name]
        if name in enums:
            constraints["enum"] = enums[name]
        if name == "Document ID":
            constraints.update(
                {"required": True, "unique": True, "pattern": PN127_DEFAULTS.document_id_pattern}
            )
        if name in ("Author", "Addressee"):
            constraints["pattern"] = person
        fields.append({"name": name, "type": "string", "constraints": constraints})
    return {"fields": fields, "missingValues": [""]}


def timed(fn: Callable[[], T], rounds: int) -> tuple[float, float, T]:
    """Best wall-clock and best CPU seconds of ``rounds`` runs (the machine is shared, so the
    CPU time is the steadier figure), and the last result."""
    wall, cpu = float("inf"), float("inf")
    result: T | None = None
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    if result is None:
        raise ValueError("No round was run: give --rounds of 1 or more.")
    return wall, cpu, result


def ours(path: Path) -> ListReport:
    return check_list_file(path, PN127_DEFAULTS).report


def frictionless_validate(path: Path) -> Report:
    from frictionless import Resource, Schema, validate

    schema = Schema.from_descriptor(table_schema())
    # frictionless refuses absolute paths as unsafe; name the file within its folder.
    resource = Resource(path=path.name, basepath=str(path.parent), schema=schema)
    return validate(resource, limit_errors=10**9)


def peak(fn) -> float:
    tracemalloc.start()
    fn()
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top / (1024 * 1024)


def load_all(path: Path) -> None:
    with open_list(path) as source:
        rows = list(source.rows)
    del rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as folder:
        big, small = Path(folder) / "list.csv", Path(folder) / "list-10k.csv"
        generate(big, args.rows)
        generate(small, min(10_000, args.rows))
        print(f"list: {args.rows:,} rows, {big.stat().st_size / 1e6:.1f} MB")
        wall, cpu, report = timed(lambda: ours(big), args.rounds)
        print(
            f"this validator: {wall:.2f} s wall, {cpu:.2f} s CPU ({report.rows:,} rows, "
            f"{report.errors} errors, {report.warnings} warnings; row and cross-row rules)"
        )
        f_wall, f_cpu, f_report = timed(lambda: frictionless_validate(big), args.rounds)
        stats = f_report.tasks[0].stats
        print(
            f"frictionless {__import__('frictionless').__version__}: {f_wall:.2f} s wall, "
            f"{f_cpu:.2f} s CPU ({stats.get('rows', 0):,} rows, {stats['errors']} errors, "
            f"valid={f_report.valid}; row rules and uniqueness only)"
        )
        print(
            f"ratio: this validator is {f_wall / wall:.1f}x faster (wall), "
            f"{f_cpu / cpu:.1f}x faster (CPU)"
        )
        for label, path in (("10,000", small), (f"{args.rows:,}", big)):
            ours_peak = peak(lambda p=path: check_list_file(p, PN127_DEFAULTS))
            naive_peak = peak(lambda p=path: load_all(p))
            print(
                f"peak memory at {label} rows: {ours_peak:.1f} MiB streaming "
                f"(rows held in a list: {naive_peak:.1f} MiB)"
            )


if __name__ == "__main__":
    main()
