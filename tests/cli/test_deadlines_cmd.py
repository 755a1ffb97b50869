"""``movdesk deadlines`` on a small database: formats, sorting, referent filter, errors."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from movdesk.cli import EXIT_USER_ERROR, main
from movdesk.commands.deadlines_cmd import render_json
from movdesk.config import DatabaseLocation
from movdesk.models import Beneficiary, Case, OfficeSettings, Referent
from movdesk.rules.deadlines import all_deadlines
from movdesk.services.case_facts import CaseFacts, load_facts, may_have_open_deadlines
from movdesk.services.schedule import DeadlineItem

from ..rules.test_timeline import interview, make_case, make_exit

D = date.fromisoformat
TODAY = "2026-01-08"


def load_cases(session: Session, today: date) -> list[CaseFacts]:
    """The facts of the cases that may have open deadlines on ``today``."""
    return list(load_facts(session, may_have_open_deadlines(today), deadlines_on=today).values())


def _own(case: Case, referent: Referent, pe_id: str, last_name: str) -> Case:
    """Give a built case a shared referent and a beneficiary of its own."""
    case.referent = referent
    case.beneficiary = Beneficiary(last_name=last_name, first_name="Léa", pe_id=pe_id)
    return case


@pytest.fixture
def filled(session: Session, db_location: DatabaseLocation) -> DatabaseLocation:
    claire, paul = Referent(full_name="Claire Martin"), Referent(full_name="Paul Morel")
    session.add_all(
        [
            # signed on 7 January: contract copy due 9 January, 14-day limit 21 January
            _own(make_case(order_number="LC-2026-000002"), claire, "1000001A", "Durand"),
            _own(
                make_case(order_number="LC-2026-000001", interviews=[interview("2026-01-07")]),
                paul,
                "1000002B",
                "Éluard",
            ),
            # ordered, contracting interview due S + 7 = 12 January
            _own(
                make_case(order_number="LC-2026-000003", result=None, contracting=None),
                paul,
                "1000003C",
                "Petit",
            ),
            # a refusal already notified: nothing left to do, not even loaded
            _own(
                make_case(
                    order_number="LC-2026-000004",
                    result="refused",
                    refusal_notice_date=D("2026-01-08"),
                ),
                claire,
                "1000004D",
                "Roux",
            ),
            # ended long ago, everything sent
            _own(
                make_case(
                    "2025-03-03",
                    contracting="2025-03-04",
                    exit=make_exit("2025-04-01", "abandon", notice_sent_date=D("2025-04-02")),
                    contract_sent_date=D("2025-03-05"),
                    final_sent_date=D("2025-04-03"),
                    order_number="LC-2025-000001",
                ),
                claire,
                "1000005E",
                "Blanc",
            ),
        ]
    )
    session.add(OfficeSettings(id=1, name="Bureau d'essai"))
    session.commit()
    return db_location


def _run(location: DatabaseLocation, *extra: str) -> int:
    return main(["--db", str(location.path), "deadlines", "--today", TODAY, *extra])


def test_json_is_sorted_by_due_then_order_number(
    filled: DatabaseLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(filled, "--format", "json") == 0
    items = json.loads(capsys.readouterr().out)
    assert all(list(item) == ["order_number", "kind", "due", "status", "label"] for item in items)
    assert [(i["due"], i["order_number"], i["kind"], i["status"]) for i in items] == [
        ("2026-01-09", "LC-2026-000001", "contract_to_pe", "soon"),
        ("2026-01-09", "LC-2026-000002", "contract_to_pe", "soon"),
        ("2026-01-12", "LC-2026-000003", "contracting_interview", "soon"),
        ("2026-01-21", "LC-2026-000001", "next_interview", "later"),
        ("2026-01-21", "LC-2026-000002", "next_interview", "later"),
        ("2026-03-05", "LC-2026-000001", "intermediate_report", "later"),
        ("2026-03-05", "LC-2026-000002", "intermediate_report", "later"),
        ("2026-05-05", "LC-2026-000001", "company_period", "later"),
        ("2026-05-05", "LC-2026-000002", "company_period", "later"),
    ]


def test_referent_filter(filled: DatabaseLocation, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(filled, "--format", "json", "--referent", "Paul Morel") == 0
    items = json.loads(capsys.readouterr().out)
    assert {i["order_number"] for i in items} == {"LC-2026-000001", "LC-2026-000003"}


def test_unknown_referent_is_a_french_user_error(
    filled: DatabaseLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(filled, "--referent", "Jean Inconnu") == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "Référent inconnu" in err and "« Claire Martin »" in err
    assert "Traceback" not in err


def test_table_is_aligned_and_in_french(
    filled: DatabaseLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(filled) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Échéances ouvertes au 08/01/2026 : 9"
    header, rule, first = lines[2], lines[3], lines[4]
    for column in (
        "Échéance",
        "Date pratique",
        "Statut",
        "Dossier",
        "Bénéficiaire",
        "Référent",
        "Action",
    ):
        assert column in header
    assert header.index("Dossier") == first.index("LC-2026-000001")
    assert set(rule) <= {"-", " "}
    assert re.split(r"\s{2,}", first) == [
        "09/01/2026",
        "09/01/2026",
        "Sous 7 jours",
        "LC-2026-000001",
        "ÉLUARD Léa",
        "Paul Morel",
        "Envoyer la copie du contrat d'accompagnement signé à France Travail",
    ]


def test_csv_is_excel_french(
    filled: DatabaseLocation, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert _run(filled, "--format", "csv") == 0
    data = capsysbinary.readouterr().out
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = text.split("\r\n")
    assert rows[0] == "Échéance;Date pratique;Statut;Dossier;Bénéficiaire;Référent;Action"
    assert rows[1].startswith("09/01/2026;09/01/2026;Sous 7 jours;LC-2026-000001;ÉLUARD Léa;")
    assert rows[-1] == "" and len(rows) == 11
    assert "\n" not in text.replace("\r\n", "")


def test_nothing_open(
    engine: Engine, db_location: DatabaseLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_location.path), "deadlines", "--today", TODAY]) == 0
    assert capsys.readouterr().out == "Échéances ouvertes au 08/01/2026 : aucune.\n"


def test_alsace_moselle_office_moves_practical_dates(
    session: Session, db_location: DatabaseLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    # S = 26 October 2025: intermediate report due Friday 26 December 2025.
    case = make_case(
        "2025-10-26",
        contracting="2025-10-27",
        order_number="LC-2025-000009",
        contract_sent_date=D("2025-10-28"),
    )
    session.add_all([case, OfficeSettings(id=1, name="Bureau de Metz", alsace_moselle=True)])
    session.commit()
    main(["--db", str(db_location.path), "deadlines", "--today", "2025-12-20"])
    line = next(x for x in capsys.readouterr().out.splitlines() if "bilan intermédiaire" in x)
    assert re.split(r"\s{2,}", line)[:2] == ["26/12/2025", "24/12/2025"]


def test_sql_leaves_out_only_cases_with_nothing_open(
    filled: DatabaseLocation, session: Session
) -> None:
    numbers = {c.order_number for c in load_cases(session, D(TODAY))}
    assert numbers == {"LC-2026-000001", "LC-2026-000002", "LC-2026-000003"}
    # Once the refusal notice is due again (never sent), the refused case comes back.
    refused = session.scalars(select(Case).where(Case.order_number == "LC-2026-000004")).one()
    refused.refusal_notice_date = None
    session.flush()
    assert "LC-2026-000004" in {c.order_number for c in load_cases(session, D(TODAY))}


@pytest.mark.parametrize("today", ["2025-03-20", "2025-04-02", TODAY, "2026-03-06", "2026-08-01"])
def test_rows_give_the_same_deadlines_as_entities(
    filled: DatabaseLocation, session: Session, today: str
) -> None:
    entities = session.scalars(select(Case)).all()
    from_entities = all_deadlines(entities, D(today))
    assert all_deadlines(load_cases(session, D(today)), D(today)) == from_entities


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_text_is_what_json_dumps_writes(count: int) -> None:
    labels = ['Envoyer le bilan « final »', 'Dire "oui" \\ non\tà Zoé', "Ligne\nsuivante"]
    deadlines = [
        DeadlineItem(i, f"LC-2026-00000{i}", "DURAND Léa", "Claire Martin", "final_report",
                     D("2026-01-09"), D("2026-01-09"), "overdue", labels[i])  # fmt: skip
        for i in range(count)
    ]
    expected = [
        {"order_number": d.order_number, "kind": d.kind, "due": d.due.isoformat(),
         "status": d.status, "label": d.label}  # fmt: skip
        for d in deadlines
    ]
    assert render_json(deadlines) == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
