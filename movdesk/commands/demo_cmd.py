"""``movdesk demo [--cases N] [--seed K]``: fill an empty database with demo cases."""

from __future__ import annotations

import argparse

from ..config import DatabaseLocation
from ..demo import fill_demo
from ..errors import UserError
from ._common import sessions


def run(args: argparse.Namespace, location: DatabaseLocation) -> int:
    """Create the demo cases and say where; a non-empty database is a user error."""
    if args.cases < 1:
        raise UserError("Le nombre de dossiers (--cases) doit être d'au moins 1.")
    with sessions(location, create=True) as factory:
        count = fill_demo(factory, cases=args.cases, seed=args.seed, today=args.today)
    where = location.path if location.path is not None else location.url
    print(f"{count} dossiers de démonstration créés dans {where}")
    return 0



