"""Import of a ``movdesk-cases`` document: all or nothing, inside the caller's transaction.

Steps: check the header (format, version); read each case strictly
(:mod:`.schema`); build transient objects (:mod:`.build`); check them with
:func:`movdesk.rules.validation.validate_case`, plus what only a whole file and the
database can tell (an order number twice, an order number already stored, one
``pe_id`` given to two different people). Every error is collected (up to
:data:`MAX_ERRORS`) and one :class:`~movdesk.errors.UserError` lists them, one line per
error naming the case, the field and the rule. Nothing is added to the session before
every check has passed, so a refused file changes nothing.

Then: referents are found by full name or created; beneficiaries are reused by
``pe_id`` (names and birth date must agree; the stored record is kept as it is);
employers of company periods are found by name or created; each case gets its status
from :func:`movdesk.rules.lifecycle.status_from_facts`, one referent assignment from S,
one status change, and one audit entry naming the source file.

Speed matters (the demo loads 50,000 cases this way): the directories and existing
order numbers are read once into dicts, no query runs per case, cases are checked as
plain records (:mod:`.build`), and rows are written with one bulk insert per table.
The session's identity map is not filled with the new objects: callers query them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, insert, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    AuditEntry,
    Base,
    Beneficiary,
    Case,
    CompanyPeriod,
    Employer,
    Exit,
    Interview,
    Referent,
    ReferentAssignment,
    StatusChange,
    Suspension,
)
from ..models.enums import AuditAction
from ..rules.lifecycle import status_from_facts, status_since
from ..rules.text import text_problem
from ..rules.validation import fr_date, validate_case
from ..rules.validation.order import ORDER_TEXTS
from .build import BuiltCase, Record, build_case, row
from .schema import CASE, FORMAT, VERSION, Reader, quote_value

#: Beyond this many errors the list stops: the file needs fixing at its source anyway.
MAX_ERRORS = 50


@dataclass(frozen=True)
class ImportSummary:
    """What an import added, and the warnings it accepted."""

    cases: int
    referents_created: int = 0
    beneficiaries_created: int = 0
    employers_created: int = 0
    warnings: list[str] = field(default_factory=list)


class _Errors:
    """The error lines of one import, capped at MAX_ERRORS (the rest is only counted)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.count = 0

    def add(self, where: str, path: str, message: str) -> None:
        self.count += 1
        if len(self.lines) < MAX_ERRORS:
            self.lines.append(f"{where}, {path} : {message}" if path else f"{where} : {message}")

    def raise_if_any(self, source: str) -> None:
        if not self.count:
            return
        origin = f" dans {source}" if source else ""
        plural = "s" if self.count > 1 else ""
        head = f"Import refusé, rien n'a été importé : {self.count} erreur{plural}{origin}."
        lines = [head, *(f"- {line}" for line in self.lines)]
        if self.count > len(self.lines):
            lines.append(f"… et {self.count - len(self.lines)} autres erreurs.")
        raise UserError("\n".join(lines))


def _check_header(data: Any, errors: _Errors) -> list[Any]:
    where = "Fichier"
    if not isinstance(data, dict):
        errors.add(
            where,
            "",
            "le document doit être un objet JSON "
            '{"format": "movdesk-cases", "version": 1, "cases": [...]}.',
        )
        return []
    for key in data:
        if key not in ("format", "version", "cases"):
            errors.add(where, key, "clé inconnue ; clés permises ici : format, version, cases.")
    if data.get("format") != FORMAT:
        errors.add(
            where,
            "format",
            f"format {quote_value(data.get('format'))} inconnu ; ce fichier "
            f'doit porter "format": "{FORMAT}".',
        )
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # true is not 1 here
        errors.add(
            where,
            "version",
            f"version {quote_value(version)} non prise en charge ; cette version "
            f"de movdesk lit la version {VERSION}.",
        )
    cases = data.get("cases")
    if not isinstance(cases, list):
        errors.add(where, "cases", "une liste de dossiers est attendue.")
        return []
    return cases


