"""What the forms of one case share: the case read once, named in the title."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...services.context import Desk
from ...services.lookups import load_case
from ..widgets import FormDialog


class CaseDialog(FormDialog):
    """A form about one case; ``self.case`` is the case as the rules read it (detached)."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        title: str,
        parent: QWidget | None = None,
        *,
        save_text: str = "&Enregistrer",
    ) -> None:
        self.case = load_case(desk, case_id)
        who = f"{self.case.beneficiary.display_name} ({self.case.order_number})"
        super().__init__(desk, f"{title} — {who}", parent, save_text=save_text)
        self.case_id = case_id
        self.today = desk.today()

    def finish_layout(self, width: int = 520) -> None:
        """Tab order top to bottom, and a size that shows every row."""
        self.order_tabs()
        self.resize(width, self.sizeHint().height())
