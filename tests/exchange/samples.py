"""Hand-written exchange documents: one valid case of every kind, in the exported form.

Every key is present (as :func:`movdesk.exchange.export_cases` writes it), lists are in
date order, so an import followed by an export must give these dicts back exactly.
"""

from __future__ import annotations

import copy
from typing import Any


def beneficiary(pe_id: str = "1234567A", last: str = "Durand", first: str = "Sophie",
                born: str | None = "1985-04-12") -> dict[str, Any]:
    return {
        "civility": "Mme", "last_name": last, "first_name": first, "birth_date": born,
        "pe_id": pe_id, "category": 1, "phone": "06 12 34 56 78",
        "email": "sophie.durand@example.org", "address": "3 rue des Lilas\n59000 Lille",
    }


def interview(date: str, kind: str = "individual", status: str = "attended",
              time: str | None = "09:30", minutes: int = 45,
              notes: str | None = None) -> dict[str, Any]:
    return {"date": date, "time": time, "minutes": minutes, "kind": kind, "status": status,
            "notes": notes}


def make_case(order: str = "LC-2026-000001", **overrides: Any) -> dict[str, Any]:
    """A valid active case in phase 2 (signed on 07/01/2026), no exit."""
    case: dict[str, Any] = {
        "order_number": order,
        "referent": "Claire Martin",
        "beneficiary": beneficiary(),
        "agency": "Agence Lille Centre",
        "counsellor": "M. Bernard",
        "start_date": "2026-01-05",
        "end_date": "2026-07-03",
        "contracting": {"date": "2026-01-07", "result": "signed",
                        "contract_sent_date": "2026-01-08", "refusal_notice_date": None},
        "phase2_start": "2026-02-16",
        "interviews": [interview("2026-01-14"), interview("2026-01-21", "group", time="14:00"),
                       interview("2026-01-28", "phone", minutes=20, notes="Point « CV »")],
        "suspensions": [],
        "company_periods": [],
        "online_obligations": {"offers_subscription": "2026-02-20",
                               "online_profile": None},
        "renewal": {"envisaged": False, "decision_date": None, "new_end_date": None},
        "reports": {"intermediate_sent": "2026-03-05", "final_sent": None},
        "exit": None,
        "follow_up": {"retained_at_3_months": None},
    }
    case.update(copy.deepcopy(overrides))
    return case


def _not_started(order: str, pe_id: str, result: str | None, **contracting: Any) -> dict:
    return make_case(
        order, beneficiary=beneficiary(pe_id, "Lefèvre", "Noël", None),
        contracting={"date": None if result is None else "2026-01-09", "result": result,
                     "contract_sent_date": None, "refusal_notice_date": None, **contracting},
        phase2_start=None, interviews=[], online_obligations={"offers_subscription": None,
                                                              "online_profile": None},
        reports={"intermediate_sent": None, "final_sent": None},
    )


def employment(contract: str, start: str, end: str | None, full_time: bool | None,
               hours: float | None) -> dict[str, Any]:
    return {"contract": contract, "start": start, "end": end, "full_time": full_time,
            "hours_per_month": hours}


def placement(date: str, reason: str, block: dict[str, Any]) -> dict[str, Any]:
    return {"date": date, "reason": reason, "notice_sent_date": None, reason: block}


