"""What every command shares: opening the database for one run, writing its output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..config import DatabaseLocation
from ..errors import UserError
from ..models import Referent
from ..services.exports import write_file
from ..store.engine import make_session_factory
from ..store.migrate import open_database


@contextmanager
def sessions(location: DatabaseLocation) -> Iterator[sessionmaker[Session]]:
    """A session factory on the (migrated) database, closed when the command ends."""
    engine = open_database(location)
    try:
        yield make_session_factory(engine)
    finally:
        engine.dispose()


def write_output(data: bytes, out: str | None) -> None:
    """Write ``data`` exactly (BOM and line ends untouched) to ``out`` or stdout."""
    if out:
        write_file(out, data)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def referent_named(session: Session, name: str) -> int:
    """The id of the referent called ``name``; a French error listing the known ones."""
    found = session.scalar(select(Referent.id).where(Referent.full_name == name))
    if found is None:
        known = session.scalars(select(Referent.full_name).order_by(Referent.full_name))
        names = ", ".join(f"« {n} »" for n in known) or "aucun"
        raise UserError(f"Référent inconnu : « {name} ». Référents enregistrés : {names}.")
    return found
