"""s19 audit: one file of a followed folder that is no feed (binary bytes, a CSV without a text column) costs that file
only.  Before, `eca monitor --feed DIR` stopped at it with exit 2, and the reports of the folder's other files (and of
every file still to come: a drop folder is followed for hours) were never read.  Now the file is skipped, counted
(``bad_file``) and named in the summary; the other files are read.  A feed that is one bad FILE is still one clear error.
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

from agent.monitor.feed import FeedError, FeedRecord, IntakeStats, follow

ROOT = Path(__file__).resolve().parents[2]
FIRST = "Fire in a flat at Mannerheimintie 5, two people trapped"
LAST = "Car crash at Kaivokatu 1, one injured"
LATE = "地铁站里有烟，很多人在往外跑"

# differently broken files dropped in the folder between two good ones
BAD_FILES = {
    "b_binary.jsonl": bytes(range(256)) * 12,
    "b_no_text_column.csv": b"when,who\n10:00,dispatcher\n",
    "b_utf16.csv": "text\nSmoke at Kamppi\n".encode("utf-16"),
}


def _folder(tmp_path: Path, bad_name: str) -> Path:
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"text": FIRST}) + "\n", encoding="utf-8")
    (folder / bad_name).write_bytes(BAD_FILES[bad_name])
    (folder / "c.jsonl").write_text(json.dumps({"text": LAST}) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("bad_name", sorted(BAD_FILES))
def test_a_bad_file_in_a_folder_costs_that_file_only(tmp_path: Path, bad_name: str):
    stats = IntakeStats()
    texts = [i.text for i in follow(str(_folder(tmp_path, bad_name)), follow=False, stats=stats) if isinstance(i, FeedRecord)]
    assert texts == [FIRST, LAST]
    assert stats.rejected == {"bad_file": 1} and list(stats.skipped_files) == [bad_name]
    assert f"SKIPPED FILE {bad_name}" in stats.summary()


def test_a_followed_folder_goes_on_with_files_that_come_after_a_bad_one(tmp_path: Path):
    folder = _folder(tmp_path, "b_binary.jsonl")
    stats, got, stop = IntakeStats(), [], threading.Event()

    def reader() -> None:
        for item in follow(str(folder), follow=True, poll_s=0.05, should_stop=stop.is_set, stats=stats):
            if isinstance(item, FeedRecord):
                got.append(item.text)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    time.sleep(0.5)
    (folder / "d.jsonl").write_text(json.dumps({"text": LATE}) + "\n", encoding="utf-8")
    deadline = time.monotonic() + 5
    while len(got) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(5)
    assert got == [FIRST, LAST, LATE] and stats.rejected == {"bad_file": 1}  # skipped once, not at every poll


def test_a_feed_that_is_one_bad_file_is_still_one_clear_error(tmp_path: Path):
    feed = tmp_path / "dump.jsonl"
    feed.write_bytes(BAD_FILES["b_binary.jsonl"])
    with pytest.raises(FeedError, match="dump.jsonl is a binary file"):
        list(follow(str(feed), follow=False))


def test_eca_monitor_reads_the_rest_of_a_folder_with_a_bad_file(tmp_path: Path, quick_model_dir: Path):
    """The real `eca monitor --feed DIR --once --json` as a subprocess."""
    folder = _folder(tmp_path, "b_binary.jsonl")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ECA_DATA_DIR": str(tmp_path / "data"),
           "ECA_TRIAGE_MODEL_DIR": str(quick_model_dir)}
    done = subprocess.run([sys.executable, "-m", "ui.cli", "monitor", "--feed", str(folder), "--once", "--json",
                           "--no-dense", "--no-places", "--no-store"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])["summary"]
    assert summary["processed"] == 2 and summary["rejected"] == {"bad_file": 1}
    assert "SKIPPED FILE b_binary.jsonl: is a binary file" in summary["intake"]


@pytest.mark.parametrize("raw", [bytes(range(256)) * 12, "text\nSmoke at Kamppi\n".encode("utf-16"),
                                 b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 5])
def test_binary_standard_input_is_said_to_be_binary_not_a_csv_without_a_text_column(monkeypatch, raw: bytes):
    """`eca monitor --feed -` fed a binary file: the error said "the CSV header has no text column; got <the bytes>",
    echoing binary garbage to the terminal; now it says what it is, as for a binary file."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    with pytest.raises(FeedError) as caught:
        list(follow("-"))
    message = str(caught.value)
    assert "binary" in message and "header" not in message and "\ufffd" not in message, message
