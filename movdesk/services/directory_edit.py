"""Writing the directory: entries checked on entry, duplicates, contacts, merges.

**Duplicates** (decision): two entries of one kind are the same when they have the same
SIRET, or the same name and the same town with accents, case, spacing and punctuation
ignored (« Boulangerie Petit » in « Villeneuve-d'Ascq » and « BOULANGERIE-PETIT » in
« villeneuve d’ascq cedex »; :func:`~.directory.name_key`, :func:`~.directory.town_key`). Two
entries whose SIRETs are both known and differ are two establishments, whatever their
names. :func:`find_duplicates` lists them while the form is typed; :func:`save_entry`
refuses to create or rename into one (:class:`DuplicateFound`, with the existing
entries so that the form offers to use one). A same name and town may still be saved
after confirmation (``allow_same_name``); a same SIRET never: one establishment, one
entry — merge them instead.

**Merge** (:func:`merge_entries`): every link of the absorbed entry (company periods,
hires, interviews, barriers, action-plan steps, contacts) moves to the kept one, its
empty fields are filled from the absorbed one, its main contact joins the kept entry's
contacts when it differs, and the absorbed entry is deleted. Each moved row is written
in the audit log with its case, so the merge shows in every case history it touched,
and Ctrl+Z takes the whole merge back while nothing changed since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..errors import UserError
from ..models import (
    Action,
    AuditAction,
    Barrier,
    CompanyPeriod,
    DeadlineSchedule,
    DirectoryContact,
    Employer,
    Exit,
    Interview,
    Partner,
    PartnerKind,
)
from ..rules.validation import Problem, fr_date
from ..rules.validation.common import TextField, multiline_field, text_problems
from . import audit
from .context import Desk, Work
from .directory import EntryKind, entry_label, name_key, town_key
from .errors import ValidationFailed
from .office import normalise_siret, siret_problem
from .summary import fold

_POSTCODE = re.compile(r"^\d{5}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

#: The names of the directory actions (the undo takes them back, :mod:`.undo`).
ADD_ENTRY = {
    EntryKind.EMPLOYER: "Ajouter une entreprise",
    EntryKind.PARTNER: "Ajouter un partenaire",
}
EDIT_ENTRY = {
    EntryKind.EMPLOYER: "Modifier une entreprise",
    EntryKind.PARTNER: "Modifier un partenaire",
}
DELETE_ENTRY = {
    EntryKind.EMPLOYER: "Supprimer une entreprise",
    EntryKind.PARTNER: "Supprimer un partenaire",
}
MERGE_ENTRIES = "Fusionner deux entrées de l'annuaire"
ADD_CONTACT = "Ajouter un contact"
EDIT_CONTACT = "Modifier un contact"
DELETE_CONTACT = "Supprimer un contact"


@dataclass(frozen=True)
class EntryInput:
    """An employer or a partner as the form collects it."""

    name: str
    town: str | None = None
    postcode: str | None = None
    address: str | None = None
    siret: str | None = None
    #: Employers only.
    sector: str | None = None
    #: Partners only.
    partner_kind: PartnerKind | None = None
    contact_name: str | None = None
    phone: str | None = None
    email: str | None = None
    notes: str | None = None

    def cleaned(self) -> EntryInput:
        """Spaces tidied, empty texts as None, the SIRET as digits only."""

        def line(value: str | None) -> str | None:
            return " ".join((value or "").split()) or None

        def text(value: str | None) -> str | None:
            return (value or "").strip() or None

        return replace(
            self,
            name=line(self.name) or "",
            town=line(self.town),
            postcode=line(self.postcode),
            address=text(self.address),
            siret=normalise_siret(self.siret or "") or None,
            sector=line(self.sector),
            contact_name=line(self.contact_name),
            phone=line(self.phone),
            email=line(self.email),
            notes=text(self.notes),
        )


#: What an entry's texts may hold (control characters and absurd lengths refused).
ENTRY_TEXTS = (
    TextField("name", "le nom", 200),
    TextField("town", "la ville", 100),
    TextField("postcode", "le code postal", 10),
    multiline_field("address", "l'adresse"),
    TextField("sector", "le secteur", 200),
    TextField("contact_name", "le contact", 200),
    TextField("phone", "le téléphone", 40),
    TextField("email", "le courriel", 200),
    multiline_field("notes", "les notes"),
)
CONTACT_TEXTS = (
    TextField("name", "le nom du contact", 200),
    TextField("role", "la fonction", 200),
    TextField("phone", "le téléphone", 40),
    TextField("email", "le courriel", 200),
)


def check_entry(values: EntryInput) -> list[Problem]:
    """What is wrong with an entry as typed (``values`` cleaned), each naming its field."""
    problems: list[Problem] = []
    if not values.name:
        problems.append(Problem("name", "le nom est obligatoire."))
    if values.siret is not None and (problem := siret_problem(values.siret)) is not None:
        problems.append(problem)
    if values.postcode is not None and not _POSTCODE.match(values.postcode):
        problems.append(
            Problem("postcode", f"le code postal compte 5 chiffres (ici « {values.postcode} »).")
        )
    if values.email is not None and not _EMAIL.match(values.email):
        problems.append(
            Problem("email", f"l'adresse « {values.email} » n'est pas une adresse de courriel.")
        )
    known = {p.field for p in problems}
    problems += [p for p in text_problems(values, "", ENTRY_TEXTS) if p.field not in known]
    return problems


# --- Duplicates -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Duplicate:
    """An existing entry that looks like the one being typed, and why."""

    id: int
    label: str
    siret: str | None
    #: ``same SIRET`` or ``same name and town``, in French.
    reason: str
    same_siret: bool


class DuplicateFound(UserError):
    """Saving would make a duplicate; ``duplicates`` are the existing entries."""

    def __init__(self, kind: EntryKind, duplicates: list[Duplicate]) -> None:
        self.kind = kind
        self.duplicates = duplicates
        listed = " ; ".join(f"{d.label} ({d.reason})" for d in duplicates)
        blocking = any(d.same_siret for d in duplicates)
        advice = (
            "Utilisez l'entrée existante, ou fusionnez-les dans l'annuaire."
            if blocking
            else "Utilisez l'entrée existante, ou confirmez qu'il s'agit d'une autre."
        )
        super().__init__(
            f"{kind.this.capitalize()} existe déjà dans l'annuaire : {listed}. {advice}",
            field="siret" if blocking else "name",
        )

    @property
    def blocking(self) -> bool:
        """A same-SIRET entry exists: the new one may not be saved at all."""
        return any(d.same_siret for d in self.duplicates)


def _duplicates_in(
    rows: Any, kind: EntryKind, values: EntryInput, ignore_id: int | None
) -> list[Duplicate]:
    name = name_key(values.name)
    town = town_key(values.town)
    found = []
    for row_id, row_name, row_town, siret in rows:
        if row_id == ignore_id:
            continue
        if values.siret and siret == values.siret:
            label = entry_label(row_name, row_town)
            found.append(Duplicate(row_id, label, siret, "même SIRET", True))
        elif (
            name
            and name_key(row_name) == name
            and town_key(row_town) == town
            and not (values.siret and siret and siret != values.siret)
        ):
            label = entry_label(row_name, row_town)
            reason = "même nom et même ville" if town else "même nom, sans ville"
            found.append(Duplicate(row_id, label, siret, reason, False))
    return found


def find_duplicates(
    desk: Desk, kind: EntryKind, values: EntryInput, *, ignore_id: int | None = None
) -> list[Duplicate]:
    """The existing entries that ``values`` would duplicate (module notes)."""
    cleaned = values.cleaned()
    if not cleaned.name and not cleaned.siret:
        return []
    entity = kind.entity
    query = select(entity.id, entity.name, entity.town, entity.siret)
    return desk.read(
        lambda session: _duplicates_in(session.execute(query), kind, cleaned, ignore_id)
    )


# --- Entries -------------------------------------------------------------------------------


def _apply(row: Employer | Partner, kind: EntryKind, values: EntryInput) -> None:
    row.name = values.name
    row.town, row.postcode, row.address = values.town, values.postcode, values.address
    row.siret = values.siret
    row.contact_name, row.phone, row.email = values.contact_name, values.phone, values.email
    row.notes = values.notes
    if isinstance(row, Employer):
        row.sector = values.sector
    else:
        row.kind = values.partner_kind or PartnerKind.OTHER


def _forget_schedules(work: Work, partner_id: int) -> None:
    """A partner's name is in the labels of its follow-ups: work them out again."""
    cases = select(Barrier.case_id).where(Barrier.partner_id == partner_id)
    work.session.execute(delete(DeadlineSchedule).where(DeadlineSchedule.case_id.in_(cases)))


