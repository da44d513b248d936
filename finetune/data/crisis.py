"""Real crisis messages mapped onto the taxonomy, as extra training signal (opt-in, see docs/finetune.md).

Figure Eight (``disaster_response_validation.csv``): a message whose categories name one of our hazards
becomes that type (fire, earthquake, floods, storm, search_and_rescue, medical_help, security,
electricity, in that order of precedence), ``related=0`` becomes ``not_incident``; other related messages
(aid requests with no hazard we model) are left out. Only the rows the Figure Eight benchmark trains on are
used (its own 80 % split, same seed), never the 20 % it scores. Priority is not labelled there: typed rows
get P3 (the bulk are requests for help after the event), not_incident rows P4.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core.settings import PROJECT_ROOT

CRISIS_DIR = PROJECT_ROOT.parent / "shared" / "data" / "crisis"
FIG8_MAP = [("fire", "fire"), ("earthquake", "earthquake_collapse"), ("floods", "flood"), ("storm", "severe_weather"),
            ("search_and_rescue", "missing_person"), ("medical_help", "medical"), ("security", "public_security"),
            ("electricity", "utility_outage")]


def _usable(text: object) -> bool:
    from core.errors import InputError
    from core.text import check_text

    try:
        check_text("" if not isinstance(text, str) else text, max_chars=2**62)
        return True
    except InputError:
        return False


def figure_eight_rows(path: Path | None = None, seed: int = 13) -> pd.DataFrame:
    """Taxonomy-labelled rows from the Figure Eight benchmark's training part (empty if the file is absent)."""
    from finetune.dataset import LabelSpec, drop_constant, expand_columns, prepare, read_table
    from finetune.train import stratified_split

    path = path or CRISIS_DIR / "disaster_response_validation.csv"
    if not path.is_file():
        return pd.DataFrame(columns=["text", "incident_type", "priority", "secondary_type"])
    df = read_table(path)
    cols = drop_constant(df, expand_columns("related..direct_report", list(df.columns)))
    data = prepare(df, LabelSpec(text_col="message", label_col=None, priority_col=None, multi_label_cols=tuple(cols)))
    df = df[[_usable(t) for t in df["message"].tolist()]].reset_index(drop=True)  # the rows prepare() kept
    if len(data) != len(df):
        raise ValueError("Figure Eight rows do not line up with the benchmark's prepared data")
    train_idx, _ = stratified_split(data, 0.2, seed=seed)  # the benchmark's own split: its test rows stay unseen
    rows = []
    for i in train_idx:
        rec = df.iloc[i]
        if str(rec["related"]).strip() == "0":
            rows.append((data.texts[i], "not_incident", "P4"))
            continue
        for col, typ in FIG8_MAP:
            if str(rec[col]).strip() == "1":
                rows.append((data.texts[i], typ, "P3"))
                break
    out = pd.DataFrame(rows, columns=["text", "incident_type", "priority"])
    out["secondary_type"] = ""
    return out
