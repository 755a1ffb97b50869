"""The File menu's work without Qt: import, JSON export, monthly CSV, French errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from movdesk.errors import UserError
from movdesk.models import AuditEntry, Case
from movdesk.services import exports
from movdesk.services.context import Desk
from movdesk.services.events import Change
from tests.exchange.samples import document, make_case


def test_import_then_export_round_trip(
    desk: Desk, changes: list[Change], session: Session, tmp_path: Path
) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document([make_case()])), encoding="utf-8")
    summary = exports.import_file(desk, str(source))
    assert summary.cases == 1
    assert changes[-1].touches("case")  # open views refresh after an import
    assert session.scalar(select(func.count()).select_from(Case)) == 1
    assert session.scalars(select(AuditEntry.user)).all() == ["claire"]
    out = tmp_path / "out.json"
    assert exports.export_cases_file(desk, str(out)) == 1
    assert json.loads(out.read_text(encoding="utf-8")) == document([make_case()])


def test_monthly_file_is_the_excel_csv(desk: Desk, tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document([make_case()])), encoding="utf-8")
    exports.import_file(desk, str(source))
    out = tmp_path / "indicateurs.csv"
    exports.export_monthly_file(desk, str(out), "2026-02")
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcohorte;recus;")
    assert data.count(b"\r\n") == 4  # header, 2026-01, 2026-02, cumul


@pytest.mark.parametrize("month", ["2026-13", "2026-2", "février"])
def test_bad_month_is_named(desk: Desk, tmp_path: Path, month: str) -> None:
    with pytest.raises(UserError, match="n'est pas un mois valide"):
        exports.export_monthly_file(desk, str(tmp_path / "x.csv"), month)


def test_unwritable_path_is_a_french_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Impossible d'écrire"):
        exports.write_file(str(tmp_path / "absent" / "x.csv"), b"x")


def test_an_import_ends_what_can_be_undone(
    desk: Desk, case_id: int, tmp_path: Path
) -> None:
    from movdesk.services.undo import undo_label

    assert undo_label(desk) is not None  # registering the order can be undone
    source = tmp_path / "in.json"
    source.write_text(json.dumps(document([make_case()])), encoding="utf-8")
    exports.import_file(desk, str(source))
    assert undo_label(desk) is None
