"""The wheel `python -m build` makes from this checkout, built once per test session."""

from __future__ import annotations

import atexit
import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def wheel() -> Path:
    out = Path(tempfile.mkdtemp(prefix="deskbreak-wheel-"))
    atexit.register(shutil.rmtree, out, True)
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    [built] = out.glob("deskbreak-*.whl")
    return built
