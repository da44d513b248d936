"""Checks of a labelled file before training: exact duplicates, labels that contradict life-threat words.

What a person would see reading the file: the same report twice (it would sit in both the training and the
validation split and flatter the validation figures), and "Man collapsed ... not breathing" labelled
not_incident / P4 (a model trained on it learns to send no one).  Duplicates are dropped (first kept), contradictions
are listed as warnings and kept: the label may be deliberate, and the person retraining decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.vocabulary import NOT_INCIDENT
from finetune.cues import CUE_NAMES, LIFE_THREAT, cue_match, cue_matrix
from finetune.dataset import LINES_ATTR, LabelSpec, row_name, strip_stray_quote

LOW_PRIORITIES = ("P4",)
# A life-threat word inside a drill, a test, a hoax, a resolved or a figurative report is no contradiction.
_EXCUSING_CUES = ("test_drill", "resolved", "hoax", "figurative")


@dataclass
class DataCheck:
    """What ``check_rows`` found: the rows kept and one line per finding."""

    df: pd.DataFrame
    duplicates: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)

    def warnings(self) -> list[str]:
        out = []
        if self.duplicates:
            out.append(f"{len(self.duplicates)} exact duplicate row(s) dropped (first kept): " + "; ".join(self.duplicates[:5])
                       + (" ..." if len(self.duplicates) > 5 else ""))
        out += [f"label contradicts life-threat words, check it: {c}" for c in self.contradictions]
        return out


def _key(text: object) -> str:
    """A text as duplicates are compared: stray quote, case and spacing ignored ('' for a missing text)."""
    if not isinstance(text, str):
        return ""
    return " ".join(strip_stray_quote(text).split()).casefold()


def check_rows(df: pd.DataFrame, spec: LabelSpec) -> DataCheck:
    """Drop exact duplicate rows (same text, ignoring case and spacing) and list rows whose type label or priority
    contradicts strong life-threat words ("not breathing", "unconscious", "被困") in their text."""
    keys = [_key(t) for t in df[spec.text_col].tolist()]
    texts = df[spec.text_col].astype(str).tolist()
    first: dict[str, int] = {}
    drop, duplicates = [], []
    for i, key in enumerate(keys):
        if not key:
            continue
        if key in first:
            j = first[key]
            same = all(str(df[c].iloc[i]).strip() == str(df[c].iloc[j]).strip()
                       for c in (spec.label_col, spec.priority_col) if c)
            what = "same labels" if same else "DIFFERENT labels: check which is right"
            duplicates.append(f"{row_name(df, i)} repeats {row_name(df, j)} ({what})")
            drop.append(i)
        else:
            first[key] = i
    contradictions = []
    first_seen_dropped = set(drop)
    if spec.mode == "single" and spec.label_col and not spec.infer_labels:
        cues = cue_matrix(texts)
        index = {name: k for k, name in enumerate(CUE_NAMES)}
        for i, text in enumerate(texts):
            if i in first_seen_dropped:
                continue
            label = str(df[spec.label_col].iloc[i]).strip()
            prio = str(df[spec.priority_col].iloc[i]).strip().upper() if spec.priority_col else ""
            if label != NOT_INCIDENT and prio not in LOW_PRIORITIES:
                continue
            threats = [name for name in LIFE_THREAT if cues[i, index[name]]]
            if not threats or any(cues[i, index[name]] for name in _EXCUSING_CUES):
                continue
            words = ", ".join(repr(cue_match(name, text)) for name in threats)
            contradictions.append(f"{row_name(df, i)} (\"{text.strip()[:70]}\") is labelled {label}"
                                  + (f"/{prio}" if prio else "") + f" but says {words}")
    dropped = set(drop)
    kept = df.drop(index=df.index[drop]).reset_index(drop=True)
    kept.attrs = dict(df.attrs)
    if LINES_ATTR in df.attrs:
        kept.attrs[LINES_ATTR] = [line for i, line in enumerate(df.attrs[LINES_ATTR]) if i not in dropped]
    return DataCheck(kept, duplicates, contradictions)
