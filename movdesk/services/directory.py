"""The directory (annuaire) as the window reads it: employers, partners, referents.

An office's network holds hundreds of entries, at most a few thousand, however many
cases it follows. So (**decision**) the Annuaire page reads the entries of one kind
once, with what each one did for the office counted by the database in one grouped
query per link (periods hosted, people hired, barriers followed, requests awaiting an
answer), and the search as you type filters that list in memory: the name, the town,
the SIRET, the sector and the contact, accents and case ignored (:func:`matches`).
:func:`entry_detail` reads one entry's contacts and history when it is selected.

Referents are listed with their caseload, counted by the database on the effective
status of each case (:func:`referent_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import (
    Action,
    Barrier,
    BarrierCategory,
    BarrierStatus,
    Beneficiary,
    Case,
    CaseStatus,
    CompanyPeriod,
    DirectoryContact,
    Employer,
    Exit,
    ExitReason,
    Interview,
    Partner,
    PartnerKind,
    Referent,
)
from ..rules.deadlines import is_open_referral
from .case_list import status_expression
from .context import Desk, fetch
from .summary import fold


class EntryKind(StrEnum):
    """The two directories of the Annuaire that the office fills itself."""

    EMPLOYER = "employer"
    PARTNER = "partner"

    @property
    def entity(self) -> type[Employer] | type[Partner]:
        return Employer if self is EntryKind.EMPLOYER else Partner

    @property
    def noun(self) -> str:
        return "entreprise" if self is EntryKind.EMPLOYER else "partenaire"

    @property
    def this(self) -> str:
        """« cette entreprise », « ce partenaire »."""
        return "cette entreprise" if self is EntryKind.EMPLOYER else "ce partenaire"


@dataclass(frozen=True)
class EntryRow:
    """One line of the Annuaire: an employer or a partner and what it did for the office."""

    kind: EntryKind
    id: int
    name: str
    town: str | None
    postcode: str | None
    siret: str | None
    #: The sector of an employer, the kind of a partner (in French).
    category: str | None
    contact_name: str | None
    phone: str | None
    email: str | None
    #: Employers: company periods hosted and people hired (job exits).
    periods: int = 0
    hires: int = 0
    #: Partners: barriers followed, and requests awaiting the partner's answer.
    barriers: int = 0
    open_requests: int = 0
    #: The folded text the search looks in.
    search_key: str = ""

    @property
    def label(self) -> str:
        """``Boulangerie Petit (Lille)``: the name, with the town when known."""
        return f"{self.name} ({self.town})" if self.town else self.name


def entry_label(name: str, town: str | None) -> str:
    return f"{name} ({town})" if town else name


#: Town words written in short: « St-Amand », « Ste-Catherine ».
_SHORT_TOWN_WORDS = {"st": "saint", "ste": "sainte"}


def name_key(text: str | None) -> str:
    """What makes two names the same (**decision**): accents, case, spacing and
    punctuation ignored — « Boulangerie-Petit » is « BOULANGERIE PETIT », « & » is
    « et », a typographic apostrophe a plain one."""
    folded = fold(text or "").replace("&", " et ")
    return " ".join(re.split(r"[\W_]+", folded)).strip()


def town_key(text: str | None) -> str:
    """:func:`name_key` of a town, « St » and « Ste » spelt out, a CEDEX and its number
    left out: « St Amand les Eaux Cedex 2 » is « Saint-Amand-les-Eaux »."""
    words = [_SHORT_TOWN_WORDS.get(word, word) for word in name_key(text).split()]
    if "cedex" in words:
        words = words[: words.index("cedex")]
    return " ".join(words)


def _key(*parts: str | None) -> str:
    return " ".join(fold(p) for p in parts if p)


def _counts(session: Session, column: Any, *where: Any) -> dict[int, int]:
    query = select(column, func.count()).where(column.is_not(None), *where).group_by(column)
    return dict(session.execute(query).all())  # type: ignore[arg-type]


def list_entries(session: Session, kind: EntryKind) -> list[EntryRow]:
    """Every entry of ``kind`` by name then town, with its counts."""
    entity = kind.entity
    if kind is EntryKind.EMPLOYER:
        category: Any = Employer.sector
        counts = {
            "periods": _counts(session, CompanyPeriod.employer_id),
            "hires": _counts(
                session, Exit.employment_employer_id, Exit.reason == ExitReason.EMPLOYMENT
            ),
        }
    else:
        category = Partner.kind
        counts = {
            "barriers": _counts(session, Barrier.partner_id),
            "open_requests": _counts(
                session,
                Barrier.partner_id,
                Barrier.referred_on.is_not(None),
                Barrier.referral_closed_on.is_(None),
                Barrier.status != BarrierStatus.LIFTED,
            ),
        }
    query = select(
        entity.id, entity.name, entity.town, entity.postcode, entity.siret, category,
        entity.contact_name, entity.phone, entity.email,
    )  # fmt: skip
    found = []
    for i, name, town, postcode, siret, raw, contact, phone, email in session.execute(query):
        shown = PartnerKind(raw).label if kind is EntryKind.PARTNER else raw
        found.append(
            EntryRow(
                kind, i, name, town, postcode, siret, shown, contact, phone, email,
                search_key=_key(name, town, postcode, siret, shown, contact),
                **{field: counted.get(i, 0) for field, counted in counts.items()},
            )
        )  # fmt: skip
    found.sort(key=lambda r: (fold(r.name), fold(r.town or ""), r.id))
    return found


def matches(row: EntryRow, text: str) -> bool:
    """Every word of ``text`` is found in the entry (name, town, SIRET, sector, contact);
    spaces inside a typed SIRET are ignored."""
    words = fold(text).split()
    key = row.search_key
    digits = "".join(text.split())
    if digits.isdigit() and row.siret and digits in row.siret:
        return True
    return all(word in key for word in words)


def search_entries(rows: Sequence[EntryRow], text: str) -> list[EntryRow]:
    """The rows matching ``text`` (all of them when it is blank), in their order."""
    if not text.strip():
        return list(rows)
    return [row for row in rows if matches(row, text)]


# --- One entry ------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactRow:
    id: int
    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class HistoryLine:
    """Something the entry did for a case: a period hosted, a hire, a barrier followed."""

    case_id: int
    order_number: str
    beneficiary: str
    referent: str
    what: str
    start: date | None
    end: date | None
    detail: str | None
    #: A partner's request still awaiting an answer.
    open: bool = False
    follow_up_on: date | None = None


@dataclass(frozen=True)
class EntryDetail:
    """Everything the Annuaire shows of one entry."""

    row: EntryRow
    address: str | None
    notes: str | None
    sector: str | None
    partner_kind: PartnerKind | None
    contacts: tuple[ContactRow, ...]
    #: Employers: periods hosted and people hired; partners: barriers and actions.
    history: tuple[HistoryLine, ...]
    #: Interviews where the entry took part.
    interviews: int

    @property
    def open_requests(self) -> tuple[HistoryLine, ...]:
        return tuple(line for line in self.history if line.open)


_CASE_COLUMNS = (
    Case.id,
    Case.order_number,
    Beneficiary.last_name,
    Beneficiary.first_name,
    Referent.full_name,
)


def _with_case(query: Any, case_id: Any) -> Any:
    """``query`` joined to the case of ``case_id``, its beneficiary and its referent."""
    return (
        query.join(Case, Case.id == case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .join(Referent, Referent.id == Case.referent_id)
    )


def _line(
    case: Sequence[Any],
    what: str,
    start: date | None,
    end: date | None,
    detail: str | None,
    **extra: Any,
) -> HistoryLine:
    case_id, number, last, first, referent = case
    return HistoryLine(
        case_id, number, f"{last.upper()} {first}", referent, what, start, end, detail, **extra
    )


def _employer_history(session: Session, employer_id: int) -> list[HistoryLine]:
    lines: list[HistoryLine] = []
    periods = _with_case(
        select(
            *_CASE_COLUMNS,
            CompanyPeriod.start_date,
            CompanyPeriod.end_date,
            CompanyPeriod.job_title,
            CompanyPeriod.rome,
        )
        .select_from(CompanyPeriod)
        .where(CompanyPeriod.employer_id == employer_id),
        CompanyPeriod.case_id,
    )
    for case_id, number, last, first, referent, start, end, title, rome in session.execute(periods):
        job = " — ".join(p for p in (title, rome) if p) or None
        lines.append(
            _line(
                (case_id, number, last, first, referent), "Période en entreprise", start, end, job
            )
        )
    hires = _with_case(
        select(
            *_CASE_COLUMNS,
            Exit.date,
            Exit.employment_end,
            Exit.employment_contract,
            Exit.employment_job_title,
        )
        .select_from(Exit)
        .where(Exit.employment_employer_id == employer_id, Exit.reason == ExitReason.EMPLOYMENT),
        Exit.case_id,
    )
    for case_id, number, last, first, referent, start, end, contract, title in session.execute(
        hires
    ):
        what = f"Embauche ({contract.label})" if contract is not None else "Embauche"
        lines.append(_line((case_id, number, last, first, referent), what, start, end, title))
    return lines


def _partner_history(session: Session, partner_id: int) -> list[HistoryLine]:
    lines: list[HistoryLine] = []
    barriers = _with_case(
        select(
            *_CASE_COLUMNS,
            Barrier.category,
            Barrier.status,
            Barrier.identified_on,
            Barrier.lifted_on,
            Barrier.referred_on,
            Barrier.follow_up_on,
            Barrier.referral_closed_on,
            Partner.name,
        )
        .select_from(Barrier)
        .join(Partner, Partner.id == Barrier.partner_id)
        .where(Barrier.partner_id == partner_id),
        Barrier.case_id,
    )
    for row in session.execute(barriers):
        (case_id, number, last, first, referent, category, status, identified, lifted,
         referred, follow_up, closed, partner) = row  # fmt: skip
        status = BarrierStatus(status)
        is_open = is_open_referral(
            SimpleNamespace(
                partner_name=partner,
                referred_on=referred,
                status=status,
                follow_up_on=follow_up,
                referral_closed_on=closed,
            )
        )
        if referred is not None:
            detail = f"Demande du {referred:%d/%m/%Y}"
            if closed is not None:
                detail += f", réponse le {closed:%d/%m/%Y}"
            elif is_open and follow_up is not None:
                detail += f", à relancer le {follow_up:%d/%m/%Y}"
        else:
            detail = status.label
        lines.append(
            _line(
                (case_id, number, last, first, referent),
                f"Frein : {BarrierCategory(category).label}",
                referred or identified,
                lifted or closed,
                detail,
                open=is_open,
                follow_up_on=follow_up,
            )
        )
    actions = _with_case(
        select(*_CASE_COLUMNS, Action.description, Action.due_date, Action.done_on, Action.status)
        .select_from(Action)
        .where(Action.partner_id == partner_id),
        Action.case_id,
    )
    for case_id, number, last, first, referent, text, due, done, status in session.execute(actions):
        lines.append(
            _line(
                (case_id, number, last, first, referent),
                "Action du plan",
                due,
                done,
                f"{text} ({status.label.lower()})",
            )
        )
    return lines


def entry_detail(desk: Desk, kind: EntryKind, entry_id: int) -> EntryDetail:
    """One entry with its contacts and its history, newest first."""

    def query(session: Session) -> EntryDetail:
        entity = kind.entity
        row = fetch(session, entity, entry_id)
        owner = (
            DirectoryContact.employer_id
            if kind is EntryKind.EMPLOYER
            else DirectoryContact.partner_id
        )
        contacts = tuple(
            ContactRow(c.id, c.name, c.role, c.phone, c.email)
            for c in session.scalars(
                select(DirectoryContact).where(owner == entry_id).order_by(DirectoryContact.name)
            )
        )
        if kind is EntryKind.EMPLOYER:
            history = _employer_history(session, entry_id)
            took_part = Interview.employer_id == entry_id
        else:
            history = _partner_history(session, entry_id)
            took_part = Interview.partner_id == entry_id
        history.sort(key=lambda h: (h.start or date.min, h.order_number), reverse=True)
        interviews = session.scalar(select(func.count()).where(took_part)) or 0
        listed = [r for r in list_entries_of(session, kind, [entry_id])]
        return EntryDetail(
            row=listed[0],
            address=row.address,
            notes=row.notes,
            sector=getattr(row, "sector", None),
            partner_kind=PartnerKind(row.kind) if kind is EntryKind.PARTNER else None,
            contacts=contacts,
            history=tuple(history),
            interviews=interviews,
        )

    return desk.read(query)


def list_entries_of(session: Session, kind: EntryKind, ids: Sequence[int]) -> list[EntryRow]:
    """:func:`list_entries` kept to ``ids``."""
    wanted = set(ids)
    return [row for row in list_entries(session, kind) if row.id in wanted]


# --- Referents ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferentLine:
    """A referent and their caseload (portefeuille), by effective status."""

    id: int
    name: str
    email: str | None
    phone: str | None
    active: bool
    #: Cases waiting for their contracting interview.
    ordered: int
    #: Cases running (phases 1 and 2).
    running: int
    #: Cases in in-job follow-up after a positive exit.
    follow_up: int
    #: Every case ever followed, ended ones included.
    total: int

    @property
    def caseload(self) -> int:
        """What the referent carries today: ordered, running and followed cases."""
        return self.ordered + self.running + self.follow_up


def referent_lines(session: Session, today: date) -> list[ReferentLine]:
    """Every referent, active ones first, by name, with their caseload as of ``today``."""
    status = status_expression(today)
    counted: dict[int, dict[str, int]] = {}
    query = select(Case.referent_id, status, func.count()).group_by(Case.referent_id, status)
    for referent_id, value, count in session.execute(query):
        counted.setdefault(referent_id, {})[value] = count
    lines = []
    for rid, name, email, phone, active in session.execute(
        select(Referent.id, Referent.full_name, Referent.email, Referent.phone, Referent.active)
    ):
        counts = counted.get(rid, {})
        lines.append(
            ReferentLine(
                rid,
                name,
                email,
                phone,
                bool(active),
                ordered=counts.get(CaseStatus.ORDERED.value, 0),
                running=counts.get(CaseStatus.ACTIVE.value, 0),
                follow_up=counts.get(CaseStatus.FOLLOW_UP.value, 0),
                total=sum(counts.values()),
            )
        )
    # By name as a reader sorts them: « Élodie » among the E, not after « Zoé ».
    lines.sort(key=lambda line: (not line.active, fold(line.name), line.id))
    return lines
