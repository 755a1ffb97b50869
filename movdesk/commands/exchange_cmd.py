"""``movdesk import FILE.json`` and ``movdesk export json [--out FILE]`` (EXCHANGE.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import DatabaseLocation
from ..exchange import dumps, export_cases, import_cases, load_file
from ..services.audit import current_user
from ..store.engine import unit_of_work
from ._common import sessions, write_output

#: Warnings printed one by one; beyond, they are counted by rule.
MAX_WARNING_LINES = 20


def _print_warnings(warnings: list[str]) -> None:
    """Accepted-but-notable data: a few lines, then a count, never thousands of lines."""
    for warning in warnings[:MAX_WARNING_LINES]:
        print(f"movdesk : attention : {warning}", file=sys.stderr)
    rest = len(warnings) - MAX_WARNING_LINES
    if rest > 0:
        print(
            f"movdesk : attention : … et {rest} autre{'s' if rest > 1 else ''} "
            "avertissement" + ("s" if rest > 1 else "") + " (données acceptées).",
            file=sys.stderr,
        )


def run_import(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Import every case of ``args.file`` in one transaction, or none."""
    data = load_file(args.file)
    with sessions(location, create=True) as factory, unit_of_work(factory) as session:
        summary = import_cases(session, data, user=current_user(), source=Path(args.file).name)
    _print_warnings(summary.warnings)
    plural = "s" if summary.cases > 1 else ""
    print(f"{summary.cases} dossier{plural} importé{plural} depuis {args.file}")
    return 0


def run_export(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Write every case as JSON to ``args.out``, or to standard output."""
    with sessions(location) as factory, factory() as session:
        text = dumps(export_cases(session))
    write_output(text.encode("utf-8"), args.out)
    return 0
