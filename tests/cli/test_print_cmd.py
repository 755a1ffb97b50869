"""``movdesk print`` as EXCHANGE.md says: kinds, periods, the month, errors, no file left."""

from __future__ import annotations

import os
import re
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.cli import EXIT_USAGE, EXIT_USER_ERROR, main
from movdesk.config import DatabaseLocation
from movdesk.models import (
    CaseDocument,
    Civility,
    ContractingResult,
    DocumentKind,
    InterviewKind,
    InterviewStatus,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order

from ..reports.pdf_checks import all_text, assert_fonts_embedded, flat

TODAY = "2026-03-02"
ORDER = "LC-2026-000123"


def _interview(desk: Desk, case_id: int, on: date, status: InterviewStatus) -> None:
    rows.schedule_interview(
        desk,
        case_id,
        on=on,
        kind=InterviewKind.INDIVIDUAL,
        at=time(9, 30),
        status=status,
        accept_warnings=True,
    )


@pytest.fixture
def filled(session_factory: sessionmaker[Session], db_location: DatabaseLocation) -> Path:
    desk = Desk(session_factory, user="claire", clock=lambda: date(2026, 3, 2))
    claire = add_referent(desk, "Claire Martin")
    paul = add_referent(desk, "Paul Roux")
    for order, referent, name, pe_id in (
        (ORDER, claire, "Durand", "1234567A"),
        ("LC-2026-000200", paul, "Petit", "7654321B"),
    ):
        case_id = register_order(
            desk,
            order_number=order,
            referent_id=referent,
            start_date=date(2026, 1, 5),
            beneficiary=BeneficiaryInput(
                last_name=name, first_name="Léa", pe_id=pe_id, civility=Civility.MME
            ),
        )
        ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
        _interview(desk, case_id, date(2026, 1, 14), InterviewStatus.ATTENDED)
        _interview(desk, case_id, date(2026, 1, 21), InterviewStatus.ABSENT)
        _interview(desk, case_id, date(2026, 2, 4), InterviewStatus.ATTENDED)
    _interview(desk, case_id, date(2026, 3, 9), InterviewStatus.PLANNED)
    assert db_location.path is not None
    return db_location.path


def _print(db: Path, *argv: str) -> int:
    return main(["--db", str(db), "print", *argv, "--today", TODAY])


def _rows(text: str) -> list[str]:
    return re.findall(r"^(\d\d/\d\d/\d{4})\n\d\d\s?h\s?\d\d\n", text, re.M)


def test_attendance_of_a_case_for_a_period(filled: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "feuille.pdf"
    assert _print(filled, "attendance", ORDER, "--from", "2026-02-01", "--out", str(out)) == 0
    assert capsys.readouterr().out.strip() == str(out)
    data = out.read_bytes()
    text = all_text(data)
    assert _rows(text) == ["04/02/2026"]
    assert ORDER in text and "DURAND" in text
    assert_fonts_embedded(data)


def test_the_whole_case_by_default_absent_interviews_left_out(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.pdf"
    assert _print(filled, "attendance", ORDER, "--out", str(out)) == 0
    assert _rows(all_text(out.read_bytes())) == ["14/01/2026", "04/02/2026"]


@pytest.mark.parametrize("kind", ["contract", "intermediate", "final"])
def test_each_case_document(filled: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.pdf"
    assert _print(filled, kind, ORDER, "--out", str(out)) == 0
    data = out.read_bytes()
    text = all_text(data)
    assert ORDER in text and "DURAND" in text
    assert_fonts_embedded(data)
    if kind != "contract":
        assert "14/01/2026" in _rows(text)


def test_printed_documents_are_recorded(
    filled: Path, tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    out = tmp_path / "bilan.pdf"
    assert _print(filled, "intermediate", ORDER, "--to", "2026-03-01", "--out", str(out)) == 0
    with session_factory() as session:
        kinds = session.scalars(select(CaseDocument.kind).order_by(CaseDocument.id)).all()
        period = session.execute(select(CaseDocument.period_start, CaseDocument.period_end)).first()
    assert [DocumentKind(k) for k in kinds] == [
        DocumentKind.INTERMEDIATE_REPORT,
        DocumentKind.INTERMEDIATE_ATTENDANCE,
    ]
    assert tuple(period) == (date(2026, 1, 5), date(2026, 3, 1))


def test_convocation_next_or_on_a_date(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    assert _print(filled, "convocation", "LC-2026-000200", "--out", str(out)) == 0
    assert "lundi 9 mars 2026" in flat(all_text(out.read_bytes()))
    assert (
        _print(filled, "convocation", "LC-2026-000200", "--date", "2026-03-09", "--out", str(out))
        == 0
    )


def test_default_file_name_in_the_current_folder(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _print(filled, "contract", ORDER) == 0
    assert capsys.readouterr().out.strip() == f"contrat-{ORDER}.pdf"
    assert (tmp_path / f"contrat-{ORDER}.pdf").read_bytes().startswith(b"%PDF")


def test_the_month_batch(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "mois.pdf"
    assert _print(filled, "attendance", "--month", "2026-02", "--out", str(out)) == 0
    text = all_text(out.read_bytes())
    assert set(re.findall(r"LC-2026-000\d{3}", text)) == {ORDER, "LC-2026-000200"}
    assert _rows(text) == ["04/02/2026", "04/02/2026"]
    assert (
        _print(
            filled, "attendance", "--month", "2026-02", "--referent", "Paul Roux", "--out", str(out)
        )
        == 0
    )
    assert set(re.findall(r"LC-2026-000\d{3}", all_text(out.read_bytes()))) == {"LC-2026-000200"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["attendance", "LC-0000"], "Aucun dossier ne porte le n° de commande « LC-0000 »"),
        (["convocation", ORDER], "aucun entretien n'est prévu"),
        (["convocation", ORDER, "--date", "2026-03-03"], "aucun entretien prévu le 03/03/2026"),
        (["attendance", ORDER, "--from", "2026-03-01", "--to", "2026-02-01"], "avant son début"),
        (["attendance", "--month", "2025-06"], "aucune feuille à imprimer"),
        (["attendance", "--month", "2026-02", "--referent", "Inconnu"], "Référent inconnu"),
        (["attendance", ORDER, "--blank-rows", "99"], "Lignes vierges"),
        (["attendance", "--month", "2026-02", "--blank-rows", "1000"], "Lignes vierges"),
        (["attendance", "--month", "2026-02", "--blank-rows", "-1"], "Lignes vierges"),
        (["intermediate", ORDER, "--to", "2026-07-05"], "après la fin de la prestation"),
    ],
)
def test_user_errors_exit_1_in_french_and_leave_no_file(
    filled: Path, tmp_path: Path, capsys, argv: list[str], message: str
) -> None:
    folder = tmp_path / "sortie"
    folder.mkdir()
    assert _print(filled, *argv, "--out", str(folder / "x.pdf")) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert os.listdir(folder) == []


def test_an_unwritable_out_exits_1_and_leaves_nothing(filled: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "absent" / "x.pdf"
    assert _print(filled, "contract", ORDER, "--out", str(out)) == EXIT_USER_ERROR
    # Refused before the document is made: the folder of --out does not exist.
    assert "n'existe pas" in capsys.readouterr().err
    assert not out.parent.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["contract"],
        ["contract", "--month", "2026-02", "--out", "x.pdf"],
        ["attendance", "--month", "2026-02"],
        ["attendance", ORDER, "--month", "2026-02", "--out", "x.pdf"],
        ["contract", ORDER, "--date", "2026-03-09"],
        ["final", ORDER, "--from", "2026-01-01"],
        ["contract", ORDER, "--referent", "Claire Martin"],
        ["attendance", ORDER, "--from", "2026-02-30"],
    ],
)
def test_bad_usage_exits_2(filled: Path, capsys, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        _print(filled, *argv)
    assert stop.value.code == EXIT_USAGE
    assert "utilisation incorrecte" in capsys.readouterr().err
