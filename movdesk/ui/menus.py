"""The main window's actions, menus and toolbar, with their shortcuts.

A mixin of the main window, which provides the pages, the page stack and the slots the
actions trigger (``new_case``, ``import_cases``, ``show_page``…). Every action is also
added to the window itself, so that its shortcut answers while the menu bar is hidden.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QStyle, QToolBar

from .actions import create_action
from .documents.menu import install_print_menu
from .icons import load_icon
from .undoing import UNDO_TEXT

__all__ = ["UNDO_TEXT", "WindowMenus"]


class WindowMenus:
    """Builds the actions, the menu bar and the toolbar of the main window."""

    _page_actions: list[QAction]
    pages: list[Any]
    stack: Any

    def _build_actions_and_menus(self) -> None:
        window: Any = self
        style = window.style()
        icon = style.standardIcon
        pixmap = QStyle.StandardPixmap
        self.new_case_action = create_action(
            self,
            "&Nouveau dossier…",
            shortcut=QKeySequence.StandardKey.New,
            icon=icon(pixmap.SP_FileIcon),
            tip="Enregistrer une lettre de commande et ouvrir le dossier",
            triggered=self.new_case,
        )
        self.import_action = create_action(
            self,
            "&Importer des dossiers…",
            icon=icon(pixmap.SP_ArrowDown),
            tip="Importer des dossiers depuis un fichier JSON d'échange",
            triggered=self.import_cases,
        )
        self.export_action = create_action(
            self,
            "&Exporter les dossiers (JSON)…",
            tip="Enregistrer tous les dossiers dans un fichier JSON d'échange",
            triggered=self.export_cases,
        )
        self.indicators_action = create_action(
            self,
            "Exporter les &indicateurs du mois (CSV)…",
            tip="Enregistrer les indicateurs mensuels pour France Travail (CSV pour Excel)",
            triggered=self.export_indicators,
        )
        self.undo_action = create_action(
            self,
            UNDO_TEXT,
            shortcut=QKeySequence.StandardKey.Undo,
            icon=icon(pixmap.SP_ArrowBack),
            tip="Annuler la dernière modification enregistrée",
            triggered=self.undo,
        )
        self.search_action = create_action(
            self,
            "&Rechercher un bénéficiaire",
            shortcut=QKeySequence.StandardKey.Find,
            icon=icon(pixmap.SP_FileDialogContentsView),
            tip="Chercher un bénéficiaire par nom, n° de commande ou identifiant",
            triggered=self.search,
        )
        self.open_case_action = create_action(
            self,
            "&Ouvrir le dossier",
            shortcut="Return",
            icon=icon(pixmap.SP_DirOpenIcon),
            tip="Ouvrir le dossier sélectionné",
            triggered=self.open_selected_case,
        )
        self.open_case_action.setShortcuts([QKeySequence("Return"), QKeySequence("Enter")])
        # Entrée opens a case from the page area only: in the navigation it picks a page.
        self.open_case_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.stack.addAction(self.open_case_action)
        self.new_interview_action = create_action(
            self,
            "Nouvel &entretien…",
            shortcut="Ctrl+E",
            icon=icon(pixmap.SP_FileDialogNewFolder),
            tip="Enregistrer un entretien dans le dossier sélectionné",
            triggered=self.new_interview,
        )
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
            triggered=window.close,
        )
        # Quit must work from any page and any focused widget.
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.refresh_action = create_action(
            self,
            "&Actualiser",
            shortcut=QKeySequence.StandardKey.Refresh,
            icon=style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload),
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
        window.addActions(
            [
                *self._page_actions,
                self.refresh_action,
                self.quit_action,
                self.new_case_action,
                self.undo_action,
                self.search_action,
                self.new_interview_action,
            ]
        )

        menu_bar = window.menuBar()
        file_menu = menu_bar.addMenu("&Fichier")
        file_menu.addAction(self.new_case_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        export_menu = file_menu.addMenu("E&xporter")
        export_menu.addAction(self.export_action)
        export_menu.addAction(self.indicators_action)
        install_print_menu(self, file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu_bar.addMenu("É&dition")
        edit_menu.addAction(self.undo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.search_action)
        case_menu = menu_bar.addMenu("&Dossier")
        case_menu.addAction(self.open_case_action)
        case_menu.addAction(self.new_interview_action)
        view_menu = menu_bar.addMenu("&Affichage")
        view_menu.addActions(self._page_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = menu_bar.addMenu("A&ide")
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        window: Any = self
        toolbar = QToolBar("Barre d'outils", window)
        toolbar.setObjectName("mainToolBar")
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_case_action)
        toolbar.addAction(self.new_interview_action)
        toolbar.addAction(self.open_case_action)
        toolbar.addSeparator()
        toolbar.addAction(self.search_action)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.refresh_action)
        self.toolbar = toolbar
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
