"""Reading labelled report files (CSV / JSONL) into validated training targets."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from finetune.errors import TrainingDataError
from core.vocabulary import INCIDENT_TYPES, PRIORITIES
from core.errors import InputError
from core.text import check_text

log = logging.getLogger(__name__)
_NO_LIMIT = 2**62  # length is not a reason to refuse a training row or a report to triage; the text is cut later

SECONDARY_WEIGHT = 0.3  # share of the target mass a secondary hazard gets in single-label training


@dataclass(frozen=True)
class LabelSpec:
    """Which columns hold what. Either ``label_col`` (single-label) or ``multi_label_cols`` (several 0/1 columns)."""

    text_col: str = "text"
    label_col: str | None = "incident_type"
    priority_col: str | None = "priority"
    secondary_col: str | None = None
    multi_label_cols: tuple[str, ...] = ()
    infer_labels: bool = False  # take the label set from the data instead of the project taxonomy

    @property
    def mode(self) -> Literal["single", "multi"]:
        return "multi" if self.multi_label_cols else "single"


@dataclass
class TriageData:
    """Texts with their targets: ``type_targets`` is (N, K) float (one-hot, soft or multi-hot)."""

    texts: list[str]
    type_targets: np.ndarray
    type_labels: list[str]
    mode: Literal["single", "multi"]
    priority: np.ndarray | None = None  # (N,) int index into PRIORITIES
    priority_labels: list[str] = field(default_factory=lambda: list(PRIORITIES))
    groups: np.ndarray | None = None  # (N,) source name per row (which file), to calibrate on realistic rows only

    def __len__(self) -> int:
        return len(self.texts)

    def subset(self, idx: np.ndarray | list[int]) -> "TriageData":
        idx = np.asarray(idx, dtype=int)
        return TriageData([self.texts[i] for i in idx], self.type_targets[idx], self.type_labels, self.mode,
                          None if self.priority is None else self.priority[idx], self.priority_labels,
                          None if self.groups is None else self.groups[idx])

    def primary_index(self) -> np.ndarray:
        """The primary class of each row (single-label), used for stratification and metrics."""
        return self.type_targets.argmax(axis=1)

    def stratify_key(self) -> np.ndarray:
        if self.mode == "single":
            return self.primary_index()
        # Multi-label: stratify on the rarest positive label of each row (0 positives -> its own stratum).
        freq = self.type_targets.sum(axis=0)
        keys = np.full(len(self), -1)
        for i, row in enumerate(self.type_targets):
            pos = np.flatnonzero(row > 0.5)
            if len(pos):
                keys[i] = pos[np.argmin(freq[pos])]
        return keys

    def to_records(self) -> list[dict]:
        out = []
        for i, text in enumerate(self.texts):
            rec = {"text": text, "type_targets": [round(float(v), 3) for v in self.type_targets[i]]}
            if self.priority is not None:
                rec["priority"] = int(self.priority[i])
            out.append(rec)
        return out


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a .csv / .jsonl / .json file; clear errors for missing, unreadable or non-UTF-8 files."""
    path = Path(path)
    if not path.is_file():
        raise TrainingDataError(f"data file not found: {path}")
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TrainingDataError(f"{path} is not UTF-8 text (byte {exc.start}); re-save it as UTF-8") from None
    if not content.strip():
        raise TrainingDataError(f"{path} is empty")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            import io
            df = pd.read_csv(io.StringIO(content), dtype=str, keep_default_na=False)
            return _with_lines(df, _csv_record_lines(content), path)
        if suffix in (".jsonl", ".ndjson"):
            lines: list[int] = []
            return _with_lines(pd.DataFrame(_jsonl_rows(content, path, lines)), lines, path)
        if suffix == ".json":
            return pd.DataFrame(json.loads(content))
    except TrainingDataError:
        raise
    except (ValueError, pd.errors.ParserError) as exc:
        raise TrainingDataError(f"cannot parse {path}: {exc}") from None
    raise TrainingDataError(f"unsupported file type {suffix!r} for {path}: use .csv or .jsonl")


LINES_ATTR, SOURCE_ATTR = "eca_lines", "eca_source"  # DataFrame.attrs keys: file line of each row, file name


def _with_lines(df: pd.DataFrame, lines: list[int], path: Path) -> pd.DataFrame:
    """``df`` carrying the file line each row starts on (when known) and the file's name, so that a bad row can be
    named by its line in the messages of ``prepare`` and ``finetune.data_checks``."""
    df.attrs[SOURCE_ATTR] = path.name
    if len(lines) == len(df):
        df.attrs[LINES_ATTR] = list(lines)
    return df


