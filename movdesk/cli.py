"""The ``movdesk`` command: the desktop window, and the headless commands of EXCHANGE.md.

Exit codes: 0 success, 1 a user error (message in French on stderr, no traceback),
2 bad usage. Heavy modules (Qt, ReportLab) are imported only by the commands that
need them, so that scripts start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from . import __version__
from .config import DatabaseLocation, resolve_database
from .errors import UserError

EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and a French prefix for usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"movdesk : utilisation incorrecte : {message}\n")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide « {value} » (format attendu AAAA-MM-JJ)"
        ) from None


def _month(value: str) -> str:
    try:
        date.fromisoformat(value + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"mois invalide « {value} » (format attendu AAAA-MM)"
        ) from None
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="movdesk",
        description="Suivi des prestations « Mobilisation vers l'emploi » (MOV).",
    )
    parser.add_argument("--version", action="version", version=f"movdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="CHEMIN",
        help="fichier SQLite ou URL SQLAlchemy (défaut : variable MOVDESK_DB, "
        "sinon le dossier de données de l'utilisateur)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="ouvrir la base de démonstration (séparée, remplie à la première ouverture)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    p = sub.add_parser("demo", help="remplir une base vide avec des dossiers fictifs")
    p.add_argument("--cases", type=int, default=200, metavar="N")
    p.add_argument("--seed", type=int, default=2026, metavar="K")
    p.add_argument("--today", type=_iso_date, metavar="AAAA-MM-JJ", help=argparse.SUPPRESS)

    p = sub.add_parser("import", help="importer des dossiers (format movdesk-cases)")
    p.add_argument("file", metavar="FICHIER.json")

    p = sub.add_parser("export", help="exporter les dossiers ou les indicateurs")
    p.add_argument("what", choices=["json", "monthly"])
    p.add_argument("--out", metavar="FICHIER")
    p.add_argument("--month", type=_month, metavar="AAAA-MM")
    p.add_argument("--dialect", choices=["excel", "machine"], default="excel")
    p.add_argument("--detail", action="store_true", help="une ligne par dossier actif")

    p = sub.add_parser("deadlines", help="échéances ouvertes de tous les dossiers")
    p.add_argument("--today", type=_iso_date, metavar="AAAA-MM-JJ")
    p.add_argument("--referent", metavar="NOM")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")

    p = sub.add_parser("payments", help="tranches de paiement de chaque dossier")
    p.add_argument("--month", type=_month, metavar="AAAA-MM")
    p.add_argument("--today", type=_iso_date, metavar="AAAA-MM-JJ", help=argparse.SUPPRESS)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")

    p = sub.add_parser("print", help="imprimer un document en PDF")
    p.add_argument(
        "kind", choices=["contract", "attendance", "intermediate", "final", "convocation"]
    )
    p.add_argument("order_number", metavar="N_COMMANDE", nargs="?")
    p.add_argument("--out", metavar="FICHIER.pdf")
    p.add_argument("--from", dest="start", type=_iso_date, metavar="AAAA-MM-JJ")
    p.add_argument("--to", dest="end", type=_iso_date, metavar="AAAA-MM-JJ")
    p.add_argument("--date", type=_iso_date, metavar="AAAA-MM-JJ", help="jour de l'entretien")
    p.add_argument("--month", type=_month, metavar="AAAA-MM", help="feuilles du mois")
    p.add_argument("--referent", metavar="NOM")
    p.add_argument("--blank-rows", type=int, metavar="N", help="lignes vierges (0 à 30)")
    p.add_argument("--today", type=_iso_date, metavar="AAAA-MM-JJ", help=argparse.SUPPRESS)

    p = sub.add_parser("agenda", help="rendez-vous au format iCalendar (Outlook, téléphone)")
    p.add_argument("--referent", metavar="NOM")
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="AAAA-MM-JJ")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="AAAA-MM-JJ")
    p.add_argument("--out", metavar="FICHIER.ics")
    p.add_argument("--today", type=_iso_date, metavar="AAAA-MM-JJ", help=argparse.SUPPRESS)

    p = sub.add_parser("backup", help="sauvegarde à chaud de la base")
    p.add_argument("--out", metavar="FICHIER")

    p = sub.add_parser("restore", help="restaurer une sauvegarde")
    p.add_argument("file", metavar="FICHIER")

    sub.add_parser("check", help="contrôle d'intégrité de la base")
    return parser


def _cmd_gui(args: argparse.Namespace, location: DatabaseLocation) -> int:
    from .app import run_gui

    return run_gui(location, demo=args.demo)


def _commands() -> dict[str, Callable[[argparse.Namespace, DatabaseLocation], int]]:
    from . import commands

    return {
        "demo": commands.cmd_demo,
        "import": commands.cmd_import,
        "export": commands.cmd_export,
        "deadlines": commands.cmd_deadlines,
        "payments": commands.cmd_payments,
        "print": commands.cmd_print,
        "agenda": commands.cmd_agenda,
        "backup": commands.cmd_backup,
        "restore": commands.cmd_restore,
        "check": commands.cmd_check,
    }


def _database_refusal(error: Exception) -> str | None:
    """French words for an error the database raised (locked, full, read-only…), or None.

    Every write runs in one transaction, so such an error means nothing was changed.
    """
    from sqlalchemy.exc import DBAPIError

    if not isinstance(error, DBAPIError):
        return None
    return (
        "la base de données a refusé l'opération et rien n'a été modifié "
        f"({error.orig}). Si un autre poste ou une autre fenêtre écrit en ce moment, "
        "réessayez dans un instant."
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "print":
        from .commands.print_cmd import usage_problem

        problem = usage_problem(args)
        if problem is not None:
            parser.error(problem)
    try:
        location = resolve_database(args.db, demo=args.demo)
        if args.command is None:
            return _cmd_gui(args, location)
        return _commands()[args.command](args, location)
    except UserError as error:
        print(f"movdesk : {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as error:
        message = _database_refusal(error)
        if message is None:
            raise
        print(f"movdesk : {message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("movdesk : interrompu.", file=sys.stderr)
        return EXIT_USER_ERROR


def run(argv: Sequence[str] | None = None) -> Any:  # pragma: no cover - console entry
    sys.exit(main(argv))


if __name__ == "__main__":  # pragma: no cover
    run()
