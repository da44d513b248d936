"""Intake of a report stream: CSV or JSON Lines records from a file, a folder of new files, or standard input.

Each line becomes a ``FeedRecord`` or a ``RejectedRecord`` with a specific reason; a bad record never stops the
stream.  Followers poll (no inotify dependency), keep a partial last line until its newline arrives, and
``replay`` paces a time-ordered stream at N× real time for drills and tests.

Pure module: no project imports besides the standard library.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import sys
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from core.text import looks_binary, undecodable

log = logging.getLogger(__name__)

SOURCES = ("call", "social", "sensor", "radio", "other")
MAX_RECORD_CHARS = 20_000
# Column / key names accepted for each field (case-insensitive), first match wins.
TEXT_KEYS = ("text", "message", "report", "body", "content", "tweet text", "tweet_text")
TIME_KEYS = ("timestamp", "time", "created_at", "datetime", "ts")
SOURCE_KEYS = ("source", "channel", "kind")
LAT_KEYS = ("lat", "latitude")
LON_KEYS = ("lon", "lng", "long", "longitude")
ID_KEYS = ("id", "report_id", "external_id", "tweet id", "tweet_id")
LABEL_KEYS = ("label", "event")  # optional ground truth, carried for evaluation only
_SOURCE_ALIASES = {"phone": "call", "112": "call", "911": "call", "tweet": "social", "twitter": "social",
                   "post": "social", "sms": "call", "iot": "sensor", "alarm": "sensor", "vhf": "radio", "tetra": "radio"}


def fields_help() -> str:
    """The fields a record may carry, for ``eca monitor --help``: built from the key lists above so that the help
    and the parser cannot disagree."""
    def names(keys: Iterable[str]) -> str:
        return " / ".join(keys)

    return (
        "Each record is a CSV row (with a header line) or a JSON object, one per line. Fields (names case-insensitive, "
        f"first one present wins): text (required): {names(TEXT_KEYS)}; timestamp: {names(TIME_KEYS)}, ISO 8601 "
        f"(naive = UTC) or epoch seconds/milliseconds, default: the arrival time; source: {names(SOURCE_KEYS)}, one of "
        f"{', '.join(SOURCES)} (aliases such as phone, 112, tweet, sms, tetra; anything else counts as other); "
        f"lat: {names(LAT_KEYS)} and lon: {names(LON_KEYS)}, decimal degrees, both or neither; id: {names(ID_KEYS)}; "
        f"label: {names(LABEL_KEYS)} (ground truth, for evaluation only). A text longer than {MAX_RECORD_CHARS:,} "
        "characters, binary text or a bad time or position rejects that record only, with its reason."
    )


@dataclass
class FeedRecord:
    """One accepted report of the stream."""

    text: str
    timestamp: float | None  # epoch seconds (UTC); None = arrival time is used
    source: str = "other"
    lat: float | None = None
    lon: float | None = None
    external_id: str | None = None
    label: str | None = None
    origin: str = ""  # file:line, for messages

    def time_or(self, now: float) -> float:
        return self.timestamp if self.timestamp is not None else now

    def stream_id(self) -> str | None:
        """The record's stable id in the incident log, the same however often the stream is fed (the same file twice,
        a followed file read again after a restart): from the id the record carries (per source), else from its content
        with its own time (source, time, position, text).  None for a record with neither an id nor a time of its own:
        nothing tells it from a second caller's identical words, so it is always a new report."""
        if self.external_id:
            key = f"{self.source}\x1fid\x1f{self.external_id}"
        elif self.timestamp is not None:
            key = f"{self.source}\x1f{self.timestamp!r}\x1f{self.lat!r}\x1f{self.lon!r}\x1f{self.text}"
        else:
            return None
        return "SR-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12].upper()


@dataclass
class RejectedRecord:
    reason: str  # short code, counted: bad_json, no_text, empty_text, binary_text, too_long, bad_timestamp, ...
    detail: str
    origin: str


