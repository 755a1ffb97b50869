"""Input that used to end in a Python traceback ends in a French message, exit 1 or 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from movdesk.cli import EXIT_USAGE, EXIT_USER_ERROR, main

from ..exchange.samples import document, make_case


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:
        return int(stop.code or 0)


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "movdesk.sqlite"
    path.write_bytes(migrated_template.read_bytes())
    return path


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_far_today_is_a_usage_error(
    db: Path, day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("deadlines", "payments"):
        assert _run(["--db", str(db), command, "--today", day]) == EXIT_USAGE
        err = capsys.readouterr().err
        assert "hors de la plage acceptée (du 01/01/1900 au 31/12/2100)" in err
        assert "Traceback" not in err


def test_a_far_month_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["--db", str(db), "export", "monthly", "--month", "9999-12"]) == EXIT_USAGE
    assert "hors de la plage acceptée" in capsys.readouterr().err


def _import(db: Path, tmp_path: Path, text: str) -> tuple[int, str]:
    source = tmp_path / "hostile.json"
    source.write_text(text, encoding="utf-8")
    code = _run(["--db", str(db), "import", str(source)])
    return code, source.name


def test_a_date_at_the_end_of_time_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = document([make_case(start_date="9999-12-31", end_date=None)])
    code, _ = _import(db, tmp_path, json.dumps(doc))
    err = capsys.readouterr().err
    assert code == EXIT_USER_ERROR and "Traceback" not in err
    assert "start_date : date hors de la plage acceptée" in err


def test_a_lone_surrogate_in_a_name_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case()
    case["beneficiary"]["last_name"] = "Du\ud800rand"
    code, _ = _import(db, tmp_path, json.dumps(document([case])))  # written as \\ud800
    err = capsys.readouterr().err
    assert code == EXIT_USER_ERROR and "Traceback" not in err
    assert "beneficiary.last_name : caractère interdit dans le nom, en position 3 : un " \
        "demi-caractère Unicode isolé" in err


def test_json_nested_a_hundred_thousand_deep_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _import(db, tmp_path, "[" * 100_000 + "]" * 100_000)
    err = capsys.readouterr().err
    assert code == EXIT_USER_ERROR and "imbriqué trop profondément" in err


def test_a_number_of_ten_thousand_digits_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = _import(db, tmp_path, '{"format": "movdesk-cases", "version": 1' + "0" * 10_000 + "}")
    err = capsys.readouterr().err
    assert code == EXIT_USER_ERROR and "milliers de chiffres" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="pas de /dev/zero ici")
def test_importing_an_endless_device_is_refused_at_once(db: Path) -> None:
    """Run in a process whose memory is capped, so that a regression cannot eat the
    machine's memory: it would end in MemoryError instead."""
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
        "from movdesk.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db), "import", "/dev/zero"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.returncode == EXIT_USER_ERROR
    assert "n'est pas un fichier ordinaire" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "url",
    ["file:///tmp/movdesk.sqlite", "postgresql://serveur/movdesk", "sqlite://",
     "mysql+pymysql://u:p@h/db"],
)
def test_unsupported_database_urls_are_refused(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["--db", url, "export", "json"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "n'est pas prise en charge" in err and "Traceback" not in err


def test_a_folder_as_the_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["export", "json"], ["check"], ["backup"], ["restore", "x.sqlite"]):
        assert _run(["--db", str(tmp_path), *command]) == EXIT_USER_ERROR
        err = capsys.readouterr().err
        assert "est un dossier" in err and "Traceback" not in err


def test_an_unforeseen_error_is_a_french_message_with_the_log(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last resort: a bug still ends in a French message, its traceback in the log."""
    import movdesk.commands as commands

    def broken(*_args: object) -> int:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(commands, "cmd_check", broken)
    assert _run(["--db", str(db), "check"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert err.startswith("movdesk : erreur inattendue (ZeroDivisionError")
    assert "Traceback" not in err and "movdesk.log" in err
    log = Path(os.environ["MOVDESK_DATA_DIR"]) / "movdesk.log"
    assert "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_paths_the_system_refuses_are_named(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "a" * 300
    for argv, words in (
        (["--db", f"{long}.sqlite", "check"], "le nom du fichier est trop long"),
        (["--db", str(db), "import", f"{long}.json"], "le nom du fichier est trop long"),
        (["--db", str(db), "restore", f"{long}.sqlite"], "le nom du fichier est trop long"),
        (["--db", str(db), "export", "json", "--out", f"{long}.json"], "trop long"),
        (["--db", str(db), "restore", str(tmp_path)], "est un dossier"),
        (["--db", "", "check"], "le chemin donné à --db est vide"),
    ):
        assert _run(argv) == EXIT_USER_ERROR
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err and "inattendue" not in err, err


def test_a_file_in_place_of_the_backups_folder_is_named(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (db.parent / "backups").write_text("pas un dossier")
    assert _run(["--db", str(db), "backup"]) == EXIT_USER_ERROR
    assert "un fichier porte déjà ce nom" in capsys.readouterr().err
