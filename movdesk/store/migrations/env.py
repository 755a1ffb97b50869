"""Alembic environment of movdesk: migrates the connection handed over by the program.

The program builds the Alembic configuration in code (``movdesk.store.migrate``) and
passes an open connection in ``config.attributes["connection"]``, so no ``alembic.ini``
is needed at run time. Batch mode is on because SQLite alters most things by copying
the table.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from movdesk.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        compare_server_default=True,
    )


def run_migrations_offline() -> None:
    """Write the SQL of the migrations instead of running them (``--sql``)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    # Development use only (making a revision): no connection given, open the URL.
    from movdesk.store.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as conn:
            _configure(conn)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
