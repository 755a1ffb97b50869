"""What is recorded when a document leaves, signed, sent (closing its deadline), scanned."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.errors import UserError
from movdesk.models import AuditEntry, Case, CaseDocument, DocumentKind
from movdesk.rules.deadlines import case_deadlines
from movdesk.rules.payments import documents_held
from movdesk.services.context import CASE_LOAD, Desk
from movdesk.services.documents.printing import (
    DocumentRequest,
    PrintKind,
    deliver,
    render_for_desk,
    save_pdf,
)
from movdesk.services.documents.records import (
    attach_scan,
    desk_location,
    detach_scan,
    mark_sent,
    mark_signed,
    scan_path,
)
from movdesk.services.errors import ValidationFailed
from movdesk.services.undo import undo_last
from movdesk.store.attachments import ATTACHMENTS_DIRNAME

from .conftest import HELD, InterviewStatus, interview

TODAY = date(2026, 3, 2)


def _documents(factory: sessionmaker[Session], case_id: int) -> list[CaseDocument]:
    with factory() as session:
        return list(
            session.scalars(
                select(CaseDocument)
                .where(CaseDocument.case_id == case_id)
                .order_by(CaseDocument.id)
            )
        )


@pytest.fixture
def intermediate(desk: Desk, signed: int):
    for day in HELD:
        interview(desk, signed, day, InterviewStatus.ATTENDED)
    return render_for_desk(desk, DocumentRequest(PrintKind.INTERMEDIATE, signed))


def test_previewing_records_nothing_and_printing_records_once(
    desk: Desk, session_factory: sessionmaker[Session], signed: int, intermediate
) -> None:
    assert _documents(session_factory, signed) == []
    first = deliver(desk, intermediate, "imprimé")
    again = deliver(desk, intermediate, "imprimé")
    assert first == again and len(first) == 2
    rows = _documents(session_factory, signed)
    assert [DocumentKind(r.kind) for r in rows] == [
        DocumentKind.INTERMEDIATE_REPORT,
        DocumentKind.INTERMEDIATE_ATTENDANCE,
    ]
    report = rows[0]
    assert report.sha256 == intermediate.sha256 and len(report.sha256) == 64
    assert report.pages == intermediate.pages
    assert report.printed_on == TODAY and report.generated_by == "claire"
    assert (report.period_start, report.period_end) == (date(2026, 1, 5), TODAY)
    assert "Jointe au document" in (rows[1].notes or "")
    with session_factory() as session:
        summaries = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.entity == "document")
        ).all()
    assert any(
        "Bilan intermédiaire (du 05/01/2026 au 02/03/2026) : imprimé" in s for s in summaries
    )


def test_signing_marks_the_sheaf_and_the_payment_checklist_sees_both(
    desk: Desk, session_factory: sessionmaker[Session], signed: int, intermediate
) -> None:
    report_id = deliver(desk, intermediate, "imprimé")[0]
    mark_signed(desk, report_id, on=date(2026, 3, 1))
    rows = _documents(session_factory, signed)
    assert {r.signed_on for r in rows} == {date(2026, 3, 1)}
    held = documents_held(rows, TODAY)
    assert {DocumentKind.INTERMEDIATE_REPORT, DocumentKind.INTERMEDIATE_ATTENDANCE} <= held
    mark_signed(desk, report_id, on=None)
    assert {r.signed_on for r in _documents(session_factory, signed)} == {None}


def _open_kinds(factory: sessionmaker[Session], case_id: int, today: date) -> set[str]:
    with factory() as session:
        case = session.get(Case, case_id, options=CASE_LOAD)
        return {d.kind for d in case_deadlines(case, today)}


def test_sending_a_report_closes_its_deadline_and_undo_reopens_it(
    desk: Desk, session_factory: sessionmaker[Session], signed: int, intermediate
) -> None:
    later = date(2026, 3, 10)
    assert "intermediate_report" in _open_kinds(session_factory, signed, later)
    report_id = deliver(desk, intermediate, "imprimé")[0]
    mark_sent(desk, report_id, on=TODAY)
    with session_factory() as session:
        assert session.get(Case, signed).intermediate_sent_date == TODAY
    assert {r.sent_on for r in _documents(session_factory, signed)} == {TODAY}
    assert "intermediate_report" not in _open_kinds(session_factory, signed, later)
    undo_last(desk)
    with session_factory() as session:
        assert session.get(Case, signed).intermediate_sent_date is None
    assert "intermediate_report" in _open_kinds(session_factory, signed, later)


def test_clearing_the_sending_reopens_the_deadline(
    desk: Desk, session_factory: sessionmaker[Session], signed: int
) -> None:
    contract = render_for_desk(desk, DocumentRequest(PrintKind.CONTRACT, signed))
    contract_id = deliver(desk, contract, "imprimé")[0]
    mark_sent(desk, contract_id, on=date(2026, 1, 8))
    assert "contract_to_pe" not in _open_kinds(session_factory, signed, date(2026, 1, 8))
    mark_sent(desk, contract_id, on=None)
    with session_factory() as session:
        assert session.get(Case, signed).contract_sent_date is None


def test_a_sending_recorded_before_is_kept(
    desk: Desk, session_factory: sessionmaker[Session], signed: int
) -> None:
    from movdesk.services.milestones import Dispatch
    from movdesk.services.milestones import mark_sent as milestone_sent

    milestone_sent(desk, signed, Dispatch.CONTRACT, on=date(2026, 1, 8))
    contract_id = deliver(
        desk, render_for_desk(desk, DocumentRequest(PrintKind.CONTRACT, signed)), "imprimé"
    )[0]
    mark_sent(desk, contract_id, on=date(2026, 1, 9))
    with session_factory() as session:
        assert session.get(Case, signed).contract_sent_date == date(2026, 1, 8)


@pytest.mark.parametrize(
    ("on", "message"),
    [(date(2026, 3, 3), "postérieure à aujourd'hui"), (date(2026, 1, 1), "précède le début")],
)
def test_impossible_dates_are_refused_and_change_nothing(
    desk: Desk, session_factory: sessionmaker[Session], signed: int, intermediate, on, message
) -> None:
    report_id = deliver(desk, intermediate, "imprimé")[0]
    with pytest.raises(ValidationFailed, match=message):
        mark_sent(desk, report_id, on=on)
    with pytest.raises(ValidationFailed, match=message):
        mark_signed(desk, report_id, on=on)
    assert {(r.sent_on, r.signed_on) for r in _documents(session_factory, signed)} == {(None, None)}


def test_a_scan_is_attached_kept_beside_the_database_and_opened_again(
    desk: Desk, session_factory: sessionmaker[Session], signed: int, intermediate, tmp_path: Path
) -> None:
    report_id = deliver(desk, intermediate, "imprimé")[0]
    scan = tmp_path / "bilan signé.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    name = attach_scan(desk, report_id, scan)
    path = scan_path(desk, report_id)
    assert path.read_bytes() == b"%PDF-1.4 scan" and path.name == name
    assert path.parent == desk_location(desk).path.parent / ATTACHMENTS_DIRNAME
    rows = _documents(session_factory, signed)
    assert {(r.attachment_file, r.attachment_name, r.attached_on) for r in rows} == {
        (name, "bilan signé.pdf", TODAY)
    }
    detach_scan(desk, report_id)
    with pytest.raises(UserError, match="pas de copie jointe"):
        scan_path(desk, report_id)
    bad = tmp_path / "photo.gif"
    bad.write_bytes(b"GIF89a")
    with pytest.raises(UserError, match="PDF, un JPEG ou un PNG"):
        attach_scan(desk, report_id, bad)


def test_save_pdf_writes_and_records(
    desk: Desk, session_factory: sessionmaker[Session], signed: int, tmp_path: Path
) -> None:
    document = render_for_desk(desk, DocumentRequest(PrintKind.CONTRACT, signed))
    target = tmp_path / "contrat.pdf"
    save_pdf(desk, document, str(target))
    assert target.read_bytes() == document.data
    assert [DocumentKind(r.kind) for r in _documents(session_factory, signed)] == [
        DocumentKind.CONTRACT
    ]
    with pytest.raises(UserError, match="Impossible d'écrire"):
        save_pdf(desk, document, str(tmp_path / "absent" / "contrat.pdf"))
    assert len(_documents(session_factory, signed)) == 1


def test_a_pdf_that_cannot_be_recorded_is_not_left_behind(
    desk: Desk, signed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movdesk.services.documents import printing

    def locked(*_args, **_kw):
        raise UserError("la base de données est verrouillée")

    monkeypatch.setattr(printing, "record_printed", locked)
    document = render_for_desk(desk, DocumentRequest(PrintKind.CONTRACT, signed))
    target = tmp_path / "contrat.pdf"
    with pytest.raises(UserError, match="verrouillée"):
        save_pdf(desk, document, str(target))
    assert not target.exists()
