"""The n-gram side of the shipped model: TF-IDF word + char n-grams plus the explicit cue features, LR heads.

It is blended with the encoder (weights chosen on validation): n-grams and cues carry the lexical priority
evidence ("trapped", "not breathing", 被困), the encoder carries paraphrase. The baseline the issue names
(``finetune.evaluate.TfidfBaseline``) is the same model without the cues, and stays separate.
"""

from __future__ import annotations

from finetune.cues import CueFeatures
from finetune.evaluate import TfidfBaseline


class CueTextModel(TfidfBaseline):
    """TF-IDF (word 1-2, char_wb 2-4) + life-threat / non-incident cues -> logistic regression."""

    def __init__(self, mode: str = "single", C: float = 10.0, seed: int = 13, cue_scale: float = 0.5):
        super().__init__(mode, C, seed)
        self.cue_scale = cue_scale

    def _pipeline(self):
        from sklearn.pipeline import make_union

        features, lr = super()._pipeline()
        return make_union(*[t for _, t in features.transformer_list], CueFeatures(self.cue_scale)), lr

    def fit(self, data) -> "CueTextModel":
        """Fit on ``data``; repeated rows (upweighted hand-written reports) become sample weights, fitted once."""
        import numpy as np
        from sklearn.base import clone
        from sklearn.multiclass import OneVsRestClassifier

        keys = [(t, tuple(np.round(y, 3)), None if data.priority is None else int(p))
                for t, y, p in zip(data.texts, data.type_targets, data.priority if data.priority is not None else [None] * len(data))]
        first: dict = {}
        for i, k in enumerate(keys):
            first.setdefault(k, []).append(i)
        rows = np.array([v[0] for v in first.values()])
        weight = np.array([len(v) for v in first.values()], dtype=float)
        sub = data.subset(rows)
        self.features, lr = self._pipeline()
        x = self.features.fit_transform(sub.texts)
        self.n_types = sub.type_targets.shape[1]
        if self.mode == "multi":
            lr.set_params(solver="liblinear")
            self.type_model = OneVsRestClassifier(lr).fit(x, (sub.type_targets > 0.5).astype(int))
        else:
            self.type_model = clone(lr).fit(x, sub.primary_index(), sample_weight=weight)
        self.priority_model = None
        if sub.priority is not None:
            self.priority_model = clone(lr).fit(x, sub.priority, sample_weight=weight)
        return self
