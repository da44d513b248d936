"""Installs are reproducible: requirements.lock pins every dependency of pyproject.toml at a version it allows.

Refresh with `make lock` after changing dependencies; this test fails until then.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = list(project["dependencies"]) + [r for extra in project.get("optional-dependencies", {}).values() for r in extra]
    return [Requirement(spec) for spec in specs]


def test_every_declared_dependency_is_pinned_at_an_allowed_version():
    pins = _pins()
    problems = []
    for requirement in _declared():
        name = canonicalize_name(requirement.name)
        if name == "torch":  # installed first and on its own (CPU build from disk, or the user's CUDA build)
            continue
        if name not in pins:
            problems.append(f"{requirement.name}: not in requirements.lock")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement.name}: lock pins {pins[name]}, pyproject asks {requirement.specifier}")
    assert not problems, "requirements.lock is out of date with pyproject.toml (run `make lock`):\n" + "\n".join(problems)


def test_the_lock_pins_no_cuda_build():
    # triton comes with xgrammar; it is left unpinned (like torch) because it must match the torch build
    assert not [name for name in _pins() if name.startswith("nvidia-") or name == "triton"]
