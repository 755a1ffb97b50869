"""Documents built from the database: rows of the period, names, options, refusals."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from sqlalchemy.orm import Session, sessionmaker

from movdesk.errors import UserError
from movdesk.models import (
    BarrierCategory,
    ExitReason,
    InterviewKind,
    InterviewStatus,
    ReportKind,
)
from movdesk.reports.text import fr_date
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.documents.printing import (
    DocumentRequest,
    PrintKind,
    month_sheets,
    page_count,
    print_facts,
    render_for_desk,
)
from movdesk.services.documents.report_texts import load_report_texts, save_report_texts
from movdesk.services.errors import ValidationFailed
from movdesk.services.orders import add_referent, change_referent

from ...reports.pdf_checks import all_text, assert_fonts_embedded, flat, page_texts
from .conftest import ABSENT, EXCUSED, HELD, PLANNED, interview

ROW = re.compile(r"^(\d\d/\d\d/\d{4})\n(?:\d\d\s?h\s?\d\d|—)\n", re.M)


def _render(desk: Desk, kind: PrintKind, case_id: int, **options: object):
    return render_for_desk(desk, DocumentRequest(kind, case_id, **options))  # type: ignore[arg-type]


def _row_dates(text: str) -> list[str]:
    return ROW.findall(text)


def test_attendance_lists_held_and_planned_rows_once_never_absent_or_excused(
    desk: Desk, followed: int
) -> None:
    document = _render(desk, PrintKind.ATTENDANCE, followed)
    text = all_text(document.data)
    # Default period: S to today; the planned interview of today is a row, next week's is not.
    assert _row_dates(text) == [fr_date(d) for d in HELD] + [fr_date(PLANNED[0])]
    assert fr_date(ABSENT) not in _row_dates(text) and fr_date(EXCUSED) not in _row_dates(text)
    assert "LC-2026-000123" in text and "DURAND" in text and "1234567A" in text
    assert "Entretiens réalisés : 7" in text
    assert document.file_name == "feuille-emargement-LC-2026-000123-20260302.pdf"
    assert document.pages == page_count(document.data) == len(page_texts(document.data))
    assert_fonts_embedded(document.data)


def test_attendance_period_and_blank_rows(desk: Desk, followed: int) -> None:
    document = _render(
        desk,
        PrintKind.ATTENDANCE,
        followed,
        start=date(2026, 2, 1),
        end=date(2026, 3, 31),
        blank_rows=4,
    )
    text = all_text(document.data)
    wanted = [d for d in HELD if d >= date(2026, 2, 1)] + PLANNED
    assert _row_dates(text) == [fr_date(d) for d in wanted]
    assert len(re.findall(r"^bénéficiaire\nréférent$", text, re.M)) == len(wanted) + 4
    assert "Période du 01/02/2026 au 31/03/2026" in text
    record = document.records[0]
    assert (record.period_start, record.period_end) == (date(2026, 2, 1), date(2026, 3, 31))


def test_a_period_ending_before_it_starts_is_refused(desk: Desk, followed: int) -> None:
    with pytest.raises(ValidationFailed, match="avant son début"):
        _render(desk, PrintKind.ATTENDANCE, followed, start=date(2026, 3, 1), end=date(2026, 2, 1))


def test_each_row_names_who_followed_the_case_that_day(desk: Desk, followed: int) -> None:
    other = add_referent(desk, "Paul Roux")
    change_referent(desk, followed, other, on=date(2026, 2, 10))
    text = all_text(_render(desk, PrintKind.ATTENDANCE, followed).data)
    names = re.findall(r"^(Claire Martin|Paul Roux)\nbénéficiaire$", text, re.M)
    assert names == ["Claire Martin"] * 5 + ["Paul Roux"] * 3


def test_eighty_interviews_from_the_database(desk: Desk, signed: int) -> None:
    days = [date(2026, 1, 8) + (date(2026, 1, 9) - date(2026, 1, 8)) * n for n in range(80)]
    days = [d for d in days if d <= date(2026, 7, 3)][:80]
    for n, day in enumerate(days):
        interview(desk, signed, day, InterviewStatus.ATTENDED, at=time(8 + n % 9, 0))
    document = _render(desk, PrintKind.ATTENDANCE, signed, end=date(2026, 7, 3))
    texts = page_texts(document.data)
    assert len(texts) >= 5
    seen: list[str] = []
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} / {len(texts)}" in text
        seen += _row_dates(text)
    assert seen == [fr_date(d) for d in days]


def test_contract_uses_the_office_text_and_the_signing_date(desk: Desk, signed: int) -> None:
    text = flat(all_text(_render(desk, PrintKind.CONTRACT, signed).data))
    assert "Fait à" in text and "le 07/01/2026" in text
    assert "S'abonner aux offres d'emploi et déposer son profil en ligne" in text
    assert "Désigner un référent unique" in text
    assert "Mme Sophie DURAND" in text and "1234567A" in text
    assert "Agence Lille Centre" in text


def test_reports_need_a_signed_contract(desk: Desk, case_id: int) -> None:
    with pytest.raises(UserError, match="suppose un contrat signé"):
        _render(desk, PrintKind.INTERMEDIATE, case_id)


def test_intermediate_report_prints_drafts_then_saved_texts(desk: Desk, followed: int) -> None:
    rows.add_job_target(desk, followed, title="Agent de propreté", rome="K2204")
    rows.add_barrier(desk, followed, category=BarrierCategory.MOBILITY, description="Sans permis")
    ms.record_online_obligations(
        desk, followed, offers_subscription=date(2026, 2, 20), online_profile=None
    )
    document = _render(desk, PrintKind.INTERMEDIATE, followed)
    text = flat(all_text(document.data))
    assert "Agent de propreté (code ROME K2204)" in text
    assert "Abonnement aux offres d'emploi le 20/02/2026" in text
    assert "Sans permis" in text
    assert [r.kinds for r in document.records][0][1].value == "intermediate_attendance"
    # The sheet of S to the report date follows the report.
    assert _row_dates(all_text(document.data)) == [fr_date(d) for d in HELD] + [fr_date(PLANNED[0])]
    save_report_texts(
        desk,
        followed,
        ReportKind.INTERMEDIATE,
        {"actions_taken": "- CV refait", "job_leads": "", "observations": "Très assidue."},
    )
    text = flat(all_text(_render(desk, PrintKind.INTERMEDIATE, followed).data))
    assert "CV refait" in text and "Très assidue." in text
    assert "Agent de propreté (code ROME K2204)" not in text  # the saved (empty) text wins
    texts = load_report_texts(desk, followed, ReportKind.INTERMEDIATE)
    assert texts.saved and texts.drafts["job_leads"].startswith("- Agent de propreté")


def test_final_report_of_an_interrupted_case_goes_without_signature(
    desk: Desk, signed: int
) -> None:
    followed = signed
    for day in HELD:
        interview(desk, followed, day, InterviewStatus.ATTENDED)
    ms.record_exit(desk, followed, ms.ExitInput(date=date(2026, 2, 26), reason=ExitReason.ABANDON))
    document = _render(desk, PrintKind.FINAL, followed)
    text = flat(all_text(document.data))
    assert text.count("sans la signature du bénéficiaire") == 2
    assert "Interruption — abandon" in text
    assert "Transmis sans la signature" in (document.records[0].notes or "")
    # The sheet covers S to the end of the case.
    assert _row_dates(all_text(document.data)) == [fr_date(d) for d in HELD]
    signed = flat(
        all_text(_render(desk, PrintKind.FINAL, followed, without_beneficiary_signature=False).data)
    )
    assert "Lu et approuvé" in signed


def test_only_an_interrupted_case_may_skip_the_signature(desk: Desk, followed: int) -> None:
    with pytest.raises(UserError, match="interrompue"):
        _render(desk, PrintKind.FINAL, followed, without_beneficiary_signature=True)


def test_convocation_for_the_next_planned_interview_or_a_given_day(
    desk: Desk, followed: int
) -> None:
    text = flat(all_text(_render(desk, PrintKind.CONVOCATION, followed).data))
    assert "lundi 2 mars 2026" in text and "14 h 00" in text and "1 h" in text
    text = flat(all_text(_render(desk, PrintKind.CONVOCATION, followed, on=PLANNED[1]).data))
    assert "lundi 9 mars 2026" in text and "10 h 00" in text
    text = flat(
        all_text(_render(desk, PrintKind.CONVOCATION, followed, place="Mairie de Roubaix").data)
    )
    assert "Mairie de Roubaix" in text
    with pytest.raises(UserError, match="aucun entretien prévu le 03/03/2026"):
        _render(desk, PrintKind.CONVOCATION, followed, on=date(2026, 3, 3))


def test_no_convocation_without_a_planned_interview(desk: Desk, signed: int) -> None:
    with pytest.raises(UserError, match="aucun entretien n'est prévu"):
        _render(desk, PrintKind.CONVOCATION, signed)


def test_the_month_batch_holds_one_sheet_per_case_with_an_interview(
    desk: Desk, session_factory: sessionmaker[Session], followed: int, referent_id: int
) -> None:
    from movdesk.models import Civility
    from movdesk.services.orders import BeneficiaryInput, register_order

    second = register_order(
        desk,
        order_number="LC-2026-000200",
        referent_id=add_referent(desk, "Paul Roux"),
        start_date=date(2026, 1, 12),
        beneficiary=BeneficiaryInput(
            last_name="Petit", first_name="Jean", pe_id="7654321B", civility=Civility.M
        ),
    )
    ms.record_contracting(desk, second, on=date(2026, 1, 13), result=ms.ContractingResult.SIGNED)
    interview(desk, second, date(2026, 2, 3), InterviewStatus.ATTENDED)
    register_order(  # a third case, without interviews: no sheet
        desk,
        order_number="LC-2026-000300",
        referent_id=referent_id,
        start_date=date(2026, 2, 2),
        beneficiary=BeneficiaryInput(last_name="Sans", first_name="Rien", pe_id="1111111C"),
    )
    document = month_sheets(session_factory, "2026-02", date(2026, 3, 2))
    assert document is not None
    texts = page_texts(document.data)
    orders = {n for t in texts for n in re.findall(r"LC-2026-000\d{3}", t)}
    assert orders == {"LC-2026-000123", "LC-2026-000200"}
    assert {r.case_id for r in document.records} == {followed, second}
    february = [fr_date(d) for d in HELD if d.month == 2]
    text = "\n".join(t for t in texts if "LC-2026-000123" in t)
    assert _row_dates(text) == february
    only_paul = month_sheets(
        session_factory,
        "2026-02",
        date(2026, 3, 2),
        referent_id=_referent(session_factory, "Paul Roux"),
    )
    assert only_paul is not None and {r.case_id for r in only_paul.records} == {second}
    assert month_sheets(session_factory, "2025-06", date(2026, 3, 2)) is None
    with pytest.raises(ValidationFailed, match="mois valide"):
        month_sheets(session_factory, "2026-13", date(2026, 3, 2))


def _referent(factory: sessionmaker[Session], name: str) -> int:
    from sqlalchemy import select

    from movdesk.models import Referent

    with factory() as session:
        return session.scalar(select(Referent.id).where(Referent.full_name == name))


def test_group_interviews_gather_into_a_session(
    desk: Desk, session_factory: sessionmaker[Session], followed: int
) -> None:
    from movdesk.services.documents.printing import group_document
    from movdesk.services.documents.sheets import group_sessions

    interview(
        desk,
        followed,
        date(2026, 2, 5),
        InterviewStatus.ATTENDED,
        kind=InterviewKind.GROUP,
        at=time(14, 0),
        minutes=120,
    )
    with session_factory() as session:
        found = group_sessions(session, date(2026, 2, 1), date(2026, 2, 28))
    assert [(g.day, g.start, g.case_ids) for g in found] == [
        (date(2026, 2, 5), time(14, 0), (followed,))
    ]
    document = group_document(session_factory, found[0], date(2026, 3, 2))
    text = flat(all_text(document.data))
    assert "DURAND Sophie" in text and "jeudi 5 février 2026" in text
    assert document.records[0].case_id == followed


def test_the_month_batch_can_be_stopped_while_reading(
    session_factory: sessionmaker[Session], followed: int
) -> None:
    from movdesk.reports.page import Cancelled

    with pytest.raises(Cancelled):
        month_sheets(session_factory, "2026-02", date(2026, 3, 2), cancel=lambda: True)


def test_texts_with_control_characters_are_refused(desk: Desk, followed: int) -> None:
    with pytest.raises(ValidationFailed, match="ESC"):
        save_report_texts(desk, followed, ReportKind.FINAL, {"achievements": "ok\x1b[2J"})
    with pytest.raises(ValidationFailed, match="(?i)caractère interdit dans le lieu"):
        _render(desk, PrintKind.CONVOCATION, followed, place="Mairie\x07")


def test_an_intermediate_report_is_dated_at_the_latest_at_the_end_of_the_case(
    desk: Desk, signed: int
) -> None:
    for day in HELD:
        interview(desk, signed, day, InterviewStatus.ATTENDED)
    # Ongoing: today by default, never after E (03/07/2026).
    assert print_facts(desk, signed).report_date == date(2026, 3, 2)
    with pytest.raises(ValidationFailed, match="après la fin de la prestation"):
        _render(desk, PrintKind.INTERMEDIATE, signed, end=date(2026, 7, 4))
    ms.record_exit(desk, signed, ms.ExitInput(date=date(2026, 2, 26), reason=ExitReason.ABANDON))
    # Ended: the report is dated on the end, not on a day the case no longer runs.
    assert print_facts(desk, signed).report_date == date(2026, 2, 26)
    document = _render(desk, PrintKind.INTERMEDIATE, signed)
    text = flat(all_text(document.data))
    assert "Période du 05/01/2026 au 26/02/2026" in text and "Date du bilan 26/02/2026" in text
    assert document.records[0].period_end == date(2026, 2, 26)
    with pytest.raises(ValidationFailed, match="après la fin de la prestation"):
        _render(desk, PrintKind.INTERMEDIATE, signed, end=date(2026, 3, 1))


def test_the_due_reports_of_an_ended_case_are_dated_on_its_end(
    desk: Desk, session_factory: sessionmaker[Session], signed: int
) -> None:
    from movdesk.services.documents.printing import due_intermediate_reports

    for day in HELD:
        interview(desk, signed, day, InterviewStatus.ATTENDED)
    # Due on 05/03/2026, still owed; the case ends on 20/03, the report is printed on 30/03.
    late = date(2026, 3, 30)
    later = Desk(session_factory, user="claire", clock=lambda: late)
    ms.record_exit(later, signed, ms.ExitInput(date=date(2026, 3, 20), reason=ExitReason.ABANDON))
    document = due_intermediate_reports(session_factory, late)
    assert document is not None
    assert "Période du 05/01/2026 au 20/03/2026" in flat(all_text(document.data))
    assert document.records[0].period_end == date(2026, 3, 20)


@pytest.mark.parametrize("rows", [-1, 31, 1000])
def test_batches_keep_blank_rows_within_bounds(
    desk: Desk, session_factory: sessionmaker[Session], followed: int, rows: int
) -> None:
    from movdesk.services.documents.printing import group_document
    from movdesk.services.documents.sheets import GroupSession

    with pytest.raises(UserError, match="Lignes vierges : de 0 à 30"):
        month_sheets(session_factory, "2026-02", date(2026, 3, 2), blank_rows=rows)
    session = GroupSession(date(2026, 2, 2), time(9, 30), 1, "Claire Martin", 45, (followed,))
    with pytest.raises(UserError, match="Lignes vierges : de 0 à 30"):
        group_document(session_factory, session, date(2026, 3, 2), blank_rows=rows)


def test_the_due_reports_are_laid_out_one_at_a_time(
    desk: Desk,
    session_factory: sessionmaker[Session],
    signed: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from movdesk.models import Civility
    from movdesk.reports.page import Cancelled
    from movdesk.services.documents import printing
    from movdesk.services.orders import BeneficiaryInput, register_order

    for number in range(2, 5):
        case = register_order(
            desk,
            order_number=f"LC-2026-00020{number}",
            referent_id=add_referent(desk, f"Référent {number}"),
            start_date=date(2026, 1, 5),
            beneficiary=BeneficiaryInput(
                last_name=f"Nom{number}", first_name="Jean", pe_id=f"765432{number}B",
                civility=Civility.M,
            ),
        )
        ms.record_contracting(desk, case, on=date(2026, 1, 7), result=ms.ContractingResult.SIGNED)
    laid_out: list[str] = []
    story = printing.intermediate_story
    monkeypatch.setattr(
        printing, "intermediate_story", lambda report: laid_out.append("x") or story(report)
    )
    # Stopped as the second report starts: only the first was ever laid out (the batch
    # holds data, not flowables, for the reports to come).
    with pytest.raises(Cancelled):
        printing.due_intermediate_reports(
            session_factory, date(2026, 3, 2), cancel=lambda: len(laid_out) >= 1
        )
    assert laid_out == ["x"]
    whole = printing.due_intermediate_reports(session_factory, date(2026, 3, 2))
    assert whole is not None and len(whole.records) == 4
