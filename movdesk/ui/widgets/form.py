"""The frame of every form: labelled fields, rule messages next to them, save and cancel.

A service refuses bad input with :class:`~movdesk.services.errors.ValidationFailed`,
each problem naming its field by an exchange-format path (``interviews[3].date``,
``beneficiary.pe_id``). :class:`ProblemForm` maps those paths to its widgets by their
last parts and shows each message in red under its widget; :class:`FormDialog` calls the
service, asks « Enregistrer quand même ? » on warnings, and stays open on refusal with
everything the user typed.

Every problem of a form shows at the first save, not in rounds: what the fields say of
themselves (an empty required field, a date that does not exist), what the form checks,
and what the rules say, found by a rehearsal of the save that writes nothing
(:meth:`~movdesk.services.context.Desk.rehearse`). A message goes as soon as its field
is changed. A refusal (red, marked ✖, under the field, with a red frame) never looks
like advice (a yellow note above the buttons). Esc, « Annuler » or closing the window
asks before throwing away what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFontMetrics,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...rules.validation import Problem
from ...services.context import Desk
from ...services.errors import NeedsConfirmation, ValidationFailed

ERROR_COLOUR = "#b3261e"
#: A refusal under its field: a cross, then the rule (advice is a yellow note instead).
ERROR_MARK = "✖"
DISCARD_TITLE = "Abandonner la saisie ?"
DISCARD_TEXT = "Ce qui a été saisi dans ce formulaire n'est pas enregistré."
DISCARD_YES = "&Abandonner la saisie"
DISCARD_NO = "&Continuer la saisie"
_INDEX = re.compile(r"\[\d+\]")
#: Widgets in error get a red frame, through a dynamic property and one style sheet.
_INVALID_STYLE = f'*[invalid="true"] {{ border: 1px solid {ERROR_COLOUR}; }}'


def sentence(message: str) -> str:
    """Services write rule messages to follow a field name; a label starts a sentence."""
    return message[:1].upper() + message[1:] if message else message


def widget_state(widget: QWidget) -> object:
    """What the user typed or chose in ``widget``, to tell whether anything changed."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


def _change_signals(widget: QWidget) -> list[object]:
    """The signals a widget sends when the user changes it."""
    if isinstance(widget, QComboBox):
        signals: list[object] = [widget.currentIndexChanged]
        if widget.isEditable():
            signals.append(widget.editTextChanged)
        return signals
    for name in ("textChanged", "valueChanged", "toggled"):
        signal = getattr(widget, name, None)
        if signal is not None:
            return [signal]
    return []


def path_suffixes(field: str) -> list[str]:
    """``interviews[3].date`` → ``["interviews.date", "date"]``, longest first."""
    parts = [p for p in _INDEX.sub("", field).split(".") if p]
    return [".".join(parts[i:]) for i in range(len(parts))]


