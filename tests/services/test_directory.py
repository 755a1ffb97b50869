"""The directory: entries checked on entry, duplicates proposed, merges keeping every link."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.errors import UserError
from movdesk.models import (
    AuditEntry,
    Barrier,
    BarrierCategory,
    BarrierStatus,
    CompanyPeriod,
    ContractingResult,
    DirectoryContact,
    Employer,
    Exit,
    ExitReason,
    Interview,
    InterviewKind,
    InterviewStatus,
    Partner,
    PartnerKind,
)
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.directory import (
    EntryKind,
    entry_detail,
    list_entries,
    referent_lines,
    search_entries,
)
from movdesk.services.directory_edit import (
    ContactInput,
    DuplicateFound,
    EntryInput,
    delete_entry,
    find_duplicates,
    merge_entries,
    merge_size,
    save_contact,
    save_entry,
)
from movdesk.services.errors import ValidationFailed
from movdesk.services.orders import add_referent
from movdesk.services.schedule import open_deadlines
from movdesk.services.undo import undo_last

from .conftest import TODAY

#: A SIRET with a valid key (and a second one).
SIRET = "73282932000074"
OTHER_SIRET = "44306184100047"

EMPLOYER = EntryKind.EMPLOYER
PARTNER = EntryKind.PARTNER


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


def _count(session_factory: sessionmaker[Session], entity: type) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(entity)) or 0


def test_an_entry_is_checked_field_by_field(desk: Desk) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_entry(
            desk,
            EMPLOYER,
            EntryInput(name="  ", siret="123", postcode="5900", email="pas une adresse"),
        )
    fields = {p.field: p.message for p in refused.value.problems}
    assert fields.keys() == {"name", "siret", "postcode", "email"}
    assert "14 chiffres" in fields["siret"] and "5 chiffres" in fields["postcode"]
    with pytest.raises(ValidationFailed) as key:
        save_entry(desk, EMPLOYER, EntryInput(name="X", siret="73282932000075"))
    assert "clé de contrôle" in key.value.problems[0].message
    with pytest.raises(ValidationFailed) as control:
        save_entry(desk, EMPLOYER, EntryInput(name="X", contact_name="Mme\x1bLeroy"))
    (problem,) = control.value.problems
    assert problem.field == "contact_name" and "caractère de contrôle" in problem.message


def test_a_typed_siret_keeps_its_digits_and_the_entry_is_audited(
    desk: Desk, session: Session
) -> None:
    entry = save_entry(
        desk,
        EMPLOYER,
        EntryInput(
            name=" Boulangerie   Petit ",
            town="Lille",
            postcode="59000",
            siret="732 829 320 00074",
            sector="Commerce alimentaire",
        ),
    )
    row = session.get(Employer, entry)
    assert (row.name, row.siret, row.town) == ("Boulangerie Petit", SIRET, "Lille")
    logged = session.scalars(select(AuditEntry).where(AuditEntry.entity == "employer")).one()
    assert logged.summary == "Entreprise « Boulangerie Petit (Lille) »"


def test_duplicates_same_siret_or_same_name_and_town_accents_and_case_ignored(
    desk: Desk,
) -> None:
    first = save_entry(
        desk, EMPLOYER, EntryInput(name="Boulangerie Pétit", town="Lille", siret=SIRET)
    )
    same_name = find_duplicates(desk, EMPLOYER, EntryInput(name="BOULANGERIE  petit", town="lille"))
    assert [(d.id, d.reason, d.same_siret) for d in same_name] == [
        (first, "même nom et même ville", False)
    ]
    same_siret = find_duplicates(desk, EMPLOYER, EntryInput(name="Autre nom", siret=SIRET))
    assert [(d.id, d.same_siret) for d in same_siret] == [(first, True)]
    # Another town, or another known SIRET: another establishment.
    assert (
        find_duplicates(desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Roubaix")) == []
    )
    assert (
        find_duplicates(
            desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille", siret=OTHER_SIRET)
        )
        == []
    )
    # The entry being corrected is not its own duplicate.
    assert (
        find_duplicates(
            desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille"), ignore_id=first
        )
        == []
    )


@pytest.mark.parametrize(
    ("name", "town"),
    [
        ("Boulangerie-Petit", "Villeneuve-d'Ascq"),
        ("BOULANGERIE PETIT", "Villeneuve d'Ascq"),
        ("Boulangerie Petit", "Villeneuve d\u2019Ascq"),
        ("Boulangerie Petit.", "VILLENEUVE D ASCQ CEDEX"),
        ("Boulangerie Petit", "Villeneuve-d'Ascq Cedex 5"),
    ],
)
def test_duplicates_ignore_hyphens_apostrophes_and_cedex(desk: Desk, name: str, town: str) -> None:
    """The same town written with a space for its hyphen, a typographic apostrophe or a
    CEDEX is the same town; so is a name with a hyphen or a full stop."""
    first = save_entry(
        desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Villeneuve-d'Ascq")
    )
    found = find_duplicates(desk, EMPLOYER, EntryInput(name=name, town=town))
    assert [(d.id, d.reason) for d in found] == [(first, "même nom et même ville")]


def test_saint_is_the_same_town_in_full_or_abbreviated(desk: Desk) -> None:
    first = save_entry(desk, PARTNER, EntryInput(name="CCAS", town="Saint-Amand-les-Eaux"))
    found = find_duplicates(desk, PARTNER, EntryInput(name="ccas", town="St Amand les Eaux"))
    assert [d.id for d in found] == [first]
    assert find_duplicates(desk, PARTNER, EntryInput(name="CCAS", town="Amand")) == []


def test_a_partner_duplicate_is_named_in_the_right_gender(desk: Desk) -> None:
    save_entry(desk, PARTNER, EntryInput(name="CAF du Nord", town="Lille"))
    with pytest.raises(DuplicateFound) as offered:
        save_entry(desk, PARTNER, EntryInput(name="caf du nord", town="Lille"))
    assert str(offered.value).startswith("Ce partenaire existe déjà dans l'annuaire")
    save_entry(desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille"))
    with pytest.raises(DuplicateFound) as employer:
        save_entry(desk, EMPLOYER, EntryInput(name="boulangerie petit", town="Lille"))
    assert str(employer.value).startswith("Cette entreprise existe déjà dans l'annuaire")


@pytest.mark.parametrize(
    "siret", ["7328293200007²", "７３２８２９３２００００７４", "٧٣٢٨٢٩٣٢٠٠٠٠٧٤"]
)
def test_a_siret_is_fourteen_plain_digits(desk: Desk, siret: str) -> None:
    """« ² » sits at the top left of a French keyboard: typed by mistake it stopped the
    form with a Python error; digits of other scripts were saved as they came."""
    with pytest.raises(ValidationFailed) as refused:
        save_entry(desk, EMPLOYER, EntryInput(name="Boulangerie Petit", siret=siret))
    (problem,) = refused.value.problems
    assert problem.field == "siret" and "14 chiffres" in problem.message


def test_la_poste_head_office_and_offices_have_valid_sirets(desk: Desk) -> None:
    """La Poste's offices follow their own check (digits adding up to a multiple of 5);
    its head office keeps the usual one."""
    save_entry(desk, PARTNER, EntryInput(name="La Poste (siège)", siret="35600000000048"))
    save_entry(desk, PARTNER, EntryInput(name="La Poste Lille", siret="35600000049837"))
    with pytest.raises(ValidationFailed, match="clé de contrôle"):
        save_entry(desk, PARTNER, EntryInput(name="La Poste Lens", siret="35600000049838"))


def test_saving_a_duplicate_is_refused_until_confirmed_but_never_a_same_siret(
    desk: Desk, session_factory: sessionmaker[Session]
) -> None:
    save_entry(
        desk,
        PARTNER,
        EntryInput(name="CCAS de Lille", town="Lille", siret=SIRET, partner_kind=PartnerKind.CCAS),
    )
    with pytest.raises(DuplicateFound) as offered:
        save_entry(desk, PARTNER, EntryInput(name="ccas de lille", town="Lille"))
    assert not offered.value.blocking
    assert "existe déjà" in str(offered.value) and "CCAS de Lille (Lille)" in str(offered.value)
    save_entry(desk, PARTNER, EntryInput(name="ccas de lille", town="Lille"), allow_same_name=True)
    with pytest.raises(DuplicateFound) as blocked:
        save_entry(desk, PARTNER, EntryInput(name="Autre", siret=SIRET), allow_same_name=True)
    assert blocked.value.blocking
    assert _count(session_factory, Partner) == 2


def test_search_as_you_type_ignores_accents_and_finds_towns_sirets_and_contacts(
    desk: Desk, session: Session
) -> None:
    save_entry(
        desk,
        EMPLOYER,
        EntryInput(
            name="Élan Propreté", town="Roubaix", siret=SIRET, contact_name="Mme Hélène Duval"
        ),
    )
    save_entry(desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille"))
    listed = list_entries(session, EMPLOYER)
    assert [r.name for r in listed] == ["Boulangerie Petit", "Élan Propreté"]
    assert [r.name for r in search_entries(listed, "elan")] == ["Élan Propreté"]
    assert [r.name for r in search_entries(listed, "roubaix prop")] == ["Élan Propreté"]
    assert [r.name for r in search_entries(listed, "helene")] == ["Élan Propreté"]
    assert [r.name for r in search_entries(listed, "732 829")] == ["Élan Propreté"]
    assert search_entries(listed, "") == listed


def _linked_employer(desk: Desk, signed: int) -> tuple[int, int]:
    """An employer with a period and an interview, and its duplicate with a hire."""
    kept = save_entry(
        desk, EMPLOYER, EntryInput(name="Boulangerie Petit", town="Lille", contact_name="M. Petit")
    )
    absorbed = save_entry(
        desk,
        EMPLOYER,
        EntryInput(
            name="Boulangerie PETIT",
            town="Lille",
            siret=SIRET,
            phone="03 53 01 00 00",
            contact_name="Mme Leroy",
            notes="Recrute au printemps",
        ),
        allow_same_name=True,
    )
    rows.add_company_period(
        desk,
        signed,
        start=date(2026, 2, 2),
        end=date(2026, 2, 13),
        employer_id=absorbed,
        job_title="Vendeur",
        rome="D1106",
    )
    rows.schedule_interview(
        desk,
        signed,
        on=date(2026, 2, 16),
        kind=InterviewKind.INDIVIDUAL,
        status=InterviewStatus.ATTENDED,
        employer_id=absorbed,
    )
    save_contact(desk, EMPLOYER, absorbed, ContactInput(name="Paul Petit", role="Tuteur"))
    return kept, absorbed


def test_merge_keeps_every_link_and_fills_the_kept_entry(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    kept, absorbed = _linked_employer(desk, signed)
    ms.record_exit(
        desk,
        signed,
        ms.ExitInput(
            date=date(2026, 3, 2),
            reason=ExitReason.EMPLOYMENT,
            employment_contract=ms.ContractType.CDI,
            employment_full_time=True,
            employment_employer_id=absorbed,
        ),
    )
    result = merge_entries(desk, EMPLOYER, kept, absorbed)
    assert result.moved == {
        "périodes en entreprise": 1,
        "embauches": 1,
        "entretiens": 1,
        "contacts": 1,
    }
    with session_factory() as session:
        assert session.get(Employer, absorbed) is None
        row = session.get(Employer, kept)
        assert (row.siret, row.phone, row.contact_name) == (SIRET, "03 53 01 00 00", "M. Petit")
        assert row.notes.startswith("Recrute au printemps\nFusionnée le 02/03/2026")
        assert session.scalar(select(CompanyPeriod.employer_id)) == kept
        assert session.scalar(select(Exit.employment_employer_id)) == kept
        assert session.scalar(select(Interview.employer_id).where(
            Interview.employer_id.is_not(None))) == kept  # fmt: skip
        contacts = sorted(session.scalars(select(DirectoryContact.name)))
        assert contacts == ["Mme Leroy", "Paul Petit"]
        # The merge shows in the case's history.
        history = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.case_id == signed)
        ).all()
        assert any(s.startswith("Fusion : « Boulangerie PETIT (Lille) » rejoint") for s in history)
    detail = entry_detail(desk, EMPLOYER, kept)
    assert (detail.row.periods, detail.row.hires, detail.interviews) == (1, 1, 1)
    assert [h.what for h in detail.history] == ["Embauche (CDI)", "Période en entreprise"]


def test_a_merge_is_undone_as_a_whole(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    kept, absorbed = _linked_employer(desk, signed)
    merge_entries(desk, EMPLOYER, kept, absorbed)
    assert undo_last(desk) == "Fusionner deux entrées de l'annuaire"
    with session_factory() as session:
        restored = session.get(Employer, absorbed)
        assert restored is not None and restored.siret == SIRET
        assert session.scalar(select(CompanyPeriod.employer_id)) == absorbed
        assert session.get(Employer, kept).notes is None
        assert sorted(session.scalars(select(DirectoryContact.name))) == ["Paul Petit"]
        assert (
            session.scalar(
                select(DirectoryContact.employer_id).where(DirectoryContact.name == "Paul Petit")
            )
            == absorbed
        )


def test_the_size_of_a_merge_is_known_before_it_is_made(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    kept, absorbed = _linked_employer(desk, signed)
    with session_factory() as session:
        size = merge_size(session, EMPLOYER, absorbed)
    merge_entries(desk, EMPLOYER, kept, absorbed)
    assert desk.last_undoable is not None
    # The links, the kept entry, its new contact, the absorbed entry: what Ctrl+Z reads.
    assert len(desk.last_undoable.rows) == size


def test_two_establishments_are_not_merged(desk: Desk) -> None:
    one = save_entry(desk, EMPLOYER, EntryInput(name="A", siret=SIRET))
    two = save_entry(desk, EMPLOYER, EntryInput(name="B", siret=OTHER_SIRET))
    with pytest.raises(ValidationFailed, match="deux établissements différents"):
        merge_entries(desk, EMPLOYER, one, two)
    with pytest.raises(ValidationFailed):
        merge_entries(desk, EMPLOYER, one, one)


def test_an_entry_in_use_is_merged_not_deleted(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    kept, absorbed = _linked_employer(desk, signed)
    with pytest.raises(UserError, match="fusionnez"):
        delete_entry(desk, EMPLOYER, absorbed)
    unused = save_entry(desk, EMPLOYER, EntryInput(name="Jamais utilisée"))
    save_contact(desk, EMPLOYER, unused, ContactInput(name="Personne"))
    delete_entry(desk, EMPLOYER, unused)
    with session_factory() as session:
        assert session.get(Employer, unused) is None
        assert session.get(Employer, kept) is not None


def test_partner_history_lists_barriers_and_open_requests(
    desk: Desk, signed: int, session: Session
) -> None:
    partner = save_entry(
        desk, PARTNER, EntryInput(name="CCAS de Lille", town="Lille", partner_kind=PartnerKind.CCAS)
    )
    rows.add_barrier(
        desk,
        signed,
        category=BarrierCategory.HOUSING,
        partner_id=partner,
        status=BarrierStatus.IN_PROGRESS,
        referral=rows.Referral(date(2026, 2, 2), date(2026, 2, 16)),
    )
    rows.add_barrier(
        desk,
        signed,
        category=BarrierCategory.DEBT,
        partner_id=partner,
        referral=rows.Referral(date(2026, 2, 2), None, date(2026, 2, 20)),
    )
    (row,) = list_entries(session, PARTNER)
    assert (row.barriers, row.open_requests, row.category) == (2, 1, "CCAS")
    detail = entry_detail(desk, PARTNER, partner)
    assert [line.what for line in detail.open_requests] == ["Frein : Logement / hébergement"]
    assert detail.open_requests[0].detail == "Demande du 02/02/2026, à relancer le 16/02/2026"


def test_referents_are_listed_with_their_caseload(
    desk: Desk, signed: int, referent_id: int, session: Session
) -> None:
    (line,) = referent_lines(session, TODAY)
    assert (line.name, line.running, line.caseload, line.total) == ("Claire Martin", 1, 1, 1)


def test_referents_are_listed_in_alphabetical_order_accents_ignored(
    desk: Desk, referent_id: int, session: Session
) -> None:
    """« Élodie » comes between « Claire » and « Julien », not after « Zoé »."""
    for name in ("Zoé Durand", "Élodie Marchand", "Julien Lefort"):
        add_referent(desk, name)
    names = [line.name for line in referent_lines(session, TODAY)]
    assert names == ["Claire Martin", "Élodie Marchand", "Julien Lefort", "Zoé Durand"]


def test_a_referral_needs_a_partner_and_dates_in_order(desk: Desk, signed: int) -> None:
    with pytest.raises(ValidationFailed) as refused:
        rows.add_barrier(
            desk,
            signed,
            category=BarrierCategory.MOBILITY,
            referral=rows.Referral(date(2026, 2, 10), date(2026, 2, 1), date(2026, 2, 5)),
        )
    assert {p.field for p in refused.value.problems} == {
        "partner_id",
        "follow_up_on",
        "referral_closed_on",
    }
    with pytest.raises(ValidationFailed, match="à venir"):
        rows.add_barrier(
            desk,
            signed,
            category=BarrierCategory.MOBILITY,
            referral=rows.Referral(date(2026, 4, 1)),
        )


def test_a_partner_answer_is_not_received_ahead_of_today(desk: Desk, signed: int) -> None:
    """An answer dated next month closed the request, and its reminder, today."""
    partner = save_entry(desk, PARTNER, EntryInput(name="CAF du Nord"))
    with pytest.raises(ValidationFailed) as refused:
        rows.add_barrier(
            desk,
            signed,
            category=BarrierCategory.FAMILY,
            partner_id=partner,
            referral=rows.Referral(date(2026, 2, 2), date(2026, 2, 16), date(2026, 3, 20)),
        )
    (problem,) = refused.value.problems
    assert problem.field == "referral_closed_on" and "à venir" in problem.message


def test_lifting_a_barrier_keeps_its_request(desk: Desk, signed: int, session: Session) -> None:
    partner = save_entry(desk, PARTNER, EntryInput(name="CAF du Nord"))
    barrier = rows.add_barrier(
        desk,
        signed,
        category=BarrierCategory.FAMILY,
        partner_id=partner,
        referral=rows.Referral(date(2026, 2, 2), date(2026, 2, 16)),
    )
    rows.update_barrier(desk, barrier, status=BarrierStatus.LIFTED, partner_id=partner)
    row = session.get(Barrier, barrier)
    assert (row.referred_on, row.follow_up_on, row.lifted_on) == (
        date(2026, 2, 2),
        date(2026, 2, 16),
        TODAY,
    )


def test_a_request_to_follow_up_is_a_deadline_until_the_partner_answers(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    partner = save_entry(desk, PARTNER, EntryInput(name="CAF du Nord"))
    barrier = rows.add_barrier(
        desk,
        signed,
        category=BarrierCategory.FAMILY,
        partner_id=partner,
        status=BarrierStatus.IN_PROGRESS,
        referral=rows.Referral(date(2026, 2, 2), date(2026, 2, 16)),
    )

    def follow_ups() -> list[tuple[str, str]]:
        return [
            (d.status, d.label)
            for d in open_deadlines(session_factory, TODAY)
            if d.kind == "partner_follow_up"
        ]

    assert follow_ups() == [
        (
            "overdue",
            "Relancer CAF du Nord (frein « Contraintes familiales / garde d'enfants », "
            "demande du 02/02/2026)",
        )
    ]
    # Renaming the partner renames the reminder; the answer closes it.
    save_entry(desk, PARTNER, EntryInput(name="CAF du Nord — Lille"), entry_id=partner)
    assert follow_ups()[0][1].startswith("Relancer CAF du Nord — Lille")
    rows.update_barrier(
        desk,
        barrier,
        status=BarrierStatus.IN_PROGRESS,
        partner_id=partner,
        referral=rows.Referral(date(2026, 2, 2), date(2026, 2, 16), date(2026, 2, 20)),
    )
    assert follow_ups() == []
