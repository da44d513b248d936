"""Where the base model and the adapter come from at run time.

Adapter: the CURRENT one trained by ``eca train-llm`` under <data_dir>/models/llm_lora if
any, else the adapter shipped in the repository (agent/lora/adapter), so the first
``make run`` never trains.  Base: ECA_LLM_MODEL when it names a local HF directory, else
the packaged SmolLM2 materialised once under <data_dir>/cache.
"""

from __future__ import annotations

from pathlib import Path

SHIPPED_ADAPTER = Path(__file__).with_name("adapter")


def resolve_adapter(settings=None) -> Path:
    from core.settings import get_settings

    settings = settings or get_settings()
    root = settings.models_dir / "llm_lora"
    marker = root / "CURRENT"
    if marker.is_file():
        path = root / marker.read_text().strip()
        if (path / "adapter_config.json").exists():
            return path
    if not (SHIPPED_ADAPTER / "adapter_config.json").exists():
        raise FileNotFoundError(f"no LoRA adapter: neither {marker} nor {SHIPPED_ADAPTER} (run `eca train-llm`)")
    return SHIPPED_ADAPTER


def resolve_base_dir(settings=None) -> Path:
    from core.settings import get_settings

    settings = settings or get_settings()
    if settings.llm_model and (Path(settings.llm_model) / "config.json").exists():
        return Path(settings.llm_model)
    from agent.local_llm import materialize_packaged_llm

    return materialize_packaged_llm(settings.cache_dir)
