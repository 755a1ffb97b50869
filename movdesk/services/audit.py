"""Writing the audit log: who changed which row, when, from which values to which.

Values are stored as JSON: dates as ISO text, enums as their codes. Only the fields
that really changed are written for an update.
"""

from __future__ import annotations

import getpass
import hashlib
from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from ..models import AuditAction, AuditEntry

#: Bookkeeping columns that say nothing to a reader of the history.
_IGNORED = frozenset({"created_at", "updated_at"})


#: Entity names in the log, where the table name would read oddly.
_ENTITY_NAMES = {"mov_case": "case", "case_exit": "exit", "case_document": "document"}


def entity_name(obj: Any) -> str:
    """The name under which rows of ``obj``'s table appear in the audit log."""
    table: str = obj.__tablename__
    return _ENTITY_NAMES.get(table, table)


def current_user() -> str:
    """The operating-system login of the person at the keyboard."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some locked-down desktops
        return "inconnu"


def json_value(value: Any) -> Any:
    """A column value as JSON: ISO dates and times, enum codes, the rest as is.

    A binary value (an image) is written as its size and the start of its SHA-256:
    the log says that it changed, without holding a copy of it.
    """
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"{len(value)} octets, sha256 {hashlib.sha256(value).hexdigest()[:16]}"
    return value


def snapshot(obj: Any) -> dict[str, Any]:
    """The row's column values as JSON values, before a change is applied.

    The bookkeeping times are not read at all: after a flush the database sets them
    again, and reading them would cost one query per row.
    """
    return {
        attr.key: json_value(getattr(obj, attr.key))
        for attr in obj.__mapper__.column_attrs
        if attr.key not in _IGNORED
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs."""
    keys = (before.keys() | after.keys()) - _IGNORED
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(
    session: Session,
    *,
    user: str,
    action: AuditAction,
    obj: Any,
    case_id: int | None,
    summary: str,
    before: dict[str, Any] | None = None,
) -> AuditEntry | None:
    """Append one entry for ``obj`` (flushed, so that it has its id).

    ``before`` is the :func:`snapshot` taken before an update; for a creation the new
    values are recorded, for a deletion the old ones. An update that changed nothing
    writes nothing and returns None.
    """
    session.flush()
    entry = _entry(user, action, obj, case_id, summary, before)
    if entry is not None:
        session.add(entry)
    return entry


def _entry(
    user: str,
    action: AuditAction,
    obj: Any,
    case_id: int | None,
    summary: str,
    before: dict[str, Any] | None,
) -> AuditEntry | None:
    """The entry of one change of an already flushed ``obj`` (None: nothing changed)."""
    if action is AuditAction.CREATE:
        changes = diff({}, snapshot(obj))
    elif action is AuditAction.DELETE:
        changes = diff(before if before is not None else snapshot(obj), {})
    else:
        changes = diff(before or {}, snapshot(obj))
        if not changes:
            return None
    return AuditEntry(
        user=user,
        action=action,
        entity=entity_name(obj),
        entity_id=getattr(obj, "id", None),
        case_id=case_id,
        summary=summary[:500],
        changes=changes,
    )


def record_many(
    session: Session,
    *,
    user: str,
    items: list[tuple[AuditAction, Any, int | None, str, dict[str, Any] | None]],
) -> None:
    """:func:`record` for many rows at once, ``(action, obj, case_id, summary, before)``
    each: one flush for all (a flush per row makes a thousand-row action take seconds)."""
    session.flush()
    entries = (_entry(user, *item) for item in items)
    session.add_all([entry for entry in entries if entry is not None])
