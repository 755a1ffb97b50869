"""Engine and session factory for the local database, and the one place that commits.

SQLite is opened with foreign keys enforced, write-ahead logging, ``synchronous=FULL``
(a power cut never loses a committed change) and a busy timeout so that two windows,
or a backup running beside the program, wait for each other instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

#: How long a connection waits for another writer before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 10_000


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous = FULL")
        # WAL is a property of the file; an in-memory database answers "memory".
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """Create an engine for ``url``; SQLite connections get movdesk's pragmas."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", BUSY_TIMEOUT_MS / 1000)
    engine = create_engine(url, **kwargs)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep their objects usable after commit (desktop use), and never
    write a text the text rules refuse (:mod:`.text_guard`)."""
    from .text_guard import check_texts

    factory = sessionmaker(bind=engine, expire_on_commit=False, autoflush=True)
    event.listen(factory, "before_flush", check_texts)
    return factory


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One user action: commit when the block ends normally, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
