"""The Annuaire, used as an office uses it: search, duplicates on entry, merge, history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.models import (
    BarrierCategory,
    BarrierStatus,
    CompanyPeriod,
    ContractingResult,
    Employer,
    PartnerKind,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.directory import EntryKind, list_entries
from movdesk.services.directory_edit import EntryInput, save_entry
from movdesk.services.undo import undo_last
from movdesk.ui.directory import DirectoryPage, EntryDialog, MergeDialog
from movdesk.ui.pages.base import PageContext
from tests.services.conftest import case_id, desk, referent_id
from tests.ui.modal import when_any_modal

__all__ = ["case_id", "desk", "referent_id"]

pytestmark = pytest.mark.gui

SIRET = "73282932000074"


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


@pytest.fixture
def page(
    qtbot: QtBot, desk: Desk, session_factory: sessionmaker[Session], db_location: DatabaseLocation
) -> Callable[[], DirectoryPage]:
    def make() -> DirectoryPage:
        shown = DirectoryPage(PageContext(session_factory, db_location, True, desk))
        qtbot.addWidget(shown)
        shown.resize(1400, 760)
        with qtbot.waitExposed(shown):
            shown.show()
        shown.refresh()
        return shown

    return make


def _names(tab) -> list[str]:
    model = tab.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_lists_sort_accented_names_in_their_place(qtbot: QtBot, page, desk: Desk) -> None:
    """« Établissements Roux » sorts with the E, « Lévêque » before « Logistique »."""
    for name in ("Zeste Traiteur", "Logistique Foucher", "Établissements Roux", "Lévêque Bâtiment"):
        save_entry(desk, EntryKind.EMPLOYER, EntryInput(name=name))
    tab = page().employers
    assert _names(tab) == [
        "Établissements Roux",
        "Lévêque Bâtiment",
        "Logistique Foucher",
        "Zeste Traiteur",
    ]
    tab.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert _names(tab)[0] == "Zeste Traiteur" and _names(tab)[-1] == "Établissements Roux"


def test_every_column_title_is_read_in_full(page) -> None:
    """« Freins suivis » and « Demandes en cours » were cut on both sides."""
    shown = page()
    for tab in (shown.employers, shown.partners):
        header = tab.table.horizontalHeader()
        model = tab.table.model()
        for column in range(model.columnCount()):
            title = model.headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) > header.fontMetrics().horizontalAdvance(title)


def test_search_as_you_type_accents_and_case_ignored(qtbot: QtBot, page, desk: Desk) -> None:
    for name, town in (("Élan Propreté", "Roubaix"), ("Boulangerie Petit", "Lille"),
                       ("Boulangerie Petit", "Roubaix")):  # fmt: skip
        save_entry(desk, EntryKind.EMPLOYER, EntryInput(name=name, town=town), allow_same_name=True)
    shown = page()
    tab = shown.employers
    assert _names(tab) == ["Boulangerie Petit", "Boulangerie Petit", "Élan Propreté"]
    qtbot.keyClicks(tab.search, "elan")
    qtbot.waitUntil(lambda: _names(tab) == ["Élan Propreté"])
    assert tab.count_label.text() == "1 entreprise sur 3"
    tab.search.clear()
    qtbot.keyClicks(tab.search, "roubaix")
    qtbot.waitUntil(lambda: len(_names(tab)) == 2)
    assert "Roubaix" in tab.heading.text()


def test_a_duplicate_is_proposed_on_entry_and_used(
    qtbot: QtBot, desk: Desk, session_factory
) -> None:
    existing = save_entry(
        desk, EntryKind.EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille", siret=SIRET)
    )
    dialog = EntryDialog(desk, EntryKind.EMPLOYER)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "BOULANGERIE petit")
    qtbot.keyClicks(dialog.town, "lille")
    qtbot.waitUntil(lambda: dialog.duplicates.isVisible())
    assert dialog.duplicates.text() == "Boulangerie Petit (Lille) — même nom et même ville"
    use = dialog.duplicates.findChild(QPushButton, f"useDuplicate-{existing}")
    qtbot.mouseClick(use, Qt.MouseButton.LeftButton)
    assert dialog.used_existing and dialog.result_id == existing
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Employer)) == 1


def test_a_same_siret_is_refused_and_a_same_name_asks_first(
    qtbot: QtBot, desk: Desk, session_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_entry(
        desk, EntryKind.EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille", siret=SIRET)
    )
    dialog = EntryDialog(desk, EntryKind.EMPLOYER)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Autre nom")
    qtbot.keyClicks(dialog.siret, "732 829 320 00074")
    dialog.accept()
    assert "existe déjà" in dialog.banner_text() and dialog.isVisible()
    assert "même SIRET" in dialog.duplicates.text()

    asked: list[list[str]] = []
    monkeypatch.setattr(EntryDialog, "confirm_warnings", lambda self, m: asked.append(m) or True)
    second = EntryDialog(desk, EntryKind.EMPLOYER)
    qtbot.addWidget(second)
    second.show()
    qtbot.keyClicks(second.name, "Boulangerie Petit")
    qtbot.keyClicks(second.town, "Lille")
    second.accept()
    assert asked and "même nom et même ville" in asked[0][0]
    assert not second.isVisible() and not second.used_existing
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Employer)) == 2


def test_a_merge_from_the_page_keeps_every_link_and_is_undone(
    qtbot: QtBot, page, desk: Desk, signed: int, session_factory
) -> None:
    kept = save_entry(desk, EntryKind.EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille"))
    absorbed = save_entry(
        desk,
        EntryKind.EMPLOYER,
        EntryInput(name="Boulangerie Petit ", town="LILLE", siret=SIRET),
        allow_same_name=True,
    )
    rows.add_company_period(
        desk, signed, start=date(2026, 2, 2), end=date(2026, 2, 13), employer_id=absorbed
    )
    shown = page()
    tab = shown.employers
    assert tab.select_entry(kept)

    def merge(dialog: QWidget) -> None:
        assert isinstance(dialog, MergeDialog)
        dialog.absorbed.set_value(absorbed)
        assert "1 période(s) en entreprise" in dialog.preview.text()
        dialog.accept()

    when_any_modal(merge)
    qtbot.mouseClick(tab.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_names(tab)) == 1)
    assert "SIRET : 73282932000074" in tab.info.text()
    assert tab.history.rowCount() == 1 and tab.history.row(0).what == "Période en entreprise"
    with session_factory() as session:
        assert session.scalar(select(CompanyPeriod.employer_id)) == kept
    undo_last(desk)
    with session_factory() as session:
        assert session.scalar(select(CompanyPeriod.employer_id)) == absorbed
    qtbot.waitUntil(lambda: len(_names(tab)) == 2)


def test_a_merge_too_large_for_ctrl_z_says_so_before(
    qtbot: QtBot, desk: Desk, signed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = save_entry(desk, EntryKind.EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille"))
    absorbed = save_entry(desk, EntryKind.EMPLOYER, EntryInput(name="Petit", town="Lille"))
    rows.add_company_period(
        desk, signed, start=date(2026, 2, 2), end=date(2026, 2, 13), employer_id=absorbed
    )
    listed = desk.read(lambda session: list_entries(session, EntryKind.EMPLOYER))
    entries = {row.id: row for row in listed}
    dialog = MergeDialog(desk, entries[kept], list(entries.values()))
    qtbot.addWidget(dialog)
    dialog.absorbed.set_value(absorbed)
    assert "Ctrl+Z l'annule" in dialog.preview.text()
    monkeypatch.setattr("movdesk.ui.directory.dialogs.MAX_UNDO_ROWS", 2)
    dialog.refresh_preview()
    assert "elle modifie 4 lignes : Ctrl+Z ne pourra pas l'annuler." in dialog.preview.text()
    dialog.close()


def test_partners_show_their_open_requests_and_referents_their_caseload(
    qtbot: QtBot, page, desk: Desk, signed: int
) -> None:
    partner = save_entry(
        desk,
        EntryKind.PARTNER,
        EntryInput(name="CCAS de Lille", town="Lille", partner_kind=PartnerKind.CCAS),
    )
    rows.add_barrier(
        desk,
        signed,
        category=BarrierCategory.HOUSING,
        partner_id=partner,
        status=BarrierStatus.IN_PROGRESS,
        referral=rows.Referral(date(2026, 2, 2), date(2026, 2, 16)),
    )
    shown = page()
    shown.tabs.setCurrentWidget(shown.partners)
    tab = shown.partners
    model = tab.table.model()
    assert [model.index(0, c).data() for c in range(5)] == [
        "CCAS de Lille",
        "CCAS",
        "Lille",
        "1",
        "1",
    ]
    assert "demandes en cours : 1 (dont 1 à relancer)" in tab.history_label.text()
    assert tab.history.row(0).detail == "Demande du 02/02/2026, à relancer le 16/02/2026"
    shown.tabs.setCurrentWidget(shown.referents)
    referents = shown.referents.model
    assert [referents.index(0, c).data() for c in range(3)] == ["Claire Martin", "1", "1"]
