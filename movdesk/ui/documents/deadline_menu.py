"""Print from a deadline line: the document that answers it, from a context menu.

« Envoyer le bilan intermédiaire » offers to print the intermediate report, « Envoyer
la copie du contrat » the contract, the next interview a convocation, and so on; any
line also offers the case's attendance sheet. Any list of deadlines (the dashboard,
an agenda) installs it on its view with :func:`install_deadline_printing`, giving a
function from a row to its ``case_id`` and ``kind``. The printing modules load only
when an entry is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu

from ...services.context import Desk

#: Deadline kind (EXCHANGE.md) → the document that answers it, and the menu's words.
DEADLINE_DOCUMENTS: dict[str, tuple[str, str]] = {
    "contract_to_pe": ("contract", "Imprimer le contrat d'accompagnement…"),
    "intermediate_report": ("intermediate", "Imprimer le bilan intermédiaire…"),
    "final_report": ("final", "Imprimer le bilan final…"),
    "next_interview": ("convocation", "Imprimer une convocation…"),
    "weekly_interview": ("convocation", "Imprimer une convocation…"),
    "contracting_interview": ("convocation", "Imprimer une convocation…"),
}
SHEET = ("attendance", "Imprimer la feuille d'émargement…")


def deadline_entries(kind: str) -> list[tuple[str, str]]:
    """The (document kind, menu text) a deadline of ``kind`` offers, its own first."""
    entries = [DEADLINE_DOCUMENTS[kind]] if kind in DEADLINE_DOCUMENTS else []
    return [*entries, SHEET]


def deadline_menu(
    view: QAbstractItemView, desk: Desk, row_item: Callable[[int], Any], row: int
) -> QMenu | None:
    """The context menu of row ``row`` of a deadline list, or None for no row."""
    if row < 0:
        return None
    item = row_item(row)
    menu = QMenu(view)
    menu.setObjectName("deadlineMenu")
    for document, text in deadline_entries(item.kind):
        action = menu.addAction(text)
        action.setData(document)
        action.triggered.connect(
            lambda _checked=False, d=document, c=item.case_id: _print(view, desk, c, d)
        )
    return menu


def _print(view: QAbstractItemView, desk: Desk, case_id: int, document: str) -> None:
    from .options import preview_case_document

    preview_case_document(view.window(), desk, case_id, document)


def install_deadline_printing(
    view: QAbstractItemView, desk: Desk, row_item: Callable[[int], Any]
) -> None:
    """Give ``view`` (a list of deadlines) its printing context menu."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    hint = "Clic droit : imprimer le document qui répond à l'échéance"
    view.setToolTip(f"{view.toolTip()}\n{hint}" if view.toolTip() else hint)

    def show(position: QPoint) -> None:
        menu = deadline_menu(view, desk, row_item, view.indexAt(position).row())
        if menu is not None:
            menu.exec(view.viewport().mapToGlobal(position))
            menu.deleteLater()

    view.customContextMenuRequested.connect(show)
