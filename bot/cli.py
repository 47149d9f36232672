"""`python -m bot <command>`: the one command-line entry. Thin: parse, call the library, report.

Each command imports what it needs when it runs, so `--help` and light commands stay fast.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from bot import logsetup
from bot.config import Config, ConfigError, load_config

log = logging.getLogger("bot")


def _open_store(config: Config):
    from store.home import ensure_home

    return ensure_home(config)


def _sync_index(config: Config, db) -> None:
    from index.sync import sync_index

    report = sync_index(config, db)
    print(f"index: {report}")


def cmd_ingest(config: Config, args: argparse.Namespace) -> int:
    from store.extract import extract_article, load_lexicon
    from store.ingest import ingest_paths
    from store.progress import progress

    db = _open_store(config)
    lexicon = load_lexicon(config.data / "patterns")    # the configured data folder's word lists, loaded once
    with progress(None, "articles", "ingest") as bar:
        def on_article(db, article_id):       # progress counts articles as they are read for results
            ids = extract_article(db, article_id, lexicon=lexicon)
            bar.update(1)
            return ids

        report = ingest_paths(db, [Path(p) for p in args.paths], config.ingest, on_article=on_article,
                              data_dir=config.data)
    print(report.summary())
    for failure in report.failed:
        print(f"  failed: {failure}", file=sys.stderr)
    _sync_index(config, db)
    return 1 if report.failed else 0


def cmd_import_results(config: Config, args: argparse.Namespace) -> int:
    from store.importer import import_results_file, parse_columns, read_layout
    from store.progress import progress

    db = _open_store(config)
    status = 0
    try:
        columns = parse_columns(args.columns)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 2
    layout = read_layout(config.data / "importer")    # the configured data folder, not the one beside the code
    for path in args.files:
        try:
            with open(path, "rb") as handle:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            with progress(lines, "rows", Path(path).name) as bar:
                report = import_results_file(db, Path(path), election_key=args.election, columns=columns,
                                             house=args.house, layout=layout, on_rows=bar.update)
        except (OSError, ValueError) as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            status = 1
            continue
        print(report.summary())
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
        for note in report.seat_spellings:
            print(f"  {note}", file=sys.stderr)
    from store.passage_seats import PassageSeats

    PassageSeats(config.data).sync(db)     # seats the files added: which passages name them
    _sync_index(config, db)
    _index_names(config, db)
    return status


def _index_names(config: Config, db) -> None:
    """Build the answering side's name index now (kept beside the store), so that the bot's next
    start, and a running bot's reload, need not: with national results it takes ~10 s."""
    import time

    from bot.entities import Linker

    started = time.perf_counter()     # the Linker reads its cache, or rebuilds and saves it when the store changed
    Linker(db, config.data, config.answer.fuzzy_min_score)
    print(f"names: indexed for answering in {time.perf_counter() - started:.1f} s")


def cmd_stats(config: Config, args: argparse.Namespace) -> int:
    from store.stats import store_stats

    db = _open_store(config)
    stats = store_stats(db)
    try:
        from index.sync import index_stats

        stats["index"] = index_stats(config, db)
    except ImportError:  # the index stage is optional for stats
        pass
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    return 0


def cmd_reindex(config: Config, args: argparse.Namespace) -> int:
    from index.sync import reindex

    db = _open_store(config)
    print(f"index: {reindex(config, db)}")
    return 0


def cmd_ask(config: Config, args: argparse.Namespace) -> int:
    from bot.engine import Engine
    from bot.render import render_json, render_plain

    engine = Engine(config)
    answer = engine.answer(" ".join(args.question), chat_id="cli")
    print(render_json(answer) if args.json else render_plain(answer))
    return 0


def cmd_chat(config: Config, args: argparse.Namespace) -> int:
    from bot.engine import Engine
    from bot.render import render_plain

    engine = Engine(config)
    print("Ask about Indian election results (English, हिंदी, or Hinglish). Ctrl-D to leave.")
    while True:
        try:
            text = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if text.strip():
            print(render_plain(engine.answer(text, chat_id="console")))


def cmd_answer_batch(config: Config, args: argparse.Namespace) -> int:
    from bot.batch import answer_batch

    n = answer_batch(config, Path(args.input), Path(args.output))
    print(f"answered {n} conversations -> {args.output}")
    return 0


