"""« Exporter l'agenda (.ics) »: a referent (or all) and a range, then where to save it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from ...rules.validation import Problem, fr_date
from ...services.agenda import AgendaReferent
from ...services.agenda_export import default_range
from ...services.context import Desk
from ..widgets import DateField, FormDialog

ALL = "Tous les référents"


class AgendaExportDialog(FormDialog):
    """Chooses what to export; the page saves the file (``save`` keeps the choice)."""

    def __init__(
        self,
        desk: Desk,
        referents: list[AgendaReferent],
        referent_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, "Exporter l'agenda (.ics)", parent, save_text="&Choisir le fichier…")
        first, last = default_range(desk.today())
        self.referent = QComboBox()
        self.referent.addItem(ALL, None)
        for referent in referents:
            self.referent.addItem(referent.name, referent.id)
        self.referent.setCurrentIndex(max(0, self.referent.findData(referent_id)))
        self.first = DateField(first)
        self.last = DateField(last)
        self.add_field("referent", "&Référent :", self.referent)
        self.add_field("from", "&Du :", self.first)
        self.add_field("to", "&Au :", self.last)
        self.set_advice(
            [
                "Un fichier .ics s'ouvre dans Outlook, Thunderbird ou le calendrier d'un "
                "téléphone ; l'importer de nouveau met à jour les rendez-vous sans les "
                "dupliquer.",
                "Les entretiens marqués absents ou excusés y sont annulés.",
            ],
            heading="À savoir",
        )
        #: The choice, once accepted: referent id (None: all), first and last day.
        self.choice: tuple[int | None, date, date] | None = None
        self.order_tabs()
        self.resize(460, self.sizeHint().height())

    def has_typed_input(self) -> bool:
        # A choice of what to export, not a record: closing it loses nothing worth asking.
        return False

    def check(self) -> list[Problem]:
        first, last = self.first.value(), self.last.value()
        if first is not None and last is not None and last < first:
            return [
                Problem(
                    "to",
                    f"la date de fin ({fr_date(last)}) précède la date de début "
                    f"({fr_date(first)}).",
                )
            ]
        return []

    def save(self, accept_warnings: bool) -> int | None:
        first, last = self.first.value(), self.last.value()
        assert first is not None and last is not None
        self.choice = (self.referent.currentData(), first, last)
        return 0
