"""The « Agenda » page: the day, week or month of one referent or several side by side.

The page reads the period shown (:func:`~movdesk.services.agenda.read_agenda`), hands
it to the drawing surface (:class:`.canvas.AgendaCanvas`) and acts on what the surface
asks: plan an interview on a free slot (the case chosen by typing a name, then the
interview form on that slot), open an appointment or its case file, move an appointment
after saying what the rules think of the new slot (Ctrl+Z takes it back). From here too:
the planning help, the printed week and the .ics export. The view, the period's kind and
the referents shown are remembered.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPageLayout, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QToolButton,
    QWidget,
)

from ...errors import UserError
from ...rules.agenda_layout import (
    AllDayItem,
    BandPiece,
    Block,
    DayDeadline,
    month_days,
    week_days,
)
from ...rules.calendar import add_months, french_date
from ...services.agenda import (
    AgendaData,
    AgendaReferent,
    agenda_referents,
    move_advice,
    move_appointments,
    read_agenda,
)
from ...services.agenda_export import AgendaExport, write_agenda_file
from ...services.errors import NeedsConfirmation, ValidationFailed
from ...services.events import Change
from ...services.exports import write_file
from ..formatting import FRENCH, plural
from ..pages.base import Page, PageContext
from .canvas import DAY, MONTH, WEEK, AgendaCanvas
from .legend import StateLegend
from .paint import day_title, long_day
from .tooltips import item_text

_VIEW_KEY = "agenda/view"
_REFERENTS_KEY = "agenda/referents"
VIEW_TITLES = {DAY: "&Jour", WEEK: "&Semaine", MONTH: "&Mois"}
HINTS = {
    WEEK: "Cliquez sur un créneau libre pour planifier un entretien · double-cliquez sur un "
    "rendez-vous pour l'ouvrir, Entrée ouvre son dossier · glissez-le pour le déplacer "
    "(Ctrl+Z annule) · Page précédente / suivante, T : aujourd'hui",
    MONTH: "Double-cliquez sur un jour pour l'afficher, sur un rendez-vous pour l'ouvrir · "
    "glissez un rendez-vous sur un autre jour pour le déplacer (Ctrl+Z annule) · "
    "Page précédente / suivante, T : aujourd'hui",
}
HINTS[DAY] = HINTS[WEEK]
#: The referents' button never grows wider than this (its text is cut with « … »).
REFERENT_BUTTON_WIDTH = 260


def _window_settings() -> Any:
    # Imported here: the main window imports the pages, this page among them.
    from ..main_window import window_settings

    return window_settings()


def period_title(mode: str, anchor: date) -> str:
    """« Semaine du 11 au 16 mai 2026 (semaine 20) », « mai 2026 », « mardi 12 mai 2026 »."""
    if mode == DAY:
        return long_day(anchor).capitalize()
    if mode == MONTH:
        return FRENCH.toString(QDate(anchor.year, anchor.month, 1), "MMMM yyyy").capitalize()
    days = week_days(anchor)
    first, last = days[0], days[-1]
    start = (
        f"{first.day}"
        if first.month == last.month
        else FRENCH.toString(QDate(first.year, first.month, first.day), "d MMMM")
    )
    end = FRENCH.toString(QDate(last.year, last.month, last.day), "d MMMM yyyy")
    return f"Semaine du {start} au {end} (semaine {first.isocalendar().week})"


class AgendaPage(Page):
    TITLE = "Agenda"
    ICON = "agenda"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileDialogContentsView

    #: Open this case's file (Entrée on an appointment, a deadline or a band).
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.desk = context.desk
        self.mode = WEEK
        self.anchor = self.desk.today()
        self.referents: list[AgendaReferent] = []
        self.shown_ids: list[int] = []
        #: The referents remembered, by name until the referents are read.
        self._remembered: list[str] | None = None
        self.data: AgendaData | None = None
        self._stale = True

        self.canvas = AgendaCanvas(self)
        self._build_bar()
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("agendaScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.canvas)
        self.scroll.setFrameShape(QScrollArea.Shape.StyledPanel)
        self.body.addWidget(self.scroll, 1)
        self.legend = StateLegend(self)
        self.body.addWidget(self.legend)
        self.summary = QLabel(self)
        self.summary.setObjectName("agendaSummary")
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)

        self.canvas.slot_activated.connect(self.plan_at)
        self.canvas.block_activated.connect(self.open_block)
        self.canvas.case_requested.connect(self.open_case_requested)
        self.canvas.move_requested.connect(self.move_block)
        self.canvas.hidden_requested.connect(self.show_hidden)
        self.canvas.period_step.connect(self.step)
        self.canvas.today_requested.connect(self.go_today)
        self.canvas.day_requested.connect(self.show_day)
        self.canvas.refused.connect(self.tell)

        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.timeout.connect(self._reload_if_shown)
        stop = self.desk.bus.subscribe(self._on_change)
        self.destroyed.connect(lambda *_args: stop())
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._restore()

    # -- building -----------------------------------------------------------------

    def _build_bar(self) -> None:
        bar = QHBoxLayout()
        self.previous_button = self._tool("◀", "Période précédente (Page précédente)")
        self.today_button = QPushButton("Aujourd'&hui", self)
        self.today_button.setObjectName("agendaToday")
        self.today_button.setToolTip("Revenir à aujourd'hui (T)")
        self.next_button = self._tool("▶", "Période suivante (Page suivante)")
        self.period = QLabel(self)
        self.period.setObjectName("agendaPeriod")
        font = self.period.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.period.setFont(font)
        for widget in (self.previous_button, self.today_button, self.next_button, self.period):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.view_buttons = QButtonGroup(self)
        for mode, text in VIEW_TITLES.items():
            button = QPushButton(text, self)
            button.setObjectName(f"agendaView-{mode}")
            button.setCheckable(True)
            button.setToolTip(f"Afficher {text.replace('&', '').lower()}")
            self.view_buttons.addButton(button)
            button.setProperty("mode", mode)
            bar.addWidget(button)
        self.body.addLayout(bar)

        tools = QHBoxLayout()
        self.referent_button = QToolButton(self)
        self.referent_button.setObjectName("agendaReferents")
        self.referent_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.referent_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.referent_menu = QMenu(self.referent_button)
        self.referent_button.setMenu(self.referent_menu)
        self.referent_button.setToolTip("Référents affichés côte à côte")
        tools.addWidget(self.referent_button)
        self.propose_button = QPushButton("&Proposer des rendez-vous…", self)
        self.propose_button.setObjectName("agendaPropose")
        self.propose_button.setToolTip(
            "Proposer le prochain entretien de chaque dossier en cours d'un référent"
        )
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("agendaPrint")
        self.print_button.setText("&Imprimer la semaine")
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_menu = QMenu(self.print_button)
        self.pdf_action = self.print_menu.addAction("Enregistrer en PDF…", self.save_week_pdf)
        self.printer_action = self.print_menu.addAction("Imprimer…", self.print_week)
        self.print_button.setMenu(self.print_menu)
        self.print_button.setToolTip("La semaine affichée, une page par référent")
        self.export_button = QPushButton("E&xporter l'agenda (.ics)…", self)
        self.export_button.setObjectName("agendaExport")
        self.export_button.setToolTip("Pour Outlook ou un téléphone")
        for widget in (self.propose_button, self.print_button, self.export_button):
            tools.addWidget(widget)
        tools.addStretch(1)
        self.body.addLayout(tools)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self.view_buttons.buttonClicked.connect(
            lambda button: self.set_mode(str(button.property("mode")))
        )
        self.propose_button.clicked.connect(self.propose)
        self.export_button.clicked.connect(self.export_ics)

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    # -- settings -----------------------------------------------------------------

    def _restore(self) -> None:
        settings = _window_settings()
        mode = str(settings.value(_VIEW_KEY, WEEK))
        self.mode = mode if mode in VIEW_TITLES else WEEK
        # By name: the settings file is shared by every database of the data folder (the
        # office's and the demo's), where the same id is another person.
        self._remembered = remembered_names(settings.value(_REFERENTS_KEY, ""))
        self._fill_referents()
        self._sync_view_buttons()

    def _save(self) -> None:
        settings = _window_settings()
        settings.setValue(_VIEW_KEY, self.mode)
        names = [r.name for r in self.referents if r.id in self.shown_ids]
        settings.setValue(_REFERENTS_KEY, json.dumps(names, ensure_ascii=False))
        settings.sync()

    def _fill_referents(self) -> None:
        """Read the referents and rebuild the menu (when they changed since)."""
        referents = agenda_referents(self.context.session_factory)
        if referents == self.referents and hasattr(self, "_referent_actions"):
            return
        self.referents = referents
        if self._remembered is not None:
            by_name = {r.name: r.id for r in referents}
            self.shown_ids = [by_name[n] for n in self._remembered if n in by_name]
            self._remembered = None
        known = {r.id for r in self.referents}
        self.shown_ids = [i for i in self.shown_ids if i in known]
        if not self.shown_ids:
            active = [r for r in self.referents if r.active] or self.referents
            self.shown_ids = [active[0].id] if active else []
        self.referent_menu.clear()
        everyone = self.referent_menu.addAction("Tous les référents actifs")
        everyone.triggered.connect(self._show_everyone)
        self.referent_menu.addSeparator()
        self._referent_actions: dict[int, QAction] = {}
        for referent in self.referents:
            text = referent.name if referent.active else f"{referent.name} (inactif)"
            action = self.referent_menu.addAction(text)
            action.setCheckable(True)
            action.setChecked(referent.id in self.shown_ids)
            action.toggled.connect(lambda on, i=referent.id: self._toggle_referent(i, on))
            self._referent_actions[referent.id] = action
        self._update_referent_button()

    def _update_referent_button(self) -> None:
        names = [r.name for r in self.referents if r.id in self.shown_ids]
        if not names:
            text = "Aucun référent"
        elif len(names) <= 2:
            text = " et ".join(names)
        else:
            text = f"{len(names)} référents"
        full = f"Référents : {text}"
        metrics = self.referent_button.fontMetrics()
        self.referent_button.setText(
            metrics.elidedText(full, Qt.TextElideMode.ElideRight, REFERENT_BUTTON_WIDTH)
        )
        self.referent_button.setToolTip(f"Référents affichés côte à côte : {', '.join(names)}")

    def _toggle_referent(self, referent_id: int, on: bool) -> None:
        if on and referent_id not in self.shown_ids:
            self.shown_ids.append(referent_id)
        elif not on and referent_id in self.shown_ids:
            if len(self.shown_ids) == 1:
                # One referent at least: the agenda of nobody shows nothing.
                self._referent_actions[referent_id].setChecked(True)
                return
            self.shown_ids.remove(referent_id)
        order = [r.id for r in self.referents]
        self.shown_ids.sort(key=order.index)
        self._update_referent_button()
        self._save()
        self.refresh()

    def _show_everyone(self) -> None:
        self.set_referents([r.id for r in self.referents if r.active])

    def set_referents(self, referent_ids: list[int]) -> None:
        """Show these referents side by side (in the order of names)."""
        self._fill_referents()
        known = [r.id for r in self.referents]
        wanted = [i for i in known if i in referent_ids]
        if not wanted:
            return
        self.shown_ids = wanted
        for referent_id, action in self._referent_actions.items():
            action.blockSignals(True)
            action.setChecked(referent_id in wanted)
            action.blockSignals(False)
        self._update_referent_button()
        self._save()
        self.refresh()

    def _sync_view_buttons(self) -> None:
        for button in self.view_buttons.buttons():
            button.setChecked(button.property("mode") == self.mode)
        # Nothing to propose, print or export before the first referent is recorded.
        anyone = bool(self.shown_ids)
        self.print_button.setEnabled(anyone and self.mode != MONTH)
        self.propose_button.setEnabled(anyone)
        self.export_button.setEnabled(anyone)

    # -- navigation ---------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        """Day, week or month view, around the same day."""
        if mode not in VIEW_TITLES:
            return
        self.mode = mode
        self._sync_view_buttons()
        self._save()
        self.refresh()

    def step(self, direction: int) -> None:
        """The previous (-1) or next (+1) day, week or month."""
        if self.mode == DAY:
            self.anchor += timedelta(days=direction)
        elif self.mode == WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            self.anchor = add_months(self.anchor.replace(day=1), direction)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = self.desk.today()
        self.refresh()

    def show_day(self, day: date) -> None:
        """The day view of ``day`` (a month day opened)."""
        self.anchor = day
        self.set_mode(DAY)

    def go_to(self, day: date, mode: str | None = None) -> None:
        """Show the period of ``day`` (in ``mode`` when given)."""
        self.anchor = day
        if mode is not None:
            self.mode = mode
            self._sync_view_buttons()
        self.refresh()

    def visible_days(self) -> tuple[date, date]:
        if self.mode == DAY:
            return self.anchor, self.anchor
        if self.mode == WEEK:
            days = week_days(self.anchor)
            return days[0], days[-1]
        days = month_days(self.anchor)
        return days[0], days[-1]

    # -- reading ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the period shown again and draw it."""
        self._stale = False
        self._fill_referents()
        self._sync_view_buttons()
        first, last = self.visible_days()
        self.data = read_agenda(
            self.context.session_factory, self.shown_ids, first, last, self.desk.today()
        )
        self.canvas.set_content(self.mode, self.anchor, self.data)
        self._tick()
        self.period.setText(period_title(self.mode, self.anchor))
        shown = [a for a in self.data.appointments if a.id > 0]
        self.summary.setText(
            f"{plural(len(shown), 'rendez-vous', 'rendez-vous')} · "
            f"{plural(len(self.data.deadlines), 'échéance')} à tenir · {HINTS[self.mode]}"
        )

    def show_deadlines(self, _overview: object) -> None:
        """The deadline pass ended: the deadlines drawn may have changed."""
        self._on_change(None)

    def _on_change(self, _change: Change | None) -> None:
        # Once the event loop turns: a burst of changes reloads once, and only when shown.
        self._stale = True
        self._reload.start(0)

    def _reload_if_shown(self) -> None:
        if self.isVisible() and self._stale:
            self.refresh()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _tick(self) -> None:
        data = self.data
        if data is None:
            return
        now = datetime.now()
        self.canvas.set_now(datetime.combine(data.today, now.time()))

    def selected_case_id(self) -> int | None:
        """The case of the selected appointment (Entrée, Ctrl+E of the window)."""
        block = self.canvas.selected
        return block.first.case_id if block is not None else None

    # -- acting -------------------------------------------------------------------

    def plan_at(self, on: date, at: time, referent_id: int) -> None:
        """A free slot was clicked: choose the case, then the interview form on that slot."""
        from .plan_dialog import PlanAppointmentDialog

        name = self.data.referent_name(referent_id) if self.data else ""
        picker = PlanAppointmentDialog(
            self.desk, on=on, at=at, referent_id=referent_id, referent_name=name, parent=self
        )
        try:
            if picker.exec() != QDialog.DialogCode.Accepted or picker.case_id is None:
                return
            case_id = picker.case_id
        finally:
            picker.deleteLater()
        self.open_interview(case_id, on=on, at=at)

    def open_interview(
        self,
        case_id: int,
        interview_id: int | None = None,
        *,
        on: date | None = None,
        at: time | None = None,
    ) -> bool:
        """The interview form of the case (on ``on`` at ``at`` for a new one); True if saved."""
        from ..dialogs import InterviewDialog

        dialog = InterviewDialog(self.desk, case_id, interview_id, parent=self)
        if on is not None:
            dialog.date_field.set_value(on)
        if at is not None:
            dialog.time_field.set_value(at)
        try:
            return bool(dialog.exec() == QDialog.DialogCode.Accepted)
        except UserError as error:
            QMessageBox.warning(self, "Entretien", str(error))
            return False
        finally:
            dialog.deleteLater()

    def open_block(self, block: Block) -> None:
        """Double click or Espace on an appointment: its form (a participant's for a group)."""
        if block.key < 0:
            self.open_case_requested.emit(block.first.case_id)
            return
        member = block.first
        if len(block.members) > 1:
            chosen = self._choose_member(block)
            if chosen is None:
                return
            member = chosen
        self.open_interview(member.case_id, member.id)

    def _choose_member(self, block: Block) -> Any:
        menu = QMenu(self)
        menu.setObjectName("agendaMembers")
        menu.addSection("Participant à ouvrir")
        actions = {}
        for member in block.members:
            actions[menu.addAction(f"{member.beneficiary} ({member.order_number})")] = member
        chosen = menu.exec(self.cursor().pos())
        return actions.get(chosen)

    def show_hidden(self, items: list[Any], where: QPoint) -> None:
        """What « +n » hides, as a menu: choosing an item opens it."""
        menu = QMenu(self)
        menu.setObjectName("agendaHidden")
        targets: dict[QAction, Any] = {}
        for item in items:
            targets[menu.addAction(item_text(item))] = item
        chosen = menu.exec(where)
        self.open_item(targets.get(chosen))

    def open_item(self, item: Any) -> None:
        """Open an item of the agenda: a block's form, a deadline's case file."""
        if isinstance(item, AllDayItem):
            item = item.block if item.block is not None else item.deadline
        if isinstance(item, Block):
            self.open_block(item)
        elif isinstance(item, DayDeadline):
            self.open_case_requested.emit(item.case_id)
        elif isinstance(item, BandPiece):
            self.open_case_requested.emit(item.band.case_id)
        elif isinstance(item, tuple) and item:
            self.show_hidden(list(item), self.cursor().pos())

    def move_block(self, block: Block, on: date, at: time | None) -> None:
        """An appointment dropped on another slot: the rules' notes, a confirmation, the
        move in one action (Ctrl+Z takes it back)."""
        ids = [m.id for m in block.members]
        try:
            advice = move_advice(self.desk, ids, on=on, at=at)
        except UserError as error:
            QMessageBox.warning(self, "Déplacer le rendez-vous", str(error))
            self.refresh()
            return
        first = block.first
        who = (
            f"le regroupement ({len(block.members)} participants)"
            if block.is_group
            else f"le rendez-vous de {first.beneficiary}"
        )
        old = day_title(first.day) + (f" {first.start:%H:%M}" if first.start else "")
        new = day_title(on) + (f" {at:%H:%M}" if at else "")
        question = f"Déplacer {who} du {old} au {new} ?"
        if not self.confirm_move(question, list(advice.lines)):
            return
        accept = False
        while True:
            try:
                move_appointments(self.desk, ids, on=on, at=at, accept_warnings=accept)
            except NeedsConfirmation as warning:
                if accept or not self.confirm_move(question, [p.message for p in warning.warnings]):
                    return
                accept = True
                continue
            except ValidationFailed as refusal:
                lines = "\n".join(p.message[:1].upper() + p.message[1:] for p in refusal.problems)
                QMessageBox.warning(self, "Déplacement refusé", f"{lines}\n\nRien n'a été modifié.")
                return
            except UserError as error:
                QMessageBox.warning(self, "Déplacement impossible", str(error))
                return
            break
        self.tell(f"Rendez-vous déplacé au {new} — Ctrl+Z pour annuler.")

    def tell(self, text: str) -> None:
        """A message in the window's status bar (when the page is in the main window)."""
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 10_000)

    def confirm_move(self, question: str, notes: list[str]) -> bool:
        """Ask before moving; the rules' notes listed (« À savoir »)."""
        box = QMessageBox(self)
        box.setObjectName("agendaMoveConfirm")
        box.setIcon(QMessageBox.Icon.Warning if notes else QMessageBox.Icon.Question)
        box.setWindowTitle("Déplacer le rendez-vous")
        box.setText(question)
        if notes:
            box.setInformativeText(
                "Les règles de la prestation signalent :\n" + "\n".join(f"• {n}" for n in notes)
            )
        yes = box.addButton("Déplacer", QMessageBox.ButtonRole.YesRole)
        back = box.addButton("Ne pas déplacer", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(back if notes else yes)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is yes

    def propose(self) -> None:
        """« Proposer des rendez-vous » for a referent shown (the first, or the one chosen)."""
        from .proposals import ProposalsDialog

        referent = self.shown_ids[0] if self.shown_ids else None
        if referent is None:
            return
        active = [r for r in self.referents if r.active or r.id in self.shown_ids]
        dialog = ProposalsDialog(self.desk, active, referent, parent=self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.created:
                count = len(dialog.created)
                planned = plural(count, "rendez-vous planifié", "rendez-vous planifiés")
                self.tell(f"{planned} — Ctrl+Z pour annuler.")
        finally:
            dialog.deleteLater()

    def export_ics(self) -> None:
        """« Exporter l'agenda (.ics) »: a referent and a range, then the file."""
        from .export_dialog import AgendaExportDialog

        current = self.shown_ids[0] if len(self.shown_ids) == 1 else None
        dialog = AgendaExportDialog(self.desk, self.referents, current, parent=self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
                return
            referent_id, first, last = dialog.choice
        finally:
            dialog.deleteLater()
        name = next((r.name for r in self.referents if r.id == referent_id), "tous")
        suggested = f"agenda-{_slug(name)}-{first:%Y%m%d}-{last:%Y%m%d}.ics"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Exporter l'agenda", suggested, "Calendrier iCalendar (*.ics)"
        )
        if not path:
            return
        factory = self.context.session_factory

        def job(progress: Any, cancel: Any) -> AgendaExport:
            return write_agenda_file(
                factory,
                path,
                first=first,
                last=last,
                referent_id=referent_id,
                progress=progress,
                cancel=cancel,
            )

        def done(export: AgendaExport) -> str:
            return (
                f"{plural(export.events, 'rendez-vous', 'rendez-vous')} du {french_date(first)} "
                f"au {french_date(last)} enregistrés dans :\n« {path} »"
            )

        # Thousands of events take seconds: in the window, the file is written by a
        # worker behind a progress dialog (Fichier's long commands).
        run_work = getattr(self.window(), "run_work", None)
        if run_work is not None:
            run_work("Export de l'agenda", job, done)
            return
        try:
            export = job(None, None)
        except UserError as error:
            QMessageBox.warning(self, "Export de l'agenda", str(error))
            return
        QMessageBox.information(self, "Export de l'agenda", done(export))

    def save_week_pdf(self) -> None:
        """« Imprimer la semaine › Enregistrer en PDF… »: one page per referent shown."""
        from .printing import week_pdf

        monday = week_days(self.anchor)[0]
        suggested = f"agenda-semaine-{monday:%Y-%m-%d}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, "Enregistrer la semaine en PDF", suggested, "Document PDF (*.pdf)"
        )
        if not path:
            return
        try:
            write_file(path, week_pdf(self.desk, self.shown_ids, monday))
        except UserError as error:
            QMessageBox.warning(self, "Impression de la semaine", str(error))
            return
        self.tell(f"Semaine enregistrée dans « {path} ».")

    def print_week(self) -> None:
        """« Imprimer la semaine › Imprimer… »: the printer's dialog, then the same pages."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from .printing import DPI, print_weeks

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimer la semaine")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        painter = QPainter(printer)
        try:
            scale = printer.resolution() / DPI
            painter.scale(scale, scale)
            page = printer.pageLayout().paintRectPixels(DPI)
            page.moveTo(0, 0)
            print_weeks(
                painter, QRectF(page), printer.newPage, self.desk, self.shown_ids, self.anchor
            )
        finally:
            painter.end()


def remembered_names(saved: object) -> list[str]:
    """The referents' names kept in the window settings (a JSON list; anything else:
    none)."""
    try:
        names = json.loads(str(saved or ""))
    except ValueError:
        return []
    if not isinstance(names, list):
        return []
    return [name for name in names if isinstance(name, str)]


def _slug(text: str) -> str:
    table = str.maketrans("éèêëàâäîïôöûüç ", "eeeeaaaiioouuc-")
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c == "-")


__all__ = ["AgendaPage", "period_title"]
