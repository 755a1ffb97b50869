"""``movdesk import`` / ``movdesk export json`` from the command line, and file reading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from movdesk.cli import main
from movdesk.errors import UserError
from movdesk.exchange import load_file

from .samples import document, make_case, varied_cases


def write(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_import_then_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "office.sqlite")
    source = write(tmp_path / "dossiers.json", document(varied_cases()))
    assert main(["--db", db, "import", str(source)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"16 dossiers importés depuis {source}"
    assert "attention : Dossier LC-2026-000020, company_periods[1].end" in err
    target = tmp_path / "export.json"
    assert main(["--db", db, "export", "json", "--out", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == document(varied_cases())
    assert main(["--db", db, "export", "json"]) == 0
    assert capsys.readouterr().out == target.read_text(encoding="utf-8")


def test_bad_file_exits_1_with_the_message_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "office.sqlite")
    bad = make_case(suspensions=[{"kind": "sickness", "start": "2026-03-02",
                                  "end": "2026-03-17"}])
    source = write(tmp_path / "bad.json", document([bad]))
    assert main(["--db", db, "import", str(source)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("movdesk : Import refusé, rien n'a été importé : 1 erreur dans bad.json")
    assert ("Dossier LC-2026-000001, suspensions[0].end : une suspension pour maladie dure au "
            "plus 14 jours consécutifs (ici 16 jours).") in err
    # The refused import created no database, so there is nothing to export either.
    assert not Path(db).exists() and not list(tmp_path.glob("office.sqlite*"))
    assert main(["--db", db, "export", "json"]) == 1
    assert "n'existe pas" in capsys.readouterr().err


def test_missing_file_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "x.sqlite"), "import", str(tmp_path / "nope.json")]) == 1
    assert "Fichier introuvable" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"format": "movdesk-cases",\n  "version": 1,\n  "cases": [,]}',
         "JSON invalide, ligne 3, colonne 13 (valeur attendue)"),
        (b'{"format": "movdesk-cases" "version": 1}', "ligne 1, colonne 28 (virgule attendue)"),
        (b"", "ligne 1, colonne 1"),
        (b'{"a": "caf\xe9"}', "n'est pas en UTF-8 (octet invalide à la position 10)"),
    ],
    ids=["syntax", "missing-comma", "empty", "latin-1"],
)
def test_load_file_errors(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        load_file(path)
    assert words in str(caught.value)
    assert str(path) in str(caught.value)


def test_load_file_accepts_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"é": 1}, ensure_ascii=False).encode())
    assert load_file(path) == {"é": 1}


def test_load_file_missing_or_directory(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Fichier introuvable"):
        load_file(tmp_path / "absent.json")
    with pytest.raises(UserError, match="est un dossier"):
        load_file(tmp_path)
