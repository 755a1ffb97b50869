"""``python -m movdesk.reports.samples``: a sample of every document from demo data."""

from __future__ import annotations

from pathlib import Path

import pytest

from movdesk.reports import samples

from .pdf_checks import all_text, assert_fonts_embedded


def test_every_document_is_written_from_demo_data(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(samples, "SAMPLE_CASES", 60)
    assert samples.main([str(tmp_path / "out"), "--png"]) == 0
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    for stem in (
        "01-contrat",
        "02-convocation",
        "03-feuille-emargement",
        "04-bilan-intermediaire",
        "05-bilan-final",
        "06-bilan-final-interruption",
    ):
        assert f"{stem}.pdf" in written and f"{stem}.png" in written
        data = (tmp_path / "out" / f"{stem}.pdf").read_bytes()
        assert_fonts_embedded(data)
        assert "Association Tremplin Emploi" in all_text(data)
    interrupted = all_text((tmp_path / "out" / "06-bilan-final-interruption.pdf").read_bytes())
    assert "sans la signature" in " ".join(interrupted.split())
    assert str(tmp_path / "out" / "01-contrat.pdf") in capsys.readouterr().out


def test_a_database_given_is_read(tmp_path: Path, db_location, session_factory) -> None:
    # An empty database has no case to show: a clear message, not a traceback.
    with pytest.raises(SystemExit, match="aucun dossier pour les exemples"):
        samples.main([str(tmp_path / "out"), "--db", str(db_location.path)])
