"""What a first start still has to prepare, said on stdout before the wait (a new user took a silent five-minute
start for a hang: the only notice was a log line on stderr).

``pending_steps`` looks, without doing any of the work, for what is missing: the triage model, the knowledge base,
the road-network cache, the request router's fit and the converted local LLM; ``Preparation`` prints one line per step as it starts, with a
rough duration, and the total at the end. The long steps show tqdm bars of their own (training, ingest).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from core.settings import Settings

# Rough durations on a small machine (2 CPU cores, session 13 measurements; the README's first-run note).
STEP_NOTES = {
    "triage": "training the triage model on the shipped data (once; about 4-8 minutes on 2 CPU cores, progress bars below)",
    "plans": "ingesting the emergency plans into the knowledge base (once; about 1 minute)",
    "city": "reading the Helsinki road network and buildings from the OSM extract (once; about 1 minute)",
    "router": "fitting the request router on the labelled requests (once; about 1 minute)",
    "injection": "fitting the prompt-injection classifier (once; under a minute), so the first question does not wait for it",
    "llm": "converting the packaged local LLM (once; 1-8 minutes: its tokenizer is rebuilt from the GGUF file)",
}


def pending_steps(settings: Settings) -> list[str]:
    """The first-run steps this data folder still needs (keys of ``STEP_NOTES``), in the order they run."""
    from finetune.registry import current_model_dir

    steps = []
    if current_model_dir(settings) is None:
        steps.append("triage")
    if not settings.chroma_url and not (settings.chroma_dir / "chroma.sqlite3").is_file():
        steps.append("plans")
    if not any(settings.cache_dir.glob("city-*.pkl")):
        steps.append("city")
    if not any((settings.models_dir / "router").glob("router-*.joblib")):  # agent.router_model's fit cache
        steps.append("router")
    if settings.injection_classifier and not (settings.models_dir / "injection" / "injection-classifier.joblib").is_file():
        steps.append("injection")  # agent.injection_classifier's fit cache; fitted lazily in the first turn otherwise
    if settings.llm_backend == "local" and not settings.llm_model \
            and not (settings.cache_dir / "smollm2-135m-instruct-hf" / "model.safetensors").is_file():  # agent.local_llm
        steps.append("llm")
    return steps


@dataclass
class Preparation:
    """Says each pending step as it starts (``notify`` is ``print`` in the terminal; None says nothing)."""

    notify: Callable[[str], None] | None
    pending: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    @classmethod
    def for_settings(cls, settings: Settings, notify: Callable[[str], None] | None) -> "Preparation":
        prep = cls(notify, pending_steps(settings))
        if prep.pending and notify:
            notify(f"First start on {settings.data_dir}: {len(prep.pending)} thing(s) to prepare once; later starts take seconds.")
        return prep

    def step(self, key: str) -> None:
        if self.notify and key in self.pending:
            self.notify(f"  · {STEP_NOTES[key][0].upper()}{STEP_NOTES[key][1:]}…")

    def done(self) -> None:
        if self.notify and self.pending:
            self.notify(f"Prepared in {time.perf_counter() - self.started:.0f} s.")
