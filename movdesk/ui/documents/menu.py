"""Fichier › Imprimer in the main window, light to build: the batches load when used.

The menu's actions import :mod:`.batch` (and through it ReportLab and QtPdf) only
when one is triggered, so that they add nothing to the start of the program.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from ..actions import create_action


class PrintMenu(QObject):
    """The window's batches, made on first use (:class:`.batch.BatchPrinting`)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._batches: Any = None

    def batches(self) -> Any:
        if self._batches is None:
            from .batch import BatchPrinting

            self._batches = BatchPrinting(self.window, self.window.desk)
        return self._batches

    def stop(self) -> None:
        """The window closes: cancel the batches under way and wait for them."""
        if self._batches is not None:
            self._batches.stop()


def install_print_menu(window: Any, file_menu: QMenu) -> QMenu:
    """Add Fichier › Imprimer to a main window that has a ``desk``; returns the menu.

    The window keeps its :class:`PrintMenu` as ``window.batch_printing``.
    """
    holder = PrintMenu(window)
    window.batch_printing = holder
    menu = file_menu.addMenu("&Imprimer")
    menu.setObjectName("printMenu")
    actions: list[tuple[str, str, Callable[[Any], object]]] = [
        (
            "Feuilles d'émargement du &mois…",
            "Les feuilles d'émargement de tous les dossiers ayant un entretien dans le mois",
            lambda batches: batches.month_sheets(),
        ),
        (
            "&Bilans intermédiaires dus cette semaine…",
            "Les bilans intermédiaires à envoyer d'ici dimanche (et ceux en retard)",
            lambda batches: batches.due_reports(),
        ),
        (
            "Feuille d'émargement d'un &regroupement…",
            "La feuille collective d'un atelier ou d'un regroupement",
            lambda batches: batches.group_sheet(),
        ),
    ]
    for text, tip, run in actions:
        action = create_action(
            window, text, tip=tip, triggered=lambda _c=False, r=run: r(holder.batches())
        )
        menu.addAction(action)
    return menu
