"""The command-centre page: its components, where they sit, and which handler each event calls.

Three columns on the wall screen: intake and triage | map and plan | conversation.  The
handlers are ``ui.page.CommandCentre``'s; the JSON API (``ui.api``) is registered on the
same app and calls the same actions.
"""

from __future__ import annotations

from types import SimpleNamespace

import gradio as gr

from agent.assistant import Assistant
from core.settings import Settings
from core.vocabulary import INCIDENT_TYPES, PRIORITIES
from ui.api import register_api
from ui.inputs import UPLOAD_SUFFIXES
from ui.map import RoadLayer
from ui.page import CommandCentre, new_session
from ui.views import LOG_COLUMNS, STATUS_PENDING, plan_html, triage_html


def build_app(assistant: Assistant, *, settings: Settings | None = None, roads: RoadLayer | None = None) -> gr.Blocks:
    """The command-centre page and its API endpoints, bound to one assistant."""
    centre = CommandCentre(assistant, settings=settings, roads=roads)
    with gr.Blocks(title="Emergency command centre", analytics_enabled=False, fill_width=True) as demo:
        components = _components(centre)
        _wire(demo, centre, components)
    demo.queue(default_concurrency_limit=int(centre.settings.ui_concurrency))
    demo.eca_centre = centre  # type: ignore[attr-defined]  # tests and benches reach the behaviour object
    return demo


def _components(centre: CommandCentre) -> SimpleNamespace:
    """The page's components, laid out (call inside the Blocks context)."""
    session = gr.State(new_session())
    with gr.Row():
        gr.HTML('<h2 style="margin:0">Emergency command centre</h2>', scale=2)
        status = gr.HTML(STATUS_PENDING, scale=7, elem_id="status")
        with gr.Column(scale=1, min_width=90):
            refresh = gr.Button("Refresh", size="sm", elem_id="refresh-btn")
    with gr.Row():
        incidents = gr.Dropdown(label="Open incidents", choices=[], value=None, interactive=True, scale=6,
                                elem_id="incidents")
        new_btn = gr.Button("New incident", scale=1, min_width=120)
    notice = gr.HTML("", elem_id="notice")
    with gr.Row():
        with gr.Column(scale=4, min_width=360):
            report = gr.Textbox(label="Incoming report", lines=5, max_lines=12, elem_id="report",
                                placeholder="Paste or type the report: what, where, how many people, hazards…")
            with gr.Row():
                upload = gr.UploadButton("Upload report (.txt/.md)", file_types=list(UPLOAD_SUFFIXES), size="sm")
                triage_btn = gr.Button("Triage", variant="primary", elem_id="triage-btn")
                plan_btn = gr.Button("Plan response", variant="secondary", elem_id="plan-btn")
            triage_view = gr.HTML(triage_html(None), elem_id="triage")
            with gr.Row():
                type_dd = gr.Dropdown(label="Correct type", choices=list(INCIDENT_TYPES), value=None,
                                      interactive=True, elem_id="type-dd")
                prio_dd = gr.Dropdown(label="Correct priority", choices=list(PRIORITIES), value=None,
                                      interactive=True, elem_id="prio-dd")
            with gr.Row():
                accept_btn = gr.Button("Accept triage", size="sm", elem_id="accept-btn")
                correct_btn = gr.Button("Save correction", size="sm", variant="stop", elem_id="correct-btn")
        with gr.Column(scale=5, min_width=420):
            map_plot = gr.Plot(value=centre.map_figure(None), label="Map", elem_id="map")
            with gr.Row():
                approve_btn = gr.Button("Approve plan", variant="primary", elem_id="approve-btn")
                dl_md = gr.DownloadButton("Export Markdown", interactive=False, elem_id="export-md")
                dl_json = gr.DownloadButton("Export JSON", interactive=False, elem_id="export-json")
            plan_view = gr.HTML(plan_html(None), elem_id="plan", padding=True)
        # Three columns on the wall screen: intake and triage | map and plan | conversation.
        with gr.Column(scale=4, min_width=360):
            chatbot = gr.Chatbot(label="Assistant", height=640, elem_id="chat", buttons=["copy"],
                                 feedback_options=None, sanitize_html=True)
            chat_in = gr.Textbox(placeholder="Ask the assistant, e.g. 'Plan the evacuation of Kamppi'",
                                 show_label=False, elem_id="chat-in", lines=1, max_lines=4)
            with gr.Row():
                send_btn = gr.Button("Send", variant="primary", scale=3, elem_id="send-btn")
                stop_btn = gr.Button("Stop", scale=1, min_width=60)
    with gr.Accordion("Incident log", open=False, elem_id="log-accordion"):
        log_table = gr.Dataframe(headers=LOG_COLUMNS, value=[], interactive=False, wrap=True, elem_id="log")
    return SimpleNamespace(session=session, status=status, refresh=refresh, incidents=incidents, new_btn=new_btn, notice=notice, report=report, upload=upload, triage_btn=triage_btn, plan_btn=plan_btn, triage_view=triage_view, type_dd=type_dd, prio_dd=prio_dd, accept_btn=accept_btn, correct_btn=correct_btn, map_plot=map_plot, approve_btn=approve_btn, dl_md=dl_md, dl_json=dl_json, plan_view=plan_view, chatbot=chatbot, chat_in=chat_in, send_btn=send_btn, stop_btn=stop_btn, log_table=log_table)


