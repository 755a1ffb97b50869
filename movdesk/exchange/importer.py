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
order numbers are read once into dicts, and no query runs per case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    AuditEntry,
    Beneficiary,
    Case,
    Employer,
    Referent,
    ReferentAssignment,
    StatusChange,
)
from ..models.enums import AuditAction
from ..rules.lifecycle import status_from_facts, status_since
from ..rules.validation import fr_date, validate_case
from .build import BuiltCase, build_case
from .schema import CASE, FORMAT, VERSION, Reader

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
            f"format « {data.get('format')} » inconnu ; ce fichier "
            f'doit porter "format": "{FORMAT}".',
        )
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # true is not 1 here
        errors.add(
            where,
            "version",
            f"version {version} non prise en charge ; cette version "
            f"de movdesk lit la version {VERSION}.",
        )
    cases = data.get("cases")
    if not isinstance(cases, list):
        errors.add(where, "cases", "une liste de dossiers est attendue.")
        return []
    return cases


def _label(raw: Any, index: int) -> str:
    number = raw.get("order_number") if isinstance(raw, dict) else None
    if isinstance(number, str) and number.strip():
        return f"Dossier {number.strip()}"
    return f"Dossier cases[{index}]"


def _person(b: Beneficiary) -> str:
    born = f", né(e) le {fr_date(b.birth_date)}" if b.birth_date else ""
    return f"{b.last_name.upper()} {b.first_name}{born}"


def _same_person(a: Beneficiary, b: Beneficiary) -> bool:
    if a.last_name.casefold() != b.last_name.casefold():
        return False
    if a.first_name.casefold() != b.first_name.casefold():
        return False
    return a.birth_date is None or b.birth_date is None or a.birth_date == b.birth_date


class _Directories:
    """Referents, beneficiaries, employers and order numbers, read once."""

    def __init__(self, session: Session) -> None:
        self.referents = {r.full_name: r for r in session.scalars(select(Referent))}
        self.beneficiaries = {b.pe_id: b for b in session.scalars(select(Beneficiary))}
        self.employers = {e.name: e for e in session.scalars(select(Employer))}
        self.order_numbers = set(session.scalars(select(Case.order_number)))
        self.created = {"referents": 0, "beneficiaries": 0, "employers": 0}

    def referent(self, name: str) -> Referent:
        if name not in self.referents:
            self.referents[name] = Referent(full_name=name)
            self.created["referents"] += 1
        return self.referents[name]

    def employer(self, name: str) -> Employer:
        if name not in self.employers:
            self.employers[name] = Employer(name=name)
            self.created["employers"] += 1
        return self.employers[name]


def _check_case(
    built: BuiltCase,
    index: int,
    seen: dict[str, int],
    people: dict[str, tuple[str, Beneficiary]],
    dirs: _Directories,
    errors: _Errors,
    warnings: list[str],
) -> None:
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
    people.setdefault(person.pe_id, (where.replace("Dossier", "dossier"), person))
    for problem in validate_case(case):
        if problem.is_error:
            errors.add(where, problem.field, problem.message)
        else:
            warnings.append(problem.line(case.order_number))


def _link(built: BuiltCase, dirs: _Directories, people: dict[str, Beneficiary], user: str) -> Case:
    """Attach the checked case to stored or new directory entries; record its status."""
    case = built.case
    pe_id = case.beneficiary.pe_id
    stored = dirs.beneficiaries.get(pe_id) or people.get(pe_id)
    if stored is None:
        people[pe_id] = case.beneficiary
        dirs.created["beneficiaries"] += 1
    else:
        case.beneficiary = stored
    case.referent = dirs.referent(built.referent_name)
    for period, name in zip(case.company_periods, built.employer_names, strict=True):
        if name:
            period.employer = dirs.employer(name)
    case.status = status_from_facts(case)
    case.referent_history = [ReferentAssignment(referent=case.referent, start_date=case.start_date)]
    case.status_history = [
        StatusChange(
            from_status=None,
            to_status=case.status,
            effective_date=status_since(case),
            recorded_by=user,
        )
    ]
    return case


def import_cases(session: Session, data: Any, *, user: str, source: str = "") -> ImportSummary:
    """Import every case of ``data`` into ``session`` (flushed, not committed), or none."""
    errors = _Errors()
    raw_cases = _check_header(data, errors)
    errors.raise_if_any(source)
    dirs = _Directories(session)
    seen: dict[str, int] = {}
    people: dict[str, tuple[str, Beneficiary]] = {}
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

    new_people: dict[str, Beneficiary] = {}
    cases = [_link(built, dirs, new_people, user) for built in built_cases]
    session.add_all(cases)
    session.flush()
    origin = f" depuis {source}" if source else ""
    if cases:
        session.execute(
            insert(AuditEntry),
            [
                {
                    "user": user,
                    "action": AuditAction.CREATE,
                    "entity": "case",
                    "entity_id": case.id,
                    "case_id": case.id,
                    "summary": f"Dossier {case.order_number} importé{origin}"[:500],
                    "changes": {"status": [None, case.status.value]},
                }
                for case in cases
            ],
        )
    return ImportSummary(
        cases=len(cases),
        referents_created=dirs.created["referents"],
        beneficiaries_created=dirs.created["beneficiaries"],
        employers_created=dirs.created["employers"],
        warnings=warnings,
    )
