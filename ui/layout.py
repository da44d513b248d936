"""The command-centre page: its components, where they sit, and which handler each event calls.

Three columns on the wall screen: intake and triage | map and plan | conversation.  The
handlers are ``ui.page.CommandCentre``'s; the JSON API (``ui.api``) is registered on the
same app and calls the same actions.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import gradio as gr

from agent.assistant import Assistant
from core.settings import Settings
from core.vocabulary import INCIDENT_TYPES, PRIORITIES
from ui.api import register_api
from ui.inputs import UPLOAD_SUFFIXES
from ui.map import RoadLayer
from ui.page import CommandCentre, new_session
from ui.situation_tab import Situation, build_situation_tab, register_intake_api
from ui.views import LOG_COLUMNS, STATUS_PENDING, board_html, plan_html, shelters_html, sitrep_html, triage_html


# A click anywhere on the map's plot area writes its longitude/latitude into the two number boxes
# (plotly's axes convert pixels to data: x is longitude, y latitude). Attached once to #map, which
# survives the figure being redrawn after every plan.
MAP_CLICK_JS = """
() => {
  const attach = () => {
    const host = document.querySelector('#map');
    if (!host) { setTimeout(attach, 500); return; }
    if (host.dataset.clickToLocate) return;
    host.dataset.clickToLocate = '1';
    host.addEventListener('click', (ev) => {
      const gd = host.querySelector('.js-plotly-plot');
      if (!gd || !gd._fullLayout || !gd._fullLayout.xaxis) return;
      const box = gd.getBoundingClientRect(), size = gd._fullLayout._size;
      const px = ev.clientX - box.left - size.l, py = ev.clientY - box.top - size.t;
      if (px < 0 || py < 0 || px > size.w || py > size.h) return;
      const lon = gd._fullLayout.xaxis.p2l(px), lat = gd._fullLayout.yaxis.p2l(py);
      for (const [id, v] of [['set-lat', lat], ['set-lon', lon]]) {
        const input = document.querySelector('#' + id + ' input');
        if (!input) continue;
        input.value = v.toFixed(6);
        input.dispatchEvent(new Event('input', {bubbles: true}));
        input.dispatchEvent(new Event('change', {bubbles: true}));
      }
    }, true);
  };
  attach();
}
"""


def build_app(assistant: Assistant, *, settings: Settings | None = None, roads: RoadLayer | None = None,
              situation: Situation | None = None) -> gr.Blocks:
    """The command-centre page and its API endpoints, bound to one assistant (plus the Situation tab of a
    stream monitor, when given)."""
    centre = CommandCentre(assistant, settings=settings, roads=roads)
    with gr.Blocks(title="Emergency command centre", analytics_enabled=False, fill_width=True) as demo:
        if situation is None:
            components = _components(centre)
        else:
            with gr.Tab("Command centre", elem_id="centre-tab"):
                components = _components(centre)
            if situation.roads is None:  # the Situation map draws the same streets as the incident map
                situation.roads = centre.map.roads
            opened_evt, opened = build_situation_tab(situation)
        _wire(demo, centre, components)
        if situation is not None:  # an incident opened from a cluster: the command centre follows it
            c = components
            followed = opened_evt.then(centre.follow, [opened, c.session], _restore_outputs(c), api_visibility="private")
            followed.then(centre.situation, [c.session], [c.sitrep, c.unit_board, c.shelters, c.proposals],
                          api_visibility="private")  # the sitrep counts the new incident
        if situation is not None:
            register_intake_api(situation)
            demo.eca_situation = situation  # type: ignore[attr-defined]
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
        new_btn = gr.Button("New incident", scale=1, min_width=120, elem_id="new-incident-btn")
    notice = gr.HTML("", elem_id="notice")
    with gr.Accordion("Situation", open=True, elem_id="situation"):
        with gr.Row():
            with gr.Column(scale=4, min_width=360):
                sitrep = gr.HTML(sitrep_html(None), elem_id="sitrep")
            with gr.Column(scale=5, min_width=420):
                unit_board = gr.HTML(board_html(None), elem_id="unit-board")
            with gr.Column(scale=3, min_width=280):
                shelters = gr.HTML(shelters_html(None), elem_id="shelters")
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
            with gr.Row():  # a click on the map fills these (MAP_CLICK_JS); the operator confirms with the button
                set_lat = gr.Number(label="Latitude", value=None, precision=6, elem_id="set-lat", min_width=100)
                set_lon = gr.Number(label="Longitude", value=None, precision=6, elem_id="set-lon", min_width=100)
                relocate_btn = gr.Button("Set location and re-plan", size="sm", elem_id="relocate-btn")
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
            proposals = gr.Dropdown(label="Proposed changes (need your confirmation)", choices=[], value=None,
                                    interactive=True, elem_id="proposals")
            with gr.Row():
                confirm_btn = gr.Button("Confirm", variant="primary", elem_id="confirm-btn")
                reject_btn = gr.Button("Reject", variant="stop", elem_id="reject-btn")
    with gr.Accordion("Incident log", open=False, elem_id="log-accordion"):
        log_table = gr.Dataframe(headers=LOG_COLUMNS, value=[], interactive=False, wrap=True, elem_id="log")
    return SimpleNamespace(session=session, status=status, refresh=refresh, incidents=incidents, new_btn=new_btn, notice=notice, report=report, upload=upload, triage_btn=triage_btn, plan_btn=plan_btn, triage_view=triage_view, type_dd=type_dd, prio_dd=prio_dd, accept_btn=accept_btn, correct_btn=correct_btn, map_plot=map_plot, set_lat=set_lat, set_lon=set_lon, relocate_btn=relocate_btn, approve_btn=approve_btn, dl_md=dl_md, dl_json=dl_json, plan_view=plan_view, chatbot=chatbot, chat_in=chat_in, send_btn=send_btn, stop_btn=stop_btn, log_table=log_table, sitrep=sitrep, unit_board=unit_board, shelters=shelters, proposals=proposals, confirm_btn=confirm_btn, reject_btn=reject_btn)


def _chat_busy() -> tuple[Any, Any]:
    return gr.update(interactive=False), gr.update(interactive=False)


def _chat_ready() -> tuple[Any, Any]:
    return gr.update(interactive=True), gr.update(interactive=True)


def _restore_outputs(c: SimpleNamespace) -> list[Any]:
    """What restoring an incident into the page writes (``CommandCentre.switch``)."""
    return [c.session, c.incidents, c.chatbot, c.triage_view, c.plan_view, c.map_plot, c.dl_md, c.dl_json,
            c.log_table, c.report, c.notice]


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
    triage_outputs = [c.triage_view, c.type_dd, c.prio_dd, c.session, c.incidents, c.log_table, c.notice]
    c.triage_btn.click(centre.triage, [c.report, c.session], triage_outputs, **private)
    c.report.submit(centre.triage, [c.report, c.session], triage_outputs, **private)
    decision_outputs = [c.triage_view, c.incidents, c.log_table, c.notice]
    c.accept_btn.click(centre.accept, [c.session], decision_outputs, **private)
    c.correct_btn.click(centre.correct, [c.type_dd, c.prio_dd, c.session], decision_outputs, **private)
    plan_outputs = [c.plan_view, c.map_plot, c.dl_md, c.dl_json, c.session, c.incidents, c.log_table, c.notice]
    c.plan_btn.click(centre.plan, [c.report, c.session], plan_outputs, **private)
    c.relocate_btn.click(centre.relocate, [c.set_lat, c.set_lon, c.report, c.session], plan_outputs, **private)
    demo.load(None, None, None, js=MAP_CLICK_JS)
    approve_evt = c.approve_btn.click(centre.approve, [c.session], [c.plan_view, c.dl_md, c.dl_json, c.log_table, c.notice], **private)
    restore_outputs = _restore_outputs(c)
    c.new_btn.click(centre.new_incident, [c.session], restore_outputs, **private)
    c.incidents.input(centre.switch, [c.incidents, c.session], restore_outputs, **private)
    chat_outputs = [c.chatbot, c.chat_in, c.session, c.plan_view, c.map_plot, c.dl_md, c.dl_json, c.incidents, c.notice]
    # While an answer is being made the input and Send are disabled: Gradio drops a click on an event still running,
    # so a message sent then would silently not go (the operator sees why instead; the text stays in the box).
    chat_input = [c.chat_in, c.send_btn]
    send_evt = c.send_btn.click(_chat_busy, None, chat_input, queue=False, **private).then(
        centre.chat, [c.chat_in, c.chatbot, c.session], chat_outputs, **private)
    submit_evt = c.chat_in.submit(_chat_busy, None, chat_input, queue=False, **private).then(
        centre.chat, [c.chat_in, c.chatbot, c.session], chat_outputs, **private)
    for event in (send_evt, submit_evt):
        event.then(_chat_ready, None, chat_input, queue=False, **private)
    c.stop_btn.click(_chat_ready, None, chat_input, cancels=[send_evt, submit_evt], queue=False, **private)
    # The situation panel follows every change: page load, refresh, chat turns, plans, approvals, decisions.
    situation = [c.sitrep, c.unit_board, c.shelters, c.proposals]
    demo.load(centre.situation, [c.session], situation, **private)
    c.refresh.click(centre.situation, [c.session], situation, **private)
    for event in (send_evt, submit_evt):
        event.then(centre.situation, [c.session], situation, **private)
        event.then(centre.log_table_for, [c.session], [c.log_table], **private)
    # after the approval has filed its dispatch proposal, so the panel the notice points to lists it
    approve_evt.then(centre.situation, [c.session], situation, **private)
    c.plan_btn.click(centre.situation, [c.session], situation, **private)
    # the chat says the outcome under "Awaiting your confirmation"; a confirmed move redraws the plan panel and the map
    decided = [c.notice, c.log_table, *situation, c.plan_view, c.map_plot, c.chatbot]
    confirm_evt = c.confirm_btn.click(centre.confirm, [c.proposals, c.session, c.chatbot], decided, **private)
    # a confirmed close or merge takes an incident off the list, a retype changes its label: the selector follows
    confirm_evt.then(centre.incidents, [c.session], [c.incidents], **private)
    c.reject_btn.click(centre.reject, [c.proposals, c.session, c.chatbot], decided, **private)