@dataclass
class IntakeStats:
    accepted: int = 0
    rejected: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)  # accepted with a repair, e.g. unknown source -> other

    skipped_files: dict[str, str] = field(default_factory=dict)  # a folder's file that is no feed -> why

    def summary(self) -> str:
        rej = ", ".join(f"{k} {v}" for k, v in self.rejected.most_common()) or "none"
        skipped = "".join(f"; SKIPPED FILE {name}: {why}" for name, why in self.skipped_files.items())
        mangled = (f"; {self.notes['not_utf8']} read with bytes that are not UTF-8 (shown as \ufffd: save the feed as "
                   "UTF-8)") if self.notes["not_utf8"] else ""
        return f"{self.accepted} accepted; rejected: {rej}{mangled}{skipped}"


class FeedError(ValueError):
    """The feed itself cannot be read (no such file, unknown format): one clear message."""


# --- parsing one record ------------------------------------------------------------------------------
def _pick(row: dict[str, Any], keys: Iterable[str]) -> Any:
    for key in keys:
        if key in row and row[key] not in (None, ""):
            return row[key]
    return None


def parse_timestamp(value: Any) -> float:
    """Epoch seconds from ISO 8601 (naive = UTC) or a number (seconds, or milliseconds when > 1e11)."""
    if isinstance(value, bool):
        raise ValueError("a boolean is not a time")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"not ISO 8601 or epoch seconds: {text[:40]!r}") from None
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            return parsed.timestamp()
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("not a finite number")
    return number / 1000.0 if abs(number) > 1e11 else number


def _looks_binary(text: str) -> bool:
    """Binary (core.text.looks_binary), or bytes that were not UTF-8 (lone surrogates, as a JSON ``\\udcff`` escape
    gives: no tokenizer or SQLite can encode them, so one such record would fail its whole batch)."""
    return looks_binary(text) or undecodable(text)


def record_from_mapping(row: dict[str, Any], origin: str, stats: IntakeStats | None = None) -> FeedRecord | RejectedRecord:
    """Validate one record given as a mapping (a JSON object or a CSV row)."""
    row = {str(k).strip().casefold(): v for k, v in row.items() if k is not None}
    text = _pick(row, TEXT_KEYS)
    if text is None and any(k in row for k in TEXT_KEYS):
        return RejectedRecord("empty_text", "text is empty", origin)
    if text is None:
        return RejectedRecord("no_text", f"no text field (one of {', '.join(TEXT_KEYS[:5])})", origin)
    if not isinstance(text, str):
        return RejectedRecord("no_text", f"text is a {type(text).__name__}, not a string", origin)
    if not text.strip():
        return RejectedRecord("empty_text", "text is empty", origin)
    if _looks_binary(text):
        if "\x00" not in text and not undecodable(text) and not looks_binary(text.replace("\ufffd", "")):
            # only replaced bytes: a record in another encoding (cp1252, GBK), not binary data: said so
            return RejectedRecord("not_utf8", "text is in another encoding than UTF-8; save the feed as UTF-8", origin)
        return RejectedRecord("binary_text", "text looks like binary data", origin)
    if len(text) > MAX_RECORD_CHARS:
        return RejectedRecord("too_long", f"text is {len(text):,} characters (limit {MAX_RECORD_CHARS:,})", origin)
    if "\ufffd" in text and stats is not None:  # read, as before, but said: a street with a replaced letter is not
        stats.notes["not_utf8"] += 1           # found on the map, and the operator must know why (s19)
        log.warning("record %s holds bytes that are not UTF-8 (read as U+FFFD); save the feed as UTF-8", origin)
    timestamp = None
    raw_time = _pick(row, TIME_KEYS)
    if raw_time is not None:
        try:
            timestamp = parse_timestamp(raw_time)
        except ValueError as exc:
            return RejectedRecord("bad_timestamp", str(exc), origin)
    lat, lon = _pick(row, LAT_KEYS), _pick(row, LON_KEYS)
    if (lat is None) != (lon is None):
        return RejectedRecord("bad_coordinates", "only one of lat/lon given", origin)
    if lat is not None:
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            return RejectedRecord("bad_coordinates", f"lat/lon not numbers: {lat!r}, {lon!r}", origin)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return RejectedRecord("bad_coordinates", f"lat/lon out of range: {lat}, {lon}", origin)
    source_raw = _pick(row, SOURCE_KEYS)
    source = "other"
    if source_raw is not None:
        key = str(source_raw).strip().casefold()
        source = _SOURCE_ALIASES.get(key, key)
        if source not in SOURCES:
            if stats is not None:
                stats.notes["unknown_source"] += 1
            source = "other"
    ext = _pick(row, ID_KEYS)
    label = _pick(row, LABEL_KEYS)
    return FeedRecord(text=unicodedata.normalize("NFC", text).strip(), timestamp=timestamp, source=source,
                      lat=lat, lon=lon, external_id=None if ext is None else str(ext),
                      label=None if label is None else str(label), origin=origin)


