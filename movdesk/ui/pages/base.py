"""What every page of the main window shares: its context, title, icon and heading."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QStyle, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from ...config import DatabaseLocation
from ...services.context import Desk


@dataclass(frozen=True)
class PageContext:
    """What a page may need: the session factory, where the database is, demo or not,
    and the desk through which every write goes (services, audit, change news)."""

    session_factory: sessionmaker[Session]
    location: DatabaseLocation
    demo: bool = False
    desk: Desk = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.desk is None:
            object.__setattr__(self, "desk", Desk(self.session_factory))


class Page(QWidget):
    """A page of the main window; subclasses set the class attributes and fill ``body``."""

    #: Name in the navigation list and heading of the page.
    TITLE = ""
    #: Name of the drawn icon (``resources/icons/<ICON>.svg``).
    ICON = ""
    #: Style icon used when the drawn one is missing.
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileIcon

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page-{self.ICON}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(12)
        heading = QLabel(self.TITLE, self)
        heading.setObjectName("pageHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        #: Where subclasses add their widgets, under the heading.
        self.body = layout

    def refresh(self) -> None:
        """Read again what the page shows; called each time the page is brought forward."""


class PlaceholderPage(Page):
    """A page still to be written: its title and one sentence saying what it will hold."""

    #: One French sentence for the user.
    DESCRIPTION = ""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        text = QLabel(self.DESCRIPTION, self)
        text.setObjectName("pageDescription")
        text.setWordWrap(True)
        self.body.addWidget(text)
        self.body.addStretch(1)


def scrolling_body(page: Page) -> QVBoxLayout:
    """Put what ``page`` adds to its body from now on in a scroll area, and return the
    layout to add to: a page of many groups (Paramètres) scrolls instead of making the
    window taller than the screen."""
    area = QScrollArea(page)
    area.setObjectName("pageScroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    inner = QWidget(area)
    layout = QVBoxLayout(inner)
    layout.setContentsMargins(0, 0, 8, 0)
    layout.setSpacing(page.body.spacing())
    area.setWidget(inner)
    page.body.addWidget(area, 1)
    return layout
