"""A real (quick-trained) model: typed results, routing by script, truncation, bad input, quality floor."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from core.errors import InputError
from finetune.predict import TriageResult
from core.vocabulary import INCIDENT_TYPES, PRIORITIES


def test_results_are_typed_and_probabilities_sum_to_one(quick_classifier):
    results = quick_classifier.predict(["Man collapsed at Kluuvikatu bus stop, not breathing", "商场内有人持刀伤人"])
    assert all(isinstance(r, TriageResult) for r in results)
    for r in results:
        assert set(r.type_probs) == set(INCIDENT_TYPES) and set(r.priority_probs) == set(PRIORITIES)
        assert sum(r.type_probs.values()) == pytest.approx(1, abs=1e-3)
        assert sum(r.priority_probs.values()) == pytest.approx(1, abs=1e-3)
        assert r.type_confidence == pytest.approx(max(r.type_probs.values()), abs=1e-3)
        assert r.model_version == quick_classifier.version
    assert [r.language for r in results] == ["en", "zh"]


def test_chinese_goes_through_the_multilingual_head(quick_classifier):
    assert quick_classifier.zh_head is not None
    texts = ["居民楼起火，有人被困在五楼", "有人持刀伤人", "Fire at Mikonkatu 4"]
    types, _, langs, _, _ = quick_classifier.predict_proba(texts)
    head_types, _ = quick_classifier.zh_head.predict_proba(quick_classifier.zh_head.features(texts[:2]), 4)
    w = quick_classifier.type_blend  # the n-gram + cue model takes the rest of the weight
    if w < 1.0:
        text_types, _ = quick_classifier.priority_text_model.predict_proba(texts[:2], 4)
        head_types = w * head_types + (1 - w) * text_types
    assert langs == ["zh", "zh", "en"]
    assert np.allclose(types[:2], head_types, atol=1e-5)
    assert not np.allclose(types[2], quick_classifier.zh_head.predict_proba(quick_classifier.zh_head.features(texts[2:]), 4)[0][0], atol=1e-3)
    assert types[0].argmax() == INCIDENT_TYPES.index("fire")


def test_obvious_english_reports(quick_classifier):
    results = quick_classifier.predict(["House on fire at Mikonkatu 5, flames from the roof",
                                        "Knife attack at the railway station, people stabbed"])
    assert [r.incident_type for r in results] == ["fire", "public_security"]
    assert results[1].priority in ("P1", "P2")


def test_batch_equals_single(quick_classifier):
    texts = ["Water main burst on Bulevardi", "Power out on Fabianinkatu", "tree down on Esplanadi after storm"]
    batch = quick_classifier.predict(texts)
    single = [quick_classifier.predict([t])[0] for t in texts]
    for a, b in zip(batch, single):
        assert a.incident_type == b.incident_type
        assert np.allclose(list(a.type_probs.values()), list(b.type_probs.values()), atol=1e-3)


def test_long_report_is_read_whole_in_overlapping_windows(quick_classifier, caplog, monkeypatch):
    """A long call whose hazard comes only at the end: the last window sees it (no silent cut at the window)."""
    chatter = "The caller talks about her son, the weather and the neighbours' dog. " * 40
    ids = quick_classifier.tokenizer(chatter + "Now the kitchen is on fire.")["input_ids"]
    windows = quick_classifier._windows(ids)
    assert len(windows) > 1 and all(len(w) <= quick_classifier.max_length for w in windows)
    assert windows[-1][-2] == ids[-2]  # the last real token is inside the last window
    fire = INCIDENT_TYPES.index("fire")
    with caplog.at_level(logging.WARNING, logger="finetune.predict"):
        types, _, truncated = quick_classifier._transformer_proba([chatter + "Fire in the stairwell, people trapped upstairs!", chatter])
    assert truncated == [False, False] and "triaged on the beginning only" not in caplog.text
    assert types[0, fire] > types[1, fire] + 0.1
    import finetune.predict as predict

    monkeypatch.setattr(predict, "MAX_TRIAGE_CHARS", 25_000)  # the real bound is 250,000: ten times the windows
    (result,) = quick_classifier.predict(["Fire at Kaivokatu 8. " + "x" * 25_000])
    assert result.truncated  # past MAX_TRIAGE_CHARS the text itself is cut, and said so


def test_bad_item_is_named_and_nothing_is_triaged(quick_classifier):
    with pytest.raises(InputError, match="#1 is empty"):
        quick_classifier.predict(["fire on Esplanadi", "   "])
    with pytest.raises(InputError, match="#0.*binary"):
        quick_classifier.predict(["\x00\x01\x02\x03binary"])
    with pytest.raises(TypeError, match="sequence"):
        quick_classifier.predict("a bare string")
    assert quick_classifier.predict([]) == []


def test_quick_model_beats_chance_on_the_handwritten_test_set(quick_classifier):
    """Even the 30-second model must be far above chance (1/12) on reports no template produced."""
    from finetune.dataset import prepare, read_table
    from finetune.registry import HANDWRITTEN_TEST, default_spec

    data = prepare(read_table(HANDWRITTEN_TEST), default_spec())
    types, prio, langs, _, _ = quick_classifier.predict_proba(data.texts)
    accuracy = (types.argmax(1) == data.primary_index()).mean()
    assert accuracy > 0.5, accuracy
    zh = np.array(langs) == "zh"
    assert (types[zh].argmax(1) == data.primary_index()[zh]).mean() > 0.4


def test_priority_blend_is_chosen_on_validation_and_used(quick_model_dir, quick_classifier):
    import json

    import numpy as np

    from finetune.predict import PRIORITY_TEXT_MODEL

    config = json.loads((quick_model_dir / "config.json").read_text(encoding="utf-8"))
    scores = {float(k): v for k, v in config["priority_blend_scores"].items()}
    assert set(scores) == {1.0, 0.75, 0.5, 0.25, 0.0}
    assert scores[config["priority_blend"]] == max(scores.values())
    assert (quick_model_dir / PRIORITY_TEXT_MODEL).is_file() == (config["priority_blend"] < 1.0)
    _, prio, _, _, _ = quick_classifier.predict_proba(["Two people trapped in a burning car on Mannerheimintie"])
    assert np.allclose(prio.sum(1), 1.0, atol=1e-4)


def test_parallel_workers_give_the_same_triage_and_restore_torch_threads(quick_classifier):
    import torch

    from finetune.predict import MIN_WORKER_WINDOWS

    # Enough reports for two workers, of different lengths (a long one read in windows), in no length order.
    texts = [f"{w} reported on Mannerheimintie near number {i}, " + "people are gathering and asking for help " * (i % 4)
             for i, w in enumerate(["Fire", "A flood", "A car crash", "Gas smell", "A fight", "Smoke"] * 3)]
    texts.append("My neighbour collapsed in the stairwell and is not breathing. " * 30)
    assert len(texts) >= 2 * MIN_WORKER_WINDOWS
    workers = quick_classifier.workers
    torch.set_num_threads(2)
    try:
        quick_classifier.set_workers(1)
        one = quick_classifier.predict(texts)
        quick_classifier.set_workers(2)
        two = quick_classifier.predict(texts)
        assert torch.get_num_threads() == 2  # the encoder's single-thread section gives the caller's setting back
    finally:
        quick_classifier.set_workers(workers)
    for a, b in zip(one, two):
        assert (a.incident_type, a.priority) == (b.incident_type, b.priority)
        assert np.allclose(list(a.type_probs.values()), list(b.type_probs.values()), atol=1e-4)
        assert np.allclose(list(a.priority_probs.values()), list(b.priority_probs.values()), atol=1e-4)


def test_concurrent_thread_count_sections_give_the_setting_back():
    """Triage workers (1 thread) and retrieval queries (their own count) share torch's process-wide setting."""
    from concurrent.futures import ThreadPoolExecutor

    import torch

    from core.settings import torch_threads

    before = torch.get_num_threads()
    seen = []

    def section(n: int) -> None:
        with torch_threads(n):
            seen.append(torch.get_num_threads() == n)
            torch.ones(64, 64) @ torch.ones(64, 64)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(section, [1, 3, 1, 3] * 10))
    assert all(seen) and torch.get_num_threads() == before


