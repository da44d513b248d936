"""Triage classifier: incident type and priority of incoming reports.

Heavy imports (torch, transformers) stay lazy: ``import finetune`` is cheap.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "INCIDENT_TYPES": "core.vocabulary", "PRIORITIES": "core.vocabulary",
    "InputError": "core.errors", "TrainingDataError": "finetune.errors", "ModelNotFoundError": "finetune.errors",
    "TriageResult": "finetune.predict", "TriageClassifier": "finetune.predict",
    "current_model_dir": "finetune.registry", "load_current_classifier": "finetune.registry",
    "ensure_default_model": "finetune.registry", "train_quick_model": "finetune.registry",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'finetune' has no attribute {name!r}")
