"""Stream intake: formats, bad records skipped with a counted reason, following a growing file and a folder, replay pacing."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest

from agent.monitor.feed import FeedError, FeedRecord, IntakeStats, RejectedRecord, follow, parse_timestamp, replay


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_jsonl_with_bad_records_goes_on_and_counts_reasons(tmp_path: Path):
    feed = tmp_path / "reports.jsonl"
    _write(feed, [
        json.dumps({"text": "Smoke from a window on Mikonkatu 4", "timestamp": "2026-11-30T10:00:00Z", "source": "call",
                    "lat": 60.17, "lon": 24.95}),
        "not json at all",
        json.dumps(["a", "list"]),
        json.dumps({"text": "   "}),
        json.dumps({"message": "no time given, tweet", "source": "tweet"}),
        json.dumps({"text": "bad time", "timestamp": "yesterday"}),
        json.dumps({"text": "bad place", "lat": 95, "lon": 24}),
        json.dumps({"text": "half a place", "lat": 60.1}),
        json.dumps({"text": "binary \x00\x01\x02"}),
        json.dumps({"text": "strange channel", "source": "carrier pigeon", "timestamp": 1764496800000}),
    ])
    stats = IntakeStats()
    items = list(follow(str(feed), follow=False, stats=stats))
    accepted = [i for i in items if isinstance(i, FeedRecord)]
    assert [r.text for r in accepted] == ["Smoke from a window on Mikonkatu 4", "no time given, tweet", "strange channel"]
    assert accepted[0].source == "call" and accepted[0].lat == 60.17 and accepted[0].timestamp == parse_timestamp("2026-11-30T10:00:00Z")
    assert accepted[1].source == "social" and accepted[1].timestamp is None
    assert accepted[2].source == "other" and accepted[2].timestamp == pytest.approx(1764496800.0)  # milliseconds read as such
    assert stats.accepted == 3 and stats.notes["unknown_source"] == 1
    assert dict(stats.rejected) == {"bad_json": 2, "empty_text": 1, "bad_timestamp": 1, "bad_coordinates": 2, "binary_text": 1}
    rejected = [i for i in items if isinstance(i, RejectedRecord)]
    assert rejected[0].origin == "reports.jsonl:2"


def test_csv_with_quoted_newline_and_wrong_cell_count(tmp_path: Path):
    feed = tmp_path / "calls.csv"
    feed.write_text('timestamp,source,text\n2026-11-30T10:00:00,call,"Two cars collided,\none driver trapped"\n'
                    '2026-11-30T10:01:00,call\n2026-11-30T10:02:00,radio,Engine 11 on scene\n', encoding="utf-8")
    stats = IntakeStats()
    accepted = [i for i in follow(str(feed), follow=False, stats=stats) if isinstance(i, FeedRecord)]
    assert [r.text for r in accepted] == ["Two cars collided,\none driver trapped", "Engine 11 on scene"]
    assert stats.rejected["bad_csv"] == 1


def test_csv_without_text_column_is_a_clear_error(tmp_path: Path):
    feed = tmp_path / "x.csv"
    feed.write_text("when,who\n1,2\n", encoding="utf-8")
    with pytest.raises(FeedError, match="no text column"):
        list(follow(str(feed), follow=False))


def test_unsupported_or_missing_feed(tmp_path: Path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(FeedError, match="unsupported feed format"):
        list(follow(str(tmp_path / "notes.txt"), follow=False))
    with pytest.raises(FeedError, match="no such file"):
        list(follow(str(tmp_path / "missing.csv"), follow=False))


def test_stdin_detects_format():
    lines = io.StringIO('{"text": "flooded basement at Liisankatu 3"}\n{"text": "second"}\n')
    assert [r.text for r in follow("-", stdin=lines)] == ["flooded basement at Liisankatu 3", "second"]
    lines = io.StringIO("text,source\nwater in the metro,social\n")
    assert [(r.text, r.source) for r in follow("-", stdin=lines)] == [("water in the metro", "social")]


def test_follows_a_growing_file_and_a_folder_of_new_files(tmp_path: Path):
    folder = tmp_path / "drop"
    folder.mkdir()
    first = folder / "a.jsonl"
    first.write_text('{"text": "one"}\n{"text": "tw', encoding="utf-8")  # a partial last line waits for its newline
    got: list[str] = []

    def writer() -> None:
        time.sleep(0.3)
        with first.open("a", encoding="utf-8") as handle:
            handle.write('o"}\n')
        (folder / "b.csv").write_text("text\nthree\n", encoding="utf-8")

    thread = threading.Thread(target=writer)
    thread.start()
    for item in follow(str(folder), follow=True, poll_s=0.05, max_idle_s=2.0):
        got.append(item.text)
    thread.join()
    assert got == ["one", "two", "three"]


def test_replay_paces_at_speed():
    base = 1_764_496_800.0
    recs = [FeedRecord(f"r{i}", base + 60 * i) for i in range(4)]  # one a minute
    slept: list[float] = []
    clock = [0.0]

    def fake_sleep(s: float) -> None:  # a fake clock: real sleeping would make the test slow, not better
        slept.append(s)
        clock[0] += s

    out = list(replay(recs, speed=60, sleep=fake_sleep, clock=lambda: clock[0]))
    assert [r.text for r in out] == ["r0", "r1", "r2", "r3"]
    assert sum(slept) == pytest.approx(3.0)  # 3 simulated minutes at 60x = 3 s
    assert list(replay(recs, speed=0, sleep=fake_sleep, clock=lambda: clock[0])) == recs


def test_a_binary_feed_file_is_one_error_and_an_undecodable_record_is_rejected(tmp_path: Path):
    binary = tmp_path / "dump.jsonl"
    binary.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(FeedError, match="dump.jsonl is a binary file"):  # not 41 'bad_json' records and exit 0
        list(follow(str(binary), follow=False))
    # a JSON \udcff escape is a lone surrogate: no tokenizer or SQLite can encode it (it failed its whole batch)
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "fire at Kamppi \\udcff"}\n{"text": "smoke at Kamppi"}\n', encoding="utf-8")
    stats = IntakeStats()
    assert [r.text for r in follow(str(feed), follow=False, stats=stats) if isinstance(r, FeedRecord)] == ["smoke at Kamppi"]
    assert stats.rejected == {"binary_text": 1}


def test_standard_input_with_bytes_that_are_not_utf8_is_read_as_a_file_is(monkeypatch):
    """A file's bad bytes become U+FFFD; standard input's raised UnicodeDecodeError and lost the rest of the feed."""
    import sys

    raw = b'{"text": "fire \xff at Kamppi"}\n{"text": "smoke at Kamppi"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert [r.text for r in follow("-") if isinstance(r, FeedRecord)] == ["fire \ufffd at Kamppi", "smoke at Kamppi"]