def wrap_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``text`` cut between words into lines no wider than ``width`` pixels (a word
    longer than the width stays whole on its line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


class MessageLabel(QLabel):
    """The refusals under a field: red, bold, each marked ✖, every line shown.

    The lines are cut here, to the width of the label, rather than word-wrapped by Qt:
    a word-wrapped label in a form row is given too little height by the nested
    layouts, and a two-line message lost its second line.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        #: The messages shown, as sentences (without the mark).
        self.messages: list[str] = []

    def set_messages(self, messages: list[str]) -> None:
        self.messages = list(messages)
        self._wrap()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._wrap()

    def _wrap(self) -> None:
        # The label spans its cell: the cell's width is the one it will be given, even
        # while the label itself, hidden until now, has a stale width.
        cell = self.parentWidget()
        width = max(cell.width() if cell is not None else self.width(), 200)
        metrics = self.fontMetrics()
        lines: list[str] = []
        for message in self.messages:
            lines += wrap_lines(f"{ERROR_MARK} {message}", metrics, width - 2)
        text = "\n".join(lines)
        if text != self.text():
            self.setText(text)
        # As tall as the label says its lines take (not a count of lines: bold text
        # and the style's margins add a little).
        self.setFixedHeight(self.sizeHint().height() if lines else 0)


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
        error = MessageLabel(cell)
        error.setObjectName(f"error-{key}")
        error.hide()
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.layout_.addRow(caption, cell)
        self._widgets[key] = widget
        self._errors[key] = error
        for alias in (key, *aliases):
            self._aliases[alias] = key
        # A message goes as soon as its field is changed; a typed date or time that does
        # not read says so when the user leaves it.
        for signal in _change_signals(widget):
            signal.connect(lambda *_args, key=key: self._field_changed(key))  # type: ignore[attr-defined]
        if isinstance(widget, QLineEdit) and callable(getattr(widget, "text_problem", None)):
            widget.editingFinished.connect(lambda key=key: self._field_left(key))
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
        """The message under field ``key`` ("" when none is shown), without its mark."""
        label = self._errors[key]
        if label.isHidden():
            return ""
        return "\n".join(label.messages)

    def clear_problems(self) -> None:
        for key in self._errors:
            self.clear_problem(key)

    def clear_problem(self, key: str) -> None:
        """Take the message of field ``key`` away, and its red frame."""
        label = self._errors[key]
        if label.isHidden() and not label.messages:
            return
        label.set_messages([])
        label.hide()
        self._mark(self._widgets[key], False)

    def in_use(self, key: str) -> bool:
        """The field is shown and can be typed into (a hidden block's are not read)."""
        widget = self._widgets[key]
        return widget.isVisibleTo(self) and widget.isEnabled()

    def field_problems(self) -> list[Problem]:
        """What the fields in use say of themselves: empty and required, not a date…"""
        problems = []
        for key, widget in self._widgets.items():
            check = getattr(widget, "problem", None)
            if callable(check) and self.in_use(key) and (message := check()):
                problems.append(Problem(key, message))
        return problems

    def _field_changed(self, key: str) -> None:
        self.clear_problem(key)

    def _field_left(self, key: str) -> None:
        """A typed date or time that does not read says so as soon as it is left."""
        widget = self._widgets[key]
        message = widget.text_problem() if self.in_use(key) else None  # type: ignore[attr-defined]
        if message:
            self.show_problems([Problem(key, message)], focus=False)

    def show_problems(self, problems: Sequence[Problem], *, focus: bool = True) -> list[Problem]:
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
            if text not in label.messages:
                label.set_messages([*label.messages, text])
            label.show()
            self._mark(self._widgets[key], True)
            shown.add(key)
        # The focus goes to the highest field in error, whatever order the rules ran in.
        for key, widget in self._widgets.items():
            if focus and key in shown:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break
        return unmatched


    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        widget.setProperty("invalid", invalid)
        # A dynamic property only changes the look once the style is applied again.
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def discard_box(parent: QWidget) -> QMessageBox:
    """« Abandonner la saisie ? », « Continuer la saisie » by default (and on Esc)."""
    box = QMessageBox(parent)
    box.setObjectName("discardBox")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(DISCARD_TITLE)
    box.setText(DISCARD_TITLE)
    box.setInformativeText(DISCARD_TEXT)
    discard = box.addButton(DISCARD_YES, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(DISCARD_NO, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.setProperty("discardButton", discard)
    return box


class DiscardGuard:
    """For a dialog (listed before the Qt class): Esc, « Annuler » or the window's close
    button ask « Abandonner la saisie ? » when something was typed since it was shown.

    The dialog says what the user typed with :meth:`typed_state`. A ``close()`` called
    by the program (not the user's close button) asks nothing.
    """

    #: What was typed when the dialog was shown (None before it is shown).
    _initial: list[object] | None = None
    #: True while the program closes the dialog.
    _closing_quietly = False

    def typed_state(self) -> list[object]:
        """What the user typed or chose, in a comparable form."""
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._initial is None:
            self._initial = self.typed_state()
        super().showEvent(event)  # type: ignore[misc]

    def has_typed_input(self) -> bool:
        """Something was typed or chosen since the dialog was shown."""
        return self._initial is not None and self.typed_state() != self._initial

    def confirm_discard(self) -> bool:
        """Ask « Abandonner la saisie ? »; True to close without saving."""
        box = discard_box(self)  # type: ignore[arg-type]
        box.exec()
        return box.clickedButton() is box.property("discardButton")

    def reject(self) -> None:
        """Esc, « Annuler » or the close button: ask first if something was typed."""
        if not self._closing_quietly and self.has_typed_input() and not self.confirm_discard():
            return
        super().reject()  # type: ignore[misc]

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        # ``close()`` called by the program (not the user's close button) asks nothing.
        self._closing_quietly = not event.spontaneous()
        try:
            super().closeEvent(event)  # type: ignore[misc]
        finally:
            self._closing_quietly = False


class FormDialog(DiscardGuard, QDialog):
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
            "border: 1px solid #f1b0a8; padding: 6px; font-weight: bold; }"
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
            lines = dict.fromkeys(f"{ERROR_MARK} {sentence(p.message)}" for p in unmatched)
            self.show_banner("\n".join(lines))
            if len(unmatched) == len(problems):
                self.save_button.setFocus()
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Make room for lines that just appeared (messages, advice) without shrinking."""
        # The rows just changed post their layout requests upwards: run them first, or
        # the dialog reads the sizes its form had before the messages appeared.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.layout().activate()
        # A wrapped message in a form row is under-counted by the height-for-width of
        # nested layouts: the size hint (each message at its own width) is the floor.
        needed = max(self.layout().totalHeightForWidth(self.width()), self.sizeHint().height())
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

    def problems_before_saving(self) -> list[Problem]:
        """Every problem the first save would meet, gathered at once.

        The fields' own problems and the form's checks and, when there are some, what
        the rules refuse of the rest, by rehearsing the save (nothing is written). A
        field that does not read is given as empty to the rehearsal, so an optional
        one takes nothing from it; a required one stops it (see :meth:`_rehearse`).
        """
        problems = self.form.field_problems() + self.check()
        if problems:
            problems += self._rehearse()
        return problems

    def _rehearse(self) -> list[Problem]:
        """The rules' refusals of what is typed, from a save that writes nothing.

        A form whose own check failed may not be able to call its service at all (a
        required choice left empty): whatever else the rehearsal raises only means the
        rules will speak at the next save, as they always did.
        """
        try:
            with self.desk.rehearse():
                self.save(True)
        except ValidationFailed as refusal:
            return refusal.problems
        except Exception:  # noqa: BLE001 - see the docstring; the real save says it all
            return []
        return []

    def accept(self) -> None:
        """Save through the service; on refusal show why and stay open."""
        self.clear_problems()
        problems = self.problems_before_saving()
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

    def typed_state(self) -> list[object]:
        return [widget_state(w) for w in self.form.input_widgets()]
