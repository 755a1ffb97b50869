"""Import prints a handful of warnings, then a count: never thousands of lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from movdesk.cli import main
from movdesk.commands.exchange_cmd import MAX_WARNING_LINES
from tests.exchange.samples import beneficiary, document, make_case

SHORT_PERIOD = {
    "start": "2026-04-06",
    "end": "2026-04-10",
    "employer": "Boulangerie Petit",
    "job_title": "Vendeur",
    "rome": "D1106",
}


def test_many_warnings_are_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        make_case(
            f"LC-2026-{n:06d}",
            beneficiary=beneficiary(f"{n:07d}A"),
            company_periods=[SHORT_PERIOD],
        )
        for n in range(1, MAX_WARNING_LINES + 6)
    ]
    source = tmp_path / "cases.json"
    source.write_text(json.dumps(document(cases)), encoding="utf-8")
    db = tmp_path / "db.sqlite"
    assert main(["--db", str(db), "import", str(source)]) == 0
    captured = capsys.readouterr()
    created, *lines = captured.err.splitlines()
    assert created == f"movdesk : nouvelle base créée : « {db} »."
    assert len(lines) == MAX_WARNING_LINES + 1
    first = "movdesk : attention : Dossier LC-2026-000001, company_periods[0].end"
    assert lines[0].startswith(first)
    assert "moins de 7 jours" in lines[0]
    assert lines[-1] == "movdesk : attention : … et 5 autres avertissements (données acceptées)."
    assert f"{len(cases)} dossiers importés" in captured.out