def test_settings_are_constructor_arguments_with_defaults(quick_classifier):
    from core.settings import get_settings
    from finetune.predict import TriageClassifier

    qc = quick_classifier
    plain = TriageClassifier(qc.path, qc.config, qc.tokenizer, qc.net, qc.zh_head)
    assert (plain.workers, plain.runtime, plain.threads, plain.batch_size) == (1, "torch", 1, 64)
    assert plain.fallback_min_probability is None and plain.priority_text_model is None and plain._pool is None
    tuned = TriageClassifier(qc.path, qc.config, qc.tokenizer, qc.net, qc.zh_head, workers=2, batch_size=8,
                             fallback_min_probability=0.8, priority_text_model=qc.priority_text_model)
    assert tuned.workers == 2 and tuned._pool is not None and tuned.batch_size == 8 and tuned.fallback_min_probability == 0.8
    texts = ["Fire in the kitchen on Annankatu 3", "Two cars collided, one driver trapped", "楼道里有很浓的煤气味"]
    assert [(r.incident_type, r.priority) for r in tuned.predict(texts)] == [(r.incident_type, r.priority) for r in qc.predict(texts)]
    # load() hands the settings to the constructor
    assert qc.runtime == get_settings().triage_runtime and qc.fallback_min_probability == get_settings().triage_fallback_min_prob