class LineParser:
    """Turns the lines of one stream into records; the format (CSV with a header, or JSON Lines) is
    fixed by the file suffix or, for stdin, by the first non-blank line."""

    def __init__(self, name: str, fmt: str | None = None, stats: IntakeStats | None = None):
        self.name = name
        self.fmt = fmt  # "csv" | "jsonl" | None (detect)
        self.header: list[str] | None = None
        self.stats = stats or IntakeStats()
        self.line_no = 0

    def feed_line(self, line: str) -> FeedRecord | RejectedRecord | None:
        self.line_no += 1
        origin = f"{self.name}:{self.line_no}"
        if not line.strip():
            return None
        if self.fmt is None:
            self.fmt = "jsonl" if line.lstrip().startswith("{") else "csv"
        if self.fmt == "jsonl":
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                return self._count(RejectedRecord("bad_json", f"not JSON ({exc.msg} at column {exc.colno})", origin))
            if not isinstance(obj, dict):
                return self._count(RejectedRecord("bad_json", f"a JSON {type(obj).__name__}, not an object", origin))
            return self._count(record_from_mapping(obj, origin, self.stats))
        try:
            cells = next(csv.reader(io.StringIO(line)))
        except (csv.Error, StopIteration) as exc:
            return self._count(RejectedRecord("bad_csv", str(exc), origin))
        if self.header is None:
            self.header = [c.strip() for c in cells]
            if not any(c.casefold() in TEXT_KEYS for c in self.header):
                raise FeedError(f"{self.name}: the CSV header has no text column (one of {', '.join(TEXT_KEYS[:5])}); got {', '.join(self.header)[:200]}")
            return None
        if len(cells) != len(self.header):
            return self._count(RejectedRecord("bad_csv", f"{len(cells)} cells, header has {len(self.header)}", origin))
        return self._count(record_from_mapping(dict(zip(self.header, cells)), origin, self.stats))

    def reject(self, line: str, reason: str, detail: str) -> RejectedRecord:
        """A line that is no record (its place in the stream is still counted, and its reason)."""
        self.line_no += 1
        return self._count(RejectedRecord(reason, detail, f"{self.name}:{self.line_no}"))

    def _count(self, item: FeedRecord | RejectedRecord) -> FeedRecord | RejectedRecord:
        if isinstance(item, RejectedRecord):
            self.stats.rejected[item.reason] += 1
            log.warning("skipped record %s: %s (%s)", item.origin, item.reason, item.detail)
        else:
            self.stats.accepted += 1
        return item


# --- following sources ----------------------------------------------------------------------------------
def _fmt_of(path: Path) -> str | None:
    suffix = path.suffix.casefold()
    return {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}.get(suffix)


