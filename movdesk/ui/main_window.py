"""The main window: navigation on the left, one page at a time, menus, toolbar, status bar.

Commands a referent uses all day are actions with shortcuts (Ctrl+N new case, Ctrl+E
new interview, Entrée open, Ctrl+F search, Ctrl+Z undo, F5 refresh, Ctrl+1…8 pages),
built with the menus and the toolbar in :mod:`.menus`.
The dialogs and case file windows are imported when first needed, so that the window
paints sooner. Long work (import, exports, backup — :mod:`.file_commands` — and the
deadline pass) runs in a :class:`Worker`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
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
from ..services.context import Desk
from ..services.dashboard import DeadlineOverview, read_office
from ..services.office import needs_first_run
from ..services.summary import keep_fresh
from .cases import CaseListPage
from .file_commands import FileCommands
from .formatting import describe_database
from .icons import APP_ICON, load_icon
from .menus import WindowMenus
from .pages import PAGE_CLASSES, Page, PageContext
from .pages.referents import referent_ready
from .relay import ChangeRelay
from .scheduler import DeadlineScheduler, deadline_status_text
from .undoing import show_undo_state, undo_in
from .worker import Worker

log = logging.getLogger("movdesk")

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
NO_CASE_SELECTED = (
    "Aucun dossier n'est sélectionné. Choisissez d'abord un bénéficiaire dans la liste "
    "(Ctrl+F pour le chercher) ou une échéance du tableau de bord."
)


def window_title(office_name: str, *, demo: bool) -> str:
    """``<office> — movdesk``, marked ``(démonstration)`` on the demo database.

    The program's name comes last: Qt adds the application's display name (movdesk)
    at the end of every window title that does not already end with it (see
    :func:`shown_title`), so a title starting with it read « movdesk » twice.
    """
    name = office_name.strip()
    if not name:
        return f"{DEMO_TITLE if demo else NO_OFFICE_TITLE} — {APP_TITLE}"
    # The demo office may already carry the mark in its name: say it once.
    if demo and not name.casefold().endswith("(démonstration)"):
        name = f"{name} (démonstration)"
    return f"{name} — {APP_TITLE}"


def shown_title(title: str, display_name: str = APP_TITLE) -> str:
    """The title bar's text under Windows and Linux for a window titled ``title``.

    Qt appends « — <display name> » to every title that does not end with it (its
    ``QPlatformWindow::formatWindowTitle``): the case file « Dossier LC-… — DURAND
    Sophie » reads « Dossier LC-… — DURAND Sophie — movdesk ».
    """
    if not title:
        return display_name
    return title if title.endswith(display_name) else f"{title} — {display_name}"


def window_settings() -> QSettings:
    """Window preferences, kept in the data folder beside the database they belong to."""
    return QSettings(str(data_dir() / SETTINGS_FILENAME), QSettings.Format.IniFormat)


class MainWindow(QMainWindow, FileCommands, WindowMenus):
    """The first window of movdesk (fenêtre principale)."""

    #: Emitted with the index of the page brought forward (0 = Tableau de bord).
    page_changed = Signal(int)
    #: A background work (import, export, backup) ended; its French outcome message.
    work_finished = Signal(str)
    #: A case file window was asked for, with the case id (after it was opened).
    case_opened = Signal(int)

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
        self._jobs: set[Worker] = set()
        self._scheduler_started = False
        self._build_actions_and_menus()
        self._build_toolbar()
        self._build_status_bar()

        #: The deadline pass: at start (after the first paint), each midnight, after changes.
        self.scheduler = DeadlineScheduler(self.desk, self)
        self.scheduler.updated.connect(self._on_deadlines)
        self.scheduler.failed.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.relay.changed.connect(self.scheduler.run_soon)
        self.relay.changed.connect(self._update_undo_action)
        self._keep_fresh_off: Callable[[], None] | None = None
        self._keep_fresh_off = keep_fresh(self.desk)
        for page in self.pages:
            signal = getattr(page, "open_case_requested", None)
            if signal is not None:
                signal.connect(self.open_case)

        self.navigation.currentRowChanged.connect(self._on_navigation_row)
        self._restore_settings()
        self.refresh_title()
        self._update_undo_action()

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

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.deadline_label = QLabel("Échéances : lecture en cours…", bar)
        self.deadline_label.setObjectName("deadlineLabel")
        self.deadline_label.setToolTip(
            "Échéances ouvertes, relues chaque nuit, toutes les 30 minutes et après chaque saisie"
        )
        bar.addPermanentWidget(self.deadline_label)
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
        """F5: read the page again, and the deadlines with it."""
        self.current_page().refresh()
        self.refresh_title()
        self.scheduler.run_now()

    def page_index(self, attribute: str) -> int | None:
        """The first page that offers ``attribute`` (e.g. the case list's ``focus_search``)."""
        for index, page in enumerate(self.pages):
            if callable(getattr(page, attribute, None)):
                return index
        return None

    def selected_case_id(self) -> int | None:
        """The case selected on the page shown (the list, a deadline), if any."""
        selected = getattr(self.current_page(), "selected_case_id", None)
        return selected() if callable(selected) else None

    def refresh_title(self) -> None:
        """Read the office name again (the settings may have just been saved)."""
        self.setWindowTitle(window_title(read_office(self.session_factory).name, demo=self.demo))

    # -- menu commands ------------------------------------------------------------

    def new_case(self) -> None:
        """Ctrl+N: the order dialog, then the new case's file."""
        from .dialogs import OrderDialog  # loaded when first needed: start-up stays short

        if not referent_ready(self, self.desk):
            return  # no referent yet: said, and one offered to be added
        dialog = OrderDialog(self.desk, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        case_id = getattr(dialog, "created_case_id", None)
        if case_id is not None:
            self.open_case(case_id)

    def open_selected_case(self) -> None:
        """Entrée: the case file of the selected case."""
        case_id = self.selected_case_id()
        if case_id is None:
            QMessageBox.information(self, "Ouvrir un dossier", NO_CASE_SELECTED)
            return
        self.open_case(case_id)

    def open_case(self, case_id: int) -> None:
        """The case file window of ``case_id`` (the one already open, or a new one)."""
        from .casefile import open_case_file

        open_case_file(self.desk, case_id, self)
        self.case_opened.emit(case_id)

    def new_interview(self) -> None:
        """Ctrl+E: an interview for the selected case."""
        case_id = self.selected_case_id()
        if case_id is None:
            QMessageBox.information(self, "Nouvel entretien", NO_CASE_SELECTED)
            return
        from .dialogs import InterviewDialog

        InterviewDialog(self.desk, case_id, parent=self).exec()

    def search(self) -> None:
        """Ctrl+F: the case list, cursor in its search field."""
        index = self.page_index("focus_search")
        if index is None:
            self.show_page(1)
            return
        self.show_page(index)
        self.pages[index].focus_search()  # type: ignore[attr-defined]

    def undo(self) -> None:
        """Ctrl+Z: take back the last change, or say in French why not."""
        if undo_in(self, self.desk, self.undo_action) is not None:
            self.current_page().refresh()

    def _update_undo_action(self, *_args: object) -> None:
        show_undo_state(self.undo_action, self.desk)

    def offer_first_run(self) -> bool:
        """At start: the first-run assistant while the office is not set up; True if shown."""
        if not needs_first_run(self.desk):
            return False
        from .dialogs import FirstRunWizard

        FirstRunWizard(self.desk, demo=self.demo, parent=self).exec()
        self.refresh_title()
        self.current_page().refresh()
        return True

    def _on_deadlines(self, overview: DeadlineOverview) -> None:
        self.deadline_label.setText(deadline_status_text(overview))
        # The pass also refreshed the per-case summaries the case list sorts on.
        current = self.current_page()
        if isinstance(current, CaseListPage):
            current.refresh()
        for page in self.pages:
            show = getattr(page, "show_deadlines", None)
            if callable(show):
                show(overview)

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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._scheduler_started:
            # After the first paint: the deadline pass must never delay the window.
            self._scheduler_started = True
            self.scheduler.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        self.scheduler.stop()
        self.batch_printing.stop()
        for worker in list(self._jobs):
            worker.cancel()
            worker.wait(60)
        if self._keep_fresh_off is not None:
            self._keep_fresh_off()
            self._keep_fresh_off = None
        super().closeEvent(event)


