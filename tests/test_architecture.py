"""The layering of the code base is a contract: `lint-imports` (import-linter) must keep it.

Layers, top to bottom: ui (Gradio app, `eca` CLI) > agent > finetune | knowledge | tools (independent) > core.
A lower layer never imports a higher one, and no package has an import cycle (see pyproject.toml).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    return subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The check has teeth: a copy of the tree with one upward import (tools -> agent) fails it."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "var", "node_modules", "*.pyc", "test-artifacts"))
    with (copy / "tools" / "routing.py").open("a", encoding="utf-8") as fh:
        fh.write("\nimport agent.store  # deliberate upward import\n")
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    result = subprocess.run([exe, "--no-cache"], cwd=copy, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(copy), "PATH": str(Path(sys.executable).parent)})
    assert result.returncode != 0
    assert "tools is not allowed to import agent" in result.stdout
