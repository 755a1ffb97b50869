"""Undo the last change (Édition › Annuler): reverse the rows of the last action.

Every :class:`~.context.Work` keeps the rows its action logged, with their values
before and after (:class:`~.context.RowChange`), and the desk keeps the last committed
action's list. :func:`undo_last` reverses it in one new action, audited as
« Annulation : <action> »: created rows are deleted, changed rows get their columns
back, deleted rows come back with the same id. It refuses, in French, when the rows
changed since (another window, another referent) rather than overwrite that work.

Decisions:

* Only the actions of :data:`UNDOABLE_ACTIONS` are undone: the case actions of
  ``orders``, ``milestones`` and ``rows``, the supporting documents ticked and the
  invoicing marks of ``checklist`` and ``invoicing``, and the directory's
  (``directory_edit``). Settings, imports and the like are not; they are re-done
  through their own screens.
* The recorded status of a case is not copied back: the status is re-synchronised from
  the facts, so the status history gains a dated line instead of losing one.
* Undoing an order registration deletes the case while nothing was added to it since;
  its beneficiary goes with it only when it has no other case (a beneficiary reused
  from an earlier order stays, untouched, since the order did not change it).
* Undoing a change of referent also takes back the new line of the referent history
  and reopens the previous one.
* An employer created on the fly by a company period stays in the directory.
* An action that wrote more than :data:`MAX_UNDO_ROWS` rows (a month's invoice of a
  very large office) is not offered: taking it back row by row would hold the window
  for many seconds. Such actions have their own reverse (« Annuler la facture »,
  « Annuler le paiement »), which works on any number of tranches at once.
* Rows the action deleted come back before the rows it changed are set back, so that
  undoing a merge of two directory entries restores the absorbed entry first, then
  points its periods, hires, barriers… at it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import Enum as SqlEnum
from sqlalchemy import select

from ..errors import UserError
from ..models import AuditAction, Case
from . import audit
from .context import ActionRecord, Desk, RowChange, Work

#: The actions whose last occurrence Ctrl+Z can take back.
UNDOABLE_ACTIONS = frozenset(
    {
        # orders
        "Ajouter un référent",
        "Renommer un référent",
        "Désactiver un référent",
        "Réactiver un référent",
        "Enregistrer une lettre de commande",
        "Changer de référent",
        "Modifier le bénéficiaire",
        "Modifier la commande",
        # milestones
        "Enregistrer l'entretien de contractualisation",
        "Copie du contrat envoyée à France Travail",
        "Non-signature signalée à France Travail",
        "Bilan intermédiaire envoyé",
        "Bilan final envoyé",
        "Interruption signalée à France Travail",
        "Passer en phase 2",
        "Enregistrer les obligations en ligne",
        "Envisager un renouvellement",
        "Enregistrer la décision de renouvellement",
        "Enregistrer la sortie",
        "Annuler la sortie",
        "Enregistrer le maintien à 3 mois",
        # rows
        "Enregistrer un entretien",
        "Modifier un entretien",
        "Supprimer un entretien",
        "Ajouter une suspension",
        "Modifier une suspension",
        "Supprimer une suspension",
        "Ajouter une période en entreprise",
        "Modifier une période en entreprise",
        "Évaluer une période en entreprise",
        "Supprimer une période en entreprise",
        "Ajouter un frein",
        "Modifier un frein",
        "Ajouter une action",
        "Modifier une action",
        "Ajouter une piste professionnelle",
        # directory (services.directory_edit)
        "Ajouter une entreprise",
        "Modifier une entreprise",
        "Supprimer une entreprise",
        "Ajouter un partenaire",
        "Modifier un partenaire",
        "Supprimer un partenaire",
        "Ajouter un contact",
        "Modifier un contact",
        "Supprimer un contact",
        "Fusionner deux entrées de l'annuaire",
        # documents (printing itself is not undone: the paper exists)
        "Marquer un document signé",
        "Marquer un document envoyé",
        "Joindre une copie signée",
        "Retirer une copie jointe",
        "Enregistrer le texte d'un bilan",
        # payments (checklist and invoicing)
        "Pièce justificative reçue",
        "Réception d'une pièce effacée",
        "Facturer des tranches",
        "Enregistrer un paiement",
        "Annuler une facturation",
        "Annuler un paiement",
        # agenda
        "Déplacer un rendez-vous",
        "Planifier des rendez-vous",
    }
)

UNDO_PREFIX = "Annulation : "
#: Actions that wrote more rows than this are not taken back by Ctrl+Z (module notes).
MAX_UNDO_ROWS = 1000
NOTHING_TO_UNDO = "Rien à annuler : aucune modification n'a été enregistrée depuis l'ouverture."
STALE = (
    "Impossible d'annuler « {name} » : ces données ont été modifiées depuis "
    "(dans une autre fenêtre ou par un autre poste). Corrigez-les directement."
)
#: Children whose presence means a case was worked on after its order was registered.
_CASE_WORK = (
    "interviews", "suspensions", "company_periods", "barriers", "actions", "job_targets",
    "documents", "tranches",
)  # fmt: skip


@dataclass(frozen=True)
class _Net:
    """The net effect of one action on one row: how it started and how it ended."""

    entity: type
    row_id: int
    case_id: int | None
    created: bool
    deleted: bool
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def undo_label(desk: Desk) -> str | None:
    """The name of the action Ctrl+Z would take back, or None when there is none."""
    record = desk.last_undoable
    if record is None or record.name not in UNDOABLE_ACTIONS or len(record.rows) > MAX_UNDO_ROWS:
        return None
    return record.name


def _net_changes(rows: tuple[RowChange, ...]) -> list[_Net]:
    """One entry per row touched, in first-touch order (a row may be logged twice)."""
    grouped: dict[tuple[type, int], list[RowChange]] = {}
    for change in rows:
        grouped.setdefault((change.entity, change.row_id), []).append(change)
    out = []
    for (entity, row_id), changes in grouped.items():
        first, last = changes[0], changes[-1]
        out.append(
            _Net(
                entity,
                row_id,
                first.case_id,
                created=first.action is AuditAction.CREATE,
                deleted=last.action is AuditAction.DELETE,
                before=first.before,
                after=last.after,
            )
        )
    return out


def _from_json(entity: type, values: dict[str, Any]) -> dict[str, Any]:
    """Snapshot values back to Python: dates, times and enum members from their text."""
    out: dict[str, Any] = {}
    for attr in entity.__mapper__.column_attrs:  # type: ignore[attr-defined]
        if attr.key not in values:
            continue
        value = values[attr.key]
        column_type = attr.columns[0].type
        if value is not None:
            if isinstance(column_type, SqlEnum) and column_type.enum_class is not None:
                enum_class: type[Enum] = column_type.enum_class
                value = enum_class(value)
            else:
                python_type = column_type.python_type
                if python_type is datetime:
                    value = datetime.fromisoformat(value)
                elif python_type is date:
                    value = date.fromisoformat(value)
                elif python_type is time:
                    value = time.fromisoformat(value)
        out[attr.key] = value
    return out


def _check_unchanged(work: Work, net: _Net, name: str) -> Any:
    """The row as it is now, refused when it is not as the action left it."""
    row = work.session.get(net.entity, net.row_id)
    if net.deleted:
        if row is not None:
            raise UserError(STALE.format(name=name))
        return None
    if row is None or audit.snapshot(row) != net.after:
        raise UserError(STALE.format(name=name))
    if net.created and isinstance(row, Case) and (
        row.exit is not None or any(getattr(row, rel) for rel in _CASE_WORK)
    ):
        raise UserError(STALE.format(name=name))
    return row


def _take_back_referent(work: Work, case: Case, undone_referent_id: int) -> None:
    """The referent history after a change of referent is undone (module notes)."""
    history = sorted(case.referent_history, key=lambda a: a.id)
    open_ones = [a for a in history if a.end_date is None and a.referent_id == undone_referent_id]
    added = open_ones[-1] if open_ones else None
    if added is None:
        return
    case.referent_history.remove(added)
    work.session.delete(added)
    for assignment in reversed(history):
        if assignment is not added and assignment.end_date == added.start_date:
            assignment.end_date = None
            break


def _reverse(work: Work, net: _Net, row: Any, summary: str) -> None:
    """Apply the reverse of one row's net change, and log it."""
    session = work.session
    if net.created:
        beneficiary = row.beneficiary if isinstance(row, Case) else None
        work.log(AuditAction.DELETE, row, case_id=net.case_id, summary=summary)
        session.delete(row)
        session.flush()
        if beneficiary is not None:
            others = session.scalar(select(Case.id).where(Case.beneficiary_id == beneficiary.id))
            if others is None:
                work.log(AuditAction.DELETE, beneficiary, case_id=None, summary=summary)
                session.delete(beneficiary)
        return
    assert net.before is not None
    values = _from_json(net.entity, net.before)
    before = audit.snapshot(row) if row is not None else None
    if net.deleted:
        restored = net.entity(**values)
        session.add(restored)
        session.flush()
        work.log(AuditAction.CREATE, restored, case_id=net.case_id, summary=summary)
        return
    if isinstance(row, Case):
        # The status follows from the facts once they are back (module notes).
        values.pop("status", None)
        if row.referent_id != values.get("referent_id", row.referent_id):
            _take_back_referent(work, row, row.referent_id)
    for key, value in values.items():
        setattr(row, key, value)
    work.log(AuditAction.UPDATE, row, case_id=net.case_id, summary=summary, before=before)