def cmd_demo(config: Config, args: argparse.Namespace) -> int:
    from bot.engine import Engine
    from bot.render import render_plain

    engine = Engine(config)
    for question in config.answer.samples:
        print(f"> {question}\n{render_plain(engine.answer(question, chat_id='demo'))}\n")
    return 0


def cmd_extracted(config: Config, args: argparse.Namespace) -> int:
    from store.review import list_extracted, set_review

    db = _open_store(config)
    try:
        for row_id in args.accept or []:
            set_review(db, row_id, "accepted")
        for row_id in args.reject or []:
            set_review(db, row_id, "rejected")
        if args.accept or args.reject:
            _sync_index(config, db)
            return 0
        lines = list_extracted(db, since=args.since, review=args.review)
    except ValueError as exc:  # unknown id, a curated row, a bad --since
        print(f"extracted: {exc}", file=sys.stderr)
        return 2
    for line in lines:
        print(line)
    return 0


def cmd_watch(config: Config, args: argparse.Namespace) -> int:
    from store.watch import Watcher

    db = _open_store(config)
    try:
        watcher = Watcher(db, args.source, config.watch, log=lambda line: print(line, flush=True))
    except ValueError as exc:
        print(f"watch: {exc}", file=sys.stderr)
        return 2
    try:
        return watcher.run(every_s=args.every, rounds=args.rounds)
    except KeyboardInterrupt:
        print("watch: stopped")
        return 0


def cmd_serve(config: Config, args: argparse.Namespace) -> int:
    from bot.telegram_server import serve

    return serve(config)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Election question-answering bot for India.")
    parser.add_argument("--config", help="config file (default: CHUNAV_CONFIG or the repository's config.toml)")
    parser.add_argument("--home", help="folder holding all state (default: CHUNAV_HOME or [paths] home)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG (may include message text)")
    sub = parser.add_subparsers(dest="command", metavar="<command>", required=True)

    p = sub.add_parser("ingest", help="ingest article files or folders (txt, jsonl, csv, html)")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("import-results", help="import candidate-level results files (TCPD / ECI layouts)")
    p.add_argument("files", nargs="+")
    p.add_argument("--election", help="election key to file the rows under when the file does not say")
    p.add_argument("--columns", help="field=header,... for columns whose names data/importer/columns.toml lacks "
                                     "(fields: constituency, candidate, party, votes, state, year, position, margin...)")
    p.add_argument("--house", choices=["lok_sabha", "assembly"], help="when the file does not say which house")
    p.set_defaults(func=cmd_import_results)

    p = sub.add_parser("stats", help="counts per table, languages, elections covered, index size")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("reindex", help="rebuild the embedding index and full-text search from the store")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("ask", help="answer one question")
    p.add_argument("question", nargs="+")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("chat", help="console conversation")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("answer-batch", help="answer a JSON Lines file of conversations (eval format)")
    p.add_argument("--in", dest="input", required=True)
    p.add_argument("--out", dest="output", required=True)
    p.set_defaults(func=cmd_answer_batch)

    p = sub.add_parser("demo", help="build the store and index if missing, then answer the sample questions")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("extracted", help="review results extracted from articles")
    p.add_argument("--since", help="only rows from articles ingested on or after this date (YYYY-MM-DD)")
    p.add_argument("--review", choices=["pending", "accepted", "rejected"], help="only rows in this state")
    p.add_argument("--accept", type=int, nargs="+", metavar="ID")
    p.add_argument("--reject", type=int, nargs="+", metavar="ID")
    p.set_defaults(func=cmd_extracted)

    p = sub.add_parser("watch", help="counting day: poll the Election Commission's results pages into the store "
                                     "(run beside serve)")
    p.add_argument("source", metavar="SOURCE",
                   help="an election's results folder (https://results.eci.gov.in/ResultAcGenOct2024/), one of its "
                        "pages, or a local folder of saved pages")
    p.add_argument("--every", type=float, help="seconds between rounds (default [watch] every_s)")
    p.add_argument("--rounds", type=int, help="stop after this many rounds (default: until Ctrl-C)")
    p.set_defaults(func=cmd_watch)

    p = sub.add_parser("serve", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logsetup.configure(args.verbose)
    try:
        config = load_config(args.config, home=args.home)
        return args.func(config, args)
    except ConfigError as exc:
        print(f"config error: {exc}", file=sys.stderr)
        return 2
