"""The main window: navigation on the left, one page at a time, menus and status bar."""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from ..config import DatabaseLocation, data_dir
from ..errors import UserError
from ..services.context import Desk
from ..services.dashboard import read_office
from .actions import create_action
from .formatting import describe_database
from .icons import APP_ICON, load_icon
from .pages import PAGE_CLASSES, Page, PageContext
from .relay import ChangeRelay

APP_TITLE = "movdesk"
#: Title suffix when no office name has been saved yet.
NO_OFFICE_TITLE = "Bureau non configuré"
DEMO_TITLE = "Base de démonstration"
DEMO_BANNER = (
    "Base de démonstration : les personnes et les dossiers sont fictifs. "
    "Les données réelles du bureau sont dans une autre base."
)
SETTINGS_FILENAME = "movdesk.ini"
_GEOMETRY_KEY = "main_window/geometry"
_STATE_KEY = "main_window/state"
_PAGE_KEY = "main_window/page"


def window_title(office_name: str, *, demo: bool) -> str:
    """``movdesk — <office>``, marked ``(démonstration)`` on the demo database."""
    name = office_name.strip()
    if not name:
        return f"{APP_TITLE} — {DEMO_TITLE if demo else NO_OFFICE_TITLE}"
    # The demo office may already carry the mark in its name: say it once.
    if demo and not name.casefold().endswith("(démonstration)"):
        name = f"{name} (démonstration)"
    return f"{APP_TITLE} — {name}"


