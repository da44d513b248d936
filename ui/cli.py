"""The ``eca`` command line (an interface, like the Gradio app): one entry point, subcommands registered by each package.

``eca serve`` opens the command-centre UI on embedded defaults.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from core.errors import UserError
from core.settings import setup_logging

log = logging.getLogger("eca")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eca", description="Emergency command assistant")
    parser.add_argument("--log-level", default=None, help="DEBUG, INFO, WARNING (env ECA_LOG_LEVEL)")
    sub = parser.add_subparsers(dest="command", required=True)
    # Each package owns its subcommands; heavy imports stay lazy inside their handlers.
    from agent import commands as agent_commands
    from finetune import cli as finetune_cli
    from knowledge import cli as knowledge_cli
    from tools import cli as tools_cli

    for module in (finetune_cli, tools_cli, agent_commands):
        module.register(sub)
    knowledge_cli.register(sub, screen=_plan_screen)
    register(sub)
    return parser


def _plan_screen(text: str) -> str | None:
    """The agent's screen for orders to the assistant in a plan passage (imported on first use: the rules are heavy)."""
    from agent.plan_screen import instructions_in_passage

    return instructions_in_passage(text)


# One-shot commands that load the whole assistant: as a program, they leave as soon as they are done.
QUICK_EXIT_COMMANDS = {"plan", "chat"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.log_level)
    try:
        code = int(args.handler(args) or 0)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        code = 130
    if argv is None and args.command in QUICK_EXIT_COMMANDS:  # run as the `eca` program, not called from Python
        _quick_exit(code)
    return code


def _quick_exit(code: int) -> None:
    """Exit without tearing down the loaded models, road graphs and indexes object by object (seconds on a
    small machine, after the answer is already printed).  Nothing is lost: the incident log commits every
    write, and the output streams and log handlers are flushed first."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(code)


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eca` parser."""
    serve = sub.add_parser("serve", help="open the command-centre UI (prepares models and plans on first run)")
    serve.add_argument("--host", default=None, help="bind address (default ECA_UI_HOST, 127.0.0.1); "
                       "a non-loopback address needs ECA_UI_USERNAME and ECA_UI_PASSWORD")
    serve.add_argument("--port", type=int, default=None, help="port (default ECA_UI_PORT, 7860)")
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from core.settings import get_settings

    settings = get_settings()
    host = args.host or settings.ui_host
    port = settings.ui_port if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise UserError(f"--port must be between 0 and 65535, got {port}")

    from ui.app import launch
    from ui.security import UIConfigError, check_bind

    try:
        check_bind(host, settings.ui_username, settings.ui_password)  # refuse before minutes of loading
    except UIConfigError as exc:
        raise UserError(str(exc)) from None

    from agent.assistant import Assistant
    from tools.scenario import ScenarioError

    print("Preparing the assistant (first run trains the triage model and ingests the plans)…", flush=True)
    try:
        assistant = Assistant.from_settings(settings, notify=lambda line: print(line, flush=True))
    except (ScenarioError, FileNotFoundError) as exc:  # a bad scenario file or a missing model/data path
        raise UserError(str(exc)) from None
    try:
        running = launch(settings, assistant, host=host, port=port, block=False)
    except OSError as exc:
        raise UserError(f"cannot serve on {host}:{port}: {exc}") from None
    print(f"Command centre running at {running.url}  (Ctrl+C to stop)", flush=True)
    try:
        running.demo.block_thread()
    finally:
        running.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
