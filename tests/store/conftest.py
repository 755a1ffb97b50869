"""Fixtures of the storage tests: database locations and a second, test-only revision.

``extra_revision`` copies the shipped migrations to a temporary folder, adds a revision
after the head that creates a table ``test_extra``, and points the program at that
folder: a database made by the real program is then honestly *older* than the head.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from movdesk.config import DatabaseLocation
from movdesk.models import Referent
from movdesk.store import migrate
from movdesk.store.engine import make_session_factory, unit_of_work
from movdesk.store.migrate import open_database

EXTRA_REVISION = "e7e7e7e7e7e7"
# Taken at import, before any test points the program at another folder.
_SHIPPED_MIGRATIONS = migrate.MIGRATIONS_DIR
_SHIPPED_HEAD = migrate.head_revision()

_EXTRA_SCRIPT = '''"""Test only: one more table."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "test_extra",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("label", sa.String(20)),
    )
    {more}


def downgrade() -> None:
    op.drop_table("test_extra")
'''


def location_at(path: Path) -> DatabaseLocation:
    return DatabaseLocation(f"sqlite:///{path.as_posix()}", path)


def digest(path: Path) -> str:
    """Fingerprint of a file's bytes: "left untouched" means the same digest."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_revision_of(path: Path) -> str | None:
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def table_names(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


@pytest.fixture
def location(tmp_path: Path) -> DatabaseLocation:
    return location_at(tmp_path / "office" / "movdesk.sqlite")


def add_referent(location: DatabaseLocation, full_name: str) -> None:
    """One row written through the program's own engine and models."""
    engine = open_database(location, daily_backup=False)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            session.add(Referent(full_name=full_name, active=True))
    finally:
        engine.dispose()


def referent_names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT full_name FROM referent ORDER BY full_name").fetchall()
    return [name for (name,) in rows]


def extended_migrations(tmp_path: Path, more: str = "") -> Path:
    """A copy of the shipped migrations with the test-only revision after the head;
    ``more`` is one more statement of its upgrade."""
    folder = tmp_path / "migrations-extended"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(
        _SHIPPED_MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__")
    )
    script = _EXTRA_SCRIPT.format(
        revision=EXTRA_REVISION, down=_SHIPPED_HEAD, more=more or "pass"
    )
    (folder / "versions" / f"{EXTRA_REVISION}_test_extra.py").write_text(script, "utf-8")
    return folder


@pytest.fixture
def older_database(
    location: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> DatabaseLocation:
    """A database made by this program (one referent), while the program's head becomes
    the test-only revision: the database is one revision behind."""
    add_referent(location, "Claire Martin")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", extended_migrations(tmp_path))
    return location


@pytest.fixture
def newer_database(
    location: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> DatabaseLocation:
    """A database migrated by a "newer movdesk" (the test-only revision), then the
    program goes back to its shipped migrations."""
    with monkeypatch.context() as patched:
        patched.setattr(migrate, "MIGRATIONS_DIR", extended_migrations(tmp_path))
        add_referent(location, "Claire Martin")
    assert stored_revision_of(location.path) == EXTRA_REVISION
    return location