class _Tail:
    """Reads complete new lines of one file; a quoted CSV cell with a newline spans lines, so CSV
    records are cut with the csv module on the complete text read so far."""

    def __init__(self, path: Path, stats: IntakeStats):
        self.path = path
        self.offset = 0
        self.buffer = ""
        self.parser = LineParser(path.name, _fmt_of(path), stats)

    def read_new(self) -> Iterator[FeedRecord | RejectedRecord]:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size < self.offset:  # truncated or replaced: start again
            self.offset, self.buffer = 0, ""
        if size == self.offset:
            return
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            chunk = handle.read(size - self.offset)
        if self.offset == 0 and b"\x00" in chunk[:4096]:  # a whole file of it, not one bad record: say so once
            raise FeedError(f"{self.path.name} is a binary file (or UTF-16 text), not a UTF-8 CSV or JSON Lines feed")
        self.offset = size
        self.buffer += chunk.decode("utf-8", errors="replace")
        *lines, self.buffer = self.buffer.split("\n")
        yield from self._records(lines, final=False)

    def _records(self, lines: list[str], *, final: bool) -> Iterator[FeedRecord | RejectedRecord]:
        """The records of complete lines.  A CSV record whose last cell is still inside quotes continues on the next
        line; what is left open goes back to the buffer (or, ``final``, is an unclosed quote).  An open record longer
        than any record may be is a quote that was never closed: its first line is rejected and the lines after it
        are read again, so that one bad line costs that line only, not the rest of the stream."""
        todo = deque(lines)
        pending = ""
        while todo:
            line = pending + todo.popleft()
            if self.parser.fmt != "jsonl" and _ends_inside_quotes(line):
                if len(line) <= _MAX_OPEN_RECORD_CHARS and (todo or not final):
                    pending = line + "\n"
                    continue
                if "\n" in line:  # a quote opened and never closed: that line only, the ones after it again
                    first, _, rest = line.partition("\n")
                    pending = ""
                    todo.extendleft(reversed(rest.split("\n")))
                    yield self.parser.reject(first, "bad_csv", "a quoted cell whose quote is never closed")
                    continue
                # one line left open: the csv module reads the cell to the line's end, as before
            pending = ""
            item = self.parser.feed_line(line.rstrip("\r"))
            if item is not None:
                yield item
        if pending:
            self.buffer = pending + self.buffer

    def flush(self) -> Iterator[FeedRecord | RejectedRecord]:
        """At the end of a finished file, a last line without a newline is still a record."""
        if self.buffer.strip():
            lines = self.buffer.split("\n")
            self.buffer = ""
            yield from self._records(lines, final=True)


# An open quoted CSV cell longer than this is taken for a quote that is never closed (a record may hold at most
# MAX_RECORD_CHARS of text; the rest of its cells are short).
_MAX_OPEN_RECORD_CHARS = MAX_RECORD_CHARS + 4_096


def _ends_inside_quotes(text: str) -> bool:
    """Whether CSV text ends inside a quoted cell, read as the csv module reads it: a quote opens a quoted cell only
    at the start of a cell; inside one, a doubled quote is a quote and a single one closes it.  A quote anywhere else
    (an inch mark ``6" pipe``, ``He said "help``) is a character of its cell, and counting quotes per line took it for
    an open cell that swallowed every later line (s19)."""
    inside, pos = False, 0
    while True:
        j = text.find('"', pos)
        if j < 0:
            return inside
        if inside:
            if text.startswith('""', j):
                pos = j + 2
                continue
            inside = False
        elif j == 0 or text[j - 1] in ",\n\r":
            inside = True
        pos = j + 1


def _refuse_binary_start(first: str) -> None:
    """Standard input that opens with binary data (or UTF-16, or a CSV header in another encoding) is no feed: said
    as for a binary file.  Before, its first line was read as a CSV header and the error echoed the bytes ("no text
    column; got ��JP…", s19).  A JSON first line with a bad byte is only that record's (rejected or read with U+FFFD)."""
    if looks_binary(first) or (not first.lstrip().startswith("{") and "\ufffd" in first):
        raise FeedError("standard input is binary data or not UTF-8 text (UTF-16?), not a UTF-8 CSV or JSON Lines feed")


