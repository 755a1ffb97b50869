"""Every bad input is refused with a message naming case, field and rule; nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.errors import UserError
from movdesk.exchange import MAX_ERRORS, import_cases
from movdesk.models import Base
from movdesk.store.engine import unit_of_work

from .samples import beneficiary, document, make_case, placement

Doc = dict[str, Any]


def base_document() -> Doc:
    return document([
        make_case("LC-2026-000001"),
        make_case("LC-2026-000002", beneficiary=beneficiary("7654321B", "Roux", "Léa")),
    ])


def stored_document() -> Doc:
    return document([make_case(
        "LC-2026-000999", beneficiary=beneficiary("9999999Z", "Existant", "Jean", "1970-01-01"))])


def row_counts(session: Session) -> dict[str, int]:
    return {
        table.name: session.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


@pytest.fixture
def stored(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """A database that already holds one case."""
    with unit_of_work(session_factory) as session:
        import_cases(session, stored_document(), user="test")
    return session_factory


def case0(**changes: Any) -> Callable[[Doc], None]:
    return lambda doc: doc["cases"][0].update(changes)


def nested(*path: Any, value: Any = None, delete: bool = False) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target = doc["cases"][0]
        for key in path[:-1]:
            target = target[key]
        if delete:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return mutate


def top(key: str, value: Any) -> Callable[[Doc], None]:
    return lambda doc: doc.__setitem__(key, value)


def sickness(start: str, end: str, kind: str = "sickness") -> dict[str, str]:
    return {"kind": kind, "start": start, "end": end}


def period(start: str, end: str) -> dict[str, Any]:
    return {"start": start, "end": end, "employer": "Garage du Nord", "job_title": None,
            "rome": None}


CDI = {"contract": "CDI", "start": "2026-07-06", "end": None, "full_time": True,
       "hours_per_month": None}
L1 = "Dossier LC-2026-000001"

ROWS: list[tuple[str, Callable[[Doc], None], list[str]]] = [
    ("181-days", case0(end_date="2026-07-04"), [L1, "end_date", "au plus 180 jours"]),
    ("end-before-start", case0(end_date="2026-01-04"), [L1, "end_date", "précède"]),
    ("bad-pe-id", nested("beneficiary", "pe_id", value="12345"),
     [L1, "beneficiary.pe_id", "7 chiffres"]),
    ("sickness-15-days", case0(suspensions=[sickness("2026-03-02", "2026-03-16")]),
     [L1, "suspensions[0].end", "14 jours consécutifs (ici 15 jours)"]),
    ("leave-total-36",
     case0(suspensions=[sickness("2026-03-02", "2026-03-21", "leave"),
                        sickness("2026-04-01", "2026-04-16", "leave")]),
     [L1, "suspensions[1].end", "35 jours sur la prestation (ici 36 jours)"]),
    ("overlapping-suspensions",
     case0(suspensions=[sickness("2026-03-02", "2026-03-10"),
                        sickness("2026-03-08", "2026-03-12", "leave")]),
     [L1, "suspensions[1].start", "chevauche la suspension pour maladie du 02/03/2026"]),
    ("company-43-days", case0(company_periods=[period("2026-03-02", "2026-04-13")]),
     [L1, "company_periods[0].end", "au plus 42 jours"]),
    ("company-outside", case0(company_periods=[period("2026-06-29", "2026-07-10")]),
     [L1, "company_periods[0].end", "dans la prestation"]),
    ("exit-outside", case0(exit=placement("2026-07-06", "employment", CDI)),
     [L1, "exit.date", "entre l'entretien de contractualisation"]),
    ("renewal-over-6-months",
     case0(renewal={"envisaged": True, "decision_date": "2026-06-20",
                    "new_end_date": "2027-01-04"}),
     [L1, "renewal.new_end_date", "6 mois au plus"]),
    ("renewal-decision-missing",
     case0(renewal={"envisaged": True, "decision_date": None, "new_end_date": "2026-09-01"}),
     [L1, "renewal.decision_date", "obligatoire"]),
    ("unknown-key-top", top("extra", 1), ["Fichier, extra : clé inconnue"]),
    ("unknown-key-case", case0(colour="bleu"), [L1, "colour : clé inconnue"]),
    ("unknown-key-nested", nested("beneficiary", "nickname", value="So"),
     [L1, "beneficiary.nickname : clé inconnue"]),
    ("unknown-key-exit-block",
     case0(exit=placement("2026-05-04", "employment", {**CDI, "start": None, "salary": 1})),
     [L1, "exit.employment.salary : clé inconnue"]),
    ("unknown-key-in-list", nested("interviews", 0, "room", value="B12"),
     [L1, "interviews[0].room : clé inconnue"]),
    ("impossible-date", case0(start_date="2026-02-30"),
     [L1, "start_date", "une date AAAA-MM-JJ (ici « 2026-02-30 »)"]),
    ("compact-date", case0(start_date="20260105"), [L1, "start_date", "AAAA-MM-JJ"]),
    ("bad-time", nested("interviews", 0, "time", value="25:00"),
     [L1, "interviews[0].time", "une heure HH:MM"]),
    ("short-time", nested("interviews", 0, "time", value="9:30"),
     [L1, "interviews[0].time", "HH:MM"]),
    ("bad-enum", nested("interviews", 0, "kind", value="coffee"),
     [L1, "interviews[0].kind", "« coffee » inconnue", "individual"]),
    ("bad-exit-reason", case0(exit={"date": "2026-05-04", "reason": "job"}),
     [L1, "exit.reason", "« job » inconnue"]),
    ("category-as-text", nested("beneficiary", "category", value="1"),
     [L1, "beneficiary.category", "un nombre entier"]),
    ("category-as-bool", nested("beneficiary", "category", value=True),
     [L1, "beneficiary.category", "un nombre entier (ici true)"]),
    ("minutes-as-float", nested("interviews", 0, "minutes", value=45.5),
     [L1, "interviews[0].minutes", "un nombre entier"]),
    ("list-expected", case0(suspensions={}), [L1, "suspensions", "une liste"]),
    ("missing-order-number", nested("order_number", delete=True),
     ["Dossier cases[0], order_number : valeur obligatoire manquante"]),
    ("blank-referent", case0(referent="  "), [L1, "referent", "non vide"]),
    ("missing-pe-id", nested("beneficiary", "pe_id", delete=True),
     [L1, "beneficiary.pe_id : valeur obligatoire manquante"]),
    ("missing-start", nested("start_date", delete=True), [L1, "start_date", "obligatoire"]),
    ("block-not-matching-reason",
     case0(exit={"date": "2026-07-03", "reason": "term", "employment": CDI}),
     [L1, "exit.employment", "exit.reason = employment (ici term)"]),
    ("retention-without-exit", case0(follow_up={"retained_at_3_months": True}),
     [L1, "follow_up.retained_at_3_months", "suppose une sortie"]),
    ("duplicate-in-file", lambda doc: doc["cases"][1].update(order_number="LC-2026-000001"),
     [L1, "order_number", "deux fois dans le fichier (cases[0] et cases[1])"]),
    ("duplicate-in-database", case0(order_number="LC-2026-000999"),
     ["Dossier LC-2026-000999, order_number", "existe déjà dans la base"]),
    ("same-pe-id-other-person-in-file",
     lambda doc: doc["cases"][1].update(beneficiary=beneficiary("1234567A", "Roux", "Léa")),
     ["Dossier LC-2026-000002, beneficiary.pe_id", "désigne déjà DURAND Sophie",
      "dossier LC-2026-000001", "ici ROUX Léa"]),
    ("same-pe-id-other-birth-date-in-database",
     nested("beneficiary", value=beneficiary("9999999Z", "Existant", "Jean", "1971-01-01")),
     [L1, "beneficiary.pe_id", "EXISTANT Jean, né(e) le 01/01/1970 (dans la base)"]),
    ("wrong-format", top("format", "other-cases"), ["Fichier, format", "« other-cases » inconnu"]),
    ("wrong-version", top("version", 2), ["Fichier, version", "version 2 non prise en charge"]),
    ("version-as-bool", top("version", True), ["Fichier, version"]),
    ("cases-not-a-list", top("cases", {}), ["Fichier, cases", "liste de dossiers"]),
]


@pytest.mark.parametrize(("mutate", "words"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_bad_input_is_refused_and_changes_nothing(
    stored: sessionmaker[Session], mutate: Callable[[Doc], None], words: list[str]
) -> None:
    doc = base_document()
    mutate(doc)
    with stored() as session:
        before = row_counts(session)
    with pytest.raises(UserError) as caught, unit_of_work(stored) as session:
        import_cases(session, doc, user="test", source="lot.json")
    message = str(caught.value)
    assert message.startswith("Import refusé, rien n'a été importé :")
    assert "lot.json" in message.splitlines()[0]
    for word in words:
        assert word in message
    with stored() as session:
        assert row_counts(session) == before


def test_document_not_an_object(session: Session) -> None:
    with pytest.raises(UserError, match="doit être un objet JSON"):
        import_cases(session, [], user="test")


def test_every_error_is_listed_up_to_the_cap(session: Session) -> None:
    cases = [make_case(f"LC-{n:06d}", beneficiary=beneficiary(f"{n:07d}", "Nom", "Prénom"))
             for n in range(MAX_ERRORS + 10)]
    with pytest.raises(UserError) as caught:
        import_cases(session, document(cases), user="test")
    lines = str(caught.value).splitlines()
    assert lines[0].startswith(f"Import refusé, rien n'a été importé : {MAX_ERRORS + 10} erreurs")
    assert sum(line.startswith("- Dossier LC-") for line in lines) == MAX_ERRORS
    assert lines[-1] == "… et 10 autres erreurs."
    assert not session.new


def test_errors_of_several_cases_are_all_reported(session: Session) -> None:
    doc = base_document()
    doc["cases"][0]["end_date"] = "2026-12-31"
    doc["cases"][1]["beneficiary"]["pe_id"] = "bad"
    with pytest.raises(UserError) as caught:
        import_cases(session, doc, user="test")
    message = str(caught.value)
    assert "Dossier LC-2026-000001, end_date" in message
    assert "Dossier LC-2026-000002, beneficiary.pe_id" in message
