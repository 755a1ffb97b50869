"""A backup that fails says why: the disk, the rights, a lock — not a damaged database."""

from __future__ import annotations

import pytest

from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.store.migrate import open_database

from ..disk import sqlite_cannot_grow
from .conftest import EXTRA_REVISION, stored_revision_of

NOT_A_DATABASE = "n'est pas une base SQLite lisible"


def _in_backups(name: str) -> bool:
    return "backups" in name


def test_a_full_disk_before_a_migration_names_the_cause(
    older_database: DatabaseLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert older_database.path is not None
    revision = stored_revision_of(older_database.path)
    sqlite_cannot_grow(monkeypatch, _in_backups)
    with pytest.raises(UserError) as caught:
        open_database(older_database).dispose()
    assert "le disque est plein" in str(caught.value)
    assert NOT_A_DATABASE not in str(caught.value)
    assert stored_revision_of(older_database.path) == revision != EXTRA_REVISION
