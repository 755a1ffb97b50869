"""The case's record of its documents: printed, signed, sent to France Travail, scanned.

Every document movdesk prints is recorded with its case when it leaves the program
(printed, saved as PDF, opened in the system's viewer): its kind, the period it
covers, the day and who, the SHA-256 of the PDF and its page count. The same PDF
printed again is recorded once (same case, kind and hash). A report printed with its
attendance sheet records both, the sheet as the report's companion (same hash): they
are one sheaf of paper, so marking one signed or sent marks the other, as the payment
checklist expects both (MOV-RULES.md section 5).

Marking a contract, an intermediate or a final report as sent to France Travail also
records the sending on the case, which closes the matching deadline
(``contract_to_pe``, ``intermediate_report``, ``final_report``). A scanned signed copy
(PDF, JPEG or PNG) is kept in the attachments folder beside the database
(:mod:`movdesk.store.attachments`) and can be opened again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...config import DatabaseLocation
from ...errors import UserError
from ...models import AuditAction, Case, CaseDocument, DocumentKind
from ...rules.validation import Problem, fr_date
from ...store.attachments import attachment_path, store_attachment
from .. import audit
from ..context import Desk, Work
from ..errors import ValidationFailed
from ..milestones import Dispatch

#: The kinds whose sending to France Travail the case records (and which deadline).
SENT_ON_CASE: dict[DocumentKind, Dispatch] = {
    DocumentKind.CONTRACT: Dispatch.CONTRACT,
    DocumentKind.INTERMEDIATE_REPORT: Dispatch.INTERMEDIATE_REPORT,
    DocumentKind.FINAL_REPORT: Dispatch.FINAL_REPORT,
}

RECORD_ACTION = "Enregistrer un document imprimé"
SIGNED_ACTION = "Marquer un document signé"
SENT_ACTION = "Marquer un document envoyé"
ATTACH_ACTION = "Joindre une copie signée"
DETACH_ACTION = "Retirer une copie jointe"


@dataclass(frozen=True)
class RecordSpec:
    """What to record for one case when a PDF leaves the program."""

    case_id: int
    #: The document's kind, then its companions in the same PDF (a report's sheet).
    kinds: tuple[DocumentKind, ...]
    period_start: date | None = None
    period_end: date | None = None
    notes: str | None = None


def desk_location(desk: Desk) -> DatabaseLocation:
    """The database the desk works on (the attachments folder lies beside its file)."""
    engine = desk.session_factory.kw.get("bind")
    url = getattr(engine, "url", None)
    database = getattr(url, "database", None)
    if url is None or url.get_backend_name() != "sqlite" or database in (None, "", ":memory:"):
        return DatabaseLocation(str(url), None)
    return DatabaseLocation(str(url), Path(database))


def _period(spec: RecordSpec) -> str:
    if spec.period_start is None or spec.period_end is None:
        return ""
    return f" (du {fr_date(spec.period_start)} au {fr_date(spec.period_end)})"


def record_printed(
    desk: Desk,
    specs: Sequence[RecordSpec],
    *,
    sha256: str,
    pages: int,
    how: str,
    then: Callable[[], object] | None = None,
) -> list[int]:
    """Record the documents of a PDF that left the program ``how`` (« imprimé »…);
    returns the ids of the records (existing ones when this very PDF was recorded).

    ``then`` runs inside the same transaction, once the rows are written: when it
    fails (a file that cannot be written), nothing is recorded."""
    if not specs:
        if then is not None:
            then()
        return []
    now = datetime.now().replace(microsecond=0)
    ids: list[int] = []
    with desk.action(RECORD_ACTION) as work:
        existing = {
            (row.case_id, DocumentKind(row.kind)): row.id
            for row in work.session.scalars(
                select(CaseDocument).where(
                    CaseDocument.sha256 == sha256,
                    CaseDocument.case_id.in_({spec.case_id for spec in specs}),
                )
            )
        }
        for spec in specs:
            main = spec.kinds[0]
            for kind in spec.kinds:
                known = existing.get((spec.case_id, kind))
                if known is not None:
                    ids.append(known)
                    continue
                notes = spec.notes
                if kind is not main:
                    notes = f"Jointe au document « {main.label} »."
                row = CaseDocument(
                    case_id=spec.case_id,
                    kind=kind,
                    printed_on=desk.today(),
                    period_start=spec.period_start,
                    period_end=spec.period_end,
                    generated_at=now,
                    generated_by=work.user,
                    sha256=sha256,
                    pages=pages,
                    notes=notes,
                )
                work.session.add(row)
                work.session.flush()
                work.log(
                    AuditAction.CREATE,
                    row,
                    case_id=spec.case_id,
                    summary=f"{kind.label}{_period(spec)} : {how}",
                )
                ids.append(row.id)
        if then is not None:
            then()
    return ids


def _same_paper(session: Session, document: CaseDocument) -> list[CaseDocument]:
    """The document and its companions printed in the same PDF (same case and hash)."""
    if document.sha256 is None:
        return [document]
    rows = session.scalars(
        select(CaseDocument)
        .where(CaseDocument.case_id == document.case_id, CaseDocument.sha256 == document.sha256)
        .order_by(CaseDocument.id)
    ).all()
    return list(rows) or [document]


def _check_day(case: Case, field: str, what: str, on: date | None, today: date) -> None:
    if on is None:
        return
    if on > today:
        raise ValidationFailed(
            [Problem(field, f"la date {what} ({fr_date(on)}) est postérieure à aujourd'hui.")]
        )
    if on < case.start_date:
        raise ValidationFailed(
            [
                Problem(
                    field,
                    f"la date {what} ({fr_date(on)}) précède le début de la prestation "
                    f"({fr_date(case.start_date)}).",
                )
            ]
        )


def mark_signed(desk: Desk, document_id: int, *, on: date | None) -> None:
    """Record (or, with ``on=None``, clear) the day the document was signed."""
    with desk.action(SIGNED_ACTION) as work:
        document = work.get(CaseDocument, document_id)
        case = work.get(Case, document.case_id)
        _check_day(case, "signed_on", "de signature", on, desk.today())
        label = DocumentKind(document.kind).label
        summary = f"{label} signé(e) le {fr_date(on)}" if on else f"{label} : signature effacée"
        for row in _same_paper(work.session, document):
            before = audit.snapshot(row)
            row.signed_on = on
            work.log(AuditAction.UPDATE, row, case_id=row.case_id, summary=summary, before=before)


def _update_case_sending(
    work: Work, case: Case, kind: DocumentKind, old: date | None, on: date | None, summary: str
) -> None:
    """The case's own record of the sending (the deadline), kept in step with the document."""
    dispatch = SENT_ON_CASE.get(kind)
    if dispatch is None:
        return
    field = dispatch.value[0]
    current = getattr(case, field)
    if on is not None and current is None:
        value: date | None = on
    elif on is None and current is not None and current == old:
        others = work.session.scalar(
            select(CaseDocument.id).where(
                CaseDocument.case_id == case.id,
                CaseDocument.kind == kind.value,
                CaseDocument.sent_on.is_not(None),
            )
        )
        if others is not None:
            return
        value = None
    else:
        return
    before = audit.snapshot(case)
    setattr(case, field, value)
    work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=before)


