"""Opening a database: what is refused (and left untouched), what is backed up first."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from movdesk.config import DatabaseLocation, resolve_database
from movdesk.errors import UserError
from movdesk.store import migrate
from movdesk.store.backup import automatic_backups, backups_dir
from movdesk.store.migrate import head_revision, open_database, schema_revision

from .conftest import (
    EXTRA_REVISION,
    add_referent,
    digest,
    extended_migrations,
    location_at,
    referent_names,
    stored_revision_of,
    table_names,
)


def _fake_revision(path: Path, revision: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()


def test_creates_the_parent_folder_and_takes_no_backup_of_a_new_database(
    location: DatabaseLocation,
) -> None:
    open_database(location).dispose()
    assert location.path is not None and location.path.is_file()
    assert not backups_dir(location).exists()


def test_newer_schema_is_refused_and_the_file_left_untouched(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    assert location.path is not None
    _fake_revision(location.path, "f00dcafe0042")
    before = digest(location.path)
    with pytest.raises(UserError, match="version plus récente de movdesk") as caught:
        open_database(location)
    assert "mettez movdesk à jour" in str(caught.value)
    assert digest(location.path) == before
    assert not backups_dir(location).exists()


def test_database_of_a_newer_program_is_refused(newer_database: DatabaseLocation) -> None:
    assert newer_database.path is not None
    before = digest(newer_database.path)
    with pytest.raises(UserError, match=EXTRA_REVISION):
        open_database(newer_database)
    assert digest(newer_database.path) == before
    assert stored_revision_of(newer_database.path) == EXTRA_REVISION


def test_older_database_is_backed_up_then_migrated(older_database: DatabaseLocation) -> None:
    shipped_head = stored_revision_of(older_database.path)  # type: ignore[arg-type]
    assert head_revision() == EXTRA_REVISION != shipped_head
    engine = open_database(older_database, daily_backup=False)
    try:
        assert schema_revision(engine) == EXTRA_REVISION
    finally:
        engine.dispose()
    assert "test_extra" in table_names(older_database.path)  # type: ignore[arg-type]
    saved = list(backups_dir(older_database).glob(f"avant-migration-{shipped_head}-*.sqlite"))
    assert len(saved) == 1
    assert stored_revision_of(saved[0]) == shipped_head
    assert referent_names(saved[0]) == ["Claire Martin"]
    assert "test_extra" not in table_names(saved[0])


def test_database_at_head_is_not_backed_up_before_opening(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    open_database(location, daily_backup=False).dispose()
    assert not backups_dir(location).exists()


def test_text_file_is_refused_untouched(location: DatabaseLocation) -> None:
    assert location.path is not None
    location.path.parent.mkdir(parents=True)
    location.path.write_text("nom;prénom\nDurand;Sophie\n", encoding="utf-8")
    with pytest.raises(UserError, match="pas un fichier SQLite"):
        open_database(location)
    assert location.path.read_text(encoding="utf-8") == "nom;prénom\nDurand;Sophie\n"


def test_sqlite_database_of_another_program_is_refused_untouched(
    location: DatabaseLocation,
) -> None:
    assert location.path is not None
    location.path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(location.path)) as conn:
        conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")
        conn.commit()
    before = digest(location.path)
    with pytest.raises(UserError, match="n'appartient pas à movdesk"):
        open_database(location)
    assert digest(location.path) == before


@pytest.mark.parametrize(
    "path",
    [
        "\\\\serveur\\partage\\movdesk.sqlite",
        "//serveur/partage/x.sqlite",
    ],
)
def test_network_share_is_refused(path: str) -> None:
    with pytest.raises(UserError, match="partage réseau"):
        resolve_database(path)
    # The same check stands in open_database, for locations built by other means.
    with pytest.raises(UserError, match="partage réseau"):
        open_database(DatabaseLocation(f"sqlite:///{path}", Path(path)))


def test_daily_backup_is_taken_once_a_day(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    open_database(location).dispose()
    open_database(location).dispose()
    found = automatic_backups(location)
    assert len(found) == 1
    (backup,) = found
    assert referent_names(backup) == ["Claire Martin"]
    # A day later the next start takes another one.
    older = datetime.now() - timedelta(days=1, minutes=1)
    backup.rename(backup.with_name(f"auto-movdesk-{older:%Y%m%d-%H%M%S}.sqlite"))
    open_database(location).dispose()
    assert len(automatic_backups(location)) == 2


def test_no_daily_backup_when_not_asked(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    open_database(location, daily_backup=False).dispose()
    assert automatic_backups(location) == {}


def test_migrate_false_leaves_a_new_database_empty(location: DatabaseLocation) -> None:
    open_database(location, migrate=False).dispose()
    assert location.path is not None
    assert table_names(location.path) == set()


def test_migration_folder_can_be_moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A folder name with a percent sign (ConfigParser interpolation) still works."""
    import shutil

    folder = tmp_path / "100% movdesk" / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    path = tmp_path / "x.sqlite"
    open_database(location_at(path), daily_backup=False).dispose()
    assert stored_revision_of(path) == head_revision()


def test_migration_that_breaks_a_reference_is_undone(
    location: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_referent(location, "Claire Martin")
    assert location.path is not None
    shipped = stored_revision_of(location.path)
    bad = (
        "op.execute(\"INSERT INTO referent_assignment (case_id, referent_id, start_date) "
        "VALUES (42, 1, '2026-01-05')\")"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", extended_migrations(tmp_path, bad))
    with pytest.raises(UserError, match="annulée"):
        open_database(location, daily_backup=False)
    assert stored_revision_of(location.path) == shipped
    assert "test_extra" not in table_names(location.path)
    with closing(sqlite3.connect(location.path)) as conn:
        assert conn.execute("SELECT count(*) FROM referent_assignment").fetchone()[0] == 0


def test_references_broken_before_do_not_block_an_upgrade(
    location: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_referent(location, "Claire Martin")
    assert location.path is not None
    with closing(sqlite3.connect(location.path)) as conn:
        conn.execute(
            "INSERT INTO referent_assignment (case_id, referent_id, start_date) "
            "VALUES (42, 1, '2026-01-05')"
        )
        conn.commit()
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", extended_migrations(tmp_path))
    open_database(location, daily_backup=False).dispose()
    assert stored_revision_of(location.path) == EXTRA_REVISION
