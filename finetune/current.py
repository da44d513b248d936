"""The "current" marker of a folder of versioned models (written by training, read by the registry)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from finetune.errors import ModelNotFoundError

CURRENT_FILE = "CURRENT"


def mark_current(root: Path, version: str) -> None:
    """Point CURRENT at ``version`` atomically (write a temp file, then rename over)."""
    if not (root / version).is_dir():
        raise ModelNotFoundError(f"no model {version!r} under {root}")
    fd, tmp = tempfile.mkstemp(dir=root, prefix=".CURRENT.")
    with os.fdopen(fd, "w") as fh:
        fh.write(version + "\n")
    os.replace(tmp, root / CURRENT_FILE)