def undo_last(desk: Desk) -> str:
    """Reverse the last action in one new action; returns the name of what was undone.

    Raises a French :class:`UserError` when there is nothing to undo, when the last
    action cannot be undone, or when its rows were changed since.
    """
    record: ActionRecord | None = desk.last_undoable
    if record is None:
        raise UserError(NOTHING_TO_UNDO)
    if record.name not in UNDOABLE_ACTIONS:
        raise UserError(f"La dernière action, « {record.name} », ne peut pas être annulée.")
    if len(record.rows) > MAX_UNDO_ROWS:
        raise UserError(
            f"La dernière action, « {record.name} », a modifié {len(record.rows)} lignes : "
            "elle se reprend depuis son propre écran (par exemple « Annuler la facture » "
            "dans Paiements), pas par Ctrl+Z."
        )
    summary = f"{UNDO_PREFIX}{record.name}"
    changes = [n for n in _net_changes(record.rows) if not (n.created and n.deleted)]
    with desk.action(summary) as work:
        current = [(net, _check_unchanged(work, net, record.name)) for net in changes]
        # Children before parents when deleting, parents before children when restoring.
        for net, row in reversed(current):
            if net.created:
                _reverse(work, net, row, summary)
        # Deleted rows come back before the rows that pointed at them (a merge).
        for net, row in current:
            if net.deleted:
                _reverse(work, net, row, summary)
        for net, row in current:
            if not net.created and not net.deleted:
                _reverse(work, net, row, summary)
        work.session.flush()
        work.session.expire_all()
        case_ids = {n.case_id for n in changes if n.case_id is not None}
        for case_id in sorted(case_ids):
            case = work.session.get(Case, case_id)
            if case is None:
                continue
            case = work.case(case_id)
            status_before = audit.snapshot(case)
            work.sync_status(case)
            work.log(AuditAction.UPDATE, case, case_id=case_id, summary=summary,
                     before=status_before)  # fmt: skip
    # An undo is not itself undone by the next Ctrl+Z: that would be a redo.
    desk.last_undoable = None
    return record.name


__all__ = ["UNDOABLE_ACTIONS", "undo_label", "undo_last"]
