"""``movdesk export monthly`` and ``movdesk payments`` on a small database (ORM rows)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from movdesk.cli import EXIT_USER_ERROR, main
from movdesk.config import DatabaseLocation
from movdesk.models import (
    Beneficiary,
    Case,
    CaseDocument,
    CaseStatus,
    ContractingResult,
    ContractType,
    DocumentKind,
    Exit,
    ExitReason,
    OfficeSettings,
    PaymentTranche,
    Referent,
    Tranche,
)

BOM = b"\xef\xbb\xbf"
S = date(2026, 1, 5)


def _case(n: int, referent: Referent, start: date = S, **fields: object) -> Case:
    person = Beneficiary(last_name=f"Nom{n}", first_name="Alex", pe_id=f"{n:07d}A")
    fields.setdefault("contracting_result", ContractingResult.SIGNED)
    fields.setdefault("contracting_date", start + timedelta(days=2))
    fields.setdefault("status", CaseStatus.ACTIVE)
    return Case(
        order_number=f"LC-2026-{n:06d}", beneficiary=person, referent=referent,
        start_date=start, end_date=start + timedelta(days=179), **fields,
    )  # fmt: skip


@pytest.fixture
def db(db_location: DatabaseLocation, session_factory: sessionmaker[Session]) -> str:
    """Four cases: one with T1 ready, one early CDI exit with T1 paid, one refused, one
    no-show cohort 2025-12 (S + 7 passed)."""
    with session_factory() as s:
        s.add(OfficeSettings(id=1, name="Bureau", price_per_case_cents=185_000))
        ref = Referent(full_name="Claire Martin")
        ready = _case(1, ref, intermediate_sent_date=date(2026, 3, 5))
        ready.documents = [
            CaseDocument(kind=kind, received_on=date(2026, 3, 6))
            for kind in (DocumentKind.ORDER_LETTER, DocumentKind.CONTRACT,
                         DocumentKind.INTERMEDIATE_REPORT, DocumentKind.INTERMEDIATE_ATTENDANCE)
        ]  # fmt: skip
        early = _case(2, ref, intermediate_sent_date=date(2026, 3, 5), status=CaseStatus.FOLLOW_UP)
        early.exit = Exit(
            date=date(2026, 4, 15), reason=ExitReason.EMPLOYMENT,
            employment_contract=ContractType.CDI, employment_full_time=True,
        )  # fmt: skip
        early.tranches = [
            PaymentTranche(tranche=Tranche.T1, invoice_number="F-2026-007",
                           invoice_date=date(2026, 3, 10), paid_date=date(2026, 4, 2))
        ]  # fmt: skip
        refused = _case(3, ref, contracting_result=ContractingResult.REFUSED,
                        status=CaseStatus.REFUSED)  # fmt: skip
        no_show = _case(4, ref, date(2025, 12, 1), contracting_result=None,
                        contracting_date=None, status=CaseStatus.ORDERED)  # fmt: skip
        s.add_all([ready, early, refused, no_show])
        s.commit()
    return str(db_location.path)


def test_monthly_excel_to_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "indicateurs.csv"
    assert main(["--db", db, "export", "monthly", "--month", "2026-04", "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(BOM) and data.count(b"\r\n") == data.count(b"\n") == 7
    rows = list(csv.reader(io.StringIO(data[3:].decode(), newline=""), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
                                        "cumul"]  # fmt: skip
    jan = dict(zip(rows[0], rows[2], strict=True))
    assert (jan["recus"], jan["entres"], jan["refus"], jan["sortis"]) == ("3", "2", "1", "1")
    assert jan["taux_reprise_emploi"] == "50,0" and jan["taux_sorties_positives"] == "100,0"
    assert dict(zip(rows[0], rows[1], strict=True))["non_presentes"] == "1"


def test_monthly_machine_to_stdout(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    argv = ["--db", db, "export", "monthly", "--month", "2026-03", "--dialect", "machine"]
    assert main(argv) == 0
    data = capsysbinary.readouterr().out
    assert not data.startswith(BOM) and b"\r" not in data
    assert data.splitlines()[0].startswith(b"cohorte,recus,non_presentes,entres,")
    assert data.splitlines()[-1].startswith(b"cumul,3,1,2,1,0,0,2,0,0.0,0,,0,,0,0,")


def test_monthly_detail(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["--db", db, "export", "monthly", "--month", "2026-04", "--detail"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(BOM + b"numero_commande;cohorte;date_debut;")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[1].startswith("LC-2026-000001;2026-01;05/01/2026;03/07/2026;07/01/2026;En cours")
    assert lines[2].startswith("LC-2026-000002;2026-01;05/01/2026;03/07/2026;07/01/2026;Suivi")
    assert lines[3] == ""


def test_monthly_without_month_is_a_french_user_error(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", db, "export", "monthly"]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "--month AAAA-MM" in err and "Traceback" not in err


def test_payments_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db, "payments", "--today", "2026-04-20"]) == 0
    out = capsys.readouterr().out
    assert "Prix de la prestation : 1 850,00 € HT — situation au 20/04/2026" in out
    assert "LC-2026-000001 — NOM1 Alex" in out
    assert "LC-2026-000003" not in out and "LC-2026-000004" not in out  # never signed
    lines = out.splitlines()
    assert any(line.split()[:4] == ["T1", "555,00", "€", "Prête"] for line in lines)
    assert any(line.split()[:3] == ["T1+T2", "1", "110,00"] for line in lines)
    assert "Pièces manquantes : Copie du contrat de travail ou Promesse d'embauche" in out
    assert "Facture n° F-2026-007" in out
    assert "  03/2026" in out and out.rstrip().endswith("555,00 €")


def test_payments_json_for_one_month(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--db", db, "payments", "--today", "2026-04-20", "--month", "2026-04", "--format",
            "json"]  # fmt: skip
    assert main(argv) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["price_cents"] == 185_000
    kept = [(t["order_number"], t["tranche"], t["status"], t["amount_cents"])
            for t in document["tranches"]]  # fmt: skip
    assert kept == [
        ("LC-2026-000002", "T1", "paid", 55_500),
        ("LC-2026-000002", "early", "due_missing_documents", 111_000),
    ]
    assert document["ready_to_invoice_by_month"] == []


def test_payments_csv(db: str, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["--db", db, "payments", "--today", "2026-04-20", "--format", "csv"]) == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(BOM + b"numero_commande;beneficiaire;tranche;statut;montant_eur;")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][:6] == ["LC-2026-000001", "NOM1 Alex", "T1", "Prête à facturer", "555,00",
                           "05/03/2026"]  # fmt: skip
    assert len(rows) == 1 + 3 + 3
