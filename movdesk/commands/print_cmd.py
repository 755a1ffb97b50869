"""``movdesk print`` (EXCHANGE.md): one document of one case, or the month's sheets, as PDF.

The PDF is written through :func:`movdesk.services.exports.write_file`; a refusal
(unknown case, no planned interview, a folder that cannot be written) leaves no file.
Every document written is recorded with its case, as when printed from the window.
"""

from __future__ import annotations

import argparse
from datetime import date

from ..config import DatabaseLocation
from ..errors import UserError
from ..reports.text import fr_month
from ..services.audit import current_user
from ..services.context import Desk
from ..services.documents.builders import find_case
from ..services.documents.printing import (
    DocumentRequest,
    PrintKind,
    RenderedDocument,
    month_sheets,
    render_case_document,
    save_pdf,
)
from ..services.documents.sheets import check_period, month_bounds
from ._common import referent_named, sessions


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options given to ``print`` (exit code 2), or None."""
    if args.month is not None:
        if args.kind != "attendance":
            return "--month ne s'emploie qu'avec attendance (feuilles d'émargement du mois)"
        if args.order_number is not None:
            return "--month imprime tous les dossiers du mois : ne donnez pas de n° de commande"
        if not args.out:
            return "--month demande --out FICHIER.pdf"
        if args.start or args.end or args.date:
            return "--month ne se combine pas avec --from, --to ou --date"
        return None
    if args.order_number is None:
        return "indiquez le n° de commande du dossier (ou --month pour les feuilles du mois)"
    if args.referent is not None:
        return "--referent ne s'emploie qu'avec --month"
    if args.date is not None and args.kind != "convocation":
        return "--date ne s'emploie qu'avec convocation"
    if args.start is not None and args.kind != "attendance":
        return "--from ne s'emploie qu'avec attendance"
    if args.end is not None and args.kind not in ("attendance", "intermediate"):
        return (
            "--to ne s'emploie qu'avec attendance (fin de la période) ou intermediate "
            "(date du bilan)"
        )
    return None


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()


def _write(desk: Desk, document: RenderedDocument, out: str) -> None:
    save_pdf(desk, document, out)
    print(out)


def run(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Write the requested PDF; exit 1 with a French message when it cannot be made."""
    today = _today(args)
    if args.start is not None and args.end is not None:
        check_period(args.start, args.end)
    with sessions(location) as factory:
        desk = Desk(factory, user=current_user(), clock=lambda: today)
        if args.month is not None:
            referent_id = None
            if args.referent is not None:
                with factory() as session:
                    referent_id = referent_named(session, args.referent)
            first, _last = month_bounds(args.month)
            document = month_sheets(
                factory, args.month, today, referent_id=referent_id, blank_rows=args.blank_rows
            )
            if document is None:
                who = f" de {args.referent}" if args.referent else ""
                raise UserError(
                    f"Aucun dossier{who} n'a d'entretien réalisé ou prévu en "
                    f"{fr_month(first.year, first.month)} : aucune feuille à imprimer."
                )
            _write(desk, document, args.out)
            return 0
        with factory() as session:
            case = find_case(session, args.order_number)
            request = DocumentRequest(
                kind=PrintKind(args.kind),
                case_id=case.id,
                start=args.start,
                end=args.end,
                on=args.date,
                blank_rows=args.blank_rows,
            )
            document = render_case_document(session, request, today)
        _write(desk, document, args.out or document.file_name)
    return 0
