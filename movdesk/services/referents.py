"""The office's referents (référents dédiés) after the first run: add, rename, deactivate.

Paramètres › Référents manages them until the directory (Annuaire) takes over; the
first-run assistant adds them through the same rule.

Decisions:

* A referent is named by a first and a last name (« Claire Martin »): at least two
  words, so that documents and lists never show a bare first name.
* Names are unique, whatever the case and the spaces.
* A referent is never deleted: a referent who leaves is *deactivated*. Their cases and
  the history stay theirs (a case changes hands only through « Changer de référent »),
  and they leave the choice lists of new orders and changes of referent; the case
  list's filter still offers them, marked « (inactif) ». Reactivating brings them back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..models import AuditAction, Case, CaseStatus, Referent
from ..rules.validation import Problem
from . import audit
from .context import Desk
from .errors import ValidationFailed
from .summary import fold

#: The statuses of a case that is not over (a referent still follows it).
OPEN_STATUSES = (CaseStatus.ORDERED, CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)
NAME_EXAMPLE = "ex. Claire Martin"


@dataclass(frozen=True)
class ReferentRow:
    """A referent as Paramètres lists them."""

    id: int
    full_name: str
    active: bool
    #: Cases not over (ordered, active, in follow-up) that the referent follows now.
    open_cases: int
    #: Every case the referent follows now.
    cases: int


def tidy_name(raw: str) -> str:
    """« claire   Martin » → « claire Martin »: the spaces only; the case as typed."""
    return " ".join(raw.split())


def name_problems(name: str, taken: set[str], *, field: str = "full_name") -> list[Problem]:
    """A first and a last name, not already used (``taken``: names, any case)."""
    if not name:
        return [
            Problem(field, f"le prénom et le nom du référent sont obligatoires ({NAME_EXAMPLE}).")
        ]
    if len(name.split()) < 2:
        return [
            Problem(
                field,
                f"« {name} » : indiquez le prénom et le nom du référent ({NAME_EXAMPLE}).",
            )
        ]
    if name.casefold() in {t.casefold() for t in taken}:
        return [Problem(field, f"un référent « {name} » existe déjà.")]
    return []


def _taken(session: Session, except_id: int | None = None) -> set[str]:
    query = select(Referent.full_name)
    if except_id is not None:
        query = query.where(Referent.id != except_id)
    return set(session.scalars(query))


def referent_rows(desk: Desk) -> list[ReferentRow]:
    """Every referent, active ones first, by name, with the cases they follow."""

    def query(session: Session) -> list[ReferentRow]:
        open_count = func.sum(case((Case.status.in_(OPEN_STATUSES), 1), else_=0))
        counts = dict(
            (rid, (total, opened or 0))
            for rid, total, opened in session.execute(
                select(Case.referent_id, func.count(Case.id), open_count).group_by(
                    Case.referent_id
                )
            )
        )
        rows = session.execute(select(Referent.id, Referent.full_name, Referent.active))
        listed = [
            ReferentRow(rid, name, active, counts.get(rid, (0, 0))[1], counts.get(rid, (0, 0))[0])
            for rid, name, active in rows
        ]
        # In French order: « Élodie » among the E, not after « Thomas ».
        return sorted(listed, key=lambda r: (not r.active, fold(r.full_name)))

    return desk.read(query)


def add_referent(
    desk: Desk, full_name: str, *, email: str | None = None, phone: str | None = None
) -> int:
    """A new referent, active; refused without a first and a last name, or twice."""
    name = tidy_name(full_name)
    with desk.action("Ajouter un référent") as work:
        problems = name_problems(name, _taken(work.session))
        if problems:
            raise ValidationFailed(problems)
        referent = Referent(full_name=name, email=email or None, phone=phone or None)
        work.session.add(referent)
        work.log(AuditAction.CREATE, referent, case_id=None, summary=f"Référent {name}")
        return referent.id


def rename_referent(desk: Desk, referent_id: int, full_name: str) -> None:
    """Correct a referent's name (everything they follow shows the new one)."""
    name = tidy_name(full_name)
    with desk.action("Renommer un référent") as work:
        referent = work.get(Referent, referent_id)
        problems = name_problems(name, _taken(work.session, except_id=referent_id))
        if problems:
            raise ValidationFailed(problems)
        before = audit.snapshot(referent)
        old = referent.full_name
        referent.full_name = name
        work.log(
            AuditAction.UPDATE,
            referent,
            case_id=None,
            summary=f"Référent {old} renommé {name}",
            before=before,
        )
        # The case list shows the referent's name: their cases are read again.
        work.case_ids.update(
            work.session.scalars(select(Case.id).where(Case.referent_id == referent_id))
        )


def set_referent_active(desk: Desk, referent_id: int, active: bool) -> None:
    """Deactivate a referent who left (module notes), or bring one back."""
    name = "Réactiver un référent" if active else "Désactiver un référent"
    with desk.action(name) as work:
        referent = work.get(Referent, referent_id)
        if referent.active == active:
            return
        before = audit.snapshot(referent)
        referent.active = active
        state = "réactivé" if active else "désactivé"
        work.log(
            AuditAction.UPDATE,
            referent,
            case_id=None,
            summary=f"Référent {referent.full_name} {state}",
            before=before,
        )


__all__ = [
    "ReferentRow",
    "add_referent",
    "name_problems",
    "referent_rows",
    "rename_referent",
    "set_referent_active",
]
