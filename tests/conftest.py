"""Shared fixtures: a migrated database per test, in a temporary folder.

The migrations run once per test session into a template file; each test gets a copy,
which ``open_database`` then checks and opens like any existing database.
"""

from __future__ import annotations

import os
import shutil

# Qt must never look for a display in the test suite.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import Engine  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from movdesk.config import DatabaseLocation, resolve_database  # noqa: E402
from movdesk.store.engine import make_session_factory  # noqa: E402
from movdesk.store.migrate import open_database  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user data folder, whatever a test does."""
    monkeypatch.setenv("MOVDESK_DATA_DIR", str(tmp_path_factory.mktemp("movdesk-data")))
    monkeypatch.delenv("MOVDESK_DB", raising=False)


@pytest.fixture
def db_location(tmp_path: Path) -> DatabaseLocation:
    return resolve_database(str(tmp_path / "test.sqlite"))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file built by running every migration, closed (no -wal beside it)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    location = DatabaseLocation(f"sqlite:///{path.as_posix()}", path)
    open_database(location, daily_backup=False).dispose()
    return path


@pytest.fixture
def engine(db_location: DatabaseLocation, migrated_template: Path) -> Iterator[Engine]:
    if db_location.path is not None and not db_location.path.exists():
        db_location.path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_template, db_location.path)
    # No automatic backups: tests that want them ask open_database themselves.
    eng = open_database(db_location, daily_backup=False)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as s:
        yield s