def _csv_record_lines(content: str) -> list[int]:
    """The line each data record of a CSV file starts on (a quoted field may span lines); blank lines are skipped as
    pandas skips them.  Where the csv module and pandas disagree on a malformed file the counts differ and the
    caller falls back to row numbers."""
    import csv
    import io

    reader = csv.reader(io.StringIO(content))
    starts, end = [], 0
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if record:
                starts.append(start)
    except csv.Error:
        return []
    return starts[1:]  # the first record is the header


def row_name(df: pd.DataFrame, i: int) -> str:
    """How a message names row ``i`` of a table read by ``read_table``: its file line, else its data row number."""
    lines = df.attrs.get(LINES_ATTR)
    return f"line {lines[i]}" if lines and i < len(lines) else f"row {i + 1} (after the header)"


def _jsonl_rows(content: str, path: Path, lines: list[int] | None = None) -> list[dict]:
    """The objects of a JSON Lines file.  A line of valid JSON that is no object (a list, a string, a number) is
    refused with its line number: pandas raised a TypeError on it, a traceback instead of a message (s19).
    ``lines`` (if given) receives the line number of each object."""
    rows = []
    for number, line in enumerate(content.split("\n"), 1):  # not splitlines(): U+2028 may stand raw in a JSON string
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise TrainingDataError(f"cannot parse {path}: line {number} is not JSON ({exc})") from None
        if not isinstance(row, dict):
            kind = {list: "list", str: "string", type(None): "null"}.get(type(row), type(row).__name__)
            raise TrainingDataError(f"cannot parse {path}: line {number} is a JSON {kind}, not an object "
                                    "(one {\"text\": ..., label columns ...} object per line)")
        rows.append(row)
        if lines is not None:
            lines.append(number)
    return rows


def _binary(series: pd.Series, col: str) -> np.ndarray:
    values = pd.to_numeric(series.astype(str).str.strip(), errors="coerce")
    if values.isna().any():
        bad = series[values.isna()].iloc[0]
        raise TrainingDataError(f"multi-label column {col!r} must hold 0/1 values, found {bad!r}")
    return (values.to_numpy() > 0).astype(np.float32)  # e.g. Figure Eight's related=2 counts as 1


def strip_stray_quote(text: str) -> str:
    """``text`` without an unpaired double quote at its start or end (a CSV row with one misplaced quote comes out of
    the parser as 'Broken water main ..., icing the road"'; the model would learn the quote as a word)."""
    if text.count('"') % 2 == 1:
        if text.endswith('"'):
            return text[:-1].rstrip()
        if text.startswith('"'):
            return text[1:].lstrip()
    return text


def _bad_rows_message(df: pd.DataFrame, rows: list[int], values: pd.Series, texts: list[str]) -> str:
    """'line 12 ("Blizzard closed the ...": 'blizzard')' for the first few bad rows, and how many more."""
    shown = [f"{row_name(df, i)} (\"{texts[i][:60]}\": {values.iloc[i]!r})" for i in rows[:3]]
    more = f" and {len(rows) - 3} more row(s)" if len(rows) > 3 else ""
    return "; ".join(shown) + more


