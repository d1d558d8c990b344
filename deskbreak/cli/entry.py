"""The `deskbreak` command's entry point, with quick paths for `status`, `stats` and `log`.

`status` is what panels and scripts poll, so it skips click (whose import alone costs more
than the rest) and answers from the daemon with the same words and exit codes as the full
command. `stats` and `log` with plain arguments are answered by deskbreak.cli.lean, also
without click. Everything else, including `status --help`, goes to the click CLI.
"""

from __future__ import annotations

import os
import sys

QUICK = (["status"], ["status", "--json"])


def main() -> None:
    """Every command, between streams that show text safely (deskbreak.config.safe_text) and a
    check that its output was written: a closed or full standard stream is one line and exit 1,
    never a traceback."""
    from deskbreak.config.safe_text import SafeStream

    out = SafeStream(sys.stdout, "standard output")  # text from files is shown, never run by the terminal
    err = SafeStream(sys.stderr, "standard error")
    sys.stdout, sys.stderr = out, err
    if sys.stdin is None:
        sys.stdin = open(os.devnull)  # noqa: SIM115  # closed input reads as ended input
    lean = False
    try:
        status, lean = _command()
    except SystemExit as exit_:
        status = exit_.code
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:  # `deskbreak status | true`: the reader left; exit 1 quietly, as click does
        status = 1
    except OSError as exc:  # the environment refused something no command foresaw: one line, never a traceback
        err.write(f"deskbreak: {_shortened(str(exc))}. Check that path and the HOME and XDG_* variables, then try again.\n")
        status = 1
    for stream in (out, err):
        try:
            stream.flush()
        except BrokenPipeError:
            pass
    code = _checked(status, out, err)
    if lean:
        os._exit(code)  # all is written and nothing waits at exit: tearing ~300 modules down costs a quarter of a warm run
    sys.exit(code)  # the daemon's log still has lines to write at exit


def _command() -> tuple[int | str | None, bool]:
    """The command's exit status, and whether it took a lean path (nothing to do at exit)."""
    if sys.argv[1:] in QUICK:
        return quick_status(as_json=sys.argv[2:] == ["--json"]), False
    if sys.argv[1:2] in (["stats"], ["log"]):
        from deskbreak.cli.lean import run

        status = run(sys.argv[1:])
        if status is not None:
            return status, True
    from deskbreak.cli.group import main as full

    full()
    return 0, False


def _shortened(text: str, most: int = 300) -> str:
    """A line that fits on a screen or two, whatever path is in it."""
    return text if len(text) <= most else f"{text[: most // 2]}…{text[-most // 2 :]}"


def _checked(status: int | str | None, out: object, err: object) -> int:
    """The exit status, made 1 when output could not be written, which stderr says in one line if it can."""
    import errno

    code = status if isinstance(status, int) else 0 if status is None else 1
    if isinstance(status, str):
        err.write(status + "\n")  # type: ignore[attr-defined]  # sys.exit("text"): printed, status 1
        err.flush()  # type: ignore[attr-defined]
    failed = out.failed  # type: ignore[attr-defined]
    if failed is not None and failed.errno != errno.EPIPE:  # `deskbreak log | head`: quiet, as click does
        err.write(f"deskbreak: could not write to standard output ({failed.strerror or failed}); the command's output is incomplete\n")  # type: ignore[attr-defined]
        err.flush()  # type: ignore[attr-defined]
    if failed is not None or err.failed is not None:  # type: ignore[attr-defined]
        return code or 1
    return code


def quick_status(as_json: bool) -> int:
    """`deskbreak status [--json]`, for both paths: the click command calls this too."""
    from deskbreak.cli.status_text import describe
    from deskbreak.config.i18n import _, use_language
    from deskbreak.core.exits import Exit
    from deskbreak.ipc.client import DaemonUnavailable, request

    try:
        reply = request({"cmd": "status"})
    except DaemonUnavailable as exc:
        print(exc, file=sys.stderr)
        return Exit.NOT_RUNNING
    if not reply.get("ok"):
        print(_("deskbreak: {error}").format(error=reply.get("error", _("the daemon refused the command"))), file=sys.stderr)
        return Exit.FAILED
    use_language(reply.get("language", "auto"))  # the config's language, which the daemon read
    if as_json:
        import json  # only here: json (with re) costs the plain `status` a tenth of its time

        print(json.dumps({k: v for k, v in reply.items() if k != "ok"}, indent=2))
    else:
        print(describe(reply))
    return Exit.OK
