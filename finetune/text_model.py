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
