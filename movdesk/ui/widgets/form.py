"""The frame of every form: labelled fields, rule messages next to them, save and cancel.

A service refuses bad input with :class:`~movdesk.services.errors.ValidationFailed`,
each problem naming its field by an exchange-format path (``interviews[3].date``,
``beneficiary.pe_id``). :class:`ProblemForm` maps those paths to its widgets by their
last parts and shows each message in red under its widget; :class:`FormDialog` calls the
service, asks « Enregistrer quand même ? » on warnings, and stays open on refusal with
everything the user typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...rules.validation import Problem
from ...services.context import Desk
from ...services.errors import NeedsConfirmation, ValidationFailed

ERROR_COLOUR = "#b3261e"
_INDEX = re.compile(r"\[\d+\]")
#: Widgets in error get a red frame, through a dynamic property and one style sheet.
_INVALID_STYLE = f'*[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; }}'


def sentence(message: str) -> str:
    """Services write rule messages to follow a field name; a label starts a sentence."""
    return message[:1].upper() + message[1:] if message else message


def path_suffixes(field: str) -> list[str]:
    """``interviews[3].date`` → ``["interviews.date", "date"]``, longest first."""
    parts = [p for p in _INDEX.sub("", field).split(".") if p]
    return [".".join(parts[i:]) for i in range(len(parts))]


class ProblemForm(QWidget):
    """Labelled fields in a ``QFormLayout``, each with a red message line under it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.setStyleSheet(_INVALID_STYLE)
        self._widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._aliases: dict[str, str] = {}

    def add_field(
        self, key: str, label: str, widget: QWidget, *, aliases: Iterable[str] = ()
    ) -> QWidget:
        """Add ``widget`` under ``label``; problems whose path ends in ``key`` or one of
        ``aliases`` are shown under it."""
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        widget.setParent(cell)
        widget.setObjectName(f"field-{key}")
        column.addWidget(widget)
        error = QLabel(cell)
        error.setObjectName(f"error-{key}")
        error.setWordWrap(True)
        error.setStyleSheet(f"color: {ERROR_COLOUR};")
        error.hide()
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, cell)
        self._widgets[key] = widget
        self._errors[key] = error
        for alias in (key, *aliases):
            self._aliases[alias] = key
        return widget

    def add_section(self, title: str) -> QLabel:
        """A bold heading across the form, between two groups of fields."""
        heading = QLabel(f"<b>{title}</b>", self)
        heading.setContentsMargins(0, 8, 0, 0)
        self.layout_.addRow(heading)
        return heading

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        """A row that shows something (a length, a verdict) and takes no input."""
        self.layout_.addRow(label, widget)
        return widget

    def widget(self, key: str) -> QWidget:
        return self._widgets[key]

    def input_widgets(self) -> list[QWidget]:
        """The fields in the order they were added (the tab order)."""
        return list(self._widgets.values())

    def set_row_visible(self, key: str, visible: bool) -> None:
        self.layout_.setRowVisible(self._widgets[key].parentWidget(), visible)

    def key_for(self, field: str) -> str | None:
        """The field key showing a problem on ``field``, or None when no widget matches."""
        for suffix in path_suffixes(field):
            if suffix in self._aliases:
                return self._aliases[suffix]
        return None

    def error_text(self, key: str) -> str:
        """The message under field ``key`` ("" when none is shown)."""
        label = self._errors[key]
        return label.text() if not label.isHidden() else ""

    def clear_problems(self) -> None:
        for key, label in self._errors.items():
            label.clear()
            label.hide()
            self._mark(self._widgets[key], False)

    def show_problems(self, problems: Sequence[Problem]) -> list[Problem]:
        """Show each problem under its field and focus the first; returns the unmatched."""
        unmatched: list[Problem] = []
        shown: set[str] = set()
        for problem in problems:
            key = self.key_for(problem.field)
            if key is None or not self._widgets[key].isVisibleTo(self):
                unmatched.append(problem)
                continue
            label = self._errors[key]
            text = sentence(problem.message)
            # Two rules may report the same thing (the order and its beneficiary): once.
            if text not in label.text().split("\n"):
                label.setText(f"{label.text()}\n{text}" if label.text() else text)
            label.show()
            self._mark(self._widgets[key], True)
            shown.add(key)
        # The focus goes to the highest field in error, whatever order the rules ran in.
        for key, widget in self._widgets.items():
            if key in shown:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break
        return unmatched

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        widget.setProperty("invalid", invalid)
        # A dynamic property only changes the look once the style is applied again.
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class FormDialog(QDialog):
    """A form that saves through one service call; subclasses build fields and ``save``."""

    #: Emitted after a successful save with the id the service returned (0 when none).
    saved = Signal(int)

    def __init__(
        self,
        desk: Desk,
        title: str,
        parent: QWidget | None = None,
        *,
        form: ProblemForm | None = None,
        save_text: str = "&Enregistrer",
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        #: What the last successful save returned (the new row's id, for instance).
        self.result_id: int | None = None
        self.setWindowTitle(title)
        self.setObjectName(type(self).__name__)
        layout = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            f"QLabel#formBanner {{ color: {ERROR_COLOUR}; background: #fdecea; "
            "border: 1px solid #f1b0a8; padding: 6px; }"
        )
        self.banner.hide()
        layout.addWidget(self.banner)
        self.form = form or ProblemForm(self)
        layout.addWidget(self.form)
        self.advice = QLabel(self)
        self.advice.setObjectName("formAdvice")
        self.advice.setWordWrap(True)
        self.advice.setStyleSheet(
            "QLabel#formAdvice { color: #5a4500; background: #fff3c4; "
            "border: 1px solid #e0c96b; padding: 6px; }"
        )
        self.advice.hide()
        layout.addWidget(self.advice)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Enter in a multi-line note adds a line; Ctrl+Enter saves from anywhere.
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

    # -- what subclasses provide ----------------------------------------------------

    def check(self) -> list[Problem]:
        """Problems the form sees before calling the service (a required choice…)."""
        return []

    def save(self, accept_warnings: bool) -> int | None:
        """Call the service; raise its errors. Returns the id to keep in ``result_id``."""
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------

    def add_field(
        self, key: str, label: str, widget: QWidget, *, aliases: Iterable[str] = ()
    ) -> QWidget:
        return self.form.add_field(key, label, widget, aliases=aliases)

    def error_text(self, key: str) -> str:
        return self.form.error_text(key)

    def order_tabs(self, *extra: QWidget) -> None:
        """Tab goes through the fields top to bottom, then ``extra``, then Enregistrer."""
        chain = [*self.form.input_widgets(), *extra, self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def banner_text(self) -> str:
        return self.banner.text() if not self.banner.isHidden() else ""

    def set_advice(
        self, lines: Sequence[str], heading: str = "À savoir avant d'enregistrer"
    ) -> None:
        """The rule notes about what is typed, shown above the buttons (hidden when none)."""
        if not lines:
            self.advice.clear()
            self.advice.hide()
            return
        self.advice.setText(f"<b>{heading} :</b><br>" + "<br>".join(f"• {line}" for line in lines))
        self.advice.show()
        self.grow_to_fit()

    def advice_text(self) -> str:
        return self.advice.text() if not self.advice.isHidden() else ""

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()
        self.grow_to_fit()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        unmatched = self.form.show_problems(problems)
        if unmatched:
            self.show_banner("\n".join(sentence(p.message) for p in unmatched))
            if len(unmatched) == len(problems):
                self.save_button.setFocus()
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Make room for lines that just appeared (messages, advice) without shrinking."""
        self.layout().activate()
        needed = self.layout().totalHeightForWidth(self.width())
        if needed < 0:
            needed = self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def clear_problems(self) -> None:
        self.form.clear_problems()
        self.banner.clear()
        self.banner.hide()

    def confirm_warnings(self, messages: Sequence[str]) -> bool:
        """Ask « Enregistrer quand même ? » listing the warnings; True to save anyway."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Enregistrer quand même ?")
        box.setText("Les règles de la prestation signalent :")
        box.setInformativeText("\n".join(f"• {sentence(m)}" for m in messages))
        yes = box.addButton("Enregistrer quand même", QMessageBox.ButtonRole.YesRole)
        back = box.addButton("Revenir au formulaire", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is yes

    def accept(self) -> None:
        """Save through the service; on refusal show why and stay open."""
        self.clear_problems()
        problems = self.check()
        if problems:
            self.show_problems(problems)
            return
        accept_warnings = False
        while True:
            try:
                result = self.save(accept_warnings)
            except NeedsConfirmation as warning:
                messages = [p.message for p in warning.warnings]
                if accept_warnings or not self.confirm_warnings(messages):
                    return
                accept_warnings = True
                continue
            except ValidationFailed as refusal:
                self.show_problems(refusal.problems)
                return
            except UserError as error:
                self.show_banner(str(error))
                return
            break
        self.result_id = result
        self.saved.emit(result or 0)
        super().accept()
