"""The case file window (dossier): one window per case, a header strip and ten sections.

:func:`open_case_file` is how other windows open it: a case already open is brought
forward rather than opened twice. The window reloads itself after every committed
action that concerns its case (through its own :class:`ChangeRelay`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...errors import UserError
from ...services.case_file import load_case_file
from ...services.case_file_view import CaseFileView
from ...services.context import Desk
from ...services.errors import NotFound, ValidationFailed
from ...services.events import Change
from ..actions import create_action
from ..documents.section import DocumentsSection
from ..relay import ChangeRelay
from ..undoing import UNDO_TEXT, show_undo_state, undo_in
from .header import HeaderStrip
from .section import NO_FORM, Section, dialog_class
from .sections_case import InterviewsSection, OrderSection
from .sections_end import ExitSection, HistorySection, PaymentsSection
from .sections_plan import (
    CompanyPeriodsSection,
    DiagnosticSection,
    PlanSection,
    SuspensionsSection,
)

#: The sections, in tab order.
SECTION_CLASSES: tuple[type[Section], ...] = (
    OrderSection,
    InterviewsSection,
    DiagnosticSection,
    PlanSection,
    CompanyPeriodsSection,
    SuspensionsSection,
    ExitSection,
    DocumentsSection,
    PaymentsSection,
    HistorySection,
)

_GEOMETRY_KEY = "case_file/geometry"


def error_text(error: UserError) -> str:
    """The French message of a refused action, without the internal field names."""
    if isinstance(error, ValidationFailed) and error.problems:
        lines = [p.message for p in error.problems]
        return "\n".join(line[:1].upper() + line[1:] for line in lines)
    return str(error)


class CaseFileWindow(QMainWindow):
    """Everything about one case, section by section, under an always visible header."""

    #: Emitted with the new :class:`CaseFileView` each time the window has reloaded.
    reloaded = Signal(object)

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseFileWindow")
        self.desk = desk
        self.case_id = case_id
        self.view: CaseFileView | None = None
        self.header = HeaderStrip(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseFileSections")
        self.tabs.setDocumentMode(True)
        self.sections: list[Section] = [cls(self, self.tabs) for cls in SECTION_CLASSES]
        for section in self.sections:
            self.tabs.addTab(section, section.TITLE)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_actions()
        #: Every committed action of the desk; the window keeps those about its case.
        self.relay = ChangeRelay(desk, self)
        self.relay.changed.connect(self._on_change)
        self.relay.changed.connect(self._update_undo_action)
        self._update_undo_action()
        self.reload()
        self._restore_geometry()

    # -- construction -------------------------------------------------------------

    def _build_actions(self) -> None:
        self.new_interview_action = create_action(
            self,
            "&Nouvel entretien…",
            shortcut="Ctrl+E",
            tip="Planifier ou enregistrer un entretien",
            triggered=self.new_interview,
        )
        self.new_interview_action.setEnabled(dialog_class("InterviewDialog") is not None)
        self.reload_action = create_action(
            self,
            "&Actualiser",
            shortcut="F5",
            tip="Relire le dossier",
            triggered=self.reload,
        )
        self.next_action = create_action(
            self,
            "Section &suivante",
            shortcut="Ctrl+PgDown",
            tip="Afficher la section suivante",
            triggered=lambda: self._step_section(1),
        )
        self.next_action.setShortcuts([QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+Tab")])
        self.previous_action = create_action(
            self,
            "Section &précédente",
            shortcut="Ctrl+PgUp",
            tip="Afficher la section précédente",
            triggered=lambda: self._step_section(-1),
        )
        self.previous_action.setShortcuts(
            [QKeySequence("Ctrl+PgUp"), QKeySequence("Ctrl+Shift+Tab")]
        )
        self.undo_action = create_action(
            self,
            UNDO_TEXT,
            shortcut=QKeySequence.StandardKey.Undo,
            tip="Annuler la dernière modification enregistrée",
            triggered=self.undo,
        )
        self.close_action = create_action(
            self, "&Fermer", shortcut="Ctrl+W", tip="Fermer le dossier", triggered=self.close
        )
        self.close_action.setShortcuts([QKeySequence("Ctrl+W"), QKeySequence("Esc")])
        actions = [
            self.new_interview_action,
            self.undo_action,
            self.reload_action,
            self.next_action,
            self.previous_action,
            self.close_action,
        ]
        self.addActions(actions)
        menu = self.menuBar().addMenu("&Dossier")
        menu.addAction(self.new_interview_action)
        menu.addAction(self.reload_action)
        menu.addSeparator()
        menu.addAction(self.close_action)
        edit_menu = self.menuBar().addMenu("É&dition")
        edit_menu.addAction(self.undo_action)
        view_menu = self.menuBar().addMenu("&Affichage")
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.previous_action)

    # -- public -------------------------------------------------------------------

    def today(self) -> Any:
        return self.desk.today()

    def reload(self) -> None:
        """Read the case again and show it everywhere (raises NotFound if it is gone)."""
        view = load_case_file(self.desk.session_factory, self.case_id, self.desk.today())
        self.view = view
        self.setWindowTitle(view.title)
        self.header.show_view(view)
        for section in self.sections:
            section.show_view(view)
        self.reloaded.emit(view)

    def show_section(self, name: str) -> Section:
        """Bring the section titled ``name`` (or named by its class) forward."""
        wanted = name.casefold()
        for index, section in enumerate(self.sections):
            if wanted in (section.TITLE.casefold(), type(section).__name__.casefold()):
                self.tabs.setCurrentIndex(index)
                return section
        raise KeyError(name)

    def section(self, cls: type[Section]) -> Any:
        """The section of class ``cls`` (for the tests and the main window)."""
        return next(s for s in self.sections if isinstance(s, cls))

    def new_interview(self) -> None:
        self.show_section("Entretiens")
        self.open_dialog("InterviewDialog")

    def undo(self) -> None:
        """Ctrl+Z here: take back the last change, where it was made (or say why not)."""
        undo_in(self, self.desk, self.undo_action)

    def _update_undo_action(self, *_args: object) -> None:
        show_undo_state(self.undo_action, self.desk)

    # -- what the sections ask ----------------------------------------------------

    def open_dialog(self, name: str, **kwargs: Any) -> bool:
        """Open the form ``name`` on this case; True when it was saved."""
        cls = dialog_class(name)
        if cls is None:
            QMessageBox.information(self, "Formulaire indisponible", NO_FORM)
            return False
        dialog = cls(self.desk, self.case_id, parent=self, **kwargs)
        try:
            return bool(dialog.exec() == QDialog.DialogCode.Accepted)
        finally:
            dialog.deleteLater()

    def perform(self, action: Callable[[], object]) -> bool:
        """Run a service call; say in French why it was refused, if it was."""
        try:
            action()
        except UserError as error:
            QMessageBox.warning(self, "Enregistrement impossible", error_text(error))
            return False
        return True

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- internals ----------------------------------------------------------------

    def _step_section(self, step: int) -> None:
        count = self.tabs.count()
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def _on_change(self, change: Change) -> None:
        # A change without cases (office settings, directories) may alter what we show.
        if change.case_ids and self.case_id not in change.case_ids:
            return
        try:
            self.reload()
        except NotFound as error:
            QMessageBox.warning(self, "Dossier introuvable", str(error))
            self.close()

    def _restore_geometry(self) -> None:
        from ..main_window import window_settings

        geometry = window_settings().value(_GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 760)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        from ..main_window import window_settings

        settings = window_settings()
        settings.setValue(_GEOMETRY_KEY, self.saveGeometry())
        settings.sync()
        _forget(self)
        super().closeEvent(event)


# --- One window per case ------------------------------------------------------------------

_OPEN: dict[tuple[int, int], CaseFileWindow] = {}


def _forget(window: CaseFileWindow) -> None:
    for key, held in list(_OPEN.items()):
        if held is window:
            del _OPEN[key]


def open_windows() -> list[CaseFileWindow]:
    """The case file windows open now."""
    return [w for w in _OPEN.values() if isValid(w)]


def open_case_file(desk: Desk, case_id: int, parent: QWidget | None = None) -> CaseFileWindow:
    """Show the case file of ``case_id``: the window already open, or a new one."""
    key = (id(desk), case_id)
    window = _OPEN.get(key)
    if window is not None and isValid(window) and window.desk is desk:
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return window
    window = CaseFileWindow(desk, case_id, parent)
    # Closed for good: its relay stops listening and its memory goes back.
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _OPEN[key] = window
    window.show()
    return window
