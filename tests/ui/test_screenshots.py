"""The screenshot tool saves one picture of every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from movdesk.ui.screenshots import WINDOW_SIZE, main

pytestmark = pytest.mark.gui


def test_one_png_per_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "images"
    assert main([str(out), "--db", str(tmp_path / "base.sqlite")]) == 0
    names = sorted(p.name for p in out.glob("*.png"))
    # An empty database has no case to show: of the extra views, only the order form;
    # of the forms with their refusals, those needing no case, then the questions.
    extra = [
        "09-dialogue-commande.png",
        "10-formulaire-commande.png",
        "11-formulaire-bureau.png",
        "12-formulaire-referent.png",
        "13-question-abandon.png",
        "14-question-aucun-referent.png",
        "15-choix-du-mois.png",
    ]
    assert names == [
        "01-tableau-de-bord.png",
        "02-beneficiaires.png",
        "03-agenda.png",
        "04-placements.png",
        "05-indicateurs.png",
        "06-paiements.png",
        "07-annuaire.png",
        "08-parametres.png",
        *extra,
    ]
    image = QImage(str(out / names[0]))
    assert (image.width(), image.height()) == WINDOW_SIZE
    assert capsys.readouterr().out.count(".png") == 8 + len(extra)