def mark_sent(desk: Desk, document_id: int, *, on: date | None) -> None:
    """Record (or clear) the day the document went to France Travail; for a contract
    or a report, the case records it too, which closes the matching deadline."""
    with desk.action(SENT_ACTION) as work:
        document = work.get(CaseDocument, document_id)
        case = work.get(Case, document.case_id)
        _check_day(case, "sent_on", "d'envoi", on, desk.today())
        kind = DocumentKind(document.kind)
        old = document.sent_on
        summary = (
            f"{kind.label} envoyé(e) à France Travail le {fr_date(on)}"
            if on
            else f"{kind.label} : date d'envoi effacée"
        )
        paper = _same_paper(work.session, document)
        for row in paper:
            before = audit.snapshot(row)
            row.sent_on = on
            work.log(AuditAction.UPDATE, row, case_id=row.case_id, summary=summary, before=before)
        work.session.flush()
        for row in paper:
            _update_case_sending(work, case, DocumentKind(row.kind), old, on, summary)


def attach_scan(desk: Desk, document_id: int, source: Path) -> str:
    """Keep the scanned signed copy ``source`` with the document; returns its file name.

    The file is copied into the attachments folder before the record changes: a
    refused file changes nothing; a record that fails leaves only an unused copy.
    """
    stored = store_attachment(desk_location(desk), Path(source))
    with desk.action(ATTACH_ACTION) as work:
        document = work.get(CaseDocument, document_id)
        label = DocumentKind(document.kind).label
        summary = f"{label} : copie signée jointe ({Path(source).name})"
        for row in _same_paper(work.session, document):
            before = audit.snapshot(row)
            row.attachment_file = stored.file_name
            row.attachment_name = Path(source).name[:255]
            row.attached_on = desk.today()
            work.log(AuditAction.UPDATE, row, case_id=row.case_id, summary=summary, before=before)
    return stored.file_name


def detach_scan(desk: Desk, document_id: int) -> None:
    """Forget the attached copy of the document (the file stays in the backups)."""
    with desk.action(DETACH_ACTION) as work:
        document = work.get(CaseDocument, document_id)
        if document.attachment_file is None:
            raise UserError("Ce document n'a pas de copie jointe.")
        label = DocumentKind(document.kind).label
        for row in _same_paper(work.session, document):
            before = audit.snapshot(row)
            row.attachment_file = row.attachment_name = row.attached_on = None
            work.log(
                AuditAction.UPDATE,
                row,
                case_id=row.case_id,
                summary=f"{label} : copie jointe retirée",
                before=before,
            )


def scan_path(desk: Desk, document_id: int) -> Path:
    """Where the attached copy of the document is, to open it again."""

    def read(session: Session) -> str | None:
        document = session.get(CaseDocument, document_id)
        return document.attachment_file if document is not None else None

    file_name = desk.read(read)
    if file_name is None:
        raise UserError("Ce document n'a pas de copie jointe.")
    return attachment_path(desk_location(desk), file_name)
