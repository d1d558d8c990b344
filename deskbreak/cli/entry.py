"""The `deskbreak` command's entry point, with quick paths for `status`, `stats` and `log`.

`status` is what panels and scripts poll, so it skips click (whose import alone costs more
than the rest) and answers from the daemon with the same words and exit codes as the full
command. `stats` and `log` with plain arguments are answered by deskbreak.cli.lean, also
without click. Everything else, including `status --help`, goes to the click CLI.
"""

from __future__ import annotations

import json
import os
import sys

QUICK = (["status"], ["status", "--json"])


def main() -> None:
    from deskbreak.config.safe_text import SafeStream

    if sys.stdout is not None:
        sys.stdout = SafeStream(sys.stdout)  # type: ignore[assignment]  # text from files is shown, never run by the terminal
    if sys.stderr is not None:
        sys.stderr = SafeStream(sys.stderr)  # type: ignore[assignment]
    if sys.argv[1:] in QUICK:
        sys.exit(quick_status(as_json=sys.argv[2:] == ["--json"]))
    if sys.argv[1:2] in (["stats"], ["log"]):
        from deskbreak.cli.lean import run

        status = run(sys.argv[1:])
        if status is not None:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)  # all is written and nothing waits at exit: tearing ~300 modules down costs a quarter of a warm run
    from deskbreak.cli.group import main as full

    full()


def quick_status(as_json: bool) -> int:
    """`deskbreak status [--json]`, for both paths: the click command calls this too."""
    from deskbreak.cli.status_text import describe
    from deskbreak.core.exits import Exit
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "status"})
    except DaemonUnavailable as exc:
        print(exc, file=sys.stderr)
        return Exit.NOT_RUNNING
    if not reply.get("ok"):
        print(f"deskbreak: {reply.get('error', 'the daemon refused the command')}", file=sys.stderr)
        return Exit.FAILED
    print(json.dumps({k: v for k, v in reply.items() if k != "ok"}, indent=2) if as_json else describe(reply))
    return Exit.OK
