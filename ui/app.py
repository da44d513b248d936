"""Serve the command centre: ``launch(settings)`` (loopback by default; any other address only with
credentials).  Everything the page needs is served by this process: no tiles, no web fonts, no analytics.

The UI's parts: ``ui.security`` (where it may listen), ``ui.actions`` (what an operator can do, shared by
page and API), ``ui.page`` (the page's handlers), ``ui.layout`` (the page), ``ui.api`` (the JSON API).
"""

from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from agent.assistant import Assistant
from core.settings import Settings
from ui.layout import build_app
from ui.page import CommandCentre
from ui.security import check_bind
from ui.views import CSS

__all__ = ["RunningUI", "build_app", "launch"]


@dataclass
class RunningUI:
    """A UI served in the background (tests, benchmarks)."""

    demo: gr.Blocks
    url: str

    def close(self) -> None:
        self.demo.close()


def launch(settings: Settings, assistant: Assistant | None = None, *, host: str | None = None,
           port: int | None = None, block: bool = True) -> RunningUI:
    """Serve the UI. Loopback by default; another address requires ECA_UI_USERNAME/ECA_UI_PASSWORD."""
    host = host or settings.ui_host
    port = settings.ui_port if port is None else port
    auth = check_bind(host, settings.ui_username, settings.ui_password)  # before any slow loading
    if assistant is None:
        assistant = Assistant.from_settings(settings)
    demo = build_app(assistant, settings=settings)
    centre: CommandCentre = demo.eca_centre  # type: ignore[attr-defined]
    _, local_url, _ = demo.launch(
        server_name=host, server_port=port, auth=auth, share=False, inbrowser=False, quiet=True,
        prevent_thread_lock=True, show_error=False, ssr_mode=False, mcp_server=False, pwa=False,
        enable_monitoring=False, allowed_paths=[str(centre.export_dir)], css=CSS,
        footer_links=["api"],
    )
    running = RunningUI(demo=demo, url=local_url)
    if block:
        try:
            demo.block_thread()
        finally:
            demo.close()
    return running
