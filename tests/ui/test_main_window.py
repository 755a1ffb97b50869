"""The main window: title, navigation, keyboard, dashboard figures, settings, menus."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk import __version__
from movdesk.config import DatabaseLocation
from movdesk.models import CaseStatus
from movdesk.ui.main_window import DEMO_BANNER, MainWindow
from movdesk.ui.pages import (
    DashboardPage,
    DirectoryPage,
    PlaceholderPage,
    PlacementsPage,
    SettingsPage,
)
from tests.ui.conftest import WindowFactory
from tests.ui.rows import add_cases, save_office

pytestmark = pytest.mark.gui

PAGE_TITLES = [
    "Tableau de bord",
    "Bénéficiaires",
    "Agenda",
    "Placements",
    "Indicateurs",
    "Paiements",
    "Annuaire",
    "Paramètres",
]


def _spaces(text: str) -> str:
    """French formatting uses no-break spaces; compare with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_title_before_the_office_is_named(make_window: WindowFactory) -> None:
    assert make_window().windowTitle() == "Bureau non configuré — movdesk"


def test_title_carries_the_office_name(
    make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    save_office(session_factory, "Cap Emploi Rive Gauche")
    assert make_window().windowTitle() == "Cap Emploi Rive Gauche — movdesk"


def test_demo_is_marked_in_title_banner_and_status_bar(
    make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    window = make_window(demo=True)
    assert window.windowTitle() == "Base de démonstration — movdesk"
    banner = window.findChild(QLabel, "demoBanner")
    assert banner is not None and banner.text() == DEMO_BANNER
    status = window.statusBar().findChild(QLabel, "demoLabel")
    assert status is not None and "Base de démonstration" in status.text()

    save_office(session_factory, "Bureau d'Arras")
    window.refresh_title()
    assert window.windowTitle() == "Bureau d'Arras (démonstration) — movdesk"


def test_real_database_has_no_demo_marks(make_window: WindowFactory) -> None:
    window = make_window()
    assert window.findChild(QLabel, "demoBanner") is None
    assert window.statusBar().findChild(QLabel, "demoLabel") is None


def test_status_bar_shows_the_database_path(
    make_window: WindowFactory, db_location: DatabaseLocation
) -> None:
    label = make_window().statusBar().findChild(QLabel, "databaseLabel")
    assert label is not None and str(db_location.path) in label.text()


def test_eight_pages_in_navigation_order(make_window: WindowFactory) -> None:
    window = make_window()
    assert [page.TITLE for page in window.pages] == PAGE_TITLES
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == (
        PAGE_TITLES
    )
    assert [window.stack.widget(i) for i in range(window.stack.count())] == window.pages
    assert isinstance(window.pages[0], DashboardPage)
    assert isinstance(window.pages[-1], SettingsPage)
    # The pages still to be written say what they will hold; the others are real pages.
    for page in window.pages[2:-1]:
        if isinstance(page, PlaceholderPage):
            assert page.DESCRIPTION.startswith("Cette page contiendra")
    assert isinstance(window.pages[3], PlacementsPage)
    assert isinstance(window.pages[6], DirectoryPage)
    assert window.current_index() == 0


def test_clicking_the_navigation_switches_page(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    nav = window.navigation
    target = nav.visualItemRect(nav.item(3)).center()
    with qtbot.waitSignal(window.page_changed) as blocker:
        qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [3]
    assert isinstance(window.stack.currentWidget(), PlacementsPage)


def test_ctrl_3_shows_the_agenda(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(window.page_changed) as blocker:
        qtbot.keyClick(window.navigation, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [2]
    assert window.stack.currentWidget().TITLE == "Agenda"
    assert window.navigation.currentRow() == 2


def test_view_menu_has_one_shortcut_per_page(make_window: WindowFactory) -> None:
    window = make_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "É&dition", "&Dossier", "&Affichage", "A&ide"]
    view = window.menuBar().actions()[3].menu()
    pages = [a for a in view.actions() if a.isCheckable()]
    assert [a.text() for a in pages] == PAGE_TITLES
    assert [a.shortcut().toString() for a in pages] == [f"Ctrl+{i}" for i in range(1, 9)]


def test_dashboard_counts_match_the_rows(
    make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    add_cases(
        session_factory,
        [CaseStatus.ACTIVE, CaseStatus.ACTIVE, CaseStatus.ORDERED, CaseStatus.CLOSED],
    )
    dashboard = make_window().pages[0]

    def shown(name: str) -> str:
        label = dashboard.findChild(QLabel, name)
        assert label is not None
        return label.text()

    assert shown("count-active") == "2"
    assert shown("count-ordered") == "1"
    assert shown("count-closed") == "1"
    assert shown("count-follow_up") == "0"
    assert shown("count-total") == "4"
    assert shown("count-referents") == "1 référent (dont 1 actif)"


def test_dashboard_reads_again_when_brought_forward(
    make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    window = make_window()
    total = window.pages[0].findChild(QLabel, "count-total")
    assert total.text() == "0"
    add_cases(session_factory, [CaseStatus.ACTIVE] * 3)
    window.show_page(1)
    window.show_page(0)
    assert total.text() == "3"


def test_settings_page_shows_the_office_in_french(
    make_window: WindowFactory, session_factory: sessionmaker[Session]
) -> None:
    save_office(
        session_factory,
        "Cap Emploi Rive Gauche",
        address="12 rue de l'Église\n59000 Lille",
        siret="12345678900012",
        market_number="2025-MOV-059",
        price_per_case_cents=180_000,
    )
    page = make_window().pages[7]
    assert isinstance(page, SettingsPage)
    assert page.field_text("name") == "Cap Emploi Rive Gauche"
    assert page.field_text("address") == "12 rue de l'Église\n59000 Lille"
    assert page.field_text("siret") == "12345678900012"
    assert page.field_text("market_number") == "2025-MOV-059"
    assert _spaces(page.field_text("price")) == "1 800,00 €"
    assert page.field_text("alsace_moselle") == "Non"


def test_settings_page_says_what_is_missing(make_window: WindowFactory) -> None:
    page = make_window().pages[7]
    assert page.field_text("name") == "non renseigné"
    assert page.field_text("price") == "non renseigné"


def test_geometry_and_page_come_back_next_time(make_window: WindowFactory) -> None:
    first = make_window()
    least = first.minimumSizeHint()
    size = (max(700, least.width()), max(500, least.height()))
    first.resize(*size)
    first.show_page(4)
    first.close()
    second = make_window()
    assert second.current_index() == 4
    assert (second.width(), second.height()) == size


def test_about_gives_version_and_database(
    make_window: WindowFactory, db_location: DatabaseLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    make_window().about_action.trigger()
    [(title, text)] = shown
    assert title == "À propos de movdesk"
    assert __version__ in text and str(db_location.path) in text


def test_backup_writes_a_copy_where_the_user_chooses_and_says_where(
    qtbot: QtBot,
    make_window: WindowFactory,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_location: DatabaseLocation,
) -> None:
    told: list[str] = []
    offered: list[str] = []
    usb_key = tmp_path / "CLE-USB" / "movdesk"

    def choose(_parent, title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(usb_key / "sauvegarde-lundi"), ""  # no extension typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(
        QMessageBox, "information", lambda _parent, _title, text: told.append(text)
    )
    window: MainWindow = make_window()
    with qtbot.waitSignal(window.work_finished, timeout=10_000):
        window.backup_action.trigger()
    # The backups folder is offered first, with a dated name…
    [suggested] = offered
    assert Path(suggested).parent == db_location.path.parent / "backups"
    assert Path(suggested).name.startswith("test-") and suggested.endswith(".sqlite")
    # …and the copy goes where the user chose (a USB key), « .sqlite » added.
    [text] = told
    written = Path(text.split("« ", 1)[1].rstrip(" »"))
    assert written == usb_key / "sauvegarde-lundi.sqlite"
    assert written.is_file() and written.stat().st_size > 0
    assert str(written) in window.statusBar().currentMessage()


def test_a_backup_over_the_database_itself_is_refused(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, db_location: DatabaseLocation
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_args: (str(db_location.path), "")
    )
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text: warned.append(text)
    )
    window = make_window()
    window.backup_action.trigger()
    assert warned == [
        "Sauvegarde impossible : ce fichier est la base elle-même. Choisissez un autre "
        "nom ou un autre dossier (une clé USB, par exemple)."
    ]
    assert not window._jobs  # noqa: SLF001 - nothing was started


def test_settings_are_edited_from_the_page(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movdesk.ui.dialogs import OfficeSettingsDialog

    def type_and_save(dialog: OfficeSettingsDialog) -> int:
        # What a user does in the form: type the name and the price, then Enregistrer.
        dialog.office_form.name.setText("Mission Locale du Hainaut")
        dialog.office_form.price.set_cents(175_000)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(OfficeSettingsDialog, "exec", type_and_save)
    window = make_window()
    page = window.pages[7]
    assert isinstance(page, SettingsPage)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert page.field_text("name") == "Mission Locale du Hainaut"
    assert _spaces(page.field_text("price")) == "1 750,00 €"
    assert "Mission Locale du Hainaut" in window.windowTitle()
