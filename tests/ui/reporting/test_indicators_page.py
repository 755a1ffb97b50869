"""The Indicateurs page on demo data: the table equals ``movdesk export monthly``, each
count lists its cases, the referent filter says it is internal, the charts follow the
month, the files are the command line's, and the Conformité tab drills down too."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from movdesk.cli import main
from movdesk.reports.csv_export import EXCEL
from movdesk.rules.compliance import ComplianceKind
from movdesk.rules.indicators import COUNT_COLUMNS, CUMUL, INDICATOR_COLUMNS
from movdesk.services.compliance import compliance_csv
from movdesk.ui.indicators.model import FIGURE_ROLE
from movdesk.ui.indicators.page import IndicatorsPage
from movdesk.ui.pages.base import PageContext

pytestmark = pytest.mark.gui


def cli_csv(db: Path, tmp_path: Path, month: str, *extra: str) -> bytes:
    out = tmp_path / f"cli-{month}-{'-'.join(extra)}.csv"
    assert main(["--db", str(db), "export", "monthly", "--month", month, *extra,
                 "--out", str(out)]) == 0  # fmt: skip
    return out.read_bytes()


@pytest.fixture
def page(qtbot: QtBot, demo_context: PageContext) -> IndicatorsPage:
    page = IndicatorsPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    with qtbot.waitSignal(page.indicators.report_shown, timeout=30_000):
        page.refresh()
    return page


def shown_cells(page: IndicatorsPage) -> list[list[str]]:
    model = page.indicators.model
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def as_csv_cell(text: str) -> str:
    """A cell of the page written as the Excel CSV writes it."""
    return text.replace("\u202f", "").replace(" %", "").replace("%", "").replace("Cumul", CUMUL)


def test_the_table_is_the_upload_file_of_the_last_month(
    page: IndicatorsPage, demo_path: Path, tmp_path: Path
) -> None:
    view = page.indicators
    assert view.month.month() == "2026-10" and view.month.currentText() == "Octobre 2026"
    rows = list(csv.reader(io.StringIO(cli_csv(demo_path, tmp_path, "2026-10")
                                       .decode("utf-8-sig")), delimiter=";"))  # fmt: skip
    assert rows[0] == list(INDICATOR_COLUMNS)
    assert [[as_csv_cell(c) for c in row] for row in shown_cells(page)] == rows[1:]
    assert "Octobre 2026" in view.status.text() and "31/10/2026" in view.status.text()
    assert view.filter_note.isHidden()


def test_each_count_lists_its_cases_and_opens_them(qtbot: QtBot, page: IndicatorsPage) -> None:
    view = page.indicators
    model = view.model
    last = model.rowCount() - 1
    column = INDICATOR_COLUMNS.index("sorties_positives")
    index = model.index(last, column)
    assert index.data(FIGURE_ROLE) == (CUMUL, "sorties_positives")
    rate = model.index(last, INDICATOR_COLUMNS.index("taux_reprise_emploi"))
    assert rate.data(FIGURE_ROLE) is None
    dialog = view.show_cases(index)
    assert dialog is not None and dialog.isVisible()
    expected = model.row(last).sorties_positives
    assert len(dialog.rows()) == expected > 0
    assert all(row.line.exit_date is not None for row in dialog.rows())
    assert "Sorties positives — toutes cohortes — Octobre 2026" in dialog.windowTitle()
    with qtbot.waitSignal(page.open_case_requested) as opened:
        dialog.view.activated.emit(dialog.model.index(0, 0))
    assert opened.args == [dialog.rows()[0].line.case_id]
    # Every count of one cohort row lists exactly as many cases.
    for name in COUNT_COLUMNS:
        cell = model.index(3, INDICATOR_COLUMNS.index(name))
        listed = view.show_cases(cell)
        assert listed is not None and len(listed.rows()) == getattr(model.row(3), name), name
    view.drilldown.close()


def test_the_referent_filter_is_said_to_be_internal(
    qtbot: QtBot, page: IndicatorsPage, save_to: Callable[[str], Path], told: list,
    demo_path: Path, tmp_path: Path,
) -> None:  # fmt: skip
    view = page.indicators
    office_entered = view.report.cumul.entres
    with qtbot.waitSignal(view.report_shown, timeout=20_000):
        view.referent.setCurrentIndex(1)
    name = view.referent.currentText()
    assert view.filter_note.isVisible()
    assert f"Filtre « {name} »" in view.filter_note.text()
    assert "portent toujours sur tout le bureau" in view.filter_note.text()
    assert 0 < view.report.cumul.entres < office_entered
    # The upload file is still the whole office's.
    target = save_to("mensuel.csv")
    view.export_monthly()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert target.read_bytes() == cli_csv(demo_path, tmp_path, "2026-10")
    assert told[-1][0] == "information" and "tout le bureau" in told[-1][1]


def test_another_month_and_the_machine_dialect(
    qtbot: QtBot, page: IndicatorsPage, save_to: Callable[[str], Path], told: list,
    demo_path: Path, tmp_path: Path,
) -> None:  # fmt: skip
    view = page.indicators
    with qtbot.waitSignal(view.report_shown, timeout=20_000):
        view.month.select("2026-06")
    assert view.report.month == "2026-06"
    assert view.model.row(view.model.rowCount() - 1).values() == view.report.cumul.values()
    assert view.report.series[-1].cohorte == "2026-06"
    points = view.rates.line_points()["Sorties positives"]
    assert points[-1] == (11.0, float(view.report.cumul.taux_sorties_positives))
    bars = view.cohorts.bar_values()
    assert bars["En cours"][-1] == view.report.chart_cohorts[-1].en_cours
    view.dialect.setCurrentIndex(view.dialect.findData("machine"))
    target = save_to("detail.csv")
    view.export_detail()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    expected = cli_csv(demo_path, tmp_path, "2026-06", "--detail", "--dialect", "machine")
    assert target.read_bytes() == expected


def test_the_summary_pdf_from_the_page(
    qtbot: QtBot, page: IndicatorsPage, save_to: Callable[[str], Path], told: list
) -> None:
    target = save_to("synthese.pdf")
    page.indicators.export_summary()
    qtbot.waitUntil(lambda: bool(told), timeout=30_000)
    assert told[-1][0] == "information"
    reader = PdfReader(target)
    assert len(reader.pages) == 1 and "octobre 2026" in reader.pages[0].extract_text()


def test_the_compliance_tab(
    qtbot: QtBot, page: IndicatorsPage, save_to: Callable[[str], Path], told: list
) -> None:
    view = page.compliance
    with qtbot.waitSignal(view.report_shown, timeout=60_000):
        page.tabs.setCurrentWidget(view)
    report = view.report
    assert report.month == "2026-10"
    assert view.model.rowCount() == len(report.rows) and report.rows[-1].referent_id is None
    office = view.model.rowCount() - 1
    index = view.model.index(office, 3)  # weeks without an interview, whole office
    missed = report.rows[-1].count(ComplianceKind.WEEK_MISSED)
    dialog = view.show_cases(index)
    assert dialog is not None and len(dialog.rows()) == missed
    assert all(row.detail and row.day for row in dialog.rows())
    dialog.close()
    target = save_to("conformite.csv")
    view.export_table()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert target.read_bytes() == compliance_csv(report, EXCEL)


def test_the_buttons_start_the_exports(
    qtbot: QtBot, page: IndicatorsPage, save_to: Callable[[str], Path], told: list,
    demo_path: Path, tmp_path: Path,
) -> None:  # fmt: skip
    from PySide6.QtCore import Qt

    view = page.indicators
    target = save_to("par-le-bouton.csv")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert target.read_bytes() == cli_csv(demo_path, tmp_path, "2026-10")
    told.clear()
    detail = save_to("detail-bouton.csv")
    qtbot.mouseClick(view.detail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert detail.read_bytes() == cli_csv(demo_path, tmp_path, "2026-10", "--detail")
