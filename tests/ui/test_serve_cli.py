"""`eca serve` refuses unsafe or impossible settings with one clear line, before any slow loading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ECA = Path(sys.executable).with_name("eca")


def _serve(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("ECA_UI_USERNAME", "ECA_UI_PASSWORD", "ECA_UI_HOST")}
    clean.update(env)
    return subprocess.run([str(ECA), "serve", *args], capture_output=True, text=True, timeout=120, env=clean)


@pytest.mark.parametrize("args, env, message", [
    (("--host", "0.0.0.0"), {}, "requires credentials; set ECA_UI_USERNAME and ECA_UI_PASSWORD"),
    ((), {"ECA_UI_HOST": "0.0.0.0", "ECA_UI_USERNAME": "ops"}, "requires credentials"),
    (("--port", "70000"), {}, "--port must be between 0 and 65535"),
])
def test_serve_refuses_with_one_clear_line(args, env, message) -> None:
    result = _serve(*args, **env)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert "running at" not in result.stdout
