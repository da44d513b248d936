"""Label-free tweet features for the 'not related' filter (bench/tweet_features.py), on small made-up streams."""

from __future__ import annotations

import numpy as np

from tweet_features import SURFACE_NAMES, group_context, hashtags, surface_features


def test_surface_features_read_the_form_of_a_tweet():
    feats = surface_features(["RT @fire_dept: Evacuate now #wildfire #colorado http://t.co/x", "what a GAME tonight!!"])
    f = dict(zip(SURFACE_NAMES, feats.T))
    assert f["retweet"].tolist() == [1.0, 0.0] and f["exclaim"].tolist() == [0.0, 1.0]
    assert np.allclose([f["hashtags"][0], f["urls"][0], f["mentions"][0]], np.log1p([2, 1, 1]))
    assert f["hashtags"][1] == 0 and f["upper_share"][1] > f["upper_share"][0]
    assert feats.dtype == np.float32 and surface_features([]).shape == (0, len(SURFACE_NAMES))


def test_hashtags_are_lower_cased_without_the_sign():
    assert hashtags("Flooding on #Main st #YYCflood") == ["main", "yycflood"]


def test_group_context_flags_the_off_topic_tweet_of_each_stream_without_labels():
    rng = np.random.default_rng(1)
    topics = rng.normal(size=(2, 32))
    groups = np.repeat([0, 1], 12)
    emb = np.vstack([topics[g] + rng.normal(scale=0.4, size=32) for g in groups])
    emb[5] = rng.normal(size=32)  # off the topic of stream 0
    texts = [f"water rising #flood{g}" for g in groups]
    texts[5] = "great game tonight #sports"
    feats = group_context([emb, emb * 2.0], texts, groups, k=3)
    assert feats.shape == (24, 6 * 2 + 2)
    in0 = slice(0, 12)
    assert feats[5, 0] == feats[in0, 0].min()  # farthest from its stream's centroid
    assert feats[5, 3] == feats[in0, 3].min()  # sparsest neighbourhood
    assert np.allclose(feats[:, :6], feats[:, 6:12], atol=1e-5)  # cosine views ignore the vector scale
    assert feats[5, -2] == 0.0 and feats[0, -2] == 1.0 and feats[:, -1].all()  # the stream's own hashtag, or not
    assert np.allclose([feats[in0, 1].mean(), feats[12:, 1].mean()], 0, atol=1e-5)  # z-scores within each stream


def test_title_similarity_ranks_the_tweet_about_the_incident_first():
    from tweet_features import event_title, title_similarity

    assert event_title("2013_Lac_Megantic_train_crash") == "Lac Megantic train crash"
    emb = np.array([[1.0, 0.1], [0.1, 1.0], [0.9, 0.3], [0.0, 1.0]])
    feats = title_similarity(emb, np.array(["a", "a", "a", "b"]), {"a": np.array([2.0, 0.0]), "b": np.array([0.0, 1.0])})
    assert feats.shape == (4, 3) and feats[:3, 0].argmax() == 0 and feats[1, 2] == 1 / 3
    assert np.isclose(feats[3, 0], 1.0)