def save_entry(
    desk: Desk,
    kind: EntryKind,
    values: EntryInput,
    *,
    entry_id: int | None = None,
    allow_same_name: bool = False,
) -> int:
    """Create (``entry_id`` None) or correct an entry; returns its id.

    Refuses what :func:`check_entry` finds, and a duplicate (:class:`DuplicateFound`)
    unless it is only a same name and town and ``allow_same_name`` is given.
    """
    cleaned = values.cleaned()
    problems = check_entry(cleaned)
    if problems:
        raise ValidationFailed(problems)
    entity = kind.entity
    name = ADD_ENTRY[kind] if entry_id is None else EDIT_ENTRY[kind]
    with desk.action(name) as work:
        rows = work.session.execute(select(entity.id, entity.name, entity.town, entity.siret))
        duplicates = _duplicates_in(rows, kind, cleaned, entry_id)
        if duplicates and (not allow_same_name or any(d.same_siret for d in duplicates)):
            raise DuplicateFound(kind, duplicates)
        if entry_id is None:
            row: Any = entity()
            _apply(row, kind, cleaned)
            work.session.add(row)
            work.log(
                AuditAction.CREATE,
                row,
                case_id=None,
                summary=f"{kind.noun.capitalize()} « {entry_label(row.name, row.town)} »",
            )
            return int(row.id)
        row = work.get(entity, entry_id)
        before = audit.snapshot(row)
        renamed = row.name != cleaned.name
        _apply(row, kind, cleaned)
        if renamed and kind is EntryKind.PARTNER:
            _forget_schedules(work, entry_id)
        work.log(
            AuditAction.UPDATE,
            row,
            case_id=None,
            before=before,
            summary=f"{kind.noun.capitalize()} « {entry_label(row.name, row.town)} »",
        )
        return entry_id


