"""``movdesk import FILE.json`` and ``movdesk export json [--out FILE]`` (EXCHANGE.md)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from ..config import DatabaseLocation
from ..exchange import dumps, export_cases, import_cases, load_file
from ..store.engine import make_session_factory, unit_of_work
from ..store.migrate import open_database


def _user() -> str:
    """Who is recorded in the audit log for a command run from a terminal."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some services, containers)
        return "movdesk"


def run_import(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Import every case of ``args.file`` in one transaction, or none."""
    data = load_file(args.file)
    engine = open_database(location)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            summary = import_cases(session, data, user=_user(), source=Path(args.file).name)
    finally:
        engine.dispose()
    for warning in summary.warnings:
        print(f"movdesk : attention : {warning}", file=sys.stderr)
    plural = "s" if summary.cases > 1 else ""
    print(f"{summary.cases} dossier{plural} importé{plural} depuis {args.file}")
    return 0


def run_export(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Write every case as JSON to ``args.out``, or to standard output."""
    engine = open_database(location)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            text = dumps(export_cases(session))
    finally:
        engine.dispose()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0
