"""The command line's contract: exit codes, French messages, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from movdesk import __version__
from movdesk.cli import EXIT_USAGE, EXIT_USER_ERROR, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["nosuchcommand"],
        ["deadlines", "--today", "2026-02-30"],
        ["deadlines", "--format", "xml"],
        ["export", "monthly", "--month", "2026-13"],
        ["print", "poster", "LC-1"],
    ],
)
def test_bad_usage_exits_2_with_french_message(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert "utilisation incorrecte" in err or "invalid choice" in err


def test_network_share_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", r"\\serveur\partage\m.sqlite", "check"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "partage réseau" in err and "Traceback" not in err


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "movdesk", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and __version__ in done.stdout


def test_a_locked_database_is_a_french_error(
    tmp_path, migrated_template, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    import sqlite3

    db = tmp_path / "m.sqlite"
    shutil.copyfile(migrated_template, db)
    holder = sqlite3.connect(db, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        import movdesk.store.engine as engine_module

        original = engine_module.BUSY_TIMEOUT_MS
        engine_module.BUSY_TIMEOUT_MS = 50  # do not wait ten seconds in a test
        try:
            code = main(["--db", str(db), "demo", "--cases", "1"])
        finally:
            engine_module.BUSY_TIMEOUT_MS = original
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert code == EXIT_USER_ERROR
    assert "la base de données a refusé l'opération : la base est occupée" in err
    assert "Réessayez" in err
    assert "Traceback" not in err
