"""`eca kb ...` subcommands: ingest, search, stats."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable
from pathlib import Path


def register(sub: argparse._SubParsersAction, *, screen: Callable[[str], str | None] | None = None) -> None:
    """Add this package's subcommands to the `eca` parser.

    screen: a ``knowledge.ingest.PassageScreen`` for `eca kb ingest` (the agent's rules, passed in by ui.cli: this
    package may not import the agent)."""
    kb = sub.add_parser("kb", help="knowledge base of emergency plans: ingest, search, stats")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)

    ingest = kb_sub.add_parser("ingest", help="ingest .md/.txt/.pdf files or folders (incremental)")
    ingest.add_argument("paths", nargs="+", type=Path, help="files or folders")
    ingest.add_argument("--keep-missing", action="store_true", help="do not remove documents whose files disappeared")
    ingest.add_argument("--allow-links-outside", action="store_true",
                        help="follow a symlink named on the command line even when it leads outside its folder")
    ingest.set_defaults(handler=_ingest, screen=screen)

    search = kb_sub.add_parser("search", help="ranked passages with citations")
    search.add_argument("query")
    search.add_argument("-k", type=int, default=5, help="number of passages (default 5)")
    search.add_argument("--doc", action="append", help="only this document (file name, stem or title); repeatable")
    search.add_argument("--hazard", action="append", help="only documents tagged with this hazard key; repeatable")
    search.add_argument("--mode", choices=("hybrid", "dense", "bm25"), default="hybrid")
    search.add_argument("--full", action="store_true", help="print whole passages instead of a preview")
    search.set_defaults(handler=_search)

    stats = kb_sub.add_parser("stats", help="documents and chunks in the knowledge base")
    stats.add_argument("--list", action="store_true", help="list the documents")
    stats.set_defaults(handler=_stats)


def _user_error(exc: Exception):
    from core.errors import UserError

    return UserError(str(exc))


def _ingest(args: argparse.Namespace) -> int:
    from knowledge.ingest import ingest_paths
    from knowledge.types import KnowledgeError

    try:
        report = ingest_paths(args.paths, remove_missing=not args.keep_missing, progress=True,
                              allow_links_outside=args.allow_links_outside, screen=args.screen)
    except KnowledgeError as exc:
        raise _user_error(exc) from None
    for outcome in report.files:
        if outcome.status == "skipped":
            print(f"skipped {outcome.path}: {outcome.reason}")
        elif outcome.status in ("added", "replaced", "removed"):
            print(f"{outcome.status:8s} {outcome.path} ({outcome.chunks} chunks)")
    for path, held in report.held_back:
        print(f"held back {path} ({held.where}): it gives the assistant orders, so it was not indexed and no answer "
              f"will quote it: \"{held.text}\". If it is plan text, reword it and ingest the file again.")
    print(report.summary())
    return 0 if not report.skipped and not report.held_back else 1


def _search(args: argparse.Namespace) -> int:
    from core.text import MAX_TEXT_CHARS
    from knowledge.retriever import Retriever
    from knowledge.types import KnowledgeError

    if len(args.query) > MAX_TEXT_CHARS:  # a pasted file, not a question (the library cuts a long query; a person is told)
        raise _user_error(KnowledgeError(f"the query is {len(args.query):,} characters long; the limit is {MAX_TEXT_CHARS:,}"))
    filters = {}
    if args.doc:
        filters["doc"] = args.doc
    if args.hazard:
        filters["hazard"] = args.hazard
    try:
        passages = Retriever.from_settings().search(args.query, k=args.k, filters=filters or None, mode=args.mode)
    except KnowledgeError as exc:
        raise _user_error(exc) from None
    if not passages:
        print("no passages found (is the knowledge base empty? try `eca kb stats`)")
        return 1
    for rank, p in enumerate(passages, 1):
        print(f"[{rank}] {p.citation()}  ({p.source}, score {p.score:.4f})")
        body = p.text if args.full else textwrap.shorten(p.text.replace("\n", " "), 300, placeholder=" ...")
        print(textwrap.indent(body, "    "))
        print()
    return 0


def _stats(args: argparse.Namespace) -> int:
    from knowledge.retriever import Retriever
    from knowledge.types import KnowledgeError

    try:
        retriever = Retriever.from_settings()
        stats = retriever.stats()
    except KnowledgeError as exc:
        raise _user_error(exc) from None
    print(f"documents: {stats.documents}  chunks: {stats.chunks}  by language: {stats.by_language}")
    if stats.incomplete:
        print(f"incomplete (interrupted ingest: the unfinished version is not visible; re-run `eca kb ingest` on them): "
              f"{len(stats.incomplete)}")
        for path in stats.incomplete:
            print(f"  {path}")
    else:
        print("incomplete: 0")
    if args.list:
        for row in retriever.documents():
            hazards = ",".join(row["hazards"]) or "-"
            print(f"  {row['source']:45s} {row['chunks']:5d} chunks  {row['language']}  {hazards}  {row['title']}")
    return 0
