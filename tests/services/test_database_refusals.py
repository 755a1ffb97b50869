"""A write the database refuses (locked, disk full) reaches the window as French words."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import movdesk.store.engine as engine_module
from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.services.context import Desk
from movdesk.services.orders import add_referent
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

from ..disk import sqlite_cannot_grow


@pytest.fixture
def location(tmp_path: Path, migrated_template: Path) -> DatabaseLocation:
    path = tmp_path / "movdesk.sqlite"
    shutil.copyfile(migrated_template, path)
    return DatabaseLocation(f"sqlite:///{path.as_posix()}", path)


def test_a_database_locked_too_long_is_a_french_refusal(
    location: DatabaseLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert location.path is not None
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 100)
    engine = open_database(location, daily_backup=False)
    holder = sqlite3.connect(location.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(UserError) as refused:
            add_referent(Desk(make_session_factory(engine)), "Claire Martin")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        engine.dispose()
    assert str(refused.value).startswith("Ajouter un référent : la base de données a refusé")
    assert "la base est occupée" in str(refused.value)
    assert "Rien n'a été modifié" in str(refused.value)


def test_a_full_disk_is_a_french_refusal(
    location: DatabaseLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert location.path is not None
    live = str(location.path)
    sqlite_cannot_grow(monkeypatch, lambda name: name == live)
    engine = open_database(location, daily_backup=False)
    desk = Desk(make_session_factory(engine))
    try:
        with pytest.raises(UserError, match="le disque est plein. Rien n'a été modifié"):
            for n in range(2000):  # until the pages the template has free are used up
                add_referent(desk, f"Référent {n:04d} " + "x" * 150)
    finally:
        engine.dispose()
