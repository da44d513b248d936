"""`eca plan` and `eca chat`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the agent's subcommands to the `eca` parser."""
