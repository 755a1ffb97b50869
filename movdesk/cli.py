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
from .argparse_fr import french_argparse
from .cli_errors import (
    database_refusal,
    file_refusal,
    guard_outputs,
    show_store_warnings,
    unexpected_error,
)
from .config import DatabaseLocation, require_usable_folder, resolve_database
from .errors import UserError
from .rules.dates import accepted_range_text, in_accepted_range
from .rules.text import printable

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
        day = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide « {printable(value)} » (format attendu AAAA-MM-JJ)"
        ) from None
    if not in_accepted_range(day):
        raise argparse.ArgumentTypeError(
            f"date « {value} » hors de la plage acceptée ({accepted_range_text()})"
        )
    return day


def _month(value: str) -> str:
    try:
        first = date.fromisoformat(value + "-01")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"mois invalide « {printable(value)} » (format attendu AAAA-MM)"
        ) from None
    if not in_accepted_range(first):
        raise argparse.ArgumentTypeError(
            f"mois « {value} » hors de la plage acceptée ({accepted_range_text()})"
        )
    return value


#: Most demo cases one run makes (**decision**): the 50,000-case benchmark database
#: with room to spare; a typo of a few zeros would otherwise fill the disk for hours.
MAX_DEMO_CASES = 200_000


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"nombre entier attendu (ici « {printable(value)} »)"
        ) from None


def _case_count(value: str) -> int:
    count = _whole_number(value)
    if not 1 <= count <= MAX_DEMO_CASES:
        raise argparse.ArgumentTypeError(
            f"le nombre de dossiers va de 1 à {MAX_DEMO_CASES} (ici {count})"
        )
    return count


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="movdesk",
        description="Suivi des prestations « Mobilisation vers l'emploi » (MOV).",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"movdesk {__version__}",
        help="afficher la version de movdesk et quitter",
    )
    parser.add_argument(
        "--db",
        metavar="CHEMIN",
        help="fichier SQLite de la base, ou URL sqlite:///CHEMIN (défaut : variable "
        "MOVDESK_DB, sinon le dossier de données de l'utilisateur)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="ouvrir la base de démonstration (séparée, remplie à la première ouverture)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")

    p = sub.add_parser("demo", help="remplir une base vide avec des dossiers fictifs")
    p.add_argument(
        "--cases", type=_case_count, default=200, metavar="N",
        help="nombre de dossiers (200 par défaut)",
    )
    p.add_argument(
        "--seed", type=_whole_number, default=2026, metavar="K",
        help="graine du hasard : la même graine donne les mêmes dossiers",
    )
    p.add_argument("--today", type=_iso_date, metavar="AAAA-MM-JJ", help=argparse.SUPPRESS)

    p = sub.add_parser("import", help="importer des dossiers (format movdesk-cases)")
    p.add_argument("file", metavar="FICHIER.json", help="fichier d'échange à importer")

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
    p.add_argument(
        "--out", metavar="FICHIER", help="fichier de la copie (sinon le dossier des sauvegardes)"
    )

    p = sub.add_parser("restore", help="restaurer une sauvegarde")
    p.add_argument("file", metavar="FICHIER", help="sauvegarde à remettre en place")

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


def main(argv: Sequence[str] | None = None) -> int:
    with french_argparse():
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command == "print":
            from .commands.print_cmd import usage_problem

            problem = usage_problem(args)
            if problem is not None:
                parser.error(problem)
    show_store_warnings()
    try:
        location = resolve_database(args.db, demo=args.demo)
        require_usable_folder(location)
        guard_outputs(location, getattr(args, "out", None), backup=args.command == "backup")
        if args.command is None:
            return _cmd_gui(args, location)
        return _commands()[args.command](args, location)
    except UserError as error:
        print(f"movdesk : {printable(str(error))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("movdesk : interrompu.", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as error:
        message = database_refusal(error) or file_refusal(error) or unexpected_error(error)
        print(f"movdesk : {printable(message)}", file=sys.stderr)
        return EXIT_USER_ERROR


def run(argv: Sequence[str] | None = None) -> Any:  # pragma: no cover - console entry
    sys.exit(main(argv))


if __name__ == "__main__":  # pragma: no cover
    run()
