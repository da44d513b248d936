"""`eca plan` and `eca chat`."""

from __future__ import annotations

import argparse
import sys

from agent.order_words import NO_WORDS, YES_WORDS
from agent.terminal_input import TerminalInput, is_answer_line


def _llm_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--llm", choices=["openai", "local", "none"], help="LLM backend (env ECA_LLM_BACKEND)")
    parser.add_argument("--llm-base-url", help="OpenAI-compatible server URL (env ECA_LLM_BASE_URL)")
    parser.add_argument("--llm-model", help="served model name or local HF model directory (env ECA_LLM_MODEL)")
    parser.add_argument("--operator", help="operator name written to the incident log (env ECA_OPERATOR)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the agent's subcommands to the `eca` parser."""
    plan = sub.add_parser("plan", help="build a response plan for an incident report")
    plan.add_argument("report", help="report text, or - to read standard input")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON instead of Markdown")
    plan.add_argument("--no-summary", action="store_true", help="skip the LLM narrative summary")
    _llm_flags(plan)
    plan.set_defaults(handler=run_plan)

    chat = sub.add_parser("chat", help="chat with the assistant in the terminal")
    chat.add_argument("--incident", help="continue an existing incident id")
    _llm_flags(chat)
    chat.set_defaults(handler=run_chat)

    export = sub.add_parser("export-corrections", help="write operator triage corrections as training data for `eca train`")
    export.add_argument("out", help="output .csv (columns text, incident_type, priority)")
    export.add_argument("--include-shipped", action="store_true",
                        help="also write the shipped training set, so `eca train --data OUT` retrains on both")
    export.set_defaults(handler=run_export)

    for name in ("dispatch",):  # `eca dispatch` recommends units: with the statuses the log holds
        if name in sub.choices:
            sub.choices[name].set_defaults(restore_unit_statuses=restore_from_log)

    from agent.monitor import cli as monitor_cli

    monitor_cli.register(sub)

    from agent.lora.train import add_arguments as lora_arguments, run as run_train_llm

    train_llm = sub.add_parser("train-llm", help="fine-tune the small LLM (LoRA) to call the tools and write grounded summaries")
    lora_arguments(train_llm)
    train_llm.set_defaults(handler=run_train_llm)


def restore_from_log(city) -> dict[str, str]:
    """Restore the incident log's confirmed unit statuses into a city the tools' commands loaded (none if no log)."""
    from agent.proposals import restore_unit_statuses
    from agent.store import IncidentStore
    from core.settings import get_settings

    path = get_settings().incident_db
    if not path.exists():
        return {}
    store = IncidentStore(path)
    try:
        changed = restore_unit_statuses(store, city)
    finally:
        store.close()
    if changed:
        print("Unit statuses from the incident log: "
              + ", ".join(f"{unit} {status.replace('_', ' ')}" for unit, status in sorted(changed.items())))
    return changed


def build_assistant(args: argparse.Namespace, notices=None):
    """The assistant for a command; what a first start prepares is said on ``notices`` (stdout by default; stderr
    where stdout carries JSON)."""
    from agent.assistant import Assistant
    from core.settings import get_settings

    overrides = {key: value for key, value in {
        "llm_backend": args.llm, "llm_base_url": args.llm_base_url, "llm_model": args.llm_model, "operator": args.operator,
    }.items() if value}
    settings = get_settings().model_copy(update=overrides)
    stream = notices or sys.stdout
    return Assistant.from_settings(settings, notify=lambda line: print(line, file=stream, flush=True))


def run_plan(args: argparse.Namespace) -> int:
    from core.errors import UserError
    from core.text import check_text, read_stdin
    from agent.long_message import MAX_PASTE_CHARS
    from agent.render import to_json, to_markdown
    from agent.safety import InputError

    try:  # cheap checks before the (slow) assistant load
        report = read_stdin() if args.report == "-" else args.report
        check_text(report, what="report", max_chars=MAX_PASTE_CHARS)  # longer than read at once: fitted, and said
    except InputError as exc:
        raise UserError(str(exc)) from None
    assistant = build_assistant(args, notices=sys.stderr if args.json else sys.stdout)  # --json: stdout is the plan only
    try:
        plan = assistant.plan(report, narrative=not args.no_summary)
    except InputError as exc:
        raise UserError(str(exc)) from exc
    print(to_json(plan) if args.json else to_markdown(plan))
    return 0


def run_chat(args: argparse.Namespace) -> int:
    from core.errors import UserError
    from agent.store import UnknownIncidentError

    if hasattr(sys.stdin, "reconfigure"):  # a line that is not UTF-8 reaches the assistant's check, which refuses it
        sys.stdin.reconfigure(errors="surrogateescape")
    assistant = build_assistant(args)
    if args.incident:
        try:
            assistant.incident(args.incident)
        except UnknownIncidentError as exc:
            raise UserError(f"{exc}; leave out --incident to open a new one") from None
    incident = args.incident  # None until the first report opens one: a session of questions leaves no empty incident
    session: list[str] = [incident] if incident else []  # every incident this session has been on, oldest first
    queued: list[str] = []
    print(f"Incident {incident}. Type a report or a question; Ctrl-D to quit." if incident else
          "No incident yet: the first report opens one. Type a report or a question; Ctrl-D to quit.")
    with TerminalInput() as terminal:  # a paste is one message (agent.terminal_input)
        return _chat_loop(assistant, terminal, incident, session, queued)


def _chat_loop(assistant, terminal: TerminalInput, incident: str | None, session: list[str], queued: list[str]) -> int:
    while True:
        try:
            message = queued.pop(0) if queued else terminal.ask("> ")  # a line typed at a [y/N] prompt that answered nothing
        except EOFError:
            print()
            return 0
        if not message.strip():  # said, not silently skipped: the operator may think a paste went through
            print("! Nothing to read: the line is empty (only white space). Type a report or a question; Ctrl-D to quit.")
            continue
        streamed = False
        for event in assistant.chat(message, incident, session_incidents=tuple(session)):
            if event.kind == "tool" and event.step:
                print(f"  · {event.step.title}")
            elif event.kind == "token":
                # The draft is not printed: the grounding check may withhold its sentences, and a terminal cannot
                # take back a line (the web page replaces it). Only the checked final answer is shown.
                if not streamed:
                    print("  · writing the answer (shown once checked)…", flush=True)
                streamed = True
            elif event.kind == "error":
                print(f"! {event.text}")
            elif event.kind == "final":
                print(event.text + "\n")
                if event.plan is not None and event.plan.incident_id and event.plan.incident_id != incident:
                    # a report that opened (or went to) another incident: the session follows it, as the reply said
                    if incident is None and event.text.startswith("Same place as"):  # another desk's incident
                        print(f"The session continues on incident {event.plan.incident_id}.\n")
                    elif incident is None:
                        print(f"Incident {event.plan.incident_id} opened for this report; the session continues on it.\n")
                    incident = event.plan.incident_id
                    session = [i for i in session if i != incident] + [incident]
                for proposal in event.proposals:  # nothing changes until the operator says yes
                    if queued:  # the operator moved on: the rest stay pending, unconfirmed
                        print(f"  … {proposal.proposal_id} stays pending: {proposal.summary}")
                        continue
                    confirm_in_terminal(assistant, proposal, ask=terminal.ask, kept=queued)


# Only these answer a [y/N] prompt (Enter is no).  Any other line is the operator's next message, typed before they
# noticed the prompt: taken as an answer, a question became a rejection and was lost.
# Ordinary words of assent and refusal a commander types are answers too ("confirm", "go ahead", "取消"); the list stays
# small and explicit: a hedge ("maybe", "I think so") is no answer and leaves the proposal pending.
CONFIRM_YES = (*YES_WORDS, "y", "yes", "j", "是", "确认", "confirm", "confirmed", "approve", "approved", "ok", "okay",
               "go ahead", "do it", "affirmative", "确定", "同意", "批准", "好", "好的", "可以", "执行")
CONFIRM_NO = (*NO_WORDS, "", "n", "no", "否", "不", "不要", "cancel", "reject", "deny", "abort", "negative", "don't",
              "do not", "取消", "拒绝", "不同意", "算了")


def confirm_in_terminal(assistant, proposal, ask=input, kept: list[str] | None = None) -> bool:
    """Ask the operator to confirm one proposed state change; apply it only on an explicit yes, reject it on an
    explicit no.  A line that is neither leaves the proposal pending and goes to ``kept`` (the chat's next message)."""
    from core.errors import InputError

    try:
        raw = ask(f"Confirm: {proposal.summary}? [y/N; any other line is kept as your next message] ")
    except EOFError:
        raw = ""
    answer = " ".join(raw.strip().lower().rstrip(".!。！").split())  # "Go  ahead!" reads as "go ahead"
    # a paste (a transcript with a "yes" in it) is never an answer: it is the operator's next message
    if not is_answer_line(raw) or (answer not in CONFIRM_YES and answer not in CONFIRM_NO):
        if kept is not None:
            kept.append(raw)
        print(f"  … not a yes or no: {proposal.proposal_id} stays pending, nothing changed; your line is taken as the next message.")
        return False
    try:
        if answer in CONFIRM_YES:
            done = assistant.confirm_proposal(proposal.proposal_id)
            print(f"  ✓ done: {done.summary}")  # as applied (a close names the units it released)
            return True
        assistant.reject_proposal(proposal.proposal_id)
        print("  ✗ rejected; nothing changed.")
    except InputError as exc:
        print(f"! {exc}")
    return False


def run_export(args: argparse.Namespace) -> int:
    import csv
    import json

    from core.settings import get_settings
    from agent.store import IncidentStore

    settings = get_settings()
    count = IncidentStore(settings.incident_db).export_corrections(args.out)
    if args.include_shipped:
        from finetune.registry import SHIPPED_DATA

        with open(args.out, "a", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for line in SHIPPED_DATA.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                writer.writerow([row["text"], row["incident_type"], row["priority"]])
    print(f"{count} corrected report(s) written to {args.out}"
          + (" (plus the shipped training set)" if args.include_shipped else "")
          + f"; retrain with: eca train --data {args.out} --text-col text --label-col incident_type --priority-col priority")
    return 0
