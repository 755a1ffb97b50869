"""``movdesk agenda``: the appointments as an iCalendar file (EXCHANGE.md).

Every interview of the range (default: today − 7 days to today + 60 days), of every
referent or of ``--referent``, written to ``--out`` or to the standard output.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..config import DatabaseLocation
from ..services.agenda_export import default_range, export_agenda
from ._common import referent_named, sessions, write_output


def run(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Write the calendar file; say on stderr how many events it holds."""
    today: date = args.today or date.today()
    first, last = default_range(today)
    first = args.date_from or first
    last = args.date_to or last
    with sessions(location) as factory:
        referent_id = None
        if args.referent is not None:
            with factory() as session:
                referent_id = referent_named(session, args.referent)
        export = export_agenda(factory, first=first, last=last, referent_id=referent_id)
    write_output(export.data, args.out)
    if args.out:
        print(f"movdesk : {export.events} rendez-vous écrits dans {args.out}.", file=sys.stderr)
    return 0
