"""Label-free features of social-media messages for a "not related to the incident" filter.

Why: the messages a keyword or hashtag search collects about an incident include some that talk about something
else (sport, holidays, other news sharing a place name or a hashtag). What marks them is less their words than
their relation to the rest of the stream and their form:
- ``surface_features``: the form of one message (hashtags, mentions, links, retweet marker, length, shouting);
- ``group_context``: how the message sits in its own event's stream, from the stream's texts alone (never
  labels): closeness to the stream's centroid in one or more embedding views, how dense its neighbourhood is,
  and whether its hashtags are the stream's common ones;
- ``title_similarity``: closeness to the incident's own short description (what an operator names the incident
  being monitored, e.g. "Queensland floods"): a tweet caught by the place name alone is far from it.
Everything is computed per message or per stream, so it is as available for a live incident as for a
training event.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from core.text import URL_RE
from finetune.noise_filter import FORM_NAMES, form_features

_HASHTAG = re.compile(r"#(\w+)", re.UNICODE)

SURFACE_NAMES = ("hashtags", "mentions", "urls", "retweet", "words", "upper_share", "digit_share", "exclaim",
                 "question", "non_ascii_share")


def hashtags(text: str) -> list[str]:
    """Lower-cased hashtags of ``text`` (without '#')."""
    return [h.lower() for h in _HASHTAG.findall(text)]


def surface_features(texts: list[str]) -> np.ndarray:
    """(N, len(SURFACE_NAMES)) float32: counts (log1p) and shares describing each message's form: the noise filter's
    form features (``finetune.noise_filter.form_features``) and four more."""
    extra = np.zeros((len(texts), len(SURFACE_NAMES) - len(FORM_NAMES)), dtype=np.float32)
    for i, text in enumerate(texts):
        text = str(text)
        body = URL_RE.sub(" ", text)
        extra[i] = (sum(c.isdigit() for c in body) / max(1, len(body)), float("!" in text), float("?" in text),
                    sum(ord(c) > 127 for c in body) / max(1, len(body)))
    return np.hstack([form_features(texts), extra])


def group_context(views: list[np.ndarray], texts: list[str], groups: np.ndarray, k: int = 10,
                  min_tag_share: float = 0.02) -> np.ndarray:
    """(N, 6 * len(views) + 2) float32 features of how typical each message is of its own group's stream.

    Per embedding view: cosine to the group's centroid, its z-score and rank within the group; mean cosine to
    the ``k`` nearest other messages of the group (a message alone in its corner of the stream is off-topic
    more often than one among many), its z-score and rank. Then two hashtag features: the share of the
    message's hashtags that at least ``min_tag_share`` of its group's messages use, and whether it has any
    hashtag at all. No labels are read.
    """
    from triage_stack import group_similarity, unit_rows, within_group

    groups = np.asarray(groups)
    n = len(groups)
    out = np.zeros((n, 6 * len(views) + 2), dtype=np.float32)
    for v, emb in enumerate(views):
        out[:, 6 * v:6 * v + 3] = group_similarity(emb, groups)  # centroid cosine, its z-score and rank
    tags = [hashtags(str(t)) for t in texts]
    for g in np.unique(groups):
        idx = np.flatnonzero(groups == g)
        for v, emb in enumerate(views):
            x = unit_rows(np.asarray(emb[idx], dtype=np.float32))
            sims = x @ x.T
            np.fill_diagonal(sims, -np.inf)
            kk = max(1, min(k, len(idx) - 1))
            dens = np.sort(sims, axis=1)[:, -kk:].mean(1) if len(idx) > 1 else np.zeros(len(idx))
            out[idx, 6 * v + 3:6 * v + 6] = np.column_stack([dens, *within_group(dens)])
        df = Counter(t for i in idx for t in set(tags[i]))
        common = {t for t, c in df.items() if c >= max(2, min_tag_share * len(idx))}
        for i in idx:
            out[i, -2] = sum(t in common for t in tags[i]) / len(tags[i]) if tags[i] else 0.0
            out[i, -1] = float(bool(tags[i]))
    return out


def event_title(event: str) -> str:
    """A readable incident description from a CrisisLexT26-style event id: '2013_Lac_Megantic_train_crash' ->
    'Lac Megantic train crash' (the year is dropped: it says nothing about the topic)."""
    words = [w for w in str(event).replace("-", "_").split("_") if w and not (w.isdigit() and len(w) == 4)]
    return " ".join(words)


def title_similarity(emb: np.ndarray, groups: np.ndarray, title_emb: dict) -> np.ndarray:
    """(N, 3) float32: cosine of each message to its group's title embedding, its z-score and rank in the group.

    ``title_emb`` maps a group to the embedding (same encoder as ``emb``) of that group's description.
    """
    from triage_stack import group_similarity

    return group_similarity(np.asarray(emb, dtype=np.float32), np.asarray(groups), title_emb)
