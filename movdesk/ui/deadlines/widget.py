"""The scheduler widget of the dashboard (échéancier): the open deadlines grouped by urgency.

Groups « Rupture des 14 jours dans 3 jours au plus », « En retard », « Aujourd'hui »,
« Cette semaine », « Plus tard », each with its count; filtered by referent (remembered;
« Tous les référents »). A double click (or Entrée on the row through the window) opens
the case file at the section of the deadline; the button at the end of each line does
the obvious thing (record the interview, mark the report sent…), the context menu offers
everything the line can do. After the first pass of the day a notice, which takes
nothing away from the work, says how many deadlines are overdue for the referent chosen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.case_list import referent_choices
from ...services.context import Desk
from ...services.dashboard import DeadlineOverview, group_deadlines
from ...services.schedule import DeadlineItem
from ..formatting import format_count, plural
from .actions import SECTIONS, actions_for
from .model import GROUP_ROLE, Column, DeadlineTreeModel

ALL_REFERENTS = "Tous les référents"
LOADING = "Lecture des échéances en cours…"
_REFERENT_KEY = "dashboard/referent"
#: Column widths, "À faire" stretching over the rest.
_WIDTHS = {
    Column.DUE: 104,
    Column.STATUS: 102,
    Column.BENEFICIARY: 150,
    Column.ORDER: 115,
    Column.REFERENT: 118,
    Column.ACTION: 160,
}
#: « À faire » keeps at least this width: the order number's column goes first.
TODO_MIN = 230
#: The indentation of the deadlines under their group, in pixels.
INDENT = 12


def _window_settings() -> Any:
    from ..main_window import window_settings

    return window_settings()


class ActionButtons(QStyledItemDelegate):
    """The « Action » column drawn as buttons; a click on one emits :attr:`clicked`."""

    #: The button of the row at this index was clicked.
    clicked = Signal(QModelIndex)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        # Room for a button's frame around its text.
        return QSize(hint.width() + 16, option.fontMetrics.height() + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text = index.data()
        if not text:
            super().paint(painter, option, index)
            return
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(3, 2, -3, -2)
        button.text = str(text)
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def editorEvent(
        self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: QModelIndex
    ) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and index.data()
            and option.rect.contains(event.position().toPoint())
        ):
            self.clicked.emit(index)
            return True
        return super().editorEvent(event, model, option, index)


class SchedulerWidget(QGroupBox):
    """The open deadlines, grouped and filtered (module notes)."""

    #: Open this case's file at this section (the class name of the section).
    open_case_requested = Signal(int, str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Échéancier", parent)
        self.setObjectName("scheduler")
        self.desk = desk
        self.overview: DeadlineOverview | None = None
        self._noticed = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.referent_filter = QComboBox(self)
        self.referent_filter.setObjectName("schedulerReferent")
        self.referent_filter.setAccessibleName("Référent des échéances")
        label = QLabel("&Référent :", self)
        label.setBuddy(self.referent_filter)
        top.addWidget(label)
        top.addWidget(self.referent_filter)
        self.counts = QLabel(LOADING, self)
        self.counts.setObjectName("deadlineSummary")
        self.counts.setWordWrap(True)
        top.addWidget(self.counts, 1)
        layout.addLayout(top)

        self.notice = QFrame(self)
        self.notice.setObjectName("schedulerNotice")
        self.notice.setStyleSheet(
            "QFrame#schedulerNotice { background: #fdecea; border: 1px solid #f1b0a8; }"
            "QFrame#schedulerNotice QLabel { color: #7a1b12; }"
        )
        row = QHBoxLayout(self.notice)
        row.setContentsMargins(8, 4, 4, 4)
        self.notice_text = QLabel(self.notice)
        self.notice_text.setObjectName("schedulerNoticeText")
        self.notice_text.setWordWrap(True)
        row.addWidget(self.notice_text, 1)
        self.notice_show = QPushButton("&Voir", self.notice)
        self.notice_show.setToolTip("Afficher les échéances en retard")
        row.addWidget(self.notice_show)
        self.notice_close = QToolButton(self.notice)
        self.notice_close.setText("✕")
        self.notice_close.setToolTip("Fermer ce message")
        self.notice_close.setAutoRaise(True)
        row.addWidget(self.notice_close)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.model = DeadlineTreeModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("deadlineView")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(INDENT)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setToolTip(
            "Double-cliquez sur une échéance pour ouvrir le dossier à la bonne section ; "
            "le bouton de la ligne fait l'action attendue"
        )
        self.buttons = ActionButtons(self.view)
        self.view.setItemDelegateForColumn(Column.ACTION, self.buttons)
        header = self.view.header()
        header.setStretchLastSection(False)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # « À faire » takes the width the window gives.
        header.setSectionResizeMode(Column.TODO, QHeaderView.ResizeMode.Stretch)
        self.view.installEventFilter(self)
        layout.addWidget(self.view, 1)

        self.do_action = QAction("Faire l'action de l'échéance", self.view)
        self.do_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.do_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.do_action.triggered.connect(self.run_current)
        self.view.addAction(self.do_action)

        self.view.activated.connect(self._open_row)
        self.buttons.clicked.connect(self._button_clicked)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.referent_filter.currentIndexChanged.connect(self._referent_chosen)
        self.notice_close.clicked.connect(self.notice.hide)
        self.notice_show.clicked.connect(self._show_overdue)
        self.fill_referents()

    # -- referents ------------------------------------------------------------------

    def fill_referents(self) -> None:
        """« Tous les référents » and the active referents, the saved choice selected."""
        # Kept by name: the settings file is shared by every database of the data folder
        # (the office's and the demo's), where the same id is another person.
        saved = str(_window_settings().value(_REFERENT_KEY, "") or "")
        kept = self.referent_filter.currentData() if self.referent_filter.count() else None
        choices = self.desk.read(referent_choices)
        wanted = kept
        if wanted is None and not self.referent_filter.count():
            wanted = next((c.id for c in choices if c.name == saved), None)
        combo = self.referent_filter
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(ALL_REFERENTS, None)
            for choice in choices:
                if choice.active or choice.id == wanted:
                    combo.addItem(choice.name, choice.id)
            combo.setCurrentIndex(max(0, combo.findData(wanted)) if wanted is not None else 0)
        finally:
            combo.blockSignals(False)

    @property
    def referent(self) -> str | None:
        """The full name of the referent chosen (None: everyone)."""
        if self.referent_filter.currentData() is None:
            return None
        return self.referent_filter.currentText()

    def _referent_chosen(self, _index: int) -> None:
        settings = _window_settings()
        chosen = self.referent_filter.currentData()
        name = "" if chosen is None else self.referent_filter.currentText()
        settings.setValue(_REFERENT_KEY, name)
        settings.sync()
        self._regroup()
        if self.notice.isVisible():
            self._say_overdue()

    def _show_referent_column(self) -> None:
        # One referent chosen: the column would repeat the name on every line.
        self.view.setColumnHidden(Column.REFERENT, self.referent is not None)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """« À faire » stretches over the width left; on a narrow window the order
        number's column gives its room to it (the number stays in the tooltip)."""
        available = self.view.viewport().width()
        shown = [
            c for c in _WIDTHS if c != Column.ORDER and not self.view.isColumnHidden(c)
        ]
        room = available - sum(_WIDTHS[c] for c in shown)
        self.view.setColumnHidden(Column.ORDER, room - _WIDTHS[Column.ORDER] < TODO_MIN)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.view and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    # -- content --------------------------------------------------------------------

    def show_overview(self, overview: DeadlineOverview) -> None:
        """Show the scheduler's latest overview; the first one of the session gives the notice."""
        self.overview = overview
        self.fill_referents()
        self._regroup()
        if not self._noticed:
            self._noticed = True
            self._say_overdue()
        elif self.notice.isVisible():
            # A deadline closed (or fallen overdue) since: the notice says today's count.
            self._say_overdue()

    def overdue_count(self) -> int:
        groups = self.model.groups
        return sum(len(g.items) for g in groups if g.key == "overdue")

    def _say_overdue(self) -> None:
        late = self.overdue_count()
        if not late:
            self.notice.hide()
            return
        who = f"pour {self.referent}" if self.referent else "pour le bureau"
        self.notice_text.setText(
            f"<b>{plural(late, 'échéance')} en retard {who}.</b> Elles sont en tête de "
            "l'échéancier, sous « En retard »."
        )
        self.notice.show()

    def _regroup(self) -> None:
        overview = self.overview
        if overview is None:
            return
        kept = self.current_key()
        self._show_referent_column()
        groups = group_deadlines(overview.items, overview.today, referent=self.referent)
        self.model.set_groups(groups, overview.planned)
        for row, group in enumerate(groups):
            index = self.model.index(row, 0)
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
            # « Plus tard » is long and not urgent: closed, unless it is all there is.
            others = any(g.items for g in groups if g.key != "later")
            self.view.setExpanded(index, bool(group.items) and (group.key != "later" or not others))
        self._update_counts(groups)
        if kept is not None:
            self.select(*kept)

    def _update_counts(self, groups: Any) -> None:
        counts = {g.key: len(g.items) for g in groups}
        if not any(counts.values()):
            self.counts.setText("Aucune échéance ouverte.")
            return
        parts = [
            f"<b style='color:#8a1414'>{plural(counts['overdue'], 'échéance')} en retard</b>",
            f"{format_count(counts['today'])} aujourd'hui",
            f"{format_count(counts['soon'])} cette semaine",
            f"{format_count(counts['later'])} plus tard",
        ]
        if counts["rupture"]:
            parts.insert(
                0,
                f"<b style='color:#6e0f0a'>{plural(counts['rupture'], 'rupture')} "
                "des 14 jours à éviter</b>",
            )
        self.counts.setText(" · ".join(parts))

    # -- selection ------------------------------------------------------------------

    def current_item(self) -> DeadlineItem | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.item(index)

    def current_key(self) -> tuple[int, str] | None:
        item = self.current_item()
        return (item.case_id, item.kind) if item is not None else None

    def select(self, case_id: int, kind: str) -> bool:
        """Select the deadline of ``kind`` of ``case_id`` (its group opened)."""
        for row, group in enumerate(self.model.groups):
            for number, item in enumerate(group.items):
                if item.case_id == case_id and item.kind == kind:
                    parent = self.model.index(row, 0)
                    self.view.setExpanded(parent, True)
                    index = self.model.index(number, 0, parent)
                    self.view.setCurrentIndex(index)
                    self.view.scrollTo(index)
                    return True
        return False

    def selected_case_id(self) -> int | None:
        item = self.current_item()
        return item.case_id if item is not None else None

    # -- acting ---------------------------------------------------------------------

    def _open_row(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is None:
            if index.data(GROUP_ROLE):
                self.view.setExpanded(index, not self.view.isExpanded(index))
            return
        self.open_case_requested.emit(item.case_id, SECTIONS.get(item.kind, ""))

    def _button_clicked(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is not None:
            self.view.setCurrentIndex(index)
            self.run(item, 0)

    def run_current(self) -> None:
        """Ctrl+Entrée: the obvious action of the selected deadline."""
        item = self.current_item()
        if item is not None:
            self.run(item, 0)

    def run(self, item: DeadlineItem, number: int) -> bool:
        """Run the line's action ``number`` (0: its button); True when something was saved."""
        found = actions_for(item.kind, item.status)
        if not 0 <= number < len(found):
            return False
        action = found[number]
        if action.run is None:
            QMessageBox.information(self, action.text.rstrip("…"), action.unavailable)
            return False
        try:
            return action.run(self, self.desk, item)
        except UserError as error:
            QMessageBox.warning(self, action.text.rstrip("…"), str(error))
            return False

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        item = self.model.item(index)
        if item is None:
            return
        self.view.setCurrentIndex(index)
        menu = self.context_menu(item)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def context_menu(self, item: DeadlineItem) -> QMenu:
        """Everything the line can do, then « Ouvrir le dossier »."""
        menu = QMenu(self)
        menu.setObjectName("schedulerMenu")
        for number, action in enumerate(actions_for(item.kind, item.status)):
            entry = menu.addAction(action.text)
            entry.setEnabled(action.run is not None)
            entry.setToolTip(action.tip if action.run is not None else action.unavailable)
            entry.triggered.connect(lambda _checked=False, n=number: self.run(item, n))
        menu.setToolTipsVisible(True)
        menu.addSeparator()
        opening = menu.addAction("Ouvrir le dossier")
        section = SECTIONS.get(item.kind, "")
        opening.triggered.connect(lambda: self.open_case_requested.emit(item.case_id, section))
        return menu

    def _show_overdue(self) -> None:
        index = self.model.group_index("overdue")
        if index.isValid():
            self.view.setExpanded(index, True)
            self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
            first = self.model.index(0, 0, index)
            if first.isValid():
                self.view.setCurrentIndex(first)
            self.view.setFocus()


__all__ = ["SchedulerWidget"]