def _links(kind: EntryKind) -> list[tuple[type, Any]]:
    """Every (entity, column) that points at an entry of ``kind``."""
    if kind is EntryKind.EMPLOYER:
        return [
            (CompanyPeriod, CompanyPeriod.employer_id),
            (Exit, Exit.employment_employer_id),
            (Interview, Interview.employer_id),
            (DirectoryContact, DirectoryContact.employer_id),
        ]
    return [
        (Barrier, Barrier.partner_id),
        (Action, Action.partner_id),
        (Interview, Interview.partner_id),
        (DirectoryContact, DirectoryContact.partner_id),
    ]


def delete_entry(desk: Desk, kind: EntryKind, entry_id: int) -> None:
    """Remove an entry nothing refers to; one in use is merged instead (French refusal)."""
    with desk.action(DELETE_ENTRY[kind]) as work:
        row: Any = work.get(kind.entity, entry_id)
        for entity, column in _links(kind)[:-1]:
            if work.session.scalar(select(entity.id).where(column == entry_id).limit(1)):
                raise UserError(
                    f"« {entry_label(row.name, row.town)} » est cité dans des dossiers : "
                    "elle ne peut pas être supprimée. Pour un doublon, fusionnez les deux "
                    "entrées ; les dossiers garderont leur lien."
                    if kind is EntryKind.EMPLOYER
                    else f"« {entry_label(row.name, row.town)} » est cité dans des dossiers : "
                    "il ne peut pas être supprimé. Pour un doublon, fusionnez les deux "
                    "entrées ; les dossiers garderont leur lien."
                )
        owner = _links(kind)[-1][1]
        for contact in work.session.scalars(select(DirectoryContact).where(owner == entry_id)):
            work.log(AuditAction.DELETE, contact, case_id=None, summary=f"Contact {contact.name}")
            work.session.delete(contact)
        work.session.flush()
        work.log(
            AuditAction.DELETE,
            row,
            case_id=None,
            summary=f"{kind.noun.capitalize()} « {entry_label(row.name, row.town)} » supprimée"
            if kind is EntryKind.EMPLOYER
            else f"Partenaire « {entry_label(row.name, row.town)} » supprimé",
        )
        work.session.delete(row)


