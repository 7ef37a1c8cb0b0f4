"""Benchmark: peak memory of six concurrent near-limit image checks in one process.

    .venv/bin/python benchmarks/image_decode_memory.py [--checks 6]

Builds (or reuses) in ``benchmarks/out/`` a greyscale TIFF of 10,900 x 10,900 pixels (118.8
megapixels, just under ``REGISTRY_MAX_IMAGE_PIXELS``; one LZW strip, so the decoder holds the
whole raw page as well as the decoded one). Then, each in a fresh process, ``--checks`` threads
validate it at once: first with as many decode slots as checks (the baseline: no bound, as
before issue 9), then with the registry's defaults (``ValidationPolicy``: 2 concurrent decodes,
256 MiB per check). It prints each run's peak resident memory (``VmHWM``), wall time and
results, their ratio and the machine. Record the figures in ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SIDE = 10_900

PROBE = """
import sys, threading, time
from PIL import Image
from filings.validation import ValidationPolicy, validate_file
Image.MAX_IMAGE_PIXELS = ValidationPolicy.max_image_pixels  # as FilingsConfig.ready sets it
path, checks, slots = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
policy = ValidationPolicy(max_concurrent_decodes=slots)
results = []
start = threading.Barrier(checks)
def check():
    start.wait()
    results.append(validate_file(path, role="annexure", policy=policy))
threads = [threading.Thread(target=check) for _ in range(checks)]
began = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
seconds = time.perf_counter() - began
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
codes = sorted({e.code for r in results for e in r.errors}) or ["accepted"]
print(int(status["VmHWM"].split()[0]), seconds, ",".join(codes), sum(r.valid for r in results))
"""


def near_limit_tiff() -> Path:
    from PIL import Image, ImageDraw, TiffImagePlugin

    path = OUT / f"near-limit-{SIDE}.tif"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    image = Image.new("L", (SIDE, SIDE), 255)
    draw = ImageDraw.Draw(image)
    for y in range(0, SIDE, 40):  # lines of "text", so the page is not blank
        draw.line((200, y, SIDE - 200, y), fill=0, width=3)
    tags = TiffImagePlugin.ImageFileDirectory_v2()
    tags[278] = SIDE  # RowsPerStrip: one strip, as many scanners write
    image.save(path, compression="tiff_lzw", dpi=(200, 200), tiffinfo=tags)
    return path


def run(path: Path, checks: int, slots: int) -> tuple[int, float, str, int]:
    output = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), str(checks), str(slots)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(output[0]), float(output[1]), output[2], int(output[3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=6)
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from filings.validation import ValidationPolicy

    path = near_limit_tiff()
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"File: {path.name}, {path.stat().st_size:,} bytes, {SIDE * SIDE:,} pixels")
    default = ValidationPolicy()
    runs = {
        f"baseline ({arguments.checks} decode slots)": arguments.checks,
        f"registry ({default.max_concurrent_decodes} decode slots)": default.max_concurrent_decodes,
    }
    peaks = {}
    for label, slots in runs.items():
        peak_kb, seconds, codes, accepted = run(path, arguments.checks, slots)
        peaks[label] = peak_kb
        print(
            f"{label:<28} peak RSS {peak_kb / 1024:8,.0f} MiB   {seconds:6.2f} s   "
            f"{accepted}/{arguments.checks} accepted ({codes})"
        )
    baseline, registry = peaks.values()
    print(f"Peak memory, registry / baseline: {registry / baseline:.2f}")


if __name__ == "__main__":
    main()
