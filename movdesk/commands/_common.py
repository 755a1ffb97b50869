"""What every command shares: opening the database for one run, writing its output.

Only ``demo`` and ``import`` may create a database file (**decision**): any other
command on a path where no database exists is refused, so that a mistyped ``--db``
never answers from an empty database nor leaves one behind. A database created by a
command that then fails is removed again; one created by a command that succeeds is
announced on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..config import DatabaseLocation
from ..errors import UserError
from ..models import Referent
from ..services.exports import write_file
from ..store.engine import make_session_factory
from ..store.files import file_size, remove_quietly
from ..store.migrate import open_database


def _is_new(location: DatabaseLocation, create: bool) -> bool:
    """True when the command is about to create the database; refuses when it may not."""
    path = location.path
    if path is None or file_size(path) > 0:
        return False
    if create:
        return True
    if path.exists():
        raise UserError(
            f"La base « {path} » est un fichier vide (0 octet) : ce n'est pas une base "
            "movdesk. Vérifiez le chemin, ou restaurez une sauvegarde avec « movdesk "
            "restore FICHIER »."
        )
    raise UserError(
        f"La base « {path} » n'existe pas. Vérifiez le chemin (--db ou MOVDESK_DB) ; "
        "seules les commandes « import » et « demo » créent une nouvelle base."
    )


def _remove_new(path: Path) -> None:
    """A database this command created and could not fill: leave no empty file behind."""
    remove_quietly(path, with_companions=True)


@contextmanager
def sessions(
    location: DatabaseLocation, *, create: bool = False
) -> Iterator[sessionmaker[Session]]:
    """A session factory on the (migrated) database, closed when the command ends.

    ``create`` lets the command make a new database file (module notes).
    """
    new = _is_new(location, create)
    try:
        engine = open_database(location)
    except BaseException:
        if new and location.path is not None:
            _remove_new(location.path)
        raise
    try:
        yield make_session_factory(engine)
    except BaseException:
        engine.dispose()
        if new and location.path is not None:
            _remove_new(location.path)
        raise
    engine.dispose()
    if new:
        print(f"movdesk : nouvelle base créée : « {location.path} ».", file=sys.stderr)


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
