"""The last line against hostile text: no session writes what the text rules refuse.

The validation rules (:mod:`movdesk.rules.validation`) check the texts of a case where
they come in, naming the field; but a name can reach the database through any form (a
referent, a partner, an employer, the office). Before every flush, each text column of
a new or changed row is checked against :func:`movdesk.rules.text.text_problem`: no
control character, direction mark or broken Unicode, and no more characters than the
column holds (multi-line ``Text`` columns: 10,000, line breaks allowed). A refused
value stops the flush with a French :class:`~movdesk.errors.UserError` naming the field;
the transaction is rolled back as for any error.

Only values a user can type are checked: the audit log and the derived tables (deadline
schedules, summaries) repeat names already stored and are left alone, so that a name
stored before these rules never blocks an unrelated change. Rows written with SQL
statements (the importer's bulk inserts) are checked by the exchange reader instead.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, inspect
from sqlalchemy.orm import Session

from ..errors import UserError
from ..rules.text import MULTILINE_MAX_LENGTH, text_problem

#: Tables whose texts are written by the program, not typed.
_DERIVED_TABLES = frozenset(
    {"audit_log", "case_summary", "deadline_schedule", "scheduled_deadline"}
)

#: How a column is named in a message (by column name, the same in every table).
_LABELS = {
    "full_name": "le nom",
    "name": "le nom",
    "last_name": "le nom",
    "first_name": "le prénom",
    "contact_name": "le nom du contact",
    "phone": "le téléphone",
    "email": "l'adresse e-mail",
    "address": "l'adresse",
    "notes": "les notes",
    "title": "l'intitulé",
    "description": "la description",
    "job_title": "l'emploi",
    "order_number": "le n° de lettre de commande",
    "agency": "l'agence",
    "counsellor": "le conseiller France Travail",
    "invoice_number": "le n° de facture",
    "market_number": "le n° de marché",
    "sector": "le secteur",
    "evaluation": "l'évaluation",
    "reason": "le motif",
}


def _label(table: str, column: str) -> str:
    return _LABELS.get(column, f"le champ « {table}.{column} »")


def check_texts(session: Session, _context: Any, _instances: Any) -> None:
    """``before_flush``: refuse the first new or changed text the rules refuse."""
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        mapper = state.mapper
        table = getattr(mapper.local_table, "name", "")
        if table in _DERIVED_TABLES:
            continue
        for attr in mapper.column_attrs:
            column = attr.columns[0]
            if not isinstance(column.type, String):
                continue
            value = state.dict.get(attr.key)
            if not isinstance(value, str):
                continue
            if not state.transient and not state.pending:
                if not state.attrs[attr.key].history.has_changes():
                    continue
            length = column.type.length
            why = text_problem(
                value,
                max_length=length or MULTILINE_MAX_LENGTH,
                multiline=length is None,
                label=_label(table, column.name),
            )
            if why is not None:
                raise UserError(f"Enregistrement refusé : {why}", field=attr.key)
