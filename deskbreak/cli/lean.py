"""`deskbreak stats` and `deskbreak log` without click, for the argument lists people type.

Importing click and building its commands costs more than a warm `stats` does, so the entry
point hands these two commands here first. Only plain, valid argument lists are answered here
(the options each command documents, each at most once); anything else — help, an unknown or
repeated option, a value that does not read, a config file with problems, an unreadable log,
text that click would change on its way out — returns None before anything is printed, and the
click command does it all again with its own words and exit status. The words themselves come
from the same functions the click commands use (deskbreak.cli.stats_report, log_report).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Callable

from deskbreak.core.exits import Exit

if TYPE_CHECKING:
    from deskbreak.config.settings import Settings

SPANS = {"--today": "today", "--week": "week", "--month": "month"}


def run(argv: list[str]) -> int | None:
    """The exit status of `deskbreak ARGV` when answered here; None: click must answer it."""
    command = COMMANDS.get(argv[0]) if argv else None
    if command is None or "DESKBREAK_CONFIG" in os.environ:  # click reads and checks that variable
        return None
    try:
        return command(argv[1:])
    except KeyboardInterrupt:
        print("\nAborted!", file=sys.stderr)  # as click says it
        return Exit.FAILED


def stats(args: list[str]) -> int | None:
    from deskbreak.cli.stats_report import LogUnreadable, report
    from deskbreak.stats.periods import PeriodError

    options = _options(args, flags={*SPANS, "--json"}, valued={"--since"})
    if options is None or len(SPANS.keys() & options.keys()) > 1:
        return None
    span = next((SPANS[flag] for flag in SPANS if flag in options), None)
    since = options.get("--since")
    settings = _settings()
    if settings is None or (span and since):
        return None
    try:
        done = report(span, since, "--json" in options, settings.weekly_full_target)
    except (PeriodError, LogUnreadable):
        return None
    return _write([*done.notes, None], done.text + "\n")


def log(args: list[str]) -> int | None:
    from deskbreak.cli.log_report import damaged_note, lines, since_moment, write_csv
    from deskbreak.config import paths
    from deskbreak.eventlog import EventLog

    options = _options(args, flags={"--json", "--csv"}, valued={"--since", "--limit"})
    if options is None or {"--json", "--csv"} <= options.keys():
        return None
    try:
        since = since_moment(options["--since"]) if "--since" in options else None
        limit = int(options["--limit"]) if "--limit" in options else None
    except ValueError:
        return None
    if limit is not None and limit < 1:
        return None
    where = paths.event_log()
    try:
        read = EventLog(where).read(since=since)
    except OSError:
        return None
    records = read.records[-limit:] if limit else read.records
    if "--csv" in options:
        from io import StringIO

        table = StringIO()
        write_csv(records, table)
        text = table.getvalue()
    else:
        text = "".join(line + "\n" for line in lines(records, since is not None, "--json" in options, where))
    return _write([None, damaged_note(read.damaged, where)] if read.damaged else [None], text)


COMMANDS: dict[str, Callable[[list[str]], int | None]] = {"stats": stats, "log": log}


def _options(args: list[str], flags: set[str], valued: set[str]) -> dict[str, str] | None:
    """{option: value ("" for a flag)} when every argument is one of these, given once, with a
    value that cannot be mistaken for an option; else None."""
    found: dict[str, str] = {}
    rest = iter(args)
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in flags:
            if equals:
                return None
        elif name in valued and not equals:
            value = next(rest, "-")
        if name in found or name not in flags | valued or (name in valued and value.startswith("-")):
            return None
        found[name] = value
    return found


def _settings() -> Settings | None:
    """The settings from the default config file, or None when loading it has something to say."""
    from deskbreak.config import paths
    from deskbreak.config.settings import Settings

    path = paths.config_file()
    try:
        os.lstat(path)
    except FileNotFoundError:
        return Settings()
    except OSError:
        return None
    from deskbreak.config.loader import ConfigError, load_settings

    try:
        return load_settings(path)
    except ConfigError:
        return None


def _write(order: list[str | None], text: str) -> int | None:
    """Print as the click command does: `order` holds its stderr lines, and None where `text`
    (whole lines, or CSV) goes to stdout. Text with an escape character is left to click, which
    strips terminal codes from it when the output is not a terminal."""
    if any("\x1b" in part for part in (text, *(note for note in order if note))):
        return None
    try:
        for note in order:
            if note is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                print(note, file=sys.stderr, flush=True)
    except BrokenPipeError:  # `deskbreak log | head`: exit 1 quietly, as click does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.FAILED
    return Exit.OK
