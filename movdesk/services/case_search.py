"""The case list's search: which cases the typed text finds, as SQL.

Search (**decision**): the typed text is folded like the summary's name keys (lower
case, no accents) and matches the beginning of the last or first name, the beginning of
the PE identifier, or any part of the order number; several words must each match.
Each match is a range on an index, except « inside the order number », which reads
every case and so is tried only for text of three characters or more holding a digit
(every order number holds digits; « lc » or « 1 » would find nearly every case
anyway); it is tested on each case read rather than gathered into the list of ids the
indexes found, which for « lc-2 » would hold every case. A case without summary is
searched on its names as stored, which finds « Hélène » from « hél » or « Hél » but not
from « hel » until the next refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    false,
    func,
    intersect,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from ..models import Beneficiary, Case, CaseSummary
from .summary import fold

#: Shortest text looked for inside order numbers (one or two digits are in most of them).
ORDER_SEARCH_MIN = 3


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` begins with ``prefix``, as a range an index can answer (binary order)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


@dataclass(frozen=True)
class _WordSearch:
    """How one typed word finds cases."""

    #: Selects of case ids, each on an index (repeats possible).
    indexed: list[Select[Any]]
    #: The word looked for inside the order numbers, if it is.
    inside_number: ColumnElement[bool] | None


def _word_search(word: str, *, unsummarised: bool) -> _WordSearch | None:
    """One typed word, or None when it folds to nothing (a lone accent mark).

    Each way of matching is its own select on an index (names on the summary's keys, PE
    identifier); only text with a digit, and of :data:`ORDER_SEARCH_MIN` characters at
    least, is looked for inside order numbers, the one search that reads every case (« lc »
    or « 1 » would find most of them anyway).
    """
    key = fold(word)
    if not key:
        return None
    found: list[Select[Any]] = [
        select(CaseSummary.case_id).where(_starts_with(CaseSummary.last_name_key, key)),
        select(CaseSummary.case_id).where(_starts_with(CaseSummary.first_name_key, key)),
    ]
    if any(c.isdigit() for c in word):
        found.append(
            select(Case.id)
            .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
            .where(_starts_with(Beneficiary.pe_id, "".join(word.split()).upper()))
        )
    inside_number: ColumnElement[bool] | None = None
    if any(c.isdigit() for c in word) and len(key) >= ORDER_SEARCH_MIN:
        inside_number = Case.order_number.like(f"%{_like_escape(key)}%", escape="\\")
    if unsummarised:
        stored = [f"{_like_escape(text)}%" for text in {key, word}]
        found.append(
            select(Case.id)
            .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
            .outerjoin(CaseSummary, CaseSummary.case_id == Case.id)
            .where(
                CaseSummary.case_id.is_(None),
                or_(
                    *(
                        column.like(pattern, escape="\\")
                        for column in (Beneficiary.last_name, Beneficiary.first_name)
                        for pattern in stored
                    )
                ),
            )
        )
    return _WordSearch(found, inside_number)


def _word_matches(word: str, *, unsummarised: bool) -> ColumnElement[bool]:
    """One typed word as a condition on the case: an ``IN`` over its indexed selects, and
    the order number tested on each case read. Gathered into the ``IN`` like the others,
    « lc-2 » would first copy every id into a temporary index (three times slower on
    50,000 cases)."""
    search = _word_search(word, unsummarised=unsummarised)
    if search is None:
        return false()
    # IN ignores repeats: no need for UNION's de-duplicating temporary tree.
    indexed = Case.id.in_(union_all(*search.indexed))
    if search.inside_number is None:
        return indexed
    return or_(search.inside_number, indexed)


def _word_ids(word: str, *, unsummarised: bool) -> CompoundSelect | None:
    """The ids one typed word finds, repeats included; None when the word folds to
    nothing or is looked for inside order numbers (cheaper as a condition)."""
    search = _word_search(word, unsummarised=unsummarised)
    if search is None or search.inside_number is not None:
        return None
    return union_all(*search.indexed)


def search_condition(text: str, *, unsummarised: bool = True) -> ColumnElement[bool] | None:
    """The SQL for the typed text; None when there is nothing to search.

    ``unsummarised``: also search the stored names of cases without a summary (only
    worth its full read while some case has none).
    """
    text = text.strip()
    if not text:
        return None
    whole = _word_matches(text, unsummarised=unsummarised)
    words = text.split()
    if len(words) == 1:
        return whole
    # « de la fontaine » is one last name; « durand sophie » is two words to match.
    return or_(whole, and_(*(_word_matches(w, unsummarised=unsummarised) for w in words)))


def search_ids(text: str, *, unsummarised: bool = True) -> CompoundSelect | None:
    """The ids of the cases :func:`search_condition` finds, repeats included, read from
    the indexes alone; None when there is nothing to search, or when a word is looked for
    inside order numbers."""
    text = text.strip()
    whole = _word_ids(text, unsummarised=unsummarised) if text else None
    words = text.split()
    if whole is None or len(words) == 1:
        return whole
    each = [_word_ids(w, unsummarised=unsummarised) for w in words]
    if any(ids is None for ids in each):
        return None
    # SQLite takes a compound inside another only as a subquery.
    every = intersect(*(select(ids.subquery().c[0]) for ids in each if ids is not None))
    return union_all(select(whole.subquery().c[0]), select(every.subquery().c[0]))


def has_unsummarised(session: Session) -> bool:
    """Some case has no summary row yet (two counts on indexes, not a join)."""
    cases = session.scalar(select(func.count()).select_from(Case)) or 0
    summaries = session.scalar(select(func.count()).select_from(CaseSummary)) or 0
    return cases > summaries