# --- Contacts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    name: str
    role: str | None = None
    phone: str | None = None
    email: str | None = None


def _check_contact(values: ContactInput) -> ContactInput:
    def line(value: str | None) -> str | None:
        return " ".join((value or "").split()) or None

    cleaned = ContactInput(
        line(values.name) or "", line(values.role), line(values.phone), line(values.email)
    )
    problems = []
    if not cleaned.name:
        problems.append(Problem("contact.name", "le nom du contact est obligatoire."))
    if cleaned.email is not None and not _EMAIL.match(cleaned.email):
        problems.append(
            Problem(
                "contact.email", f"l'adresse « {cleaned.email} » n'est pas une adresse de courriel."
            )
        )
    known = {p.field for p in problems}
    problems += [
        p for p in text_problems(cleaned, "contact.", CONTACT_TEXTS) if p.field not in known
    ]
    if problems:
        raise ValidationFailed(problems)
    return cleaned


def save_contact(
    desk: Desk,
    kind: EntryKind,
    entry_id: int,
    values: ContactInput,
    *,
    contact_id: int | None = None,
) -> int:
    """Add a contact to an entry, or correct one (``contact_id``); returns its id."""
    cleaned = _check_contact(values)
    with desk.action(ADD_CONTACT if contact_id is None else EDIT_CONTACT) as work:
        owner: Any = work.get(kind.entity, entry_id)
        if contact_id is None:
            contact = DirectoryContact(name=cleaned.name)
            if kind is EntryKind.EMPLOYER:
                contact.employer_id = owner.id
            else:
                contact.partner_id = owner.id
            before = None
            work.session.add(contact)
        else:
            contact = work.get(DirectoryContact, contact_id)
            before = audit.snapshot(contact)
        contact.name, contact.role = cleaned.name or "", cleaned.role
        contact.phone, contact.email = cleaned.phone, cleaned.email
        work.log(
            AuditAction.CREATE if before is None else AuditAction.UPDATE,
            contact,
            case_id=None,
            before=before,
            summary=f"Contact {contact.name} ({entry_label(owner.name, owner.town)})",
        )
        return int(contact.id)


def delete_contact(desk: Desk, contact_id: int) -> None:
    with desk.action(DELETE_CONTACT) as work:
        contact = work.get(DirectoryContact, contact_id)
        work.log(AuditAction.DELETE, contact, case_id=None, summary=f"Contact {contact.name}")
        work.session.delete(contact)


# --- Merge ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    #: Rows whose link moved to the kept entry, by what they are.
    moved: dict[str, int]