def _wire(demo: gr.Blocks, centre: CommandCentre, c: SimpleNamespace) -> None:
    """Which handler each event calls, with which inputs and outputs."""
    register_api(centre.actions)  # first, so the public endpoints get the plain names
    private = {"api_visibility": "private"}
    # Two load events: the incident list is instant, the status may wait on the LLM (a local one loads first).
    demo.load(centre.incidents, [c.session], [c.incidents], **private)
    demo.load(centre.status, None, [c.status], **private)
    c.refresh.click(centre.incidents, [c.session], [c.incidents], **private)
    c.refresh.click(centre.status, None, [c.status], **private)
    c.upload.upload(centre.upload, [c.upload], [c.report, c.notice], **private)
    c.triage_btn.click(centre.triage, [c.report, c.session],
                     [c.triage_view, c.type_dd, c.prio_dd, c.session, c.incidents, c.log_table, c.notice], **private)
    c.report.submit(centre.triage, [c.report, c.session],
                  [c.triage_view, c.type_dd, c.prio_dd, c.session, c.incidents, c.log_table, c.notice], **private)
    c.accept_btn.click(centre.accept, [c.session], [c.triage_view, c.incidents, c.log_table, c.notice], **private)
    c.correct_btn.click(centre.correct, [c.type_dd, c.prio_dd, c.session], [c.triage_view, c.incidents, c.log_table, c.notice],
                      **private)
    plan_outputs = [c.plan_view, c.map_plot, c.dl_md, c.dl_json, c.session, c.incidents, c.log_table, c.notice]
    c.plan_btn.click(centre.plan, [c.report, c.session], plan_outputs, **private)
    c.approve_btn.click(centre.approve, [c.session], [c.plan_view, c.dl_md, c.dl_json, c.log_table, c.notice], **private)
    restore_outputs = [c.session, c.incidents, c.chatbot, c.triage_view, c.plan_view, c.map_plot, c.dl_md, c.dl_json, c.log_table,
                       c.report, c.notice]
    c.new_btn.click(centre.new_incident, [c.session], restore_outputs, **private)
    c.incidents.input(centre.switch, [c.incidents, c.session], restore_outputs, **private)
    chat_outputs = [c.chatbot, c.chat_in, c.session, c.plan_view, c.map_plot, c.dl_md, c.dl_json, c.incidents, c.notice]
    send_evt = c.send_btn.click(centre.chat, [c.chat_in, c.chatbot, c.session], chat_outputs, **private)
    submit_evt = c.chat_in.submit(centre.chat, [c.chat_in, c.chatbot, c.session], chat_outputs, **private)
    c.stop_btn.click(None, cancels=[send_evt, submit_evt])
