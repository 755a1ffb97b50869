"""``movdesk backup``, ``movdesk restore`` and ``movdesk check`` (EXCHANGE.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import DatabaseLocation
from ..store.backup import backup_database
from ..store.check import check_database
from ..store.restore import restore_database


def run_backup(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Online backup; prints the path of the file written (for scripts)."""
    out = Path(args.out) if getattr(args, "out", None) else None
    print(backup_database(location, out))
    return 0


def run_restore(args: argparse.Namespace, location: DatabaseLocation) -> int:
    source = Path(args.file)
    safety = restore_database(location, source)
    print(f"Base restaurée depuis « {source} ».")
    if safety is not None:
        print(f"L'ancienne base a été conservée dans « {safety} ».")
    return 0


def run_check(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Prints the French report; exit code 1 when a problem was found."""
    report = check_database(location)
    print(report.render(), end="")
    return 0 if report.ok else 1