def window_settings() -> QSettings:
    """Window preferences, kept in the data folder beside the database they belong to."""
    return QSettings(str(data_dir() / SETTINGS_FILENAME), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """The first window of movdesk (fenêtre principale)."""

    #: Emitted with the index of the page brought forward (0 = Tableau de bord).
    page_changed = Signal(int)

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        location: DatabaseLocation,
        demo: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.location = location
        self.demo = demo
        self.session_factory = session_factory
        self.desk = Desk(session_factory)
        #: Every committed write, as a Qt signal: views refresh from it.
        self.relay = ChangeRelay(self.desk, self)
        self._context = PageContext(session_factory, location, demo, self.desk)
        self.setWindowIcon(load_icon(APP_ICON, QStyle.StandardPixmap.SP_ComputerIcon))

        self.pages: list[Page] = [cls(self._context) for cls in PAGE_CLASSES]
        self.navigation = QListWidget(self)
        self.stack = QStackedWidget(self)
        self._build_central()
        self._page_actions: list[QAction] = []
        self._build_actions_and_menus()
        self._build_status_bar()

        self.navigation.currentRowChanged.connect(self._on_navigation_row)
        self._restore_settings()
        self.refresh_title()

    # -- construction -------------------------------------------------------------

    def _build_central(self) -> None:
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setSpacing(2)
        # A pale selection keeps the dark-blue drawn icons readable on the current page.
        self.navigation.setStyleSheet(
            "QListWidget#navigation { show-decoration-selected: 1; }"
            "QListWidget#navigation::item { padding-left: 4px; }"
            "QListWidget#navigation::item:selected { background: #d6e4f2; color: #15324f; }"
        )
        for page in self.pages:
            item = QListWidgetItem(load_icon(page.ICON, page.FALLBACK_ICON), page.TITLE)
            item.setSizeHint(QSize(0, 34))
            self.navigation.addItem(item)
            self.stack.addWidget(page)
        width = self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 16
        self.navigation.setFixedWidth(max(width, 170))

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        if self.demo:
            banner = QLabel(DEMO_BANNER, right)
            banner.setObjectName("demoBanner")
            banner.setWordWrap(True)
            # Light yellow with dark text reads as "caution" in both light and dark themes.
            banner.setStyleSheet(
                "QLabel#demoBanner { background: #fff3c4; color: #5a4500; "
                "padding: 6px 12px; border-bottom: 1px solid #e0c96b; }"
            )
            right_layout.addWidget(banner)
        right_layout.addWidget(self.stack, 1)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.navigation)
        layout.addWidget(right, 1)
        self.setCentralWidget(central)

    def _build_actions_and_menus(self) -> None:
        style = self.style()
        self.backup_action = create_action(
            self,
            "&Sauvegarder la base…",
            icon=style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            tip="Enregistrer une copie de sauvegarde de la base de données",
            triggered=self.backup_database,
        )
        self.quit_action = create_action(
            self,
            "&Quitter",
            shortcut="Ctrl+Q",
            tip="Fermer movdesk",
            triggered=self.close,
        )
        # Quit must work from any page and any focused widget.
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.refresh_action = create_action(
            self,
            "&Actualiser",
            shortcut=QKeySequence.StandardKey.Refresh,
            tip="Relire les données de la page affichée",
            triggered=self.refresh_current_page,
        )
        self.about_action = create_action(
            self,
            "À &propos de movdesk",
            tip="Version du programme et emplacement de la base",
            triggered=self.show_about,
        )
        group = QActionGroup(self)
        group.setExclusive(True)
        for index, page in enumerate(self.pages):
            action = create_action(
                self,
                page.TITLE,
                shortcut=f"Ctrl+{index + 1}",
                icon=load_icon(page.ICON, page.FALLBACK_ICON),
                tip=f"Afficher la page « {page.TITLE} »",
                triggered=lambda _checked=False, i=index: self.show_page(i),
                checkable=True,
            )
            group.addAction(action)
            self._page_actions.append(action)

        # Also on the window itself, so the shortcuts answer even while the menu bar is
        # hidden or a platform gives menus no window of their own.
        self.addActions([*self._page_actions, self.refresh_action, self.quit_action])

        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu("&Fichier")
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menu_bar.addMenu("&Affichage")
        view_menu.addActions(self._page_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = menu_bar.addMenu("A&ide")
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel(f"Base : {describe_database(self.location)}", bar)
        self.database_label.setObjectName("databaseLabel")
        bar.addPermanentWidget(self.database_label)
        if self.demo:
            demo = QLabel(f"<b>{DEMO_TITLE}</b>", bar)
            demo.setObjectName("demoLabel")
            bar.addPermanentWidget(demo)

    # -- pages --------------------------------------------------------------------

    def current_index(self) -> int:
        return self.stack.currentIndex()

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def show_page(self, index: int) -> None:
        """Bring page ``index`` forward (navigation, Ctrl+1 … Ctrl+8 and code alike)."""
        if not 0 <= index < len(self.pages):
            return
        # The list drives the stack: setting its row lands in _on_navigation_row.
        if self.navigation.currentRow() == index:
            self.pages[index].refresh()
        else:
            self.navigation.setCurrentRow(index)

    def _on_navigation_row(self, index: int) -> None:
        if index < 0:
            return
        self.stack.setCurrentIndex(index)
        self._page_actions[index].setChecked(True)
        self.pages[index].refresh()
        self.page_changed.emit(index)

    def refresh_current_page(self) -> None:
        self.current_page().refresh()
        self.refresh_title()

    def refresh_title(self) -> None:
        """Read the office name again (the settings may have just been saved)."""
        self.setWindowTitle(window_title(read_office(self.session_factory).name, demo=self.demo))

    # -- menu commands ------------------------------------------------------------

    def backup_database(self) -> None:
        """Fichier › Sauvegarder la base… through ``movdesk.store.backup`` when present."""
        try:
            backup = importlib.import_module("movdesk.store.backup").backup_database
        except (ImportError, AttributeError):
            QMessageBox.information(
                self,
                "Sauvegarde",
                "La sauvegarde de la base n'est pas encore disponible dans cette version.",
            )
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            target = backup(self.location)
        except UserError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Sauvegarde impossible", str(error))
            return
        QApplication.restoreOverrideCursor()
        shown = str(target) if isinstance(target, str | Path) else "le dossier des sauvegardes"
        self.statusBar().showMessage(f"Base sauvegardée dans « {shown} ».", 10_000)
        QMessageBox.information(
            self, "Sauvegarde terminée", f"La base a été sauvegardée dans :\n« {shown} »"
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "À propos de movdesk",
            f"<h3>movdesk {__version__}</h3>"
            "<p>Suivi des prestations « Mobilisation vers l'emploi » (MOV) "
            "pour les bureaux prestataires de France Travail.</p>"
            f"<p>Base de données :<br>{describe_database(self.location)}</p>",
        )

    # -- window state -------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = window_settings()
        geometry = settings.value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        state = settings.value(_STATE_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        try:
            page = int(settings.value(_PAGE_KEY, 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            page = 0
        self.show_page(page if 0 <= page < len(self.pages) else 0)

    def save_settings(self) -> None:
        settings = window_settings()
        settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(_STATE_KEY, self.saveState())
        settings.setValue(_PAGE_KEY, self.current_index())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        super().closeEvent(event)
