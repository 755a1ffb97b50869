"""Hypothesis strategies producing valid ``movdesk-cases`` documents in exported form.

Every generated case passes validation (warnings allowed) and is written exactly as
the exporter writes it: every key present, lists in date order, so that importing a
document and exporting it again must give it back unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from movdesk.rules.outcomes import classify_exit
from movdesk.rules.text import forbidden_character

NAMES = ["Durand", "Lefèvre", "Müller", "N'Diaye", "Ødegård", "Le Gall", "Æsir", "Çelik"]
FIRST = ["Sophie", "Noël", "Zoé", "Maël", "Chloé", "Jean-Pierre", "Inès"]
EMPLOYERS = ["Boulangerie Petit", "Garage du Nord", "Café « Le Central »"]
ROME = ["D1106", "G1603", "N1103", None]
INTERRUPTIONS = ["rule_14_days", "abandon", "moved", "health", "other"]

#: Any character a one-line text may hold (no control characters, direction marks,
#: lone surrogates or line separators: the importer refuses those).
_TEXT_CHARACTERS = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp")
).filter(lambda char: forbidden_character(char) is None)
maybe_text = st.one_of(st.none(), st.text(_TEXT_CHARACTERS, min_size=1, max_size=12))
hours = st.one_of(st.none(), st.integers(1, 200), st.integers(1, 20_000).map(lambda n: n / 100))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day(draw: st.DrawFn, first: date, last: date) -> date:
    return draw(st.dates(min_value=first, max_value=max(first, last)))


def _maybe_day(draw: st.DrawFn, first: date, last: date) -> str | None:
    return _iso(_day(draw, first, last)) if draw(st.booleans()) else None


def _periods(draw: st.DrawFn, first: date, last: date, kind: str) -> list[dict[str, Any]]:
    """Non-overlapping periods in [first, last]: suspensions or company periods."""
    items: list[dict[str, Any]] = []
    cursor, leave = first, 0
    for _ in range(draw(st.integers(0, 3))):
        start = cursor + timedelta(days=draw(st.integers(0, 40)))
        if kind == "suspension":
            which = draw(st.sampled_from(["sickness", "leave"]))
            top = 14 if which == "sickness" else 35 - leave
            if top < 1:
                break
            length = draw(st.integers(1, top))
        else:
            length = draw(st.integers(1, 42))
        end = start + timedelta(days=length - 1)
        if end > last:
            break
        if kind == "suspension":
            leave += length if which == "leave" else 0
            items.append({"kind": which, "start": _iso(start), "end": _iso(end)})
        else:
            items.append({"start": _iso(start), "end": _iso(end),
                          "employer": draw(st.sampled_from([*EMPLOYERS, None])),
                          "job_title": draw(maybe_text), "rome": draw(st.sampled_from(ROME))})
        cursor = end + timedelta(days=1)
    return items


def _interviews(draw: st.DrawFn, days: list[date], kinds: list[str]) -> list[dict[str, Any]]:
    return [
        {"date": _iso(day),
         "time": draw(st.one_of(st.none(), st.times().map(lambda t: t.strftime("%H:%M")))),
         "minutes": draw(st.integers(1, 600)), "kind": draw(st.sampled_from(kinds)),
         "status": draw(st.sampled_from(["planned", "attended", "absent", "excused"])),
         "notes": draw(maybe_text)}
        for day in days
    ]


def _exit(draw: st.DrawFn, first: date, end: date) -> dict[str, Any] | None:
    reason = draw(st.sampled_from([None, "term", "employment", "training", "business",
                                   *INTERRUPTIONS]))
    if reason is None:
        return None
    when = end if reason == "term" else _day(draw, first, end)
    exit: dict[str, Any] = {"date": _iso(when), "reason": reason,
                            "notice_sent_date": _maybe_day(draw, when, when + timedelta(9))}
    if reason == "employment":
        exit["employment"] = {
            "contract": draw(st.sampled_from(["CDI", "CDD", "interim", "subsidised"])),
            "start": draw(st.sampled_from([None, _iso(when)])),
            "end": _maybe_day(draw, when, when + timedelta(days=400)),
            "full_time": draw(st.sampled_from([None, True, False])),
            "hours_per_month": draw(hours),
        }
    elif reason == "training":
        start = _maybe_day(draw, when, when)
        exit["training"] = {
            "hours_total": draw(hours), "hours_per_week": draw(st.one_of(
                st.none(), st.integers(1, 168))),
            "qualifying": draw(st.sampled_from([None, True, False])),
            "afpr": draw(st.sampled_from([None, True, False])),
            "start": start, "end": _maybe_day(draw, when, when + timedelta(days=300)),
        }
    elif reason == "business":
        exit["business"] = {"auto_entrepreneur": draw(st.sampled_from([None, True, False])),
                            "start": _maybe_day(draw, when, when)}
    return exit


def _verdict(exit: dict[str, Any]) -> tuple[bool, bool]:
    """(positive, job or business) for a generated exit."""
    details = {f"{block}_{key}": value
               for block in ("employment", "training", "business")
               for key, value in (exit.get(block) or {}).items()}
    fields = {"employment_contract": None, "employment_start": None, "employment_end": None,
              "employment_full_time": None, "employment_hours_per_month": None,
              "training_hours_total": None, "training_hours_per_week": None,
              "training_qualifying": None, "training_afpr": None,
              "business_auto_entrepreneur": None}
    fields.update({k: v for k, v in details.items() if k in fields})
    for key in ("employment_start", "employment_end"):
        if fields[key]:
            fields[key] = date.fromisoformat(fields[key])
    positive = classify_exit(SimpleNamespace(
        reason=exit["reason"], date=date.fromisoformat(exit["date"]), **fields)).positive
    return positive, exit["reason"] in ("employment", "business")


@st.composite
def case_dict(draw: st.DrawFn, index: int) -> dict[str, Any]:
    start = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
    e = start + timedelta(days=draw(st.integers(30, 180)) - 1)
    result = draw(st.sampled_from([None, "no_show", "refused", "signed"]))
    c = start + timedelta(days=draw(st.integers(0, 7))) if result else None
    case: dict[str, Any] = {
        "order_number": f"LC-{index:06d}",
        "referent": draw(st.sampled_from(["Claire Martin", "Karim Benali", "Zoé Lefèvre"])),
        "beneficiary": {
            "civility": draw(st.sampled_from([None, "Mme", "M."])),
            "last_name": draw(st.sampled_from(NAMES)),
            "first_name": draw(st.sampled_from(FIRST)),
            "birth_date": _maybe_day(draw, date(1950, 1, 1), date(2005, 12, 31)),
            "pe_id": f"{index:07d}{draw(st.sampled_from('0123456789ABCDEFGHXYZ'))}",
            "category": draw(st.sampled_from([None, 1, 2, 3])),
            "phone": draw(maybe_text), "email": draw(maybe_text), "address": draw(maybe_text),
        },
        "agency": draw(maybe_text), "counsellor": draw(maybe_text),
        "start_date": _iso(start), "end_date": _iso(e),
        "contracting": {"date": _iso(c), "result": result, "contract_sent_date": None,
                        "refusal_notice_date": None},
        "phase2_start": None, "interviews": [], "suspensions": [], "company_periods": [],
        "online_obligations": {"offers_subscription": None, "online_profile": None},
        "renewal": {"envisaged": draw(st.booleans()), "decision_date": None,
                    "new_end_date": None},
        "reports": {"intermediate_sent": None, "final_sent": None},
        "exit": None, "follow_up": {"retained_at_3_months": None},
    }
    if result == "refused" and c is not None:
        case["contracting"]["refusal_notice_date"] = _maybe_day(draw, c, c + timedelta(5))
    if result != "signed" or c is None:
        return case
    case["contracting"]["contract_sent_date"] = _maybe_day(draw, c, c + timedelta(5))
    end = e
    if draw(st.booleans()):
        renewed = draw(st.booleans())
        end = e + relativedelta(months=draw(st.integers(1, 6))) if renewed else e
        case["renewal"].update(decision_date=_iso(_day(draw, start, e)),
                               new_end_date=_iso(end) if renewed else None)
    exit = _exit(draw, c, end)
    last = date.fromisoformat(exit["date"]) if exit else end
    case["phase2_start"] = _maybe_day(draw, c, last)
    days = sorted(draw(st.sets(st.dates(min_value=c, max_value=last), max_size=5)))
    case["interviews"] = _interviews(draw, days, ["individual", "group", "phone"])
    if exit is not None:
        case["exit"] = exit
        positive, job = _verdict(exit)
        if positive:
            first = last + timedelta(days=1)
            later = sorted(draw(st.sets(st.dates(min_value=first,
                                                 max_value=first + timedelta(100)),
                                        max_size=3)))
            case["interviews"] += _interviews(draw, later, ["follow_up"])
            if job:
                case["follow_up"]["retained_at_3_months"] = draw(
                    st.sampled_from([None, True, False]))
    case["suspensions"] = _periods(draw, start, end, "suspension")
    case["company_periods"] = _periods(draw, start, end, "company")
    case["online_obligations"] = {"offers_subscription": _maybe_day(draw, c, last),
                                  "online_profile": _maybe_day(draw, c, last)}
    case["reports"] = {"intermediate_sent": _maybe_day(draw, c, last),
                       "final_sent": _maybe_day(draw, last, last + timedelta(10))}
    return case


@st.composite
def case_documents(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 4))
    cases = [draw(case_dict(index)) for index in range(1, count + 1)]
    return {"format": "movdesk-cases", "version": 1, "cases": cases}
