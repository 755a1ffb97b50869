"""The details the agenda shows when the mouse rests on something (infobulles), in French."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ...models import InterviewKind, InterviewStatus
from ...rules.agenda_layout import Band, BandPiece, Block, DayDeadline
from ...rules.calendar import french_date
from .paint import LOOKS, long_day, state_of

#: Past this many participants or hidden items, a tooltip says « et n autres ».
MAX_LINES = 12


def _end(block: Block) -> str:
    end = block.end_minute
    return "" if end is None else f"–{end // 60:02d}:{end % 60:02d}"


def _kind(code: str) -> str:
    try:
        return InterviewKind(code).label
    except ValueError:
        return code


def _status(code: str) -> str:
    try:
        return InterviewStatus(code).label
    except ValueError:
        return code


def block_tip(block: Block, referents: dict[int, str], today: date) -> str:
    """What, when, who, its state, and what the mouse can do with it."""
    first = block.first
    when = long_day(first.day).capitalize()
    if first.start is not None:
        when += f", {first.start:%H:%M}{_end(block)}"
    lines = [
        f"<b>{_kind(first.kind)}</b>",
        when,
        f"Référent : {referents.get(block.referent_id, '')}",
    ]
    if block.is_group:
        lines.append(f"{len(block.members)} participant{'s' if len(block.members) > 1 else ''} :")
        for member in block.members[:MAX_LINES]:
            lines.append(
                f"• {member.beneficiary} ({member.order_number}) — {_status(member.status)}"
            )
        if len(block.members) > MAX_LINES:
            lines.append(f"… et {len(block.members) - MAX_LINES} autres")
    else:
        lines.append(f"{first.beneficiary} — dossier {first.order_number}")
        lines.append(f"État : {LOOKS[state_of(block, today)].word}")
    if first.id > 0:
        lines.append(
            "<i>Double-clic : ouvrir l'entretien · Entrée : ouvrir le dossier · "
            "Glisser : déplacer</i>"
        )
    else:
        lines.append("<i>Double-clic ou Entrée : ouvrir le dossier</i>")
    return "<br>".join(lines)


def deadline_tip(deadline: DayDeadline) -> str:
    words = {
        "overdue": "en retard",
        "today": "aujourd'hui",
        "soon": "sous 7 jours",
        "later": "à venir",
    }
    lines = [
        f"<b>{deadline.label}</b>",
        f"{deadline.beneficiary}",
        f"Échéance le {french_date(deadline.due)} ({words.get(deadline.status, '')})",
    ]
    if deadline.day != deadline.due:
        lines.append(f"À faire en pratique avant le {french_date(deadline.day)}")
    lines.append("<i>Double-clic : ouvrir le dossier</i>")
    return "<br>".join(lines)


def band_tip(band: Band) -> str:
    return (
        f"<b>{band.label}</b><br>Du {french_date(band.start)} au {french_date(band.end)}<br>"
        "<i>Double-clic : ouvrir le dossier</i>"
    )


def hidden_tip(hidden: Sequence[object]) -> str:
    lines = [f"{len(hidden)} autre{'s' if len(hidden) > 1 else ''} — cliquez pour les voir :"]
    for item in hidden[:MAX_LINES]:
        lines.append(f"• {item_text(item)}")
    if len(hidden) > MAX_LINES:
        lines.append(f"… et {len(hidden) - MAX_LINES} autres")
    return "<br>".join(lines)


def item_text(item: object) -> str:
    """One line for an item of a « +n » list (a block, a deadline, an all-day line, a band)."""
    if isinstance(item, BandPiece):
        band = item.band
        return f"{band.label} (du {french_date(band.start)} au {french_date(band.end)})"
    block = getattr(item, "block", None) if not isinstance(item, Block) else item
    deadline = getattr(item, "deadline", None) if not isinstance(item, DayDeadline) else item
    if isinstance(item, tuple):
        return f"{len(item)} échéances"
    if block is not None:
        start = f"{block.first.start:%H:%M} " if block.first.start is not None else ""
        if block.is_group:
            return f"{start}Regroupement ({len(block.members)} participants)"
        return f"{start}{block.first.beneficiary} — {_kind(block.first.kind)}"
    if deadline is not None:
        return f"Échéance : {deadline.beneficiary} — {deadline.label}"
    return str(item)
