"""The triage network on ONNX Runtime: same results as torch, exported once, a bad graph never used."""

from __future__ import annotations

import logging
import shutil

import numpy as np
import pytest

TEXTS = ["House on fire at Mikonkatu 5, flames from the roof", "ok", "Water main burst on Bulevardi",
         "Two cars collided at the junction of Mannerheimintie and Kaivokatu, one driver trapped and bleeding, "
         "traffic blocked both ways, a tram stuck behind them and people gathering on the pavement",
         "Knife attack at the railway station, people stabbed"] * 4  # 20 reports: the batch workers run too


def _load(model_dir, monkeypatch, runtime: str):
    from core.settings import get_settings
    from finetune.predict import TriageClassifier

    monkeypatch.setenv("ECA_TRIAGE_RUNTIME", runtime)
    get_settings.cache_clear()
    try:
        return TriageClassifier.load(model_dir)
    finally:
        monkeypatch.delenv("ECA_TRIAGE_RUNTIME")
        get_settings.cache_clear()


@pytest.fixture()
def model_copy(quick_model_dir, tmp_path):
    target = tmp_path / quick_model_dir.name
    shutil.copytree(quick_model_dir, target, ignore=shutil.ignore_patterns("encoder.onnx", ".encoder.onnx.lock"))
    return target


def test_onnx_gives_the_torch_results_and_is_exported_once(model_copy, monkeypatch):
    pytest.importorskip("onnxruntime")
    from finetune.onnx_runtime import ONNX_FILE

    torch_clf = _load(model_copy, monkeypatch, "torch")
    want = torch_clf.predict(TEXTS)
    assert not (model_copy / ONNX_FILE).exists()  # torch never exports
    onnx_clf = _load(model_copy, monkeypatch, "onnx")
    onnx_clf.set_workers(2)
    attention = onnx_clf.net.encoder.config._attn_implementation

    def second_load(*args, **kwargs):
        raise AssertionError("the export read the model from disk a second time")

    import transformers

    monkeypatch.setattr(transformers.AutoModel, "from_pretrained", second_load)
    got = onnx_clf.predict(TEXTS)  # exports the graph from the network already loaded
    monkeypatch.undo()
    assert onnx_clf._onnx is not None and (model_copy / ONNX_FILE).is_file()
    assert onnx_clf.net.encoder.config._attn_implementation == attention  # the triaging network is left as it was
    for a, b in zip(want, got):
        assert (a.incident_type, a.priority, a.secondary_types) == (b.incident_type, b.priority, b.secondary_types)
        assert np.allclose(list(a.type_probs.values()), list(b.type_probs.values()), atol=1e-4)
        assert np.allclose(list(a.priority_probs.values()), list(b.priority_probs.values()), atol=1e-4)
    _batch_does_not_wait_for_torch_threads(onnx_clf, got)
    single = onnx_clf.predict(TEXTS[:1])[0]  # a lone report: the all-threads session
    assert single.incident_type == want[0].incident_type
    stamp = (model_copy / ONNX_FILE).stat().st_mtime_ns
    again = _load(model_copy, monkeypatch, "onnx")
    assert again.predict(TEXTS[:2])[1].incident_type == want[1].incident_type
    assert (model_copy / ONNX_FILE).stat().st_mtime_ns == stamp  # the graph is reused, not exported again


def _batch_does_not_wait_for_torch_threads(clf, want) -> None:
    """The ONNX batch workers never touch torch, so they take no torch thread-count lock: a batched triage goes on
    while another thread (a retrieval query) holds torch at its own thread count."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from core.settings import torch_threads

    held, release = threading.Event(), threading.Event()

    def query() -> None:
        with torch_threads(3):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=query)
    holder.start()
    try:
        assert held.wait(10)
        with ThreadPoolExecutor(1) as pool:
            again = pool.submit(clf.predict, TEXTS).result(timeout=60)  # would time out if it waited for the lock
    finally:
        release.set()
        holder.join()
    assert [(r.incident_type, r.priority) for r in again] == [(r.incident_type, r.priority) for r in want]


def test_a_damaged_or_wrong_graph_is_not_used(model_copy, monkeypatch, caplog):
    pytest.importorskip("onnxruntime")
    from finetune.onnx_runtime import ONNX_FILE

    want = _load(model_copy, monkeypatch, "torch").predict(TEXTS[:3])
    (model_copy / ONNX_FILE).write_bytes(b"not an onnx graph")
    with caplog.at_level(logging.WARNING, logger="finetune.predict"):
        clf = _load(model_copy, monkeypatch, "onnx")
        got = clf.predict(TEXTS[:3])
    assert clf._onnx is None and "triage runs on torch" in caplog.text and "could not be loaded" in caplog.text
    assert [r.incident_type for r in got] == [r.incident_type for r in want]
    assert not (model_copy / ONNX_FILE).exists()  # removed: exported afresh next time
    # A graph of another model (right shape, wrong weights) fails the probe check against this model's torch network.
    other = _load(model_copy, monkeypatch, "onnx")
    other.predict(TEXTS[:1])
    assert other._onnx is not None
    import torch

    clf = _load(model_copy, monkeypatch, "onnx")
    with torch.no_grad():
        clf.net.type_head.bias += 1.0  # this network no longer matches the exported graph
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="finetune.predict"):
        clf.predict(TEXTS[:1])
    assert clf._onnx is None and "differs from the torch model" in caplog.text
