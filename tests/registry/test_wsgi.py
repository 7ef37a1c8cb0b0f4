"""The WSGI entry point as gunicorn loads it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_what_the_entry_point_loads_is_kept_out_of_the_garbage_collectors_walks():
    code = (
        "import gc, sys, registry.wsgi; "
        "print(gc.get_freeze_count() > 50_000, 'filings.views.clerk' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "registry.settings.development", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # Frozen after the views were imported: a request's collection walks only its own objects.
    assert result.stdout.split() == ["True", "True"]
