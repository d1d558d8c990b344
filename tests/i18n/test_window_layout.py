"""The routine window's screens in the longest language (German), in Japanese and in English:
no button or label shows less than its whole text (Qt offscreen, the real window code)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.mark.parametrize("lang", ["de_DE.UTF-8", "ja_JP.UTF-8", "pl_PL.UTF-8", "C.UTF-8"])
def test_no_text_of_the_routine_window_is_clipped(tmp_path: Path, lang: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISPLAY", "WAYLAND"))}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(HERE.parents[1]))
    done = subprocess.run(
        [sys.executable, str(HERE / "window_layout.py"), str(tmp_path / "events.jsonl")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    problems = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(problems) == 2 + 4 + 6 + 2  # every screen looked at
    assert not any(problems.values()), json.dumps({k: v for k, v in problems.items() if v}, ensure_ascii=False, indent=1)
