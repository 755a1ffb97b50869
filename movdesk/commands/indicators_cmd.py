"""``movdesk export monthly`` and ``movdesk payments`` (EXCHANGE.md, MOV-RULES.md 5 and 7).

Both commands read light rows with the entities' attribute names, never entities: the
rows the window's pages read too, so that the page and the command always agree.
``export monthly`` reads the columns the indicators use, case and exit in one outer join
(:mod:`movdesk.services.indicator_data`); building 50,000 full entities took several
seconds more than the whole export may (``benchmarks/bench_monthly.py``). ``payments``
reads the signed cases, the kinds of document each holds (worked out by SQLite) and the
invoicing records (:mod:`movdesk.services.payment_data`): loading the cases with their
documents as entities took 18 to 30 s on 50,000 cases, about fifteen times as long.

``payments --month M`` (**decision**) keeps the tranches that belong to M and on which
the office can act or has acted: paid in M (paid date), invoiced in M (invoice date),
ready to invoice or due with missing documents with a due date in M. Without
``--month``, every tranche of every case whose contract was signed is listed (a case
never signed earns nothing and would only add noise).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..config import DatabaseLocation
from ..errors import UserError
from ..models import Tranche
from ..reports.csv_export import EXCEL, dialect_named
from ..reports.monthly import detail_csv, monthly_csv
from ..reports.payments_csv import payments_csv
from ..rules.calendar import french_date
from ..rules.payments import (
    TrancheState,
    TrancheStatus,
    belongs_to_month,
    case_tranches,
    french_money,
    ready_to_invoice_by_month,
)
from ..rules.text import json_safe, printable
from ..services.bulk import collector_paused
from ..services.exports import indicator_cases
from ..services.payment_data import payment_cases
from ..services.payments import office_price
from ._common import sessions, write_output


def run_monthly(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """The monthly indicator CSV, or with ``--detail`` one line per active case."""
    if not args.month:
        raise UserError(
            "L'export mensuel demande le mois des indicateurs : ajoutez --month AAAA-MM "
            "(par exemple --month 2026-03)."
        )
    dialect = dialect_named(args.dialect)
    with sessions(location) as factory, factory() as session:
        cases = indicator_cases(session)
        render = detail_csv if args.detail else monthly_csv
        data = render(cases, args.month, dialect)
    write_output(data, args.out)
    return 0


# --- payments -----------------------------------------------------------------------------


def _load_payments(
    session: Session, today: date
) -> tuple[int, list[tuple[Any, list[TrancheState]]]]:
    """Every signed case with its tranches, read as the Paiements page reads them."""
    price = office_price(session)
    with collector_paused():
        cases = payment_cases(session, today)
        return price, [(c, case_tranches(c, price, today, held=c.held)) for c in cases]


#: Short names of the table; the merged early tranche is what it replaces.
_TABLE_NAMES = {Tranche.EARLY: "T1+T2"}


def _tranche_date(state: TrancheState) -> str:
    if state.status is TrancheStatus.PAID and state.paid_date:
        return f"payée le {french_date(state.paid_date)}"
    if state.status is TrancheStatus.INVOICED and state.invoice_date:
        return f"facturée le {french_date(state.invoice_date)}"
    if state.due_date is None:
        return ""
    # A tranche not due may have a date already past (retention not yet recorded).
    word = "due le" if state.status is not TrancheStatus.NOT_DUE else "échéance"
    return f"{word} {french_date(state.due_date)}"


def _table(price: int, today: date, lines: Sequence[tuple[Any, list[TrancheState]]]) -> str:
    out = [f"Prix de la prestation : {french_money(price)} HT — situation au {french_date(today)}"]
    for case, states in lines:
        who = case.beneficiary
        out += ["", f"{case.order_number} — {who} — début {french_date(case.start_date)}"]
        for s in states:
            name = _TABLE_NAMES.get(s.tranche, s.tranche.value)
            out.append(
                f"  {name:<6}{french_money(s.amount_cents):>13}  "
                f"{s.status.label:<24}{_tranche_date(s)}".rstrip()
            )
            if s.invoice_number:
                out.append(f"        Facture n° {s.invoice_number}")
            if s.missing:
                out.append(f"        Pièces manquantes : {' ; '.join(s.missing_documents)}")
    totals = ready_to_invoice_by_month(s for _, states in lines for s in states)
    out += ["", "Total prêt à facturer par mois :"]
    if not totals:
        out.append("  aucune tranche prête à facturer")
    for month, cents in totals.items():
        out.append(f"  {month[5:]}/{month[:4]}{french_money(cents):>16}")
    if len(totals) > 1:
        out.append(f"  Total  {french_money(sum(totals.values())):>16}")
    return "\n".join(out) + "\n"


def _state_json(case: Any, s: TrancheState) -> dict[str, Any]:
    def iso(d: date | None) -> str | None:
        return d.isoformat() if d else None

    return {
        "order_number": case.order_number,
        "beneficiary": case.beneficiary,
        "tranche": s.tranche.value,
        "status": s.status.value,
        "amount_cents": s.amount_cents,
        "due_date": iso(s.due_date),
        "month": s.month,
        "missing_documents": s.missing_documents,
        "invoice_number": s.invoice_number,
        "invoice_date": iso(s.invoice_date),
        "paid_date": iso(s.paid_date),
        "explanation": s.explanation,
    }


def run_payments(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Each tranche of each signed case, then the total ready to invoice per month."""
    today = args.today or date.today()
    with sessions(location) as factory, factory() as session:
        price, all_lines = _load_payments(session, today)
    lines = [
        (case, kept)
        for case, states in all_lines
        if (kept := [s for s in states if belongs_to_month(s, args.month)])
    ]
    if price == 0:
        print(
            "movdesk : attention, le prix de la prestation n'est pas renseigné dans les "
            "paramètres du bureau : les montants sont à 0.",
            file=sys.stderr,
        )
    if args.format == "json":
        document = {
            "today": today.isoformat(),
            "month": args.month,
            "price_cents": price,
            "tranches": [_state_json(case, s) for case, states in lines for s in states],
            "ready_to_invoice_by_month": [
                {"month": m, "amount_cents": c}
                for m, c in ready_to_invoice_by_month(s for _, st in lines for s in st).items()
            ],
        }
        sys.stdout.write(json_safe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n")
    elif args.format == "csv":
        rows = ((case.order_number, case.beneficiary, s)
                for case, states in lines for s in states)  # fmt: skip
        write_output(payments_csv(rows, EXCEL), None)
    else:
        # Names typed before the text rules may hold control characters: shown escaped.
        sys.stdout.write(printable(_table(price, today, lines)))
    return 0