def _label(raw: Any, index: int) -> str:
    """« Dossier LC-… » when the order number is a sound text, else the case's index."""
    number = raw.get("order_number") if isinstance(raw, dict) else None
    if isinstance(number, str) and number.strip() and not text_problem(
        number, max_length=_spec_length("order_number")
    ):
        return f"Dossier {number.strip()}"
    return f"Dossier cases[{index}]"


def _spec_length(key: str) -> int:
    return next(spec.max_length for spec in ORDER_TEXTS if spec.key == key)


def _person(b: Any) -> str:
    born = f", né(e) le {fr_date(b.birth_date)}" if b.birth_date else ""
    return f"{b.last_name.upper()} {b.first_name}{born}"


def _same_person(a: Any, b: Any) -> bool:
    if a.last_name.casefold() != b.last_name.casefold():
        return False
    if a.first_name.casefold() != b.first_name.casefold():
        return False
    return a.birth_date is None or b.birth_date is None or a.birth_date == b.birth_date


def _pairs(session: Session, query: Select[tuple[str, int]]) -> dict[str, int]:
    return {name: key for name, key in session.execute(query)}


class _Directories:
    """Ids of referents, beneficiaries and employers, and the order numbers, read once."""

    def __init__(self, session: Session) -> None:
        self.referents = _pairs(session, select(Referent.full_name, Referent.id))
        self.beneficiaries = {b.pe_id: b for b in session.scalars(select(Beneficiary))}
        self.employers = _pairs(session, select(Employer.name, Employer.id))
        self.order_numbers = set(session.scalars(select(Case.order_number)))


