"""Suite-wide test settings: offline, a throwaway data directory, an artifacts folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# The LoRA tool model costs seconds per chat turn on a CPU: off for the suite, on in tests/agent/test_lora_chat.py.
os.environ.setdefault("ECA_LLM_TOOL_MODEL", "off")
# Never touch a developer's real data directory from the tests.
_SESSION_DATA = Path(tempfile.mkdtemp(prefix="eca-test-data-"))
os.environ["ECA_DATA_DIR"] = str(_SESSION_DATA)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared (real data) is not present")
    return SHARED


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def session_data_dir() -> Path:
    return _SESSION_DATA


# --- shared, real components (trained once per session) ----------------------------------
import hashlib  # noqa: E402
import shutil  # noqa: E402

# Training even a small classifier takes a minute on 2 cores, so the quick model is cached
# between runs, keyed by the training code and data.  Without the cache it is simply trained.
_TEST_CACHE = Path(os.environ.get("ECA_TEST_CACHE", Path.home() / ".cache" / "eca-tests"))


def _finetune_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted((PROJECT_ROOT / "finetune").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".jsonl", ".csv", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def quick_model_dir() -> Path:
    """A real triage model trained on a small subset of the shipped data."""
    from finetune.registry import train_quick_model

    cached = _TEST_CACHE / f"quick-model-{_finetune_fingerprint()}"
    if not (cached / "config.json").exists():
        staging = Path(tempfile.mkdtemp(prefix="eca-quick-"))
        model_dir = train_quick_model(staging)
        if cached.exists():
            shutil.rmtree(cached)
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(model_dir, cached)
    return cached


@pytest.fixture(scope="session")
def base_settings(session_data_dir: Path):
    from core.settings import Settings

    return Settings(data_dir=session_data_dir, llm_backend="none")


@pytest.fixture(scope="session")
def triage_model(quick_model_dir: Path):
    from finetune import TriageClassifier

    return TriageClassifier.load(quick_model_dir)


@pytest.fixture(scope="session")
def retriever(base_settings):
    """A real chromadb knowledge base holding the shipped default plans."""
    from knowledge.ingest import ensure_default_kb
    from knowledge.retriever import Retriever

    ensure_default_kb(base_settings)
    return Retriever.from_settings(base_settings)


@pytest.fixture(scope="session")
def city(base_settings):
    """The default scenario on the real Helsinki OSM network."""
    from tools.city import CityModel

    return CityModel.load(base_settings.scenario, settings=base_settings)


@pytest.fixture(scope="session")
def packaged_llm_dir() -> Path:
    """The packaged SmolLM2 GGUF converted once into a plain HF directory (cached between runs)."""
    from agent.local_llm import materialize_packaged_llm

    return materialize_packaged_llm(_TEST_CACHE)


def share_fitted_models(data_dir: Path, session_dir: Path) -> None:
    """Point a test's own data dir at the session's fitted models and caches (the intent router and the injection
    classifier are fitted once per data dir, ~12 CPU-s each time): a test keeps its own incident log, but does not
    refit what no test changes.  A test that needs a cold fit uses a data dir of its own without this."""
    if data_dir == session_dir:
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in ("models", "cache"):
        (session_dir / name).mkdir(parents=True, exist_ok=True)
        link = data_dir / name
        if not link.exists():
            link.symlink_to(session_dir / name, target_is_directory=True)


@pytest.fixture
def make_assistant(base_settings, triage_model, retriever, city, tmp_path: Path) -> object:
    """(agent, ui and review tests) A real Assistant (quick triage model, real KB, real city) with its own incident log."""
    from agent.assistant import Assistant
    from agent.backends import build_backend
    from agent.store import IncidentStore

    def factory(**overrides):
        settings = base_settings.model_copy(update={"data_dir": tmp_path, **overrides})
        share_fitted_models(settings.data_dir, base_settings.data_dir)
        return Assistant(settings, triage=triage_model, retriever=retriever, city=city,
                         backend=build_backend(settings), store=IncidentStore(tmp_path / "incidents.sqlite"))

    return factory


@pytest.fixture
def chat_turn():
    """``chat_turn(assistant, text, incident)``: the last event of one chat turn of operator op-anna (its reply)."""
    return lambda assistant, text, incident: list(assistant.chat(text, incident, "op-anna"))[-1]


@pytest.fixture
def committed_plan():
    """(the merge tests) ``committed_plan(assistant, report)`` -> (incident id, unit ids): an incident opened the way the
    Triage/Plan buttons and `eca plan` open one, with its plan's units committed (proposed and confirmed)."""
    def commit(assistant, report: str) -> tuple[str, list[str]]:
        plan = assistant.plan(report, narrative=False)
        proposal = assistant.plan_units_proposal(plan.plan_id, "op-anna")
        assistant.confirm_proposal(proposal.proposal_id, "op-anna")
        return plan.incident_id, proposal.args["unit_ids"]

    return commit


@pytest.fixture(autouse=True)
def _free_shelter_places(request):
    """The session's city is shared: shelter places an approved evacuation of one test holds (``CityModel.shelter_taken``)
    are freed after it, so that no other test plans against a shelter filled by an earlier one (nor keeps its assembly point
    out of an earlier test's cordons)."""
    yield
    if "city" in request.fixturenames:
        request.getfixturevalue("city").set_shelter_loads({})
        request.getfixturevalue("city").set_incident_areas([])  # nor near another test's open incidents


@pytest.fixture(autouse=True)
def _plans_at_a_fixed_daytime(monkeypatch):
    """Reports are planned for the time of day they are made at (``agent.time_of_day``: night occupancy at 22:00).
    The suite pins that time to 10:00 in Helsinki, so that a plan does not change with the hour the suite runs; a test
    of the night sets its planner's clock itself."""
    from datetime import datetime, timezone

    import agent.time_of_day

    monkeypatch.setattr(agent.time_of_day, "planning_now", lambda: datetime(2026, 6, 15, 7, 0, tzinfo=timezone.utc))
