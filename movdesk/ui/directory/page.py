"""The « Annuaire » page: employers, partners and referents of the office.

Employers and partners are read once per visit with what each did for the office, and
searched as you type (:mod:`movdesk.services.directory`); one entry's contacts and
history show beside the list. New entries are checked for duplicates while typed;
two entries found to be the same are merged, every link kept. Referents are listed
with their caseload. Every committed change (here or elsewhere) reads the page again
when it is next shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QTabWidget, QWidget

from ...services.directory import EntryKind
from ..pages.base import Page, PageContext
from ..relay import ChangeRelay
from .tabs import EntryTab, ReferentTab


class DirectoryPage(Page):
    TITLE = "Annuaire"
    ICON = "directory"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_DirHomeIcon

    #: The user asked for the case file of this case id (a line of an entry's history).
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        desk = context.desk
        self.employers = EntryTab(desk, EntryKind.EMPLOYER, self)
        self.partners = EntryTab(desk, EntryKind.PARTNER, self)
        self.referents = ReferentTab(desk, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("directoryTabs")
        self.tabs.addTab(self.employers, "&Entreprises")
        self.tabs.addTab(self.partners, "&Partenaires")
        self.tabs.addTab(self.referents, "&Référents")
        self.body.addWidget(self.tabs, 1)
        self._stale = {0, 1, 2}
        for tab in (self.employers, self.partners):
            tab.open_case_requested.connect(self.open_case_requested)
        self.tabs.currentChanged.connect(lambda _index: self.refresh_shown())
        self.relay = ChangeRelay(desk, self)
        self.relay.changed.connect(self._on_change)

    def refresh(self) -> None:
        """Read every tab again when next shown, and the one shown now."""
        self._stale = {0, 1, 2}
        self.refresh_shown()

    def refresh_shown(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._stale:
            self._stale.discard(index)
            self.tabs.widget(index).refresh()  # type: ignore[attr-defined]

    def focus_directory_search(self) -> None:
        """Put the cursor in the search field of the tab shown."""
        current = self.tabs.currentWidget()
        search = getattr(current, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def _on_change(self, _change: object) -> None:
        self._stale = {0, 1, 2}
        if self.isVisible():
            self.refresh_shown()
