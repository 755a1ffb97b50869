"""What every section (onglet) of the case file shares: its host, buttons and tables.

A section only shows a :class:`~movdesk.services.case_file_view.CaseFileView` and asks
its host (the case file window) to act: open a form by name, run a service, confirm.
The forms are looked up by name in :mod:`movdesk.ui.dialogs` when a button is built,
so a form that does not exist yet leaves its button disabled instead of breaking.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...services.case_file_view import CaseFileView
from ...services.context import Desk
from .table import Column, RowsModel, make_table, selected_row

#: Tooltip of a button whose form is not part of this version yet.
NO_FORM = "Ce formulaire n'est pas encore disponible dans cette version."


def dialog_class(name: str) -> type | None:
    """The form ``name`` of :mod:`movdesk.ui.dialogs`, or None while it does not exist."""
    try:
        module = importlib.import_module("movdesk.ui.dialogs")
    except ImportError:
        return None
    found = getattr(module, name, None)
    return found if isinstance(found, type) else None


class Host(Protocol):
    """What a section may ask of the window that holds it."""

    desk: Desk
    case_id: int

    def today(self) -> date: ...

    def open_dialog(self, name: str, **kwargs: Any) -> bool: ...

    def perform(self, action: Callable[[], object]) -> bool: ...

    def confirm(self, title: str, text: str) -> bool: ...


class Section(QWidget):
    """One section of the case file; subclasses build their widgets and fill them."""

    #: Title of the tab (and the name :meth:`CaseFileWindow.show_section` accepts).
    TITLE = ""

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName(f"section-{type(self).__name__}")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(10, 10, 10, 10)
        self.body.setSpacing(8)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        self.buttons.addStretch(1)
        self._selection_buttons: list[tuple[QPushButton, QTableView, Callable[[Any], bool]]] = []

    # -- building -----------------------------------------------------------------

    def add_label(self, name: str, *, rich: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        if rich:
            label.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(label)
        return label

    def add_heading(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>", self)
        self.body.addWidget(label)
        return label

    def add_table(
        self,
        columns: Sequence[Column[Any]],
        name: str,
        *,
        stretch: int = 1,
        into: QBoxLayout | None = None,
    ) -> tuple[RowsModel[Any], QTableView]:
        """A table of rows, added under the section's content (or to ``into``)."""
        model: RowsModel[Any] = RowsModel(columns, self)
        view = make_table(model, self, name)
        (into if into is not None else self.body).addWidget(view, stretch)
        view.selectionModel().selectionChanged.connect(self.refresh_buttons)
        model.modelReset.connect(self.refresh_buttons)
        return model, view

    def add_button(
        self,
        text: str,
        slot: Callable[[], object],
        *,
        name: str,
        tip: str | None = None,
        dialog: str | None = None,
        needs: QTableView | None = None,
        when: Callable[[Any], bool] | None = None,
    ) -> QPushButton:
        """A button of the section's bar; ``needs`` a selected row in that table
        (for which ``when`` holds); ``dialog`` names the form it opens."""
        button = QPushButton(text, self)
        button.setObjectName(name)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        if dialog is not None and dialog_class(dialog) is None:
            button.setEnabled(False)
            button.setToolTip(NO_FORM)
            button.setProperty("missingForm", True)
        elif needs is not None:
            self._selection_buttons.append((button, needs, when or (lambda _row: True)))
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    def add_form_button(
        self, text: str, dialog: str, *, name: str, tip: str | None = None
    ) -> QPushButton:
        """A button that opens the form ``dialog`` on this case."""
        return self.add_button(
            text, lambda: self.host.open_dialog(dialog), name=name, tip=tip, dialog=dialog
        )

    def confirm_then(self, title: str, question: str, action: Callable[[], object]) -> None:
        """Run the service call ``action`` once the user has said yes."""
        if self.host.confirm(title, question):
            self.host.perform(action)

    def finish(self) -> None:
        """Put the button bar under the section's content."""
        if self.buttons.count() > 1:
            self.body.addLayout(self.buttons)
        self.refresh_buttons()

    def refresh_buttons(self, *_args: object) -> None:
        for button, view, when in self._selection_buttons:
            row = selected_row(view)
            button.setEnabled(row is not None and when(row))

    # -- filling ------------------------------------------------------------------

    def fill(self, model: RowsModel[Any], view: QTableView, rows: Sequence[Any]) -> None:
        """Replace the rows, keeping the selected one selected when it is still there."""
        old = selected_row(view)
        model.set_rows(rows)
        if old is None:
            return
        key = _row_key(old)
        for number, row in enumerate(rows):
            if key is not None and _row_key(row) == key:
                view.selectRow(number)
                return

    def show_view(self, view: CaseFileView) -> None:
        """Show the case file ``view``; every section overrides this."""
        raise NotImplementedError


def _row_key(row: Any) -> object:
    """What identifies a row across reloads: its database id, or what it stands for."""
    for name in ("id", "dispatch", "monday", "number"):
        value = getattr(row, name, None)
        if value is not None:
            return (name, value)
    return None
