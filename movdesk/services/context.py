"""The frame of every user action: one transaction, the audit log, the rules, the news.

A :class:`Desk` is what the windows hold: the session factory, who is working, the
change bus and the clock. ``with desk.action("…") as work:`` opens one unit of work;
when the block ends normally it commits and announces a :class:`~.events.Change`;
on any error nothing is written.

Each :class:`Work` also keeps the rows its action created, changed or deleted, with
their values before and after (:class:`RowChange`); the desk keeps the last committed
action's list (:attr:`Desk.last_undoable`) so that :mod:`.undo` can reverse it.

``with desk.rehearse():`` runs a service as a rehearsal: every check runs as for real,
then the action ends with :class:`Rehearsed` instead of committing, so nothing is
written nor announced. A form uses it to show the rules' refusals together with its own
problems at the first save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, object_session, selectinload, sessionmaker

from ..errors import UserError
from ..models import (
    Action,
    AuditAction,
    Barrier,
    Case,
    CompanyPeriod,
    Employer,
    Interview,
    Referent,
    StatusChange,
    Suspension,
)
from ..rules.lifecycle import status_from_facts, status_since
from ..rules.validation import Problem, validate_case
from ..store.engine import unit_of_work
from ..store.sqlite_file import sqlite_cause
from . import audit
from .errors import NeedsConfirmation, NotFound, ValidationFailed
from .events import Change, ChangeBus

T = TypeVar("T")

#: Everything the rules read about a case, loaded in one go.
CASE_LOAD = (
    selectinload(Case.interviews),
    selectinload(Case.suspensions),
    selectinload(Case.company_periods),
    selectinload(Case.exit),
    selectinload(Case.beneficiary),
    selectinload(Case.referent),
)


#: How a missing row is named to the user, and whether the noun is feminine.
_ROW_NOUNS: dict[type, tuple[str, bool]] = {
    Case: ("Dossier", False),
    Interview: ("Entretien", False),
    Barrier: ("Frein", False),
    Suspension: ("Suspension", True),
    CompanyPeriod: ("Période en entreprise", True),
    Action: ("Action", True),
    Referent: ("Référent", False),
    Employer: ("Entreprise", True),
}


def fetch(session: Session, entity: type[T], row_id: int, *, options: Sequence[Any] = ()) -> T:
    """The row, or :class:`NotFound` in French when another window removed it meanwhile."""
    row = session.get(entity, row_id, options=options)
    if row is None:
        noun, feminine = _ROW_NOUNS.get(entity, ("Élément", False))
        pronoun, ending = ("elle", "e") if feminine else ("il", "")
        raise NotFound(
            f"{noun} introuvable (n° {row_id}) : {pronoun} a peut-être été supprimé{ending}."
        )
    return row


class Rehearsed(Exception):  # noqa: N818 - an outcome, not an error
    """An action run under :meth:`Desk.rehearse` got through every check; it wrote nothing."""


@dataclass(frozen=True)
class RowChange:
    """One row an action created, updated or deleted, as the undo needs it.

    ``before`` and ``after`` are :func:`audit.snapshot` values (JSON): ``before`` is
    None for a creation, ``after`` is None for a deletion.
    """

    action: AuditAction
    entity: type
    row_id: int
    case_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class ActionRecord:
    """What one committed action changed, in the order it was logged."""

    name: str
    rows: tuple[RowChange, ...]


@dataclass
class Desk:
    """The services' view of the program: database, user, change bus, today's date."""

    session_factory: sessionmaker[Session]
    user: str = field(default_factory=audit.current_user)
    bus: ChangeBus = field(default_factory=ChangeBus)
    clock: Callable[[], date] = date.today
    #: The rows changed by the last committed action that wrote anything, for undo.
    last_undoable: ActionRecord | None = field(default=None, init=False, repr=False)
    #: True inside :meth:`rehearse`: actions roll back instead of committing.
    rehearsing: bool = field(default=False, init=False, repr=False)

    def today(self) -> date:
        return self.clock()

    @contextmanager
    def rehearse(self) -> Iterator[None]:
        """Run actions for their checks only: each ends with :class:`Rehearsed`."""
        was, self.rehearsing = self.rehearsing, True
        try:
            yield
        finally:
            self.rehearsing = was

    @contextmanager
    def action(self, name: str) -> Iterator[Work]:
        """One user action, committed as a whole and then announced."""
        try:
            with unit_of_work(self.session_factory) as session:
                work = Work(session, self.user, name)
                yield work
                if self.rehearsing:
                    # Flushed, so the database's own checks ran too; then rolled back.
                    session.flush()
                    raise Rehearsed(name)
        except IntegrityError as error:
            # The rules run first, so this is a race with another window or a bug;
            # either way the user gets words, and nothing was written.
            raise UserError(
                f"{name} : la base de données a refusé l'enregistrement, rien n'a été "
                f"modifié ({error.orig})."
            ) from error
        except DBAPIError as error:
            # A full disk, a lock held too long by another workstation, a read-only file:
            # the transaction was rolled back; say why in the words of the store.
            raise UserError(
                f"{name} : la base de données a refusé l'enregistrement : "
                f"{sqlite_cause(error)}. Rien n'a été modifié."
            ) from error
        if work.rows:
            self.last_undoable = ActionRecord(name, tuple(work.rows))
        elif work.entities:
            # A write the undo cannot reverse (an import): what came before it may have
            # been built upon, so it is no longer offered either.
            self.last_undoable = None
        if work.entities:
            self.bus.announce(
                Change(
                    action=name,
                    entities=frozenset(work.entities),
                    case_ids=frozenset(work.case_ids),
                    kind=work.kind,
                )
            )

    def read(self, fn: Callable[[Session], T]) -> T:
        """Run a read-only query function in a short session."""
        with self.session_factory() as session:
            return fn(session)


@dataclass
class Work:
    """The open transaction of one action, and what it touched."""

    session: Session
    user: str
    name: str
    entities: set[str] = field(default_factory=set)
    case_ids: set[int] = field(default_factory=set)
    kind: AuditAction = AuditAction.UPDATE
    #: Every logged row with its values before and after, for the undo.
    rows: list[RowChange] = field(default_factory=list)

    def get(self, entity: type[T], row_id: int) -> T:
        """The row, or a French error when another window removed it meanwhile."""
        return fetch(self.session, entity, row_id)

    def case(self, case_id: int) -> Case:
        """The case with everything the rules read."""
        return fetch(self.session, Case, case_id, options=CASE_LOAD)

    def log(
        self,
        action: AuditAction,
        obj: Any,
        *,
        case_id: int | None,
        summary: str,
        before: dict[str, Any] | None = None,
    ) -> None:
        """Write the audit entry and remember what to announce."""
        audit.record(
            self.session,
            user=self.user,
            action=action,
            obj=obj,
            case_id=case_id,
            summary=summary,
            before=before,
        )
        self._remember(action, obj, case_id, before)

    def _remember(
        self, action: AuditAction, obj: Any, case_id: int | None, before: dict[str, Any] | None
    ) -> None:
        """Keep the row for the undo, and what to announce."""
        self.rows.append(_row_change(action, obj, case_id, before))
        self.entities.add(audit.entity_name(obj))
        if case_id is not None:
            self.case_ids.add(case_id)
        if action is not AuditAction.UPDATE:
            self.kind = action

    def log_many(
        self, items: list[tuple[AuditAction, Any, int | None, str, dict[str, Any] | None]]
    ) -> None:
        """:meth:`log` for many rows at once, ``(action, obj, case_id, summary, before)``
        each; deleted rows must still be in the session (they are deleted after)."""
        audit.record_many(self.session, user=self.user, items=items)
        for action, obj, case_id, _summary, before in items:
            self._remember(action, obj, case_id, before)

    def sync_status(self, case: Case) -> None:
        """Move the recorded status to what the facts now say, dated and recorded."""
        new = status_from_facts(case)
        if new == case.status:
            return
        case.status_history.append(
            StatusChange(
                from_status=case.status,
                to_status=new,
                effective_date=status_since(case),
                recorded_by=self.user,
            )
        )
        case.status = new


def _row_change(
    action: AuditAction, obj: Any, case_id: int | None, before: dict[str, Any] | None
) -> RowChange:
    """The undo's view of one logged row (the audit entry has just flushed it)."""
    if action is AuditAction.CREATE:
        return RowChange(action, type(obj), obj.id, case_id, None, audit.snapshot(obj))
    if action is AuditAction.DELETE:
        last = before if before is not None else audit.snapshot(obj)
        return RowChange(action, type(obj), obj.id, case_id, last, None)
    now = audit.snapshot(obj)
    return RowChange(action, type(obj), obj.id, case_id, before or now, now)


def guard(case: Case, before: Sequence[Problem], *, accept_warnings: bool) -> list[Problem]:
    """Refuse what a change newly breaks; hold back new warnings until confirmed.

    Problems the case already had before the change (old data, rules that changed) do
    not block an unrelated edit: only what this change adds counts.
    """
    known = set(before)
    session = object_session(case)
    if session is not None:
        # Reading a relationship must not flush half-checked rows into the database.
        with session.no_autoflush:
            now = validate_case(case)
    else:
        now = validate_case(case)
    new = [p for p in now if p not in known]
    errors = [p for p in new if p.is_error]
    if errors:
        raise ValidationFailed(errors)
    warnings = [p for p in new if not p.is_error]
    if warnings and not accept_warnings:
        raise NeedsConfirmation(warnings)
    return warnings
