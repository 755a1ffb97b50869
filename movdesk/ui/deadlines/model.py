"""The scheduler's tree: one row per group (« En retard (12) »…), its deadlines under it."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...rules.calendar import french_date
from ...services.dashboard import DeadlineGroup, PlannedInterview, planned_for
from ...services.schedule import DeadlineItem
from .actions import primary

AnyIndex = QModelIndex | QPersistentModelIndex

#: The case id of a deadline row.
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The :class:`DeadlineItem` of a deadline row.
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
#: The key of a group row (``overdue``, ``later``…).
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3

#: Status of a deadline → (French word, background, text colour): red, orange, yellow.
DEADLINE_LOOK = {
    "overdue": ("En retard", "#fbdcdc", "#8a1414"),
    "today": ("Aujourd'hui", "#ffe2bf", "#7a3d00"),
    "soon": ("Cette semaine", "#fff4c9", "#5a4500"),
    "later": ("Plus tard", "", ""),
}
#: Group rows: background and text colour.
GROUP_LOOK = {
    "rupture": ("#f3c4c0", "#6e0f0a"),
    "overdue": ("#f6e0e0", "#6e0f0a"),
    "today": ("#fbe9d4", "#5f3000"),
    "soon": ("#fbf4d9", "#4a3900"),
    "later": ("#eef1f4", "#1f2d3a"),
}


class Column(IntEnum):
    """What to do comes before the case number: it is what the referent reads first."""

    DUE = 0
    STATUS = 1
    BENEFICIARY = 2
    TODO = 3
    ORDER = 4
    REFERENT = 5
    ACTION = 6


HEADERS = ("Échéance", "Urgence", "Bénéficiaire", "À faire", "Dossier", "Référent", "Action")
_GROUP = 0


class DeadlineTreeModel(QAbstractItemModel):
    """Groups at the top level (internal id 0), deadlines under them (id = group + 1)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: tuple[DeadlineGroup, ...] = ()
        self._planned: Mapping[int, tuple[PlannedInterview, ...]] = {}

    def set_groups(
        self,
        groups: tuple[DeadlineGroup, ...],
        planned: Mapping[int, tuple[PlannedInterview, ...]] | None = None,
    ) -> None:
        self.beginResetModel()
        self._groups = groups
        self._planned = planned or {}
        self.endResetModel()

    @property
    def groups(self) -> tuple[DeadlineGroup, ...]:
        return self._groups

    def item(self, index: AnyIndex) -> DeadlineItem | None:
        """The deadline of a row (None for a group row)."""
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = self._groups[index.internalId() - 1]
        return group.items[index.row()] if index.row() < len(group.items) else None

    def group_index(self, key: str) -> QModelIndex:
        for row, group in enumerate(self._groups):
            if group.key == key:
                return self.index(row, 0)
        return QModelIndex()

    # -- structure ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        if parent.internalId() == _GROUP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].items)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _GROUP:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(HEADERS):
                return HEADERS[section]
        return None

    # -- content --------------------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            return self._group_data(self._groups[index.row()], index.column(), role)
        item = self.item(index)
        if item is None:
            return None
        return self._item_data(item, Column(index.column()), role)

    def _group_data(self, group: DeadlineGroup, column: int, role: int) -> Any:
        background, foreground = GROUP_LOOK.get(group.key, ("", ""))
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{group.title} ({len(group.items)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and background:
            return QBrush(QColor(background))
        if role == Qt.ItemDataRole.ForegroundRole and foreground:
            return QBrush(QColor(foreground))
        if role == GROUP_ROLE:
            return group.key
        return None

    def _item_data(self, item: DeadlineItem, column: Column, role: int) -> Any:
        word, background, foreground = DEADLINE_LOOK.get(item.status, ("", "", ""))
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column, word)
        if role == Qt.ItemDataRole.BackgroundRole and background and column != Column.ACTION:
            return QBrush(QColor(background))
        if role == Qt.ItemDataRole.ForegroundRole and foreground and column != Column.ACTION:
            return QBrush(QColor(foreground))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(item, column)
        if role == CASE_ID_ROLE:
            return item.case_id
        if role == ITEM_ROLE:
            return item
        return None

    def _text(self, item: DeadlineItem, column: Column, word: str) -> str:
        if column == Column.DUE:
            return french_date(item.due)
        if column == Column.STATUS:
            return word
        if column == Column.BENEFICIARY:
            return item.beneficiary
        if column == Column.TODO:
            planned = planned_for(item, self._planned)
            return f"{item.label} ({planned.text()})" if planned else item.label
        if column == Column.ORDER:
            return item.order_number
        if column == Column.REFERENT:
            return item.referent
        action = primary(item.kind, item.status)
        return action.text if action is not None else ""

    def _tip(self, item: DeadlineItem, column: Column) -> str | None:
        if column == Column.DUE and item.practical_due != item.due:
            # The contract counts calendar days; the office acts by the working day.
            return f"À faire en pratique avant le {french_date(item.practical_due)}"
        if column == Column.ACTION:
            action = primary(item.kind, item.status)
            if action is not None:
                return action.tip if action.run is not None else action.unavailable
        if column == Column.TODO:
            return f"{item.label} — double-cliquez pour ouvrir le dossier à la bonne section"
        if column == Column.BENEFICIARY:
            return f"{item.beneficiary} — dossier {item.order_number} — {item.referent}"
        return None
