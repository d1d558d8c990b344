"""The event log: whole lines, damaged lines skipped and counted, never rewritten, fast --since."""

import json
import multiprocessing
import random
from datetime import datetime, timedelta, timezone

import pytest

from deskbreak.core.model import Event
from deskbreak.eventlog import EventLog

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))


def test_an_appended_event_reads_back_with_every_field(tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    data = {"routine": "desk", "steps": 4, "duration_s": 170.5, "source": "window", "note": "Grüße", "extra": [1, 2]}
    log.append(Event("break_done", data), T0)
    read = log.read()
    assert read.damaged == 0
    assert [(r.ts, r.kind, r.data) for r in read.records] == [(T0, "break_done", data)]
    line = json.loads((tmp_path / "events.jsonl").read_text(encoding="utf-8"))
    assert line == {"v": 1, "ts": "2026-11-02T09:00:00+01:00", "event": "break_done", **data}


def test_the_log_file_is_private_to_the_user(tmp_path):
    log = EventLog(tmp_path / "sub" / "events.jsonl")
    log.append(Event("started"), T0)
    assert (log.path.stat().st_mode & 0o777) == 0o600


def test_naive_times_and_reserved_keys_are_refused(tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    with pytest.raises(ValueError, match="aware"):
        log.append(Event("started"), datetime(2026, 11, 2, 9, 0))
    with pytest.raises(ValueError, match="reserved"):
        log.append(Event("started", {"ts": "x"}), T0)


DAMAGED = [
    b"not json at all\n",
    b"[1, 2, 3]\n",
    b'{"v": 1, "event": "snoozed"}\n',
    b'{"v": 2, "ts": "2026-11-02T09:00:00+01:00", "event": "snoozed"}\n',
    b'{"v": 1, "ts": "yesterday", "event": "snoozed"}\n',
    b'{"v": 1, "ts": "2026-11-02T09:00:00", "event": "snoozed"}\n',
    b'{"v": 1, "ts": "2026-11-02T09:00:00+01:00", "event": 7}\n',
    b'{"v": 1, "ts": "2026-11-02T09:00:00+01:00", "event": "sn\xff\xfeoozed"}\n',
]


@pytest.mark.parametrize("bad", DAMAGED, ids=range(len(DAMAGED)))
def test_a_damaged_line_is_skipped_counted_and_left_in_place(tmp_path, bad):
    log = EventLog(tmp_path / "events.jsonl")
    log.append(Event("started"), T0)
    with log.path.open("ab") as handle:
        handle.write(bad)
    log.append(Event("stopped"), T0 + timedelta(minutes=1))
    before = log.path.read_bytes()
    read = log.read()
    assert [r.kind for r in read.records] == ["started", "stopped"]
    assert read.damaged == 1
    assert log.path.read_bytes() == before


def test_an_event_after_a_torn_last_line_starts_on_its_own_line(tmp_path):
    log = EventLog(tmp_path / "events.jsonl")
    log.append(Event("started"), T0)
    with log.path.open("ab") as handle:
        handle.write(b'{"v":1,"ts":"2026-11-02T09:0')  # the writer died here
    log.append(Event("snoozed", {"minutes": 10}), T0 + timedelta(minutes=5))
    read = log.read()
    assert [r.kind for r in read.records] == ["started", "snoozed"]
    assert read.damaged == 1


def test_a_missing_log_reads_as_empty(tmp_path):
    read = EventLog(tmp_path / "nope.jsonl").read()
    assert read.records == [] and read.damaged == 0


def write_log(path, count, seed):
    """`count` events a minute apart, with damaged lines sprinkled in."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            ts = (T0 + timedelta(minutes=i)).isoformat()
            handle.write(json.dumps({"v": 1, "ts": ts, "event": "reminder_shown", "i": i}) + "\n")
            if rng.random() < 0.02:
                handle.write("#### damaged ####\n")


@pytest.mark.parametrize("seed", range(5))
def test_since_finds_exactly_what_a_full_scan_finds(tmp_path, seed):
    path = tmp_path / "events.jsonl"
    write_log(path, 5000, seed)
    log = EventLog(path)
    everything = log.read().records
    rng = random.Random(seed)
    for since in [T0 - timedelta(days=1), T0, T0 + timedelta(days=10)] + [
        T0 + timedelta(minutes=rng.randrange(5000), seconds=rng.choice([0, 30])) for _ in range(20)
    ]:
        expected = [r for r in everything if r.ts >= since]
        assert log.read(since=since).records == expected


def test_since_reads_only_the_tail_of_a_long_log(tmp_path, monkeypatch):
    path = tmp_path / "events.jsonl"
    write_log(path, 50_000, seed=1)
    parsed = []
    import deskbreak.eventlog as eventlog

    real = eventlog.parse_line
    monkeypatch.setattr(eventlog, "parse_line", lambda raw: parsed.append(1) or real(raw))
    records = EventLog(path).read(since=T0 + timedelta(minutes=49_900)).records
    assert len(records) == 100
    assert len(parsed) < 2_000  # a scan from the start would parse 50,000


def _append_many(path, writer, count):
    log = EventLog(path)
    for i in range(count):
        log.append(Event("step_done", {"writer": writer, "i": i, "pad": "x" * (i % 300)}), T0)


def test_four_processes_appending_at_once_never_mix_lines(tmp_path):
    path = tmp_path / "events.jsonl"
    workers = [multiprocessing.Process(target=_append_many, args=(path, w, 2000)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    read = EventLog(path).read()
    assert read.damaged == 0
    seen = {(r.data["writer"], r.data["i"]) for r in read.records}
    assert seen == {(w, i) for w in range(4) for i in range(2000)}
