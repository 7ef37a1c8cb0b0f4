"""Benchmark: validating a mixed corpus against plain read + SHA-256 of the same files.

    .venv/bin/python benchmarks/validate_corpus.py [--rounds 3] [--skip-memory] [--skip-timing]

Builds (or reuses) the corpus in ``benchmarks/out/`` (see ``big_corpus``), reads every file
once so both measurements start from the page cache, then times, in the same run and on the
same files, (a) reading each file in 1 MiB chunks into SHA-256 and (b) ``validate_file`` on
each file, both one file after another. It prints both, their ratio and a breakdown by
format; then the peak resident memory of validating 500 MB files, each in a fresh process.
Record the figures in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.big_corpus import build, build_large, total_bytes  # noqa: E402
from filings.validation import validate_file  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
MEMORY_PROBE = """
import sys, time
from filings.validation import validate_file
start = time.perf_counter()
result = validate_file(sys.argv[1], role="annexure")
seconds = time.perf_counter() - start
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(result.format, result.valid, result.size, int(status["VmHWM"].split()[0]), seconds)
"""


def read_and_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def timed(function, files: list[Path]) -> tuple[float, dict[Path, float]]:
    each: dict[Path, float] = {}
    cpu_start = time.process_time()
    for path in files:
        start = time.perf_counter()
        function(path)
        each[path] = time.perf_counter() - start
    return time.process_time() - cpu_start, each


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory_kb / 1024 / 1024:.1f} GiB memory, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def kind_of(path: Path) -> str:
    name = path.name
    for prefix in (
        "scan-greyscale-lzw",
        "scan-greyscale",
        "scan-colour",
        "scan-bilevel-g4",
        "affidavit-with-pictures",
        "affidavit",
        "submissions-with-pictures",
        "submissions",
        "photo",
        "diagram",
        "refused",
    ):
        if name.startswith(prefix):
            return prefix
    return path.suffix


def benchmark(files: list[Path], rounds: int) -> None:
    for path in files:  # warm the page cache for both measurements alike
        read_and_hash(path)
    best_hash = best_validate = None
    for _ in range(rounds):
        hash_cpu, hash_each = timed(read_and_hash, files)
        validate_cpu, validate_each = timed(validate_file, files)
        hash_total, validate_total = sum(hash_each.values()), sum(validate_each.values())
        if best_hash is None or hash_total < best_hash[0]:
            best_hash = (hash_total, hash_cpu, hash_each)
        if best_validate is None or validate_total < best_validate[0]:
            best_validate = (validate_total, validate_cpu, validate_each)
    assert best_hash is not None and best_validate is not None  # rounds >= 1
    size = total_bytes(files)
    hash_total, hash_cpu, hash_each = best_hash
    validate_total, validate_cpu, validate_each = best_validate
    print(f"machine: {machine()}")
    print(f"corpus: {len(files)} files, {size / 1e6:,.1f} MB (best of {rounds} rounds)")
    print(
        f"read + SHA-256: {hash_total:7.3f} s  ({size / hash_total / 1e6:,.0f} MB/s, "
        f"CPU {hash_cpu:.3f} s)"
    )
    print(
        f"validate_file:  {validate_total:7.3f} s  ({size / validate_total / 1e6:,.0f} MB/s, "
        f"CPU {validate_cpu:.3f} s)"
    )
    print(f"ratio validate / (read + SHA-256): {validate_total / hash_total:.2f}")
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        groups[kind_of(path)].append(path)
    print()
    print(f"{'kind':28} {'files':>5} {'MB':>8} {'sha s':>8} {'valid. s':>9} {'ratio':>7}")
    for kind, paths in sorted(groups.items(), key=lambda item: -total_bytes(item[1])):
        hashed = sum(hash_each[p] for p in paths)
        validated = sum(validate_each[p] for p in paths)
        print(
            f"{kind:28} {len(paths):5} {total_bytes(paths) / 1e6:8.1f} {hashed:8.3f} "
            f"{validated:9.3f} {validated / hashed:7.2f}"
        )


def memory(out: Path) -> None:
    print()
    print("peak resident memory (VmHWM) validating one file in a fresh process:")
    probes = [("tiny DOC (baseline)", ROOT / "tests/fixtures/corpus/affidavit.doc")]
    probes += [
        (f"500 MB {kind.upper()}", build_large(out, kind)) for kind in ("tiff", "rtf", "doc")
    ]
    for label, path in probes:
        completed = subprocess.run(
            [sys.executable, "-c", MEMORY_PROBE, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        fmt, valid, size, peak_kb, seconds = completed.stdout.split()
        print(
            f"  {label:22} {int(size) / 1e6:8.1f} MB  {fmt:5} valid={valid:5} "
            f"peak {int(peak_kb) / 1024:6.1f} MiB  ({float(seconds):.2f} s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-timing", action="store_true")
    options = parser.parse_args()
    if not options.skip_timing:
        benchmark(build(OUT), options.rounds)
    if not options.skip_memory:
        memory(OUT / "large")


if __name__ == "__main__":
    main()
