"""The « Conformité » tab: per referent and month, what an audit by France Travail checks.

One line per referent and one for the whole office; the columns are the audited facts
of :mod:`movdesk.rules.compliance` (weekly interviews due, held and missed, 14-day
breaks, documents owed to France Travail, late or not sent, company periods missing at
S + 4 months) and the share of due weeks that held their interview. A double click on a
count lists its events with their cases; the table and the events export as CSV.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ...rules.compliance import ComplianceKind
from ...rules.indicators import month_of
from ...services.case_lines import case_lines
from ...services.compliance import (
    KINDS,
    ComplianceReport,
    ComplianceRow,
    export_compliance,
    read_compliance,
)
from ...services.context import Desk
from ...services.indicators import previous_month, shift_month
from ..formatting import format_count, plural
from ..reporting import CaseListDialog, DrillRow, MonthCombo, ask_save_path, month_title
from ..reporting.view import ReportView, read_only_table

#: ``(referent id or None, kind)`` of a count cell.
EVENTS_ROLE = Qt.ItemDataRole.UserRole + 1
#: Tooltips of the columns: what each count holds.
KIND_TIPS = {
    ComplianceKind.WEEK_DUE: "Semaines (du lundi) dues et terminées : contrat signé avant, "
    "pas entièrement suspendues ni en entreprise.",
    ComplianceKind.WEEK_HELD: "Semaines dues avec un entretien individuel tenu de 30 minutes "
    "au moins.",
    ComplianceKind.WEEK_MISSED: "Semaines dues sans entretien individuel tenu de 30 minutes.",
    ComplianceKind.RULE_14_DAYS: "Plus de 14 jours sans entretien tenu (hors suspensions et "
    "périodes en entreprise), datés du jour où la limite a été dépassée.",
    ComplianceKind.DISPATCH_DUE: "Copie du contrat, avis de non-signature, bilans et avis "
    "d'interruption dont l'échéance est passée dans le mois.",
    ComplianceKind.DISPATCH_LATE: "Envoyés à France Travail après leur échéance.",
    ComplianceKind.DISPATCH_MISSING: "Pas encore envoyés alors que l'échéance est passée.",
    ComplianceKind.COMPANY_PERIOD_MISSING: "Dossiers en cours à S + 4 mois sans période en "
    "entreprise de 7 jours ou plus commencée à cette date.",
}
_BAD = {ComplianceKind.WEEK_MISSED, ComplianceKind.RULE_14_DAYS, ComplianceKind.DISPATCH_LATE,
        ComplianceKind.DISPATCH_MISSING, ComplianceKind.COMPANY_PERIOD_MISSING}  # fmt: skip
RATE_TITLE = "Semaines\ntenues (%)"
#: The column headers, short enough for one screen.
KIND_HEADERS = {
    ComplianceKind.WEEK_DUE: "Semaines\ndues",
    ComplianceKind.WEEK_HELD: "Semaines\ntenues",
    ComplianceKind.WEEK_MISSED: "Semaines\nmanquées",
    ComplianceKind.RULE_14_DAYS: "Ruptures\ndes 14 jours",
    ComplianceKind.DISPATCH_DUE: "Envois\ndus",
    ComplianceKind.DISPATCH_LATE: "Envois\nen retard",
    ComplianceKind.DISPATCH_MISSING: "Envois\nnon faits",
    ComplianceKind.COMPANY_PERIOD_MISSING: "Sans période\nà S + 4 mois",
}
AnyIndex = QModelIndex | QPersistentModelIndex


class ComplianceModel(QAbstractTableModel):
    """One line per referent then the office; one column per audited fact, then the rate."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ComplianceRow] = []

    def set_rows(self, rows: list[ComplianceRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> ComplianceRow:
        return self._rows[number]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(KINDS) + 2

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Référent"
            if section <= len(KINDS):
                return KIND_HEADERS[KINDS[section - 1]]
            return RATE_TITLE
        if role == Qt.ItemDataRole.ToolTipRole and 0 < section <= len(KINDS):
            kind = KINDS[section - 1]
            return f"{kind.label} : {KIND_TIPS[kind]}"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        kind = KINDS[column - 1] if 0 < column <= len(KINDS) else None
        office = row.referent_id is None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.referent
            if kind is not None:
                return format_count(row.count(kind))
            rate = row.weekly_rate
            return "" if rate is None else f"{rate:.1f}".replace(".", ",") + "\u202f%"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and office:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and office:
            return QBrush(QColor("#eef2f7"))
        if role == Qt.ItemDataRole.ForegroundRole and kind in _BAD and row.count(kind):
            return QBrush(QColor("#b3261e"))
        if role == EVENTS_ROLE and kind is not None:
            return (row.referent_id, kind.value)
        if role == Qt.ItemDataRole.ToolTipRole and kind is not None:
            return "Double-cliquez (ou Entrée) pour voir les dossiers concernés"
        return None


class ComplianceView(ReportView):
    """The month's audit figures per referent, their cases, and the CSV files."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "complianceView", parent)
        self.report: ComplianceReport | None = None
        layout = self.layout_
        bar = QHBoxLayout()
        self.month = MonthCombo(self)
        self.month.month_chosen.connect(lambda _m: self.refresh())
        self.export_button = QPushButton("&Exporter le tableau…", self)
        self.export_button.setObjectName("exportCompliance")
        self.export_button.clicked.connect(self.export_table)
        self.detail_button = QPushButton("Exporter les &constats…", self)
        self.detail_button.setObjectName("exportComplianceDetail")
        self.detail_button.setToolTip("Une ligne par constat : dossier, date, ce qui manque")
        self.detail_button.clicked.connect(self.export_events)
        for text, widget in (("&Mois :", self.month), ("Format CSV :", self.dialect)):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        bar.addWidget(self.detail_button)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        self.model = ComplianceModel(self)
        self.table = read_only_table(self, "complianceTable", self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.stretch_columns(self.table)
        self.table.activated.connect(self.show_cases)
        layout.addWidget(self.table, 1)
        note = QLabel(
            "Chaque constat compte pour le référent qui suivait le dossier ce jour-là. Les "
            "semaines comptent une fois terminées, les envois une fois leur échéance passée.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #4d4d4d;")
        layout.addWidget(note)
        self.loader.loaded.connect(self._show)

    def _months(self) -> list[str]:
        current = month_of(self.desk.today())
        months = [current]
        for _ in range(35):
            months.append(shift_month(months[-1], -1))
        return months

    def refresh(self) -> None:
        """Count the month shown again (in the worker)."""
        if self.month.count() == 0:
            self.month.set_months(self._months(), previous_month(self.desk.today()))
        month = self.month.month() or previous_month(self.desk.today())
        desk = self.desk
        self.status.setText(f"Calcul de {month_title(month).lower()} en cours…")
        self.loader.load(lambda: read_compliance(desk, month))

    def _show(self, report: ComplianceReport) -> None:
        self.report = report
        self.model.set_rows(list(report.rows))
        office = report.rows[-1]
        missed = office.count(ComplianceKind.WEEK_MISSED)
        breaks = office.count(ComplianceKind.RULE_14_DAYS)
        late = office.count(ComplianceKind.DISPATCH_LATE) + office.count(
            ComplianceKind.DISPATCH_MISSING
        )
        self.status.setText(
            f"<b>{month_title(report.month)}</b> — tout le bureau : "
            f"{plural(missed, 'semaine')} sans entretien, {plural(breaks, 'rupture')} des 14 "
            f"jours, {plural(late, 'envoi')} en retard ou non fait"
            f"{'s' if late > 1 else ''}. Double-cliquez sur un nombre pour voir les dossiers."
        )
        self.report_shown.emit(report)

    def show_cases(self, index: QModelIndex) -> CaseListDialog | None:
        """List the events one count counts, with their cases."""
        figure = index.data(EVENTS_ROLE)
        if self.report is None or figure is None:
            return None
        referent_id, code = figure
        kind = ComplianceKind(code)
        events = self.report.events_of(referent_id, kind)
        lines = case_lines(self.desk, (e.case_id for e in events))
        rows = [DrillRow(lines[e.case_id], e.event.day, e.event.detail)
                for e in events if e.case_id in lines]  # fmt: skip
        who = self.model.row(index.row()).referent
        title = f"{kind.label} — {who} — {month_title(self.report.month)}"
        return self.open_drilldown(title, KIND_TIPS[kind], rows, events=True)

    def _export(self, *, detail: bool) -> None:
        month = self.month.month() or previous_month(self.desk.today())
        dialect = self.chosen_dialect()
        name = f"conformite-{'constats-' if detail else ''}{month}.csv"
        path = ask_save_path(self, "Exporter la conformité", name, "Fichiers CSV (*.csv)")
        if path is None:
            return
        desk = self.desk
        what = "Constats" if detail else "Tableau de conformité"
        self.run_export(
            f"Export de la conformité de {month_title(month).lower()}",
            lambda progress, _cancel: export_compliance(desk, path, month, dialect,
                                                        detail=detail, progress=progress),
            lambda _none: f"{what} de {month_title(month).lower()} enregistré dans :\n« {path} »",
        )  # fmt: skip

    def export_table(self) -> None:
        self._export(detail=False)

    def export_events(self) -> None:
        self._export(detail=True)
