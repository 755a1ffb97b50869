"""Hostile text: control characters, direction marks and 1 MB names are refused at the
door; text already stored reaches neither the terminal raw nor Excel as a formula."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from movdesk.cli import EXIT_USER_ERROR, main

from ..exchange.samples import document, make_case


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "movdesk.sqlite"
    shutil.copyfile(migrated_template, path)
    return path


def _import(db: Path, tmp_path: Path, cases: list[dict]) -> int:  # type: ignore[type-arg]
    source = tmp_path / "dossiers.json"
    source.write_text(json.dumps(document(cases), ensure_ascii=False), encoding="utf-8")
    return main(["--db", str(db), "import", str(source)])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Du\x00rand", "en position 3 : le caractère de contrôle U+0000 (NUL)"),
        ("\x1b[2J\x1b[31mDurand", "en position 1 : le caractère de contrôle U+001B (ESC)"),
        ("Durand\x07", "en position 7 : le caractère de contrôle U+0007 (BEL)"),
        ("Durand\u202ednaruD", "en position 7 : une marque invisible de sens d'écriture"),
        ("Du\nrand", "en position 3 : le caractère de contrôle U+000A (saut de ligne)"),
    ],
    ids=["NUL", "ESC", "BEL", "RLO", "newline"],
)
def test_control_characters_in_a_name_are_refused(
    db: Path, tmp_path: Path, text: str, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case()
    case["beneficiary"]["last_name"] = text
    assert _import(db, tmp_path, [case]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert f"beneficiary.last_name : caractère interdit dans le nom, {words}" in err
    assert "\x1b" not in err and "\x00" not in err and "\x07" not in err and "\u202e" not in err


def test_a_one_megabyte_name_is_refused_in_a_short_message(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case()
    case["beneficiary"]["first_name"] = "A" * 1_000_000
    case["order_number"] = "B" * 1_000_000
    assert _import(db, tmp_path, [case]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "trop de caractères dans le prénom : 1\u202f000\u202f000 pour 100 au plus" in err
    assert "trop de caractères dans le n° de lettre de commande" in err
    assert "Dossier cases[0]" in err
    assert len(err) < 2_000


def test_multi_line_notes_keep_their_line_breaks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = make_case()
    case["beneficiary"]["address"] = "3 rue des Lilas\r\n59000 Lille\tbât. B"
    assert _import(db, tmp_path, [case]) == 0


def _store_raw(db: Path, **names: str) -> None:
    """Names written by an older version, before the text rules (straight into SQLite)."""
    with closing(sqlite3.connect(db)) as conn:
        for column, value in names.items():
            conn.execute(f"UPDATE beneficiary SET {column} = ?", (value,))
        conn.commit()


def test_stored_control_characters_reach_the_terminal_escaped(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(db, tmp_path, [make_case()]) == 0
    _store_raw(db, last_name="\x1b[31mRouge\x07", first_name="Ann\u202ea")
    capsys.readouterr()
    for command in (["deadlines", "--today", "2026-03-02"], ["payments", "--today", "2026-03-02"]):
        assert main(["--db", str(db), *command]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b[31MROUGE\\x07" in out  # the last name is shown in capitals
    assert main(["--db", str(db), "deadlines", "--today", "2026-03-02", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\x1b" not in out
    assert json.loads(out)  # still the same data for a program


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_formula_cells_are_neutralised_in_every_excel_csv(
    db: Path, tmp_path: Path, start: str, capsys: pytest.CaptureFixture[str]
) -> None:
    formula = f'{start}HYPERLINK("http://exemple.invalid","Cliquez")'
    assert _import(db, tmp_path, [make_case(order_number=f"{start}1+2")]) == 0
    _store_raw(db, last_name=formula)
    capsys.readouterr()
    out = tmp_path / "detail.csv"
    assert main(["--db", str(db), "export", "monthly", "--month", "2026-03", "--detail",
                 "--out", str(out)]) == 0
    detail = out.read_bytes().decode("utf-8-sig")
    assert f"\r\n'{start}1+2;" in detail
    for command in (["deadlines", "--today", "2026-03-02"], ["payments", "--today", "2026-03-02"]):
        assert main(["--db", str(db), *command, "--format", "csv"]) == 0
        cells = capsys.readouterr().out.replace("\r\n", ";").split(";")
        assert not [c for c in cells if c.lstrip('"').startswith(start) and c != start]
        assert any(c.lstrip('"').startswith(f"'{start}") for c in cells)
    # Scripts get the data as it is.
    assert main(["--db", str(db), "export", "monthly", "--month", "2026-03", "--detail",
                 "--dialect", "machine"]) == 0
    assert f"\n{start}1+2," in capsys.readouterr().out
