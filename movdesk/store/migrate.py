"""Open a database and bring its schema to the program's version.

PROVISIONAL: creates the schema from the models; to be replaced by Alembic migrations.
"""

from __future__ import annotations

from sqlalchemy import Engine

from ..config import DatabaseLocation
from ..models import Base
from .engine import make_engine


def open_database(location: DatabaseLocation, *, migrate: bool = True) -> Engine:
    """An engine on ``location`` whose schema is at the program's version."""
    if location.path is not None:
        location.path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    if migrate:
        Base.metadata.create_all(engine)
    return engine