def prepare(df: pd.DataFrame, spec: LabelSpec, type_labels: list[str] | None = None) -> TriageData:
    """Validate ``df`` against ``spec`` and build targets. ``type_labels`` fixes the label set (evaluation).

    A row with an unknown label or priority is named by its file line (``read_table`` records them) and text."""
    needed = [spec.text_col] + list(spec.multi_label_cols)
    if spec.mode == "single":
        if not spec.label_col:
            raise TrainingDataError("give a label column (--label-col) or multi-label columns (--multi-label-cols)")
        needed.append(spec.label_col)
    for optional in (spec.priority_col, spec.secondary_col):
        if optional:
            needed.append(optional)
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise TrainingDataError(f"missing column(s) {missing}; the file has {list(df.columns)}")

    keep, texts = [], []
    for i, value in enumerate(df[spec.text_col].tolist()):
        try:
            texts.append(strip_stray_quote(check_text("" if value is None or (isinstance(value, float) and np.isnan(value))
                                                      else value, what=f"report #{i}", max_chars=_NO_LIMIT)))
            keep.append(i)
        except InputError:
            continue
    if len(keep) < len(df):
        log.warning("skipped %d row(s) with empty or non-text %r", len(df) - len(keep), spec.text_col)
    source, lines = df.attrs.get(SOURCE_ATTR, ""), df.attrs.get(LINES_ATTR)
    df = df.iloc[keep].reset_index(drop=True)
    df.attrs = {SOURCE_ATTR: source, **({LINES_ATTR: [lines[i] for i in keep]} if lines else {})}
    where = f" of {source}" if source else ""
    if df.empty:
        raise TrainingDataError(f"no usable text in column {spec.text_col!r}")

    if spec.mode == "multi":
        labels = list(spec.multi_label_cols)
        if type_labels is not None and labels != list(type_labels):
            raise TrainingDataError(f"multi-label columns {labels} differ from the model's labels {list(type_labels)}")
        targets = np.stack([_binary(df[c], c) for c in labels], axis=1)
    else:
        values = df[spec.label_col].astype(str).str.strip()
        if type_labels is not None:
            labels = list(type_labels)
        elif spec.infer_labels:
            labels = sorted(values.unique())
        else:
            labels = list(INCIDENT_TYPES)
        unknown = sorted(set(values) - set(labels))
        if unknown:
            rows = [i for i, v in enumerate(values) if v in set(unknown)]
            # One bad row is fixed in the file; --infer-labels is no fix for it: it throws away the project taxonomy
            # and trains on whatever labels this file holds (a custom taxonomy), so it is only named as that.
            raise TrainingDataError(
                f"unknown label(s) {unknown[:10]} in column {spec.label_col!r}{where}: {_bad_rows_message(df, rows, values, texts)}. "
                f"Fix each to one of {labels} or drop the row, then train again"
                + ("" if spec.infer_labels or type_labels else
                   " (--infer-labels is something else: it replaces the project taxonomy with the labels found in "
                   "this file, for a model with a custom label set)"))
        index = {lab: k for k, lab in enumerate(labels)}
        targets = np.zeros((len(df), len(labels)), dtype=np.float32)
        targets[np.arange(len(df)), values.map(index).to_numpy()] = 1.0
        if spec.secondary_col:
            for i, sec in enumerate(df[spec.secondary_col].astype(str).str.strip()):
                if sec and sec != values.iloc[i] and sec in index:
                    targets[i] *= 1 - SECONDARY_WEIGHT
                    targets[i, index[sec]] = SECONDARY_WEIGHT

    priority = None
    if spec.priority_col:
        prio = df[spec.priority_col].astype(str).str.strip().str.upper()
        unknown = sorted(set(prio) - set(PRIORITIES))
        if unknown:
            rows = [i for i, v in enumerate(prio) if v in set(unknown)]
            raise TrainingDataError(
                f"unknown priority value(s) {unknown[:10]} in column {spec.priority_col!r}{where}: "
                f"{_bad_rows_message(df, rows, df[spec.priority_col].astype(str), texts)}. "
                f"Fix each to one of {list(PRIORITIES)} or drop the row, then train again")
        priority = prio.map({p: k for k, p in enumerate(PRIORITIES)}).to_numpy()
    return TriageData(texts, targets, labels, spec.mode, priority)


def check_trainable(data: TriageData) -> None:
    """Reject data a classifier cannot learn from (one class, constant columns)."""
    if data.mode == "single":
        present = np.unique(data.primary_index())
        if len(present) < 2:
            raise TrainingDataError(f"only one class in the training data ({data.type_labels[present[0]]!r}); need at least two")
    else:
        pos = data.type_targets.sum(axis=0)
        constant = [lab for lab, p in zip(data.type_labels, pos) if p == 0 or p == len(data)]
        if constant:
            raise TrainingDataError(f"multi-label column(s) {constant} are constant; drop them")
    if data.priority is not None and len(np.unique(data.priority)) < 2:
        raise TrainingDataError("only one priority level in the training data; need at least two (or omit --priority-col)")


def read_split(path: Path, type_labels: list[str], mode: str, priority_labels: list[str]) -> TriageData:
    """Read back a ``train_split.jsonl`` / ``val_split.jsonl`` written next to a model."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    targets = np.array([r["type_targets"] for r in rows], dtype=np.float32).reshape(len(rows), len(type_labels))
    priority = np.array([r["priority"] for r in rows]) if rows and "priority" in rows[0] else None
    return TriageData([r["text"] for r in rows], targets, list(type_labels), mode, priority, list(priority_labels))


def expand_columns(spec: str, columns: list[str]) -> list[str]:
    """'a,b,c' or 'first..last' (inclusive range in file order) -> column names; unknown names are an error."""
    names: list[str] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        if ".." in part:
            first, last = (s.strip() for s in part.split("..", 1))
            for name in (first, last):
                if name not in columns:
                    raise TrainingDataError(f"column {name!r} not in the file; it has {columns}")
            i, j = columns.index(first), columns.index(last)
            if j < i:
                raise TrainingDataError(f"column range {part!r} runs backwards")
            names.extend(columns[i:j + 1])
        else:
            if part not in columns:
                raise TrainingDataError(f"column {part!r} not in the file; it has {columns}")
            names.append(part)
    return list(dict.fromkeys(names))


def drop_constant(df: pd.DataFrame, cols: list[str]) -> list[str]:
    """The multi-label columns that are not constant (a constant column cannot be learned or scored)."""
    keep = []
    for col in cols:
        values = _binary(df[col], col)
        if 0 < values.sum() < len(values):
            keep.append(col)
        else:
            log.warning("dropping constant label column %r", col)
    return keep
