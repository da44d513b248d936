"""`eca serve`: the command-centre UI on embedded defaults."""

from __future__ import annotations

import argparse
import logging

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add this package's subcommands to the `eca` parser."""
    serve = sub.add_parser("serve", help="open the command-centre UI (prepares models and plans on first run)")
    serve.add_argument("--host", default=None, help="bind address (default ECA_UI_HOST, 127.0.0.1); "
                       "a non-loopback address needs ECA_UI_USERNAME and ECA_UI_PASSWORD")
    serve.add_argument("--port", type=int, default=None, help="port (default ECA_UI_PORT, 7860)")
    serve.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    from agent.cli import UserError
    from agent.config import get_settings

    settings = get_settings()
    host = args.host or settings.ui_host
    port = settings.ui_port if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise UserError(f"--port must be between 0 and 65535, got {port}")

    from ui.app import UIConfigError, check_bind, launch

    try:
        check_bind(host, settings.ui_username, settings.ui_password)  # refuse before minutes of loading
    except UIConfigError as exc:
        raise UserError(str(exc)) from None

    from agent.assistant import Assistant
    from tools.scenario import ScenarioError

    print("Preparing the assistant (first run trains the triage model and ingests the plans)…", flush=True)
    try:
        assistant = Assistant.from_settings(settings)
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
