"""The shipped migrations build exactly the models' schema, on a file the engine tunes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

from movdesk.config import DatabaseLocation
from movdesk.models import Base
from movdesk.store import migrate
from movdesk.store.engine import make_engine
from movdesk.store.migrate import (
    alembic_config,
    head_revision,
    open_database,
    schema_revision,
)

from .conftest import location_at, table_names


def _schema_sql(path: Path) -> dict[str, list[str]]:
    """Each table's and index's CREATE statement, as a sorted list of its lines, so that
    the order of constraints does not matter but every name and clause does."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name != 'alembic_version'"
        ).fetchall()
    return {
        name: sorted(line.strip().rstrip(",") for line in (sql or "").splitlines())
        for name, sql in rows
    }


def test_migrated_schema_has_no_difference_with_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_write_the_same_ddl_as_the_models(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite"
    open_database(location_at(migrated), daily_backup=False).dispose()
    created = make_engine(f"sqlite:///{(tmp_path / 'created.sqlite').as_posix()}")
    Base.metadata.create_all(created)
    created.dispose()
    assert _schema_sql(migrated) == _schema_sql(tmp_path / "created.sqlite")


@pytest.mark.parametrize(
    ("table", "constraint"),
    [
        ("mov_case", "ck_mov_case_case_status"),
        ("mov_case", "ck_mov_case_end_after_start"),
        ("mov_case", "fk_mov_case_beneficiary_id_beneficiary"),
        ("mov_case", "uq_mov_case_order_number"),
        ("interview", "ck_interview_interview_kind"),
        ("beneficiary", "ck_beneficiary_civility"),
        ("payment_tranche", "uq_payment_tranche_case"),
        ("case_exit", "ck_case_exit_exit_reason"),
    ],
)
def test_named_and_enum_constraints_are_in_the_migrated_schema(
    engine: Engine, table: str, constraint: str
) -> None:
    with engine.connect() as conn:
        sql = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"),
            {"t": table},
        ).scalar_one()
    assert f"CONSTRAINT {constraint} " in sql


def test_enum_check_refuses_an_unknown_value(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO referent (full_name, active) VALUES ('A', 1)"))
        conn.execute(
            text(
                "INSERT INTO beneficiary (last_name, first_name, pe_id) "
                "VALUES ('Durand', 'Sophie', '1234567A')"
            )
        )
    with pytest.raises(Exception, match="CHECK constraint failed"), engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO mov_case (order_number, beneficiary_id, referent_id, "
                "start_date, end_date, status, renewal_envisaged) "
                "VALUES ('LC-1', 1, 1, '2026-01-05', '2026-07-03', 'lost', 0)"
            )
        )


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("foreign_keys", 1), ("journal_mode", "wal"), ("synchronous", 2)],
)
def test_connections_have_movdesk_pragmas(engine: Engine, pragma: str, expected: object) -> None:
    with engine.connect() as conn:
        assert conn.exec_driver_sql(f"PRAGMA {pragma}").scalar() == expected


def test_fresh_database_is_at_head(engine: Engine) -> None:
    assert schema_revision(engine) == head_revision()


def test_head_is_found_inside_the_package() -> None:
    versions = migrate.MIGRATIONS_DIR / "versions"
    assert migrate.MIGRATIONS_DIR.parent == Path(migrate.__file__).resolve().parent
    assert any(head_revision() in p.name for p in versions.glob("*.py"))


def test_head_read_from_the_files_is_alembics() -> None:
    assert migrate._head_from_files() == migrate.scripts_head() == head_revision()


def test_a_database_at_head_opens_without_alembic(tmp_path: Path) -> None:
    path = tmp_path / "at-head.sqlite"
    open_database(location_at(path), daily_backup=False).dispose()
    code = (
        "import sys; from pathlib import Path; "
        "from movdesk.config import resolve_database; "
        "from movdesk.store.migrate import open_database; "
        f"open_database(resolve_database({str(path)!r}), daily_backup=False).dispose(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_downgrade_to_base_then_upgrade_again(tmp_path: Path) -> None:
    path = tmp_path / "round.sqlite"
    open_database(location_at(path), daily_backup=False).dispose()
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert table_names(path) == {"alembic_version"}
        assert schema_revision(engine) is None
    finally:
        engine.dispose()
    open_database(location_at(path), daily_backup=False).dispose()
    assert "mov_case" in table_names(path)


def test_in_memory_url_is_migrated() -> None:
    engine = open_database(DatabaseLocation("sqlite://", None))
    try:
        assert schema_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM mov_case")).scalar() == 0
    finally:
        engine.dispose()


def test_revision_tool_finds_nothing_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The development tool writes a revision; with the models unchanged it is empty."""
    import shutil

    from movdesk.store.revision import make_revision

    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    shipped_head = head_revision()
    (written,) = make_revision("rien de neuf")
    assert written.parent == folder / "versions"
    source = written.read_text(encoding="utf-8")
    assert f"down_revision: str | None = {shipped_head!r}" in source
    assert "op." not in source  # no operation: the migrations already match the models
    assert head_revision() != shipped_head
