"""« Marquer envoyé » from the scheduler: the date a document went to France Travail."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...services.context import Desk
from ...services.milestones import Dispatch, mark_sent
from ..dialogs.base import CaseDialog
from ..widgets import DateField


class SentDateDialog(CaseDialog):
    """The date a document (contract copy, report, notice) was sent, today by default."""

    def __init__(
        self, desk: Desk, case_id: int, what: Dispatch, parent: QWidget | None = None
    ) -> None:
        super().__init__(desk, case_id, what.label, parent)
        self.what = what
        self.date_field = DateField(self.today)
        self.add_field(
            "sent", "&Envoyé le :", self.date_field, aliases=[what.value[0], "notice_sent_date"]
        )
        self.finish_layout(420)

    def save(self, accept_warnings: bool) -> int | None:
        on = self.date_field.value()
        assert on is not None
        mark_sent(self.desk, self.case_id, self.what, on=on)
        return self.case_id