_MOVED_NAMES = {
    CompanyPeriod: "périodes en entreprise",
    Exit: "embauches",
    Interview: "entretiens",
    DirectoryContact: "contacts",
    Barrier: "freins",
    Action: "actions",
}
_FILLED = ("town", "postcode", "address", "siret", "contact_name", "phone", "email")


def merge_size(session: Session, kind: EntryKind, absorbed_id: int) -> int:
    """The rows merging ``absorbed_id`` away would write at most: its links, the kept
    entry, the contact it may gain, the absorbed entry. Above
    :data:`movdesk.services.undo.MAX_UNDO_ROWS` Ctrl+Z does not take the merge back."""
    links = sum(
        session.scalar(select(func.count()).select_from(linked).where(column == absorbed_id)) or 0
        for linked, column in _links(kind)
    )
    return links + 3


def merge_entries(
    desk: Desk, kind: EntryKind, keep_id: int, absorbed_id: int, *, today: date | None = None
) -> MergeResult:
    """Merge ``absorbed_id`` into ``keep_id`` (module notes); returns what moved."""
    if keep_id == absorbed_id:
        raise ValidationFailed([Problem("merge", "choisissez deux entrées différentes.")])
    day = today or desk.today()
    with desk.action(MERGE_ENTRIES) as work:
        entity = kind.entity
        kept: Any = work.get(entity, keep_id)
        absorbed: Any = work.get(entity, absorbed_id)
        if kept.siret and absorbed.siret and kept.siret != absorbed.siret:
            raise ValidationFailed(
                [
                    Problem(
                        "merge",
                        f"« {entry_label(kept.name, kept.town)} » (SIRET {kept.siret}) et "
                        f"« {entry_label(absorbed.name, absorbed.town)} » (SIRET {absorbed.siret}) "
                        "sont deux établissements différents : ils ne peuvent pas être fusionnés.",
                    )
                ]
            )
        summary = (
            f"Fusion : « {entry_label(absorbed.name, absorbed.town)} » rejoint "
            f"« {entry_label(kept.name, kept.town)} »"
        )
        moved: dict[str, int] = {}
        for linked, column in _links(kind):
            rows = work.session.scalars(select(linked).where(column == absorbed_id)).all()
            for row in rows:
                before = audit.snapshot(row)
                setattr(row, column.key, keep_id)
                work.log(
                    AuditAction.UPDATE,
                    row,
                    case_id=getattr(row, "case_id", None),
                    summary=summary,
                    before=before,
                )
            if rows:
                moved[_MOVED_NAMES[linked]] = len(rows)
        before = audit.snapshot(kept)
        for field in _FILLED + (("sector",) if kind is EntryKind.EMPLOYER else ()):
            if not getattr(kept, field) and getattr(absorbed, field):
                setattr(kept, field, getattr(absorbed, field))
        note = (
            f"Fusionnée le {fr_date(day)} avec « {entry_label(absorbed.name, absorbed.town)} »"
            if kind is EntryKind.EMPLOYER
            else f"Fusionné le {fr_date(day)} avec « {entry_label(absorbed.name, absorbed.town)} »"
        )
        notes = [n for n in (kept.notes, absorbed.notes, note) if n]
        kept.notes = "\n".join(notes)
        if absorbed.contact_name and fold(absorbed.contact_name) != fold(kept.contact_name or ""):
            contact = DirectoryContact(
                name=absorbed.contact_name, phone=absorbed.phone, email=absorbed.email
            )
            if kind is EntryKind.EMPLOYER:
                contact.employer_id = keep_id
            else:
                contact.partner_id = keep_id
            work.session.add(contact)
            work.log(AuditAction.CREATE, contact, case_id=None, summary=summary)
        work.log(AuditAction.UPDATE, kept, case_id=None, summary=summary, before=before)
        work.session.flush()
        work.log(AuditAction.DELETE, absorbed, case_id=None, summary=summary)
        work.session.delete(absorbed)
        return MergeResult(keep_id, moved)