def varied_cases() -> list[dict[str, Any]]:
    """Every state and exit kind, with suspensions, company periods and a renewal."""
    return [
        _not_started("LC-2026-000010", "2000001B", None),
        _not_started("LC-2026-000011", "2000002C", "no_show"),
        _not_started("LC-2026-000012", "2000003D", "refused",
                     refusal_notice_date="2026-01-10"),
        make_case(
            "LC-2026-000020",
            suspensions=[{"kind": "sickness", "start": "2026-03-02", "end": "2026-03-15"},
                         {"kind": "leave", "start": "2026-04-01", "end": "2026-04-30"}],
            company_periods=[
                {"start": "2026-05-04", "end": "2026-05-15", "employer": "Boulangerie Petit",
                 "job_title": "Vendeur en boulangerie", "rome": "D1106"},
                {"start": "2026-06-01", "end": "2026-06-05", "employer": None,
                 "job_title": None, "rome": None},
            ],
            interviews=[interview("2026-01-14"), interview("2026-06-22", status="planned")],
        ),
        make_case(
            "LC-2026-000030", beneficiary=beneficiary("3000001E", "Martin", "Paul"),
            exit=placement("2026-05-04", "employment",
                           employment("CDI", "2026-05-04", None, True, 151.67)),
            interviews=[interview("2026-01-14"), interview("2026-05-08", "follow_up"),
                        interview("2026-06-04", "follow_up", status="absent")],
            follow_up={"retained_at_3_months": True},
        ),
        make_case("LC-2026-000031", beneficiary=beneficiary("3000002F", "Roux", "Léa"),
                  exit=placement("2026-04-01", "employment",
                                 employment("CDD", "2026-04-01", "2026-05-31", True, None))),
        make_case("LC-2026-000032", beneficiary=beneficiary("3000003G", "Roux", "Hugo"),
                  exit=placement("2026-04-01", "employment",
                                 employment("interim", "2026-04-01", "2026-09-30", False, 80.5))),
        make_case("LC-2026-000033", beneficiary=beneficiary("3000004H", "Blanc", "Inès"),
                  exit=placement("2026-04-01", "employment",
                                 employment("subsidised", "2026-04-01", "2026-12-31", False, 60))),
        make_case("LC-2026-000040", beneficiary=beneficiary("4000001J", "Petit", "Yanis"),
                  exit=placement("2026-03-16", "training", {
                      "hours_total": 400, "hours_per_week": 35, "qualifying": True,
                      "afpr": False, "start": "2026-03-16", "end": "2026-06-26"})),
        make_case("LC-2026-000041", beneficiary=beneficiary("4000002K", "Petit", "Jade"),
                  exit=placement("2026-03-16", "training", {
                      "hours_total": 159.5, "hours_per_week": 19.5, "qualifying": None,
                      "afpr": True, "start": None, "end": None})),
        make_case("LC-2026-000050", beneficiary=beneficiary("5000001L", "Morel", "Éric"),
                  exit=placement("2026-04-20", "business",
                                 {"auto_entrepreneur": True, "start": "2026-04-20"})),
        make_case("LC-2026-000051", beneficiary=beneficiary("5000002M", "Morel", "Zoé"),
                  exit=placement("2026-04-20", "business",
                                 {"auto_entrepreneur": False, "start": None}),
                  follow_up={"retained_at_3_months": False}),
        make_case("LC-2026-000060", beneficiary=beneficiary("6000001N", "Garnier", "Chloé"),
                  renewal={"envisaged": True, "decision_date": "2026-06-20",
                           "new_end_date": "2027-01-03"},
                  exit={"date": "2027-01-03", "reason": "term", "notice_sent_date": None},
                  reports={"intermediate_sent": "2026-03-05", "final_sent": "2027-01-08"}),
        make_case("LC-2026-000061", beneficiary=beneficiary("6000002P", "Garnier", "Louis"),
                  renewal={"envisaged": True, "decision_date": "2026-06-20",
                           "new_end_date": None}),
        make_case("LC-2026-000070", beneficiary=beneficiary("7000001Q", "Faure", "Maël"),
                  exit={"date": "2026-02-20", "reason": "abandon",
                        "notice_sent_date": "2026-02-21"}),
        # The same person again, on a second order: one beneficiary, two cases.
        make_case("LC-2026-000080", start_date="2026-08-03", end_date="2027-01-29",
                  contracting={"date": "2026-08-04", "result": "signed",
                               "contract_sent_date": None, "refusal_notice_date": None},
                  phase2_start=None, interviews=[interview("2026-08-10", time=None)],
                  online_obligations={"offers_subscription": None, "online_profile": None},
                  reports={"intermediate_sent": None, "final_sent": None},
                  company_periods=[
                      {"start": "2026-09-07", "end": "2026-09-18",
                       "employer": "Boulangerie Petit", "job_title": None, "rome": "D1106"}],
                  referent="Karim Benali"),
    ]


def document(cases: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "movdesk-cases", "version": 1, "cases": cases}
