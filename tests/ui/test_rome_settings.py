"""Paramètres › Importer le référentiel ROME: a damaged file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import RomeJob
from movdesk.services.context import Desk
from movdesk.ui.pages.rome_settings import RomeSettings

pytestmark = pytest.mark.gui

CODES = (
    "code_rome,code_fiche_metier,code_ogr,libelle_rome,transition_eco,transition_num,"
    "transition_demo,emploi_reglemente,emploi_cadre,code_rome_parent\n"
    "D1106,D1106,38873,Vente en alimentation,N,N,N,N,N,\n"
    "K2204,K2204,38883,Nettoyage de locaux,N,N,N,N,N,\n"
)


def _count(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(RomeJob)) or 0


def test_a_damaged_file_is_refused_naming_the_line_then_a_good_one_imports(
    qtbot: QtBot,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: shown.append(text))
    group = RomeSettings(Desk(session_factory))
    qtbot.addWidget(group)
    group.show()
    assert group.status.text().startswith("aucun référentiel importé")

    damaged = tmp_path / "unix_referentiel_code_rome_v460_utf8.csv"
    damaged.write_text(CODES + "K22,K22,1,Ligne abîmée,N,N,N,N,N,\n", encoding="utf-8")
    with qtbot.waitSignal(group.finished, timeout=10_000) as outcome:
        group.import_files([str(damaged)])
    assert "unix_referentiel_code_rome_v460_utf8.csv, ligne 4" in outcome.args[0]
    assert "n'a pas été importé" in shown[-1]
    assert _count(session_factory) == 0
    assert group.status.text().startswith("aucun référentiel importé")

    good = tmp_path / "codes.csv"
    good.write_text(CODES, encoding="utf-8")
    with qtbot.waitSignal(group.finished, timeout=10_000):
        group.import_files([str(good)])
    assert shown[-1] == "Référentiel ROME importé : 2 intitulés, 2 codes."
    assert group.status.text().startswith("2 intitulés pour 2 codes, importés le ")
    assert _count(session_factory) == 2
    assert group.import_button.isEnabled()


def test_an_unreadable_file_is_said_in_french(
    qtbot: QtBot,
    session_factory: sessionmaker[Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    group = RomeSettings(Desk(session_factory))
    qtbot.addWidget(group)
    with qtbot.waitSignal(group.finished, timeout=10_000) as outcome:
        group.import_files([str(tmp_path / "absent.csv")])
    assert outcome.args[0].startswith("Impossible de lire « absent.csv »")
