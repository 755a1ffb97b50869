"""Implementations of the headless commands; one module per family of commands.

Each ``cmd_*`` function takes the parsed arguments and the resolved database, returns
an exit code, and raises :class:`movdesk.errors.UserError` for anything the user can fix.
"""

from __future__ import annotations

import argparse

from ..config import DatabaseLocation


def cmd_demo(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .demo_cmd import run

    return run(args, location)


def cmd_import(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .exchange_cmd import run_import

    return run_import(args, location)


def cmd_export(args: argparse.Namespace, location: DatabaseLocation) -> int:
    if args.what == "json":
        from .exchange_cmd import run_export

        return run_export(args, location)
    from .indicators_cmd import run_monthly

    return run_monthly(args, location)


def cmd_deadlines(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .deadlines_cmd import run

    return run(args, location)


def cmd_agenda(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .agenda_cmd import run

    return run(args, location)


def cmd_payments(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .indicators_cmd import run_payments

    return run_payments(args, location)


def cmd_print(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .print_cmd import run

    return run(args, location)


def cmd_backup(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .store_cmd import run_backup

    return run_backup(args, location)


def cmd_restore(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .store_cmd import run_restore

    return run_restore(args, location)


def cmd_check(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .store_cmd import run_check

    return run_check(args, location)
