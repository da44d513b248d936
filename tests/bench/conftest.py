"""The research modules that only the benchmarks use live in bench/ (not a package): tests import them from there."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
