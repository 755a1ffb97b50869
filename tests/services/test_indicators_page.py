"""The Indicateurs page's figures against ``movdesk export monthly`` on demo data: the
table, the cases behind every count, the referent filter, and the files it writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select

from movdesk.cli import main
from movdesk.errors import UserError
from movdesk.models import Case, Referent
from movdesk.reports.csv_export import EXCEL, MACHINE, CsvDialect, write_csv
from movdesk.rules.indicators import COUNT_COLUMNS, CUMUL, INDICATOR_COLUMNS
from movdesk.services.case_lines import case_lines
from movdesk.services.context import Desk
from movdesk.services.indicators import (
    IndicatorData,
    export_monthly,
    export_summary_pdf,
    load_indicator_data,
    previous_month,
    shift_month,
)
from movdesk.store.engine import make_session_factory
from tests.reports.pdf_checks import assert_fonts_embedded
from tests.services.demo_office import DEMO_TODAY, demo_engine, demo_path  # noqa: F401

MONTHS = ("2026-02", "2026-06", "2026-10")


@pytest.fixture(scope="module")
def desk(demo_engine: Engine) -> Desk:  # noqa: F811
    return Desk(make_session_factory(demo_engine), user="test", clock=lambda: DEMO_TODAY)


@pytest.fixture(scope="module")
def data(desk: Desk) -> IndicatorData:
    return load_indicator_data(desk)


def cli_bytes(db: Path, tmp_path: Path, month: str, dialect: str, *extra: str) -> bytes:
    out = tmp_path / f"cli-{month}-{dialect}-{len(extra)}.csv"
    args = ["--db", str(db), "export", "monthly", "--month", month, "--dialect", dialect]
    assert main([*args, *extra, "--out", str(out)]) == 0
    return out.read_bytes()


@pytest.mark.parametrize("month", MONTHS)
@pytest.mark.parametrize("dialect", [EXCEL, MACHINE], ids=["excel", "machine"])
def test_every_figure_equals_the_upload_file(
    data: IndicatorData, demo_path: Path, tmp_path: Path, month: str, dialect: CsvDialect  # noqa: F811
) -> None:
    report = data.report(month)
    shown = write_csv(INDICATOR_COLUMNS, (row.values() for row in report.rows), dialect)
    assert shown == cli_bytes(demo_path, tmp_path, month, dialect.name)
    assert report.cumul.cohorte == CUMUL and report.cumul.entres > 0


@pytest.mark.parametrize("month", MONTHS)
def test_each_count_drills_down_to_exactly_its_cases(
    data: IndicatorData, desk: Desk, month: str
) -> None:
    report = data.report(month)
    starts = dict(desk.read(lambda s: s.execute(select(Case.id, Case.start_date)).all()))
    for row in report.rows:
        for column in COUNT_COLUMNS:
            ids = data.members(month, row.cohorte, column)
            assert len(ids) == len(set(ids)) == getattr(row, column), (row.cohorte, column)
            if row.cohorte != CUMUL:
                assert {f"{starts[i]:%Y-%m}" for i in ids} <= {row.cohorte}


def test_the_referents_figures_add_up_to_the_office(data: IndicatorData, desk: Desk) -> None:
    referents = desk.read(lambda s: list(s.scalars(select(Referent.id))))
    assert len(referents) > 1
    for month in MONTHS:
        office = data.report(month)
        parts = [data.report(month, referent) for referent in referents]
        for index, row in enumerate(office.rows):
            for column in COUNT_COLUMNS:
                total = sum(getattr(part.rows[index], column) for part in parts)
                assert total == getattr(row, column), (month, row.cohorte, column)
        one = referents[0]
        ids = data.members(month, CUMUL, "entres", one)
        query = select(Case.referent_id).where(Case.id.in_(ids))
        owners = desk.read(lambda s, query=query: set(s.scalars(query)))
        assert owners <= {one} and len(ids) == data.report(month, one).cumul.entres


def test_the_series_ends_with_the_month_and_holds_its_cumul(data: IndicatorData) -> None:
    report = data.report("2026-10")
    assert [row.cohorte for row in report.series] == [
        shift_month("2026-10", n) for n in range(-11, 1)
    ]
    assert report.series[-1].values()[1:] == report.cumul.values()[1:]
    for row in report.series[:-1]:
        assert row.values()[1:] == data.report(row.cohorte).cumul.values()[1:]
    assert len(report.chart_cohorts) <= 12


def test_months_offered_and_default(data: IndicatorData) -> None:
    months = data.months()
    assert months[0] == "2026-11" and months == sorted(months, reverse=True)
    assert previous_month(DEMO_TODAY) == "2026-10" in months
    assert shift_month("2026-01", -1) == "2025-12" and shift_month("2026-12", 1) == "2027-01"


@pytest.mark.parametrize("bad", ["2026-13", "mars", "", "2026-3"])
def test_a_bad_month_is_refused_in_french(data: IndicatorData, bad: str) -> None:
    with pytest.raises(UserError, match="n'est pas un mois valide"):
        data.report(bad)


@pytest.mark.parametrize("dialect", [EXCEL, MACHINE], ids=["excel", "machine"])
@pytest.mark.parametrize("detail", [False, True], ids=["table", "detail"])
def test_the_page_writes_the_command_lines_files_byte_for_byte(
    desk: Desk, demo_path: Path, tmp_path: Path, dialect: CsvDialect, detail: bool  # noqa: F811
) -> None:
    out = tmp_path / "page.csv"
    steps: list[tuple[int, int]] = []
    export_monthly(desk, str(out), "2026-10", dialect, lambda d, t: steps.append((d, t)),
                   detail=detail)  # fmt: skip
    extra = ("--detail",) if detail else ()
    assert out.read_bytes() == cli_bytes(demo_path, tmp_path, "2026-10", dialect.name, *extra)
    assert steps[0] == (0, 3) and steps[-1] == (3, 3)


def test_the_summary_pdf_is_one_page_with_the_table(desk: Desk, tmp_path: Path) -> None:
    out = tmp_path / "synthese.pdf"
    export_summary_pdf(desk, str(out), "2026-10")
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Indicateurs de la prestation MOV — octobre 2026" in text
    assert "31/10/2026" in text and "Cumul" in text
    cumul = load_indicator_data(desk).report("2026-10").cumul
    assert f"{cumul.entres:,}".replace(",", "\u00a0") in text.replace(" ", "\u00a0")
    assert "Taux du cumul" in text and "Maintien dans l'emploi" in text
    assert_fonts_embedded(out.read_bytes())


def test_an_unwritable_target_is_a_french_error(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Impossible d'écrire"):
        export_monthly(desk, str(tmp_path / "absent" / "x.csv"), "2026-10", EXCEL)


def test_the_cases_behind_a_figure_are_named(data: IndicatorData, desk: Desk) -> None:
    ids = data.members("2026-10", CUMUL, "sorties_positives")
    lines = case_lines(desk, ids)
    assert sorted(lines) == sorted(ids)
    line = lines[ids[0]]
    assert line.order_number.startswith("LC-") and line.beneficiary.split()[0].isupper()
    assert line.exit_date is not None and line.exit_reason is not None
    assert case_lines(desk, []) == {}
