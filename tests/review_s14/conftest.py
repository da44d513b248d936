"""The grid-city fixtures of tests/tools (conftest modules cannot be imported by name under importlib mode)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("_tools_conftest", Path(__file__).parent.parent / "tools" / "conftest.py")
_tools = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tools)


@pytest.fixture()
def make_grid_city():
    return _tools.grid_city


@pytest.fixture()
def at():
    return _tools.grid_point