def follow(feed: str, *, follow: bool = True, poll_s: float = 0.5, max_idle_s: float | None = None,
           stats: IntakeStats | None = None, stdin: TextIO | None = None,
           should_stop: Callable[[], bool] = lambda: False) -> Iterator[FeedRecord | RejectedRecord]:
    """Records from ``feed``: a .csv/.jsonl file, a folder (every .csv/.jsonl in it, new ones as they appear,
    in name order), or ``-`` (standard input, CSV or JSON Lines detected from the first line).

    With ``follow`` the file/folder is polled for new lines every ``poll_s`` until ``max_idle_s`` without
    anything new (None = forever) or ``should_stop()``; without it, reading stops at the end.
    """
    stats = stats if stats is not None else IntakeStats()
    if feed == "-":
        parser = LineParser("stdin", None, stats)
        if stdin is None and hasattr(sys.stdin, "reconfigure"):  # bytes that are not UTF-8: as in a file (U+FFFD)
            sys.stdin.reconfigure(errors="replace")
        for line in (stdin or sys.stdin):
            if parser.fmt is None and line.strip():
                _refuse_binary_start(line)
            item = parser.feed_line(line.rstrip("\r\n"))
            if item is not None:
                yield item
            if should_stop():
                return
        return
    path = Path(feed)
    if not path.exists():
        raise FeedError(f"no such file or folder: {feed}")
    if path.is_file() and _fmt_of(path) is None:
        raise FeedError(f"{feed}: unsupported feed format {path.suffix or '(no suffix)'}; use .csv or .jsonl")
    tails: dict[Path, _Tail] = {}
    idle_since = time.monotonic()
    while True:
        files = [path] if path.is_file() else sorted(p for p in path.iterdir() if p.is_file() and _fmt_of(p))
        got = False
        for file in files:
            if file.name in stats.skipped_files and file not in tails:
                continue
            tail = tails.setdefault(file, _Tail(file, stats))
            try:
                for item in tail.read_new():
                    got = True
                    yield item
                if not follow:
                    yield from tail.flush()
            except FeedError as exc:
                if path.is_file():  # the feed itself cannot be read: one clear error
                    raise
                # one file of a folder that is no feed (a binary file, a CSV without a text column): that file is
                # skipped, counted and said; the folder's other files (and the ones still to come) are followed.
                # Before, it stopped the whole monitor and the files after it were never read (s19).
                del tails[file]
                stats.skipped_files[file.name] = str(exc).removeprefix(f"{file.name}").lstrip(": ") or str(exc)
                stats.rejected["bad_file"] += 1
                log.warning("skipped feed file %s: %s", file, exc)
        if not follow or should_stop():
            return
        if got:
            idle_since = time.monotonic()
        elif max_idle_s is not None and time.monotonic() - idle_since >= max_idle_s:
            for tail in tails.values():
                yield from tail.flush()
            return
        time.sleep(poll_s)


def replay(records: Iterable[FeedRecord], speed: float, *, sleep: Callable[[float], None] = time.sleep,
           clock: Callable[[], float] = time.monotonic) -> Iterator[FeedRecord]:
    """Yield time-stamped records paced at ``speed``× real time (0 = as fast as possible).

    Records must be in time order (a drill file); one out of order by more than a minute is passed on at
    once and logged, because reordering would need the whole file in memory.
    """
    start_wall = None
    start_ts = None
    last_ts = None
    for rec in records:
        if rec.timestamp is None:
            yield rec
            continue
        if start_ts is None:
            start_ts, start_wall = rec.timestamp, clock()
        if last_ts is not None and rec.timestamp < last_ts - 60:
            log.warning("record %s is %.0f s earlier than the one before it: the replay file is not time-ordered",
                        rec.origin, last_ts - rec.timestamp)
        last_ts = max(last_ts or rec.timestamp, rec.timestamp)
        if speed > 0:
            due = start_wall + (rec.timestamp - start_ts) / speed
            wait = due - clock()
            if wait > 0:
                sleep(wait)
        yield rec
