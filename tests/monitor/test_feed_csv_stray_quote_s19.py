"""s19 audit: a quote character inside an unquoted CSV cell (an inch mark, a quoted word) is a character of the cell.

Before: the follower counted quotes per line and took an odd count for an open quoted cell, so a line such as
``0,A 6" water main burst,...`` swallowed every following line as its "continuation": `eca monitor --once` read ONE
record of five and rejected none (silent loss), and a followed live file held every later report back forever (no alert
ever came).  The csv module (and any spreadsheet) opens a quoted cell only with a quote at the start of a cell.

A quote that does open a cell and is never closed can still not hold a stream hostage: once the open record is longer
than any record may be, its first line is rejected with a counted reason and the lines after it are read again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from agent.monitor.feed import MAX_RECORD_CHARS, FeedRecord, IntakeStats, RejectedRecord, follow

ROOT = Path(__file__).resolve().parents[2]

GOOD = ["Car crash at Kaivokatu 1, one injured", "Smoke seen from a warehouse at Sörnäisten rantatie 3",
        "Man collapsed at Kamppi metro station, not breathing", "Tree fell on a tram line at Hämeentie 40"]
# differently worded cells holding one stray quote each: an inch mark, an opening quote of a quoted word, a Chinese
# report with a half-width quote
STRAY = ['A 6" water main burst at Hämeentie 20 flooding the street',
         'Caller said "help and then the line went dead at Fredrikinkatu 20',
         '报警人说"快来 Kamppi 地铁站有烟']


def _csv(path: Path, first_text: str) -> Path:
    lines = ["id,text,timestamp", f"0,{first_text},2026-06-15T10:00:00+03:00"]
    lines += [f'{i},"{t}",2026-06-15T10:0{i}:00+03:00' for i, t in enumerate(GOOD, 1)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stray", STRAY)
def test_a_stray_quote_in_an_unquoted_cell_loses_no_report(tmp_path: Path, stray: str):
    stats = IntakeStats()
    items = list(follow(str(_csv(tmp_path / "calls.csv", stray)), follow=False, stats=stats))
    assert [i.text for i in items if isinstance(i, FeedRecord)] == [stray, *GOOD]
    assert stats.accepted == 5 and not stats.rejected


def test_a_followed_live_file_is_not_held_back_by_a_stray_quote(tmp_path: Path):
    """Following (not --once): the reports after the stray quote arrive while the file is followed."""
    feed = _csv(tmp_path / "live.csv", STRAY[0])
    got: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        for item in follow(str(feed), follow=True, poll_s=0.05, should_stop=stop.is_set):
            if isinstance(item, FeedRecord):
                got.append(item.text)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while len(got) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(5)
    assert got == [STRAY[0], *GOOD]


@pytest.mark.parametrize("follow_file", [False, True])
def test_a_quote_that_opens_a_cell_and_never_closes_costs_that_line_only(tmp_path: Path, follow_file: bool):
    """A real open quote at a cell's start (the writer forgot to close it): the line is rejected with its reason once
    the open record is longer than any record may be; the lines after it are read (the ones the open cell did not
    reach yet at the end of a finished file are read too)."""
    # cells without quotes after it (a quoted cell would close the open one, as in any CSV reader: that costs the
    # next line, which is what the csv module does too)
    filler = [f"{i},Report {i}: nothing to add at Kaivokatu {i},2026-06-15T10:00:00+03:00"
              for i in range(10, 10 + MAX_RECORD_CHARS // 40)]
    feed = tmp_path / "open.csv"
    feed.write_text("\n".join(["id,text,timestamp", '0,"Fire at Mannerheimintie 5 two trapped,2026-06-15T10:00:00+03:00',
                               *filler]) + "\n", encoding="utf-8")
    stats = IntakeStats()
    stop = threading.Event()
    items: list = []

    def reader() -> None:
        for item in follow(str(feed), follow=follow_file, poll_s=0.05, should_stop=stop.is_set, stats=stats):
            items.append(item)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while stats.accepted < len(filler) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(10)
    rejected = [i for i in items if isinstance(i, RejectedRecord)]
    assert [r.reason for r in rejected] == ["bad_csv"] and "quote" in rejected[0].detail
    assert rejected[0].origin.endswith(":2")
    assert [i.text for i in items if isinstance(i, FeedRecord)] == [f"Report {i}: nothing to add at Kaivokatu {i}"
                                                                    for i in range(10, 10 + len(filler))]


def test_eca_monitor_reads_every_record_of_a_csv_with_an_inch_mark(tmp_path: Path, quick_model_dir: Path):
    """The real `eca monitor --once --json` as a subprocess: its summary counts every report of the file."""
    feed = _csv(tmp_path / "calls.csv", STRAY[0])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ECA_DATA_DIR": str(tmp_path / "data"),
           "ECA_TRIAGE_MODEL_DIR": str(quick_model_dir)}
    done = subprocess.run([sys.executable, "-m", "ui.cli", "monitor", "--feed", str(feed), "--once", "--json",
                           "--no-dense", "--no-places", "--no-store"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])["summary"]
    assert summary["processed"] == 5 and summary["rejected"] == {}


@pytest.mark.parametrize("encoding, text", [("latin-1", "Tulipalo Mäkelänkatu 10 kaksi loukussa"),
                                            ("cp1252", "Brand på Sörnäisten rantatie 3")])
def test_a_record_with_a_few_bytes_in_another_encoding_is_read_and_said(tmp_path: Path, encoding: str, text: str):
    """A record saved in another encoding (a spreadsheet export in cp1252) is read with its bad bytes as U+FFFD, as
    before, but no longer silently: the intake summary counts it and says to save the feed as UTF-8 (a street name with
    a replaced letter is not found on the map: the operator must know why)."""
    feed = tmp_path / "mixed.csv"
    feed.write_bytes("text\nCar crash at Kaivokatu 1\n".encode() + f"{text}\n".encode(encoding))
    stats = IntakeStats()
    texts = [i.text for i in follow(str(feed), follow=False, stats=stats) if isinstance(i, FeedRecord)]
    assert len(texts) == 2 and "\ufffd" in texts[1]
    assert stats.notes["not_utf8"] == 1
    assert "1 read with bytes that are not UTF-8" in stats.summary()


@pytest.mark.parametrize("encoding, text", [("gbk", "地铁站里有烟，很多人在往外跑"),
                                            ("cp1252", "Brand på Sörnäisten rantatie 3 – två fast – röken")])
def test_a_record_mostly_in_another_encoding_is_rejected_as_such_not_as_binary(tmp_path: Path, encoding: str, text: str):
    feed = tmp_path / "mixed.csv"
    feed.write_bytes("text\nCar crash at Kaivokatu 1\n".encode() + f"{text}\n".encode(encoding))
    stats = IntakeStats()
    texts = [i.text for i in follow(str(feed), follow=False, stats=stats) if isinstance(i, FeedRecord)]
    assert texts == ["Car crash at Kaivokatu 1"] and stats.rejected == {"not_utf8": 1}
