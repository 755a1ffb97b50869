"""A referent's name, typed as a first and a last name: to add one, or to correct one."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from ...rules.validation import Problem
from ...services.context import Desk
from ...services.referents import add_referent, rename_referent
from ..widgets import FormDialog


def split_name(full_name: str) -> tuple[str, str]:
    """« Jean-Pierre De La Tour » → (« Jean-Pierre », « De La Tour »)."""
    first, _, last = full_name.strip().partition(" ")
    return first, last.strip()


class ReferentNameDialog(FormDialog):
    """Add a referent, or rename ``referent_id`` (first name, then last name)."""

    def __init__(
        self,
        desk: Desk,
        referent_id: int | None = None,
        full_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        title = "Renommer le référent" if referent_id is not None else "Nouveau référent"
        super().__init__(desk, title, parent)
        self.referent_id = referent_id
        first, last = split_name(full_name)
        self.first_name = QLineEdit(first)
        self.first_name.setPlaceholderText("ex. Claire")
        self.last_name = QLineEdit(last)
        self.last_name.setPlaceholderText("ex. Martin")
        self.add_field("first_name", "&Prénom :", self.first_name)
        # The service names the whole name: its messages go under the last name.
        self.add_field("last_name", "&Nom :", self.last_name, aliases=["full_name"])
        self.order_tabs()
        self.resize(420, self.sizeHint().height())

    def full_name(self) -> str:
        return f"{self.first_name.text().strip()} {self.last_name.text().strip()}".strip()

    def check(self) -> list[Problem]:
        problems = []
        if not self.first_name.text().strip():
            problems.append(Problem("first_name", "le prénom est obligatoire."))
        if not self.last_name.text().strip():
            problems.append(Problem("last_name", "le nom est obligatoire."))
        return problems

    def problems_before_saving(self) -> list[Problem]:
        # A name part left empty is the whole story: the service would only say again
        # that a first and a last name are needed.
        return self.check() or super().problems_before_saving()

    def save(self, accept_warnings: bool) -> int | None:
        if self.referent_id is None:
            return add_referent(self.desk, self.full_name())
        rename_referent(self.desk, self.referent_id, self.full_name())
        return self.referent_id
