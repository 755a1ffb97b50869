"""``movdesk deadlines``: the open deadlines of every case, soonest first (EXCHANGE.md).

Speed (**decision**): the office list must come in well under a second at 10,000
active cases, so it is read from the stored deadline schedules, worked out again only
for the cases changed since (:mod:`movdesk.services.schedule`).
``benchmarks/bench_deadlines.py`` measures it all.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from ..config import DatabaseLocation
from ..reports.csv_export import EXCEL, write_csv
from ..rules.calendar import french_date
from ..rules.deadlines import CONTRACT_KINDS
from ..rules.text import json_safe, printable
from ..services.schedule import DeadlineItem, open_deadlines
from ._common import referent_named, sessions, write_output

STATUS_LABELS = {
    "overdue": "En retard",
    "today": "Aujourd'hui",
    "soon": "Sous 7 jours",
    "later": "À venir",
}

COLUMNS = (
    "Échéance",
    "Date pratique",
    "Statut",
    "Dossier",
    "Bénéficiaire",
    "Référent",
    "Action",
)


def _rows(deadlines: list[DeadlineItem]) -> list[tuple[Any, ...]]:
    return [
        (
            d.due,
            d.practical_due,
            STATUS_LABELS[d.status],
            d.order_number,
            d.beneficiary,
            d.referent,
            d.label,
        )
        for d in deadlines
    ]


def render_table(rows: list[tuple[Any, ...]], today: date) -> str:
    """An aligned text table, in French, with the date it speaks of."""
    title = f"Échéances ouvertes au {french_date(today)}"
    if not rows:
        return f"{title} : aucune.\n"
    # Names typed before the text rules may hold control characters: shown escaped.
    cells = [
        [french_date(v) if isinstance(v, date) else printable(str(v), multiline=False) for v in row]
        for row in rows
    ]
    widths = [max(len(c[i]) for c in [list(COLUMNS), *cells]) for i in range(len(COLUMNS))]
    lines = [f"{title} : {len(rows)}", ""]
    for row in [list(COLUMNS), ["-" * w for w in widths], *cells]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


#: One deadline of the JSON array, laid out as ``json.dumps(..., indent=2)`` lays it out.
_JSON_ITEM = (
    "  {{\n"
    '    "order_number": {},\n'
    '    "kind": {},\n'
    '    "due": "{}",\n'
    '    "status": {},\n'
    '    "label": {}\n'
    "  }}"
)


def render_json(deadlines: list[DeadlineItem]) -> str:
    """The JSON array of EXCHANGE.md, in the order given (due, then order number).

    Written item by item with the C string encoder: ``json.dumps`` with ``indent``
    falls back to the pure-Python encoder, which took longer than reading the list.
    The text is the same as ``json.dumps(items, ensure_ascii=False, indent=2)`` (tested).
    """
    if not deadlines:
        return "[]\n"
    quote = encode_basestring
    items = ",\n".join(
        _JSON_ITEM.format(
            quote(d.order_number), quote(d.kind), d.due.isoformat(), quote(d.status), quote(d.label)
        )
        for d in deadlines
    )
    return json_safe(f"[\n{items}\n]\n")


def run(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Print the open deadlines as a table, JSON or CSV (Excel, French locale)."""
    today: date = args.today or date.today()
    with sessions(location) as factory:
        referent_id = None
        if args.referent is not None:
            with factory() as session:
                referent_id = referent_named(session, args.referent)
        deadlines = open_deadlines(factory, today, referent_id=referent_id)
    if args.format == "json":
        # The JSON keeps EXCHANGE.md's closed list of kinds: the office's own reminders
        # (partner follow-ups) are in the table and the CSV only (docs/decisions.md).
        sys.stdout.write(render_json([d for d in deadlines if d.kind in CONTRACT_KINDS]))
    elif args.format == "csv":
        write_output(write_csv(COLUMNS, _rows(deadlines), EXCEL), None)
    else:
        sys.stdout.write(render_table(_rows(deadlines), today))
    return 0
