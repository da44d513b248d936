"""The router's training data (agent-owned, a scored set left out) and its fit cache (core.fit_cache)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

import agent
from agent.router_model import IntentRouter, _default_router, request_set_paths, training_requests, without_set
from core.fit_cache import load_or_fit
from core.settings import Settings, get_settings


def test_the_shipped_router_trains_on_agent_owned_sets_only():
    paths = [path for path, _ in request_set_paths(Settings().router_train_sets)]
    package = Path(agent.__file__).parent
    assert len(paths) >= 6 and all(path.is_relative_to(package / "data") for path in paths)  # installed with agent/


def _write_set(path: Path, texts: list[str]) -> Path:
    items = [{"id": f"r{i}", "split": "dev", "category": "situation", "text": t, "calls": [{"tool": "sitrep"}]}
             for i, t in enumerate(texts)]
    path.write_text(yaml.safe_dump(items), encoding="utf-8")
    return path


def test_a_scored_set_is_left_out_of_training(tmp_path):
    one, two = _write_set(tmp_path / "one.yaml", ["ONE ITEM"]), _write_set(tmp_path / "two.yaml", ["TWO ITEM"])
    spec = f"{tmp_path}"  # a folder: its .yaml files
    texts, _ = training_requests(without_set(spec, one))
    assert "TWO ITEM" in texts and "ONE ITEM" not in texts
    assert without_set(spec, one, keep_train=True).split(",") == [f"{one}:train", str(two)]
    assert without_set(spec, tmp_path / "other.yaml") == f"{one},{two}"  # not among them: nothing left out


def test_fit_cache_refits_a_stale_or_unreadable_cache_with_the_reason_logged(tmp_path, caplog):
    path, fits = tmp_path / "m.joblib", []

    def fit() -> dict:
        fits.append(1)
        return {"fitted": len(fits)}

    caplog.set_level(logging.INFO, logger="core.fit_cache")
    assert load_or_fit(path, {"data": "a"}, fit) == {"fitted": 1} and path.is_file()
    assert load_or_fit(path, {"data": "a"}, fit) == {"fitted": 1} and len(fits) == 1
    assert load_or_fit(path, {"data": "b"}, fit) == {"fitted": 2}
    assert "is stale: data changed" in caplog.text
    path.write_bytes(b"not a joblib file")
    assert load_or_fit(path, {"data": "b"}, fit) == {"fitted": 3}
    assert "unreadable" in caplog.text
    assert load_or_fit(path, {"data": "b"}, fit) == {"fitted": 3}  # rewritten whole
    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    assert load_or_fit(blocked / "m.joblib", {}, fit) == {"fitted": 4}  # cannot be written: fitted, said, no error
    assert "could not cache" in caplog.text


@pytest.fixture
def small_router_settings(tmp_path, monkeypatch):
    """IntentRouter.default() on a small request set and its own data dir, the process's router caches cleared."""
    spec = _write_set(tmp_path / "set.yaml", ["sitrep please", "give me the situation report", "sitrep now"])
    monkeypatch.setenv("ECA_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("ECA_ROUTER_TRAIN_SETS", str(spec))
    get_settings.cache_clear()
    _default_router.cache_clear()
    yield spec
    get_settings.cache_clear()
    _default_router.cache_clear()


def test_the_default_router_is_fitted_once_then_loaded(small_router_settings, caplog):
    caplog.set_level(logging.INFO, logger="core.fit_cache")
    first = IntentRouter.default()
    assert "intent router: fitting (no cached fit" in caplog.text
    [cached] = (get_settings().models_dir / "router").glob("router-*.joblib")
    _default_router.cache_clear()  # as a new process would
    caplog.clear()
    second = IntentRouter.default()
    assert f"loaded the cached fit {cached}" in caplog.text and "fitting" not in caplog.text
    assert second is not first and second.take == first.take
    text = "send two engines to Kamppi"
    assert second.predict_one(text).learned.scores == pytest.approx(first.predict_one(text).learned.scores)
    _write_set(small_router_settings, ["sitrep please", "sitrep now"])  # the training data changed
    _default_router.cache_clear()
    caplog.clear()
    IntentRouter.default()
    assert "is stale: data changed" in caplog.text


def test_the_default_router_follows_the_settings_it_is_given_not_the_process_ones(small_router_settings, tmp_path):
    """An Assistant built with other settings (another data dir, other training sets) must get the router those
    settings describe: the process's settings name one set, the passed ones another."""
    other = _write_set(tmp_path / "other.yaml", ["where is Kamppi", "find Kamppi on the map", "locate Kamppi"])
    settings = get_settings().model_copy(update={"router_train_sets": str(other), "data_dir": tmp_path / "other-var"})
    IntentRouter.default(settings)
    assert list((settings.models_dir / "router").glob("router-*.joblib")), "fitted under the passed settings' data dir"
    assert not list((get_settings().models_dir / "router").glob("router-*.joblib")), "the process's settings untouched"


def test_a_router_fit_reads_each_request_set_once(small_router_settings, monkeypatch):
    """On a cache miss the key and the fit read the same bytes: the set file is opened once, not once for the key and
    again for each of the fit's two training lists."""
    opened: list[Path] = []
    for name in ("read_bytes", "read_text"):
        original = getattr(Path, name)

        def counted(self, *args, _original=original, **kwargs):
            if self == small_router_settings:
                opened.append(self)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(Path, name, counted)
    monkeypatch.setattr(IntentRouter, "fit", lambda self, texts, labels, single=None: self)  # the reads, not the fit
    IntentRouter.default()
    assert len(opened) == 1