def _insert(session: Session, entity: type[Base], rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one batch; their new ids, in order.

    The ids are given here (after the largest one stored) rather than read back with
    RETURNING, which SQLite can only do row by row when the order must be kept. The
    import runs in one transaction, so a concurrent writer taking the same ids fails
    the whole import cleanly instead of mixing rows.
    """
    if not rows:
        return []
    first = (session.scalar(select(func.max(entity.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    for key, values in zip(ids, rows, strict=True):
        values["id"] = key
    # Core rather than ORM bulk insert: the ORM would fetch server defaults row by row.
    session.execute(insert(entity.__table__), rows)
    return ids


def _add_names(
    session: Session, entity: type[Base], known: dict[str, int], names: set[str], **columns: Any
) -> int:
    """Create the directory entries (referents, employers) not known yet; how many."""
    new = sorted(name for name in names if name not in known)
    key = "full_name" if entity is Referent else "name"
    rows = [row(Record(**{key: name}), entity, **columns) for name in new]
    known.update(zip(new, _insert(session, entity, rows), strict=True))
    return len(new)


def _check_case(
    built: BuiltCase,
    index: int,
    seen: dict[str, int],
    people: dict[str, tuple[str, Any]],
    dirs: _Directories,
    errors: _Errors,
    warnings: list[str],
) -> None:
    """Collect what is wrong with one case, alone and against the file and the database."""
    case = built.case
    where = f"Dossier {case.order_number}"
    if case.order_number in seen:
        errors.add(
            where,
            "order_number",
            f"ce n° de lettre de commande figure deux fois dans "
            f"le fichier (cases[{seen[case.order_number]}] et cases[{index}]).",
        )
    elif case.order_number in dirs.order_numbers:
        errors.add(
            where,
            "order_number",
            "un dossier portant ce n° de lettre de commande existe déjà dans la base.",
        )
    seen.setdefault(case.order_number, index)
    person = case.beneficiary
    known = people.get(person.pe_id)
    if known is None and person.pe_id in dirs.beneficiaries:
        known = ("dans la base", dirs.beneficiaries[person.pe_id])
    if known is not None and not _same_person(known[1], person):
        errors.add(
            where,
            "beneficiary.pe_id",
            f"l'identifiant {person.pe_id} désigne déjà "
            f"{_person(known[1])} ({known[0]}) ; ici {_person(person)}. Un identifiant "
            "France Travail ne désigne qu'une personne.",
        )
    people.setdefault(person.pe_id, (f"dossier {case.order_number}", person))
    for problem in validate_case(case):
        if problem.is_error:
            errors.add(where, problem.field, problem.message)
        else:
            warnings.append(problem.line(case.order_number))


def import_cases(session: Session, data: Any, *, user: str, source: str = "") -> ImportSummary:
    """Import every case of ``data`` into ``session`` (flushed, not committed), or none."""
    errors = _Errors()
    raw_cases = _check_header(data, errors)
    errors.raise_if_any(source)
    dirs = _Directories(session)
    seen: dict[str, int] = {}
    people: dict[str, tuple[str, Any]] = {}
    warnings: list[str] = []
    built_cases: list[BuiltCase] = []
    for index, raw in enumerate(raw_cases):
        reader = Reader()
        parsed = reader.read(raw, CASE, "")
        where = _label(raw, index)
        for path, message in reader.errors:
            errors.add(where, path, message)
        if reader.errors:
            continue
        built, mismatches = build_case(parsed)
        for path, message in mismatches:
            errors.add(where, path, message)
        _check_case(built, index, seen, people, dirs, errors, warnings)
        built_cases.append(built)
    errors.raise_if_any(source)

    return _store(session, built_cases, dirs, user=user, source=source, warnings=warnings)


def _store(
    session: Session,
    built_cases: list[BuiltCase],
    dirs: _Directories,
    *,
    user: str,
    source: str,
    warnings: list[str],
) -> ImportSummary:
    """Write the checked cases with bulk inserts: directories first, then cases, then rows."""
    people = {pe_id: person.id for pe_id, person in dirs.beneficiaries.items()}
    new_people: dict[str, Record] = {}
    for built in built_cases:
        person = built.case.beneficiary
        if person.pe_id not in people:
            new_people.setdefault(person.pe_id, person)
    rows = [row(person, Beneficiary) for person in new_people.values()]
    people.update(zip(new_people, _insert(session, Beneficiary, rows), strict=True))
    referents_created = _add_names(
        session, Referent, dirs.referents, {b.referent_name for b in built_cases}, active=True
    )
    employer_names = {name for b in built_cases for name in b.employer_names if name}
    employers_created = _add_names(session, Employer, dirs.employers, employer_names)

    cases = [built.case for built in built_cases]
    for case in cases:
        case.status = status_from_facts(case)
    case_ids = _insert(
        session,
        Case,
        [
            row(
                built.case,
                Case,
                beneficiary_id=people[built.case.beneficiary.pe_id],
                referent_id=dirs.referents[built.referent_name],
            )
            for built in built_cases
        ],
    )
    origin = f" depuis {source}" if source else ""
    children: dict[type[Base], list[dict[str, Any]]] = {
        entity: []
        for entity in (
            Interview,
            Suspension,
            CompanyPeriod,
            Exit,
            ReferentAssignment,
            StatusChange,
            AuditEntry,
        )
    }
    for built, case_id in zip(built_cases, case_ids, strict=True):
        case = built.case
        children[Interview] += [row(i, Interview, case_id=case_id) for i in case.interviews]
        children[Suspension] += [row(s, Suspension, case_id=case_id) for s in case.suspensions]
        children[CompanyPeriod] += [
            row(p, CompanyPeriod, case_id=case_id, employer_id=dirs.employers.get(name or ""))
            for p, name in zip(case.company_periods, built.employer_names, strict=True)
        ]
        if case.exit is not None:
            children[Exit].append(row(case.exit, Exit, case_id=case_id))
        children[ReferentAssignment].append(
            {
                "case_id": case_id,
                "referent_id": dirs.referents[built.referent_name],
                "start_date": case.start_date,
                "end_date": None,
                "reason": None,
            }
        )
        children[StatusChange].append(
            {
                "case_id": case_id,
                "from_status": None,
                "to_status": case.status,
                "effective_date": status_since(case),
                "recorded_by": user,
            }
        )
        children[AuditEntry].append(
            {
                "user": user,
                "action": AuditAction.CREATE,
                "entity": "case",
                "entity_id": case_id,
                "case_id": case_id,
                "summary": f"Dossier {case.order_number} importé{origin}"[:500],
                "changes": {"status": [None, case.status.value]},
            }
        )
    for entity, rows in children.items():
        if rows:
            session.execute(insert(entity.__table__), rows)
    return ImportSummary(
        cases=len(case_ids),
        referents_created=referents_created,
        beneficiaries_created=len(new_people),
        employers_created=employers_created,
        warnings=warnings,
    )
