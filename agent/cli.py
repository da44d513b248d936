"""The ``eca`` command line: one entry point, subcommands registered by each package."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from agent.config import setup_logging

log = logging.getLogger("eca")


class UserError(Exception):
    """A problem with the user's input: printed as one clear line, never a traceback."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eca", description="Emergency command assistant")
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (env ECA_LOG_LEVEL)")
    sub = parser.add_subparsers(dest="command", required=True)
    # Each package owns its subcommands; imports stay lazy inside their handlers.
    from finetune import cli as finetune_cli
    from knowledge import cli as knowledge_cli
    from tools import cli as tools_cli
    from agent import commands as agent_commands
    from ui import cli as ui_cli

    for module in (finetune_cli, knowledge_cli, tools_cli, agent_commands, ui_cli):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.log_level)
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
