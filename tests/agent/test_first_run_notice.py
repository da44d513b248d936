"""A first start says what it prepares and roughly how long (on stdout, via ``notify``); a prepared data folder
says nothing."""

from __future__ import annotations

from pathlib import Path

from agent.first_run import Preparation, pending_steps
from core.settings import Settings


def test_a_fresh_data_folder_names_every_step_with_a_duration(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "fresh", llm_backend="local", llm_model="")
    assert pending_steps(settings) == ["triage", "plans", "city", "router", "injection", "llm"]
    lines: list[str] = []
    prep = Preparation.for_settings(settings, lines.append)
    for key in ("triage", "plans", "city", "router", "injection", "llm"):
        prep.step(key)
    prep.done()
    assert "First start" in lines[0] and "6 thing(s)" in lines[0]
    assert any("request router" in line for line in lines)
    assert any("triage model" in line and "minutes" in line for line in lines)
    assert any("emergency plans" in line for line in lines) and any("road network" in line for line in lines)
    assert lines[-1].startswith("Prepared in")


def test_a_prepared_folder_and_a_given_model_say_nothing(tmp_path: Path):
    model = tmp_path / "model"
    model.mkdir()
    data = tmp_path / "ready"
    (data / "chroma").mkdir(parents=True)
    (data / "chroma" / "chroma.sqlite3").write_bytes(b"")
    (data / "cache").mkdir()
    (data / "cache" / "city-0123456789abcdef-v5.pkl").write_bytes(b"")
    (data / "models" / "router").mkdir(parents=True)
    (data / "models" / "router" / "router-0123456789ab.joblib").write_bytes(b"")
    settings = Settings(data_dir=data, triage_model_dir=model, llm_backend="none", injection_classifier=False)
    assert pending_steps(settings) == []
    lines: list[str] = []
    prep = Preparation.for_settings(settings, lines.append)
    prep.step("triage")
    prep.done()
    assert lines == []


def test_without_notify_the_steps_are_still_known_but_nothing_is_said(tmp_path: Path):
    prep = Preparation.for_settings(Settings(data_dir=tmp_path / "x"), None)
    prep.step("triage")
    prep.done()
    assert "triage" in prep.pending  # the caller still prepares what the first turn would wait for
