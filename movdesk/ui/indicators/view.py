"""The « Indicateurs mensuels » tab: a month's table by cohort with its cumul, the charts,
the cases behind each count, and the month's files.

The cases are read in a worker when the page is shown (:class:`~..reporting.Loader`);
changing the month or the referent counts again from what was read. A double click (or
Entrée) on a count lists the cases it counts; each opens its case file.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...reports.indicator_text import COLUMN_MEANINGS, COLUMN_TITLES
from ...rules.indicators import CUMUL, month_bounds
from ...services.case_lines import case_lines
from ...services.context import Desk
from ...services.indicators import (
    IndicatorData,
    IndicatorReport,
    export_monthly,
    export_summary_pdf,
    load_indicator_data,
    previous_month,
)
from ...services.lookups import referent_choices
from ..casefile.text import short_date
from ..formatting import plural
from ..reporting import CaseListDialog, DrillRow, MonthCombo, ask_save_path, month_title
from ..reporting.view import ReportView, read_only_table
from .charts import CohortsChart, RatesChart
from .model import FIGURE_ROLE, IndicatorTableModel

WHOLE_OFFICE = "Tout le bureau"
FILTER_NOTE = (
    "Filtre « {name} » : chiffres pour le suivi interne du bureau. Le fichier mensuel "
    "transmis à France Travail, le détail par dossier et la synthèse PDF portent toujours "
    "sur tout le bureau."
)
NOTE_STYLE = (
    "QLabel#filterNote { background: #fff3c4; color: #5a4500; padding: 6px; "
    "border: 1px solid #e0c96b; }"
)


class IndicatorsView(ReportView):
    """The month's indicators: table, charts, drill-down and files."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "indicatorsView", parent)
        self.data: IndicatorData | None = None
        self.report: IndicatorReport | None = None
        layout = self.layout_
        layout.addLayout(self._build_bar())
        self.filter_note = QLabel(self)
        self.filter_note.setObjectName("filterNote")
        self.filter_note.setWordWrap(True)
        self.filter_note.setStyleSheet(NOTE_STYLE)
        self.filter_note.hide()
        layout.addWidget(self.filter_note)
        self.status.setText("Lecture des dossiers…")
        layout.addWidget(self.status)

        self.model = IndicatorTableModel(self)
        self.table = read_only_table(self, "indicatorTable", self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.stretch_columns(self.table)
        self.table.activated.connect(self.show_cases)
        self.rates = RatesChart(self)
        self.cohorts = CohortsChart(self)
        charts = QSplitter(Qt.Orientation.Horizontal, self)
        charts.addWidget(self.rates)
        charts.addWidget(self.cohorts)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("indicatorSplit")
        split.addWidget(self.table)
        split.addWidget(charts)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)
        self.loader.loaded.connect(self._show)

    def _build_bar(self) -> QVBoxLayout:
        bar = QHBoxLayout()
        self.month = MonthCombo(self)
        self.month.month_chosen.connect(lambda _month: self.recount())
        self.referent = QComboBox(self)
        self.referent.setObjectName("referentFilter")
        self.referent.addItem(WHOLE_OFFICE, None)
        self.referent.currentIndexChanged.connect(lambda _index: self.recount())
        self.referent.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.referent.setMinimumContentsLength(16)
        self.export_button = QPushButton("&Exporter le fichier mensuel…", self)
        self.export_button.setObjectName("exportMonthly")
        self.export_button.setToolTip("Le fichier des indicateurs du mois pour France Travail "
                                      "(tout le bureau)")  # fmt: skip
        self.export_button.clicked.connect(lambda: self.export_monthly())
        self.detail_button = QPushButton("&Détail par dossier…", self)
        self.detail_button.setObjectName("exportDetail")
        self.detail_button.setToolTip("Une ligne par dossier actif pendant le mois (CSV)")
        self.detail_button.clicked.connect(self.export_detail)
        self.pdf_button = QPushButton("&Synthèse PDF…", self)
        self.pdf_button.setObjectName("exportSummary")
        self.pdf_button.setToolTip("Une page : le tableau et les graphiques du mois, pour les "
                                   "dossiers du bureau")  # fmt: skip
        self.pdf_button.clicked.connect(self.export_summary)
        for label, widget in (("&Mois :", self.month), ("&Référent :", self.referent),
                              ("Format CSV :", self.dialect)):  # fmt: skip
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        files = QHBoxLayout()
        for button in (self.export_button, self.detail_button, self.pdf_button):
            files.addWidget(button)
        files.addStretch(1)
        both = QVBoxLayout()
        both.addLayout(bar)
        both.addLayout(files)
        return both

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the cases again (in the worker), then count the month shown."""
        self._fill_referents()
        month, referent = self._choice()
        desk = self.desk
        self.status.setText("Lecture des dossiers…")

        def read() -> tuple[IndicatorData, IndicatorReport]:
            data = load_indicator_data(desk)
            wanted = month if month in data.months() else previous_month(data.today)
            return data, data.report(wanted, referent)

        self.loader.load(read)

    def recount(self) -> None:
        """Count again from what was read (a month or a referent was picked)."""
        if self.data is None:
            return
        month, referent = self._choice()
        if month is None:
            return
        data = self.data
        self.loader.load(lambda: (data, data.report(month, referent)))

    def _choice(self) -> tuple[str | None, int | None]:
        referent = self.referent.currentData()
        return self.month.month(), referent if isinstance(referent, int) else None

    def _fill_referents(self) -> None:
        current = self.referent.currentData()
        self.referent.blockSignals(True)
        try:
            self.referent.clear()
            self.referent.addItem(WHOLE_OFFICE, None)
            for choice in referent_choices(self.desk, active_only=False):
                self.referent.addItem(choice.label, choice.id)
            index = self.referent.findData(current)
            self.referent.setCurrentIndex(max(index, 0))
        finally:
            self.referent.blockSignals(False)

    def _show(self, result: tuple[IndicatorData, IndicatorReport]) -> None:
        data, report = result
        self.data, self.report = data, report
        self.month.set_months(data.months(), report.month)
        self.model.set_rows(report.rows)
        self.rates.show_series(report.series)
        self.cohorts.show_cohorts(report.chart_cohorts)
        _first, last = month_bounds(report.month)
        cumul = report.cumul
        self.status.setText(
            f"<b>{month_title(report.month)}</b> — comptes arrêtés au {short_date(last)}, "
            f"cohorte = mois du début S. Cumul : {plural(cumul.entres, 'entré')}, "
            f"{plural(cumul.en_cours, 'en cours', 'en cours')}, "
            f"{plural(cumul.sortis, 'sorti')}. Double-cliquez sur un nombre pour voir les "
            "dossiers comptés."
        )
        if report.referent_id is None:
            self.filter_note.hide()
        else:
            self.filter_note.setText(FILTER_NOTE.format(name=self.referent.currentText()))
            self.filter_note.show()
        self.report_shown.emit(report)

    # -- the cases behind a figure ---------------------------------------------------------

    def show_cases(self, index: QModelIndex) -> CaseListDialog | None:
        """List the cases the count at ``index`` counts (nothing for a rate or a name)."""
        figure = index.data(FIGURE_ROLE)
        if self.data is None or self.report is None or figure is None:
            return None
        cohort, column = figure
        report = self.report
        ids = self.data.members(report.month, cohort, column, report.referent_id)
        lines = case_lines(self.desk, ids)
        rows = sorted((DrillRow(lines[i]) for i in ids if i in lines),
                      key=lambda r: (r.line.start_date, r.line.order_number))  # fmt: skip
        where = "toutes cohortes" if cohort == CUMUL else f"cohorte {cohort}"
        who = self.referent.currentText() if report.referent_id is not None else WHOLE_OFFICE
        title = f"{COLUMN_TITLES[column]} — {where} — {month_title(report.month)}"
        explanation = f"{COLUMN_MEANINGS[column]} Comptes au dernier jour du mois ; {who}."
        return self.open_drilldown(title, explanation, rows)

    # -- files -----------------------------------------------------------------------------

    def _month_for_files(self) -> str:
        return self.month.month() or previous_month(self.desk.today())

    def export_monthly(self, *, detail: bool = False) -> None:
        """The upload file (or the per-case detail) of the month, whole office."""
        month = self._month_for_files()
        dialect = self.chosen_dialect()
        name = f"{'detail-dossiers' if detail else 'indicateurs-mov'}-{month}.csv"
        title = "Détail par dossier" if detail else "Fichier mensuel des indicateurs"
        path = ask_save_path(self, title, name, "Fichiers CSV (*.csv)")
        if path is None:
            return
        desk = self.desk
        self.run_export(
            f"Export : {title.lower()} de {month_title(month).lower()}",
            lambda progress, _cancel: export_monthly(desk, path, month, dialect, progress,
                                                     detail=detail),
            lambda _none: f"{title} de {month_title(month).lower()} (tout le bureau, format "
                          f"{dialect.name}) enregistré dans :\n« {path} »",
        )  # fmt: skip

    def export_detail(self) -> None:
        self.export_monthly(detail=True)

    def export_summary(self) -> None:
        """The one-page PDF summary of the month, for the office's files."""
        month = self._month_for_files()
        path = ask_save_path(self, "Synthèse du mois", f"synthese-indicateurs-{month}.pdf",
                             "Documents PDF (*.pdf)")  # fmt: skip
        if path is None:
            return
        desk = self.desk
        self.run_export(
            f"Synthèse de {month_title(month).lower()}",
            lambda progress, _cancel: export_summary_pdf(desk, path, month, progress),
            lambda _none: f"Synthèse de {month_title(month).lower()} enregistrée dans :\n"
                          f"« {path} »",
        )  # fmt: skip
