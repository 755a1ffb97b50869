"""Open a database and bring its schema to the program's version with Alembic.

The migrations ship inside the package (``movdesk/store/migrations``) and the Alembic
configuration is built here, in code. Before anything touches an existing file, it is
looked at read-only: a file that is not a movdesk database, or that a newer movdesk
created, is refused and left exactly as it was. An existing database is backed up
before it is migrated.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.pool import NullPool

from ..config import DatabaseLocation, is_network_path
from ..errors import UserError
from .backup import backup_before_migration, take_daily_backup
from .engine import BUSY_TIMEOUT_MS, make_engine
from .files import free_bytes, os_error_cause
from .guard import protect_database
from .sqlite_file import (
    DatabaseFileError,
    NotADatabase,
    needs_immutable_open,
    probe,
    read_only_uri,
)

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_log = logging.getLogger(__name__)

_REVISION_LINE = re.compile(
    r"^(?P<key>revision|down_revision)\b[^=\n]*=\s*(?:None|['\"](?P<id>\w+)['\"])\s*$",
    re.MULTILINE,
)

#: Where the migration scripts live, inside the installed package.
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, *, url: str | None = None) -> Config:
    """An Alembic configuration without any ``alembic.ini``.

    The migrations run on ``connection`` when it is given, otherwise on ``url``.
    """
    from alembic.config import Config

    cfg = Config()
    # ConfigParser interpolates "%": a folder name holding one must be escaped.
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _head_from_files() -> str | None:
    """The head revision read from the scripts' ``revision`` lines, without Alembic.

    Importing Alembic is a third of the time to the main window, and a database that is
    already at the head needs none of it. None when the files do not give exactly one
    head (a merge, say): Alembic decides then.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = {m["key"]: m["id"] for m in _REVISION_LINE.finditer(script.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found or found["revision"] is None:
            return None
        revisions.add(found["revision"])
        if found["down_revision"] is not None:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def scripts_head() -> str:
    """The head revision as Alembic reads it from the scripts."""
    head = _scripts().get_current_head()
    assert head is not None, "movdesk ships at least one migration"
    return head


def head_revision() -> str:
    """The schema revision this program works with: the newest migration's."""
    return _head_from_files() or scripts_head()


def is_known_revision(revision: str) -> bool:
    """True when this program has the migration script of ``revision``."""
    if revision == head_revision():
        return True
    return any(script.revision == revision for script in _scripts().walk_revisions())


def schema_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, None when it has no movdesk schema."""
    with engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()


def refuse_network_path(path: Path) -> None:
    if is_network_path(str(path)):
        raise UserError(
            f"Base de données : « {path} » est sur un partage réseau. SQLite ne doit pas "
            "être placé sur un partage (risque de corruption quand plusieurs postes "
            "écrivent) ; choisissez un dossier local de ce poste."
        )


def newer_schema_error(name: str, revision: str, outcome: str = "") -> UserError:
    outcome = outcome or f"« {name} » n'a pas été ouverte ni modifiée."
    return UserError(
        f"Cette base a été créée par une version plus récente de movdesk (schéma "
        f"« {revision} », inconnu de cette version) : mettez movdesk à jour pour "
        f"l'utiliser. {outcome}"
    )


def stored_revision(path: Path, *, outcome: str = "Le fichier n'a pas été modifié.") -> str | None:
    """Check, read-only, that ``path`` is usable by this program; return its revision.

    None means an empty database (or no file yet). Raises :class:`UserError` for a file
    that is not SQLite, an SQLite database of another program, or a newer movdesk's;
    ``outcome`` ends the message (what was left as it was).
    """
    try:
        found = probe(path)
    except NotADatabase:
        raise UserError(
            f"« {path} » n'est pas une base de données movdesk : ce n'est pas un fichier "
            f"SQLite lisible (fichier d'un autre type ou endommagé). {outcome}"
        ) from None
    except DatabaseFileError as error:
        raise UserError(f"« {path} » ne peut pas être lu : {error}. {outcome}") from None
    except OSError as error:
        raise UserError(
            f"« {path} » ne peut pas être lu : {os_error_cause(error)}. {outcome}"
        ) from None
    if found.revision is None and not found.is_empty:
        raise UserError(
            f"« {path} » est une base SQLite qui n'appartient pas à movdesk (aucune "
            f"version de schéma movdesk enregistrée). {outcome}"
        )
    if found.revision is not None and not is_known_revision(found.revision):
        raise newer_schema_error(str(path), found.revision, outcome)
    return found.revision


def _migration_engine(url: str) -> Engine:
    """An engine whose connections migrate safely on SQLite.

    Foreign keys are switched off while tables are rebuilt (batch mode copies and drops
    tables, which would cascade or fail), and the whole upgrade runs in one explicit
    transaction, so a failing migration leaves the previous schema intact.
    """
    engine = make_engine(url, poolclass=NullPool)
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _manual_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = OFF")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _broken_references(conn: Connection) -> int:
    return len(conn.execute(text("PRAGMA foreign_key_check")).fetchall())


def upgrade_to_head(url: str) -> None:
    """Run every pending migration on ``url`` in one transaction.

    On SQLite the upgrade is undone when it leaves more broken references than there
    were before (references already broken are reported by ``movdesk check``, they do
    not block the upgrade).
    """
    from alembic import command

    engine = _migration_engine(url)
    try:
        with engine.begin() as conn:
            is_sqlite = engine.dialect.name == "sqlite"
            broken_before = _broken_references(conn) if is_sqlite else 0
            command.upgrade(alembic_config(conn), "head")
            if is_sqlite and _broken_references(conn) > broken_before:
                raise UserError(
                    "La mise à jour du schéma de la base a été annulée : elle aurait "
                    "rompu des références entre tables. La base n'a pas été modifiée ; "
                    "signalez ce problème au support de movdesk."
                )
    finally:
        engine.dispose()


def _check_and_migrate_engine(engine: Engine, name: str, migrate: bool) -> None:
    """For databases that are not a local file: refuse a newer schema, then migrate."""
    current = schema_revision(engine)
    if current is not None and not is_known_revision(current):
        raise newer_schema_error(name, current)
    if migrate and current != head_revision():
        from alembic import command

        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")


def open_database(
    location: DatabaseLocation, *, migrate: bool = True, daily_backup: bool = True
) -> Engine:
    """An engine on ``location`` whose schema is at the program's version.

    For an SQLite file: refuses a network share, a foreign or newer file (untouched);
    backs up an existing database before migrating it; then, when ``daily_backup`` is
    true, takes the automatic daily backup if the last one is more than a day old.
    """
    path = location.path
    if path is None:
        engine = make_engine(location.url)
        try:
            _check_and_migrate_engine(engine, location.url, migrate)
        except BaseException:
            engine.dispose()
            raise
        return engine

    refuse_network_path(path)
    if path.is_dir():
        raise UserError(
            f"Base de données : « {path} » est un dossier. Indiquez le fichier de la base "
            f"(par exemple « {path / 'movdesk.sqlite'} »)."
        )
    protect_database(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(
            f"Base de données : le dossier « {path.parent} » ne peut pas être créé : "
            f"{os_error_cause(error)}."
        ) from None
    current = stored_revision(path)
    if current is not None and needs_immutable_open(path):
        return _read_only_engine(location, path, current, migrate)
    if migrate and current != head_revision():
        if current is not None:
            backup_before_migration(location, current)
        upgrade_to_head(location.url)
    engine = make_engine(location.url)
    if daily_backup and current is not None:
        try:
            take_daily_backup(location)
        except UserError as error:
            # A missed daily copy must not keep the office from working; the next
            # start tries again.
            _log.warning("Sauvegarde automatique non faite : %s", error)
    return engine


def _unwritable_cause(folder: Path) -> str:
    """Why SQLite cannot write beside the database: a full disk, or a read-only folder."""
    free = free_bytes(folder)
    if free is not None and free < _ROOM_FOR_SQLITE:
        return f"le disque du dossier « {folder} » est plein"
    return f"le dossier « {folder} » est en lecture seule"


#: What SQLite needs at least beside a database to open it for writing (its -shm).
_ROOM_FOR_SQLITE = 1_000_000


def _read_only_engine(
    location: DatabaseLocation, path: Path, current: str, migrate: bool
) -> Engine:
    """An engine that only reads ``path``, a database in a folder nobody can write.

    Reading commands work; there is no daily backup (nowhere to write it) and a write
    is refused by SQLite, which the commands word as "lecture seule".
    """
    cause = _unwritable_cause(path.parent)
    if migrate and current != head_revision():
        raise UserError(
            f"La base « {path} » doit être mise à jour pour cette version de movdesk, mais "
            f"{cause}. Libérez de la place, demandez l'accès en écriture ou copiez la base "
            "dans un dossier à vous. La base n'a pas été modifiée."
        )
    _log.warning(
        "Sauvegarde automatique non faite : %s ; la base est ouverte en lecture seule.", cause
    )
    uri = read_only_uri(path)
    return make_engine(
        location.url,
        creator=lambda: sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        ),
    )
