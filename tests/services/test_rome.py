"""The ROME referential: France Travail's open-data files, all or nothing, then the checks."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import CompanyPeriod, ContractingResult, JobTarget, RomeJob, RomeSource
from movdesk.services import milestones as ms
from movdesk.services import rome, rows
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.services.rome import (
    RomeFileError,
    import_referential,
    read_referential,
    rome_status,
    search_titles,
    titles_of_code,
)

#: The first lines of ``unix_referentiel_code_rome_v460_utf8.csv`` as France Travail
#: publishes it (comma-separated, one fiche per line).
CODES = (
    "code_rome,code_fiche_metier,code_ogr,libelle_rome,transition_eco,transition_num,"
    "transition_demo,emploi_reglemente,emploi_cadre,code_rome_parent\n"
    "D1106,D1106,38873,Vente en alimentation,N,N,N,N,N,\n"
    'K2204,K2204,38883,"Nettoyage de locaux",N,N,N,N,N,\n'
    "N1103,N1103,38898,Magasinage et préparation de commandes,N,N,N,N,N,\n"
).encode()

#: ``unix_referentiel_appellation_v460_utf8.csv``: one job title per line.
TITLES = (
    "code_ogr,libelle_appellation_long,libelle_appellation_court,code_rome,"
    "code_type_section_appellation,libelle_type_section_appellation,statut\n"
    "12345,Vendeur / Vendeuse en boulangerie,Vendeur en boulangerie,D1106,1,,1\n"
    "12346,Agent / Agente de propreté et d'hygiène,Agent de propreté,K2204,1,,1\n"
    "12347,Préparateur / Préparatrice de commandes,Préparateur de commandes,N1103,1,,1\n"
).encode()


def _count(session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(RomeJob)) or 0


def test_both_open_data_files_are_read_by_their_column_names() -> None:
    assert read_referential("codes.csv", CODES) == [
        ("D1106", "Vente en alimentation"),
        ("K2204", "Nettoyage de locaux"),
        ("N1103", "Magasinage et préparation de commandes"),
    ]
    assert read_referential("appellations.csv", TITLES)[0] == (
        "D1106",
        "Vendeur / Vendeuse en boulangerie",
    )
    semicolons = "\ufeffCODE_ROME;LIBELLE_ROME\nd1106;Vente en alimentation\n".encode()
    assert read_referential("excel.csv", semicolons) == [("D1106", "Vente en alimentation")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"nom;prenom\nDurand;Sophie\n", "export.csv, ligne 1 : les colonnes « code_rome »"),
        (b"", "export.csv, ligne 1 : le fichier est vide"),
        (CODES + b"D11X6,D1106,1,Vente,N,N,N,N,N,\n", "export.csv, ligne 5 : le code ROME"),
        (
            CODES + b"K2205,K2205,1,,N,N,N,N,N,\n",
            "export.csv, ligne 5 : l'intitulé du métier est vide",
        ),
        (CODES + b"K2205\n", "export.csv, ligne 5 : 1 colonne(s) au lieu de 10"),
        (
            CODES + b"K2205,K2205,1,Agent\x07,N,N,N,N,N,\n",
            "export.csv, ligne 5 : caractère interdit dans l'intitulé, en position 6 : le "
            "caractère de contrôle U+0007",
        ),
        (
            CODES.replace(b"pr\xc3\xa9paration", b"pr\xe9paration"),
            "export.csv, ligne 4 : le texte n'est pas en UTF-8",
        ),
        (b"code_rome,libelle_rome\n", "export.csv : le fichier ne contient aucun métier"),
    ],
)
def test_a_wrong_file_is_refused_naming_the_line(data: bytes, expected: str) -> None:
    with pytest.raises(RomeFileError) as refused:
        read_referential("export.csv", data)
    assert expected in str(refused.value)
    assert str(refused.value).startswith("Le référentiel ROME n'a pas été importé")


def test_a_damaged_file_changes_nothing(desk: Desk, session_factory: sessionmaker[Session]) -> None:
    import_referential(desk, [("codes.csv", CODES)])
    before = _count(session_factory)
    damaged = TITLES + b"99999,Intitule,Court,ZZ,1,,1\n"
    with pytest.raises(RomeFileError, match="appellations.csv, ligne 5"):
        import_referential(desk, [("codes.csv", CODES), ("appellations.csv", damaged)])
    assert _count(session_factory) == before


def test_an_import_replaces_the_previous_one_and_keeps_typed_titles(
    desk: Desk, case_id: int, session_factory: sessionmaker[Session]
) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    rows.add_job_target(desk, case_id, title="Agent de propreté", rome="K2204")
    result = import_referential(desk, [("codes.csv", CODES), ("appellations.csv", TITLES)])
    assert (result.titles, result.codes) == (6, 3)
    import_referential(desk, [("appellations.csv", TITLES)])
    status = rome_status(desk)
    assert (status.imported_titles, status.imported_codes, status.typed_titles) == (3, 3, 1)
    assert status.imported_at is not None
    with session_factory() as session:
        typed = session.scalars(select(RomeJob).where(RomeJob.source == RomeSource.TYPED)).one()
        assert (typed.code, typed.title) == ("K2204", "Agent de propreté")


def test_titles_are_searched_as_typed_accents_ignored(desk: Desk) -> None:
    import_referential(desk, [("codes.csv", CODES), ("appellations.csv", TITLES)])
    found = [t.title for t in search_titles(desk, "prepa")]
    assert found == [
        "Magasinage et préparation de commandes",
        "Préparateur / Préparatrice de commandes",
    ]
    assert [t.code for t in search_titles(desk, "D11")] == ["D1106", "D1106"]
    assert [t.title for t in search_titles(desk, "vend boul")] == [
        "Vendeur / Vendeuse en boulangerie"
    ]
    assert search_titles(desk, "   ") == [] and search_titles(desk, "100%") == []
    assert titles_of_code(desk, "k2204") == [
        "Nettoyage de locaux",
        "Agent / Agente de propreté et d'hygiène",
    ]


def test_codes_are_free_until_a_referential_is_loaded(
    desk: Desk, case_id: int, session_factory: sessionmaker[Session]
) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    rows.add_job_target(desk, case_id, title="Métier rare", rome="Z9999")
    import_referential(desk, [("codes.csv", CODES)])
    with pytest.raises(ValidationFailed, match="n'est pas dans le référentiel importé"):
        rows.add_job_target(desk, case_id, title="Autre", rome="Z9998")
    with pytest.raises(ValidationFailed, match="n'est pas dans le référentiel importé"):
        rows.add_company_period(
            desk, case_id, start=date(2026, 2, 2), end=date(2026, 2, 13), rome="Z9998"
        )
    period = rows.add_company_period(
        desk, case_id, start=date(2026, 2, 2), end=date(2026, 2, 13), rome="d1106"
    )
    with session_factory() as session:
        assert session.get(CompanyPeriod, period).rome == "D1106"
        assert session.scalar(select(func.count()).select_from(JobTarget)) == 1


def test_old_mac_line_ends_and_doubled_apostrophes_are_read() -> None:
    """A file whose lines end in a lone CR reads like the original; older releases wrote
    an apostrophe twice (« d''hygiène »), which no title holds."""
    assert read_referential("mac.csv", CODES.replace(b"\n", b"\r")) == read_referential(
        "codes.csv", CODES
    )
    doubled = TITLES.replace(b"d'hygi", b"d''hygi")
    assert read_referential("old.csv", doubled)[1] == (
        "K2204",
        "Agent / Agente de propreté et d'hygiène",
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # Cut in the middle of its last title: « Magasinage et prép » was imported.
        (CODES[:-30], "codes.csv, ligne 4 : 4 colonne(s) au lieu de 10"),
        # A comma inside an unquoted title shifts every column after it.
        (
            CODES + b"K2205,K2205,1,Agent, agente,N,N,N,N,N,\n",
            "codes.csv, ligne 5 : 11 colonne(s) au lieu de 10",
        ),
    ],
    ids=["cut", "separator-in-title"],
)
def test_a_line_of_another_width_than_the_header_is_refused(data: bytes, expected: str) -> None:
    with pytest.raises(RomeFileError) as refused:
        read_referential("codes.csv", data)
    assert expected in str(refused.value)


def _archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_downloaded_archive_is_read_as_its_two_files(
    desk: Desk, session_factory: sessionmaker[Session]
) -> None:
    archive = _archive(
        {
            "RefRomeCsv/unix_referentiel_code_rome_v460_utf8.csv": CODES,
            "RefRomeCsv/unix_referentiel_appellation_v460_utf8.csv": TITLES,
            "RefRomeCsv/unix_texte_v460_utf8.csv": b"code_rome,texte\nD1106,Autre chose\n",
        }
    )
    result = import_referential(desk, [("RefRomeCsv.zip", archive)])
    assert (result.titles, result.codes) == (6, 3)
    assert result.files == (
        "RefRomeCsv.zip › unix_referentiel_appellation_v460_utf8.csv",
        "RefRomeCsv.zip › unix_referentiel_code_rome_v460_utf8.csv",
    )
    damaged = _archive(
        {"unix_referentiel_appellation_v460_utf8.csv": TITLES + b"9,Intitule,Court,ZZ,1,,1\n"}
    )
    before = _count(session_factory)
    with pytest.raises(
        RomeFileError, match=r"RefRomeCsv.zip › unix_referentiel_appellation_v460_utf8.csv, ligne 5"
    ):
        import_referential(desk, [("RefRomeCsv.zip", damaged)])
    assert _count(session_factory) == before


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            _archive({"unix_texte_v460_utf8.csv": b"code_rome,texte\n"}),
            "Archive.zip : l'archive ne contient ni unix_referentiel_appellation",
        ),
        (b"PK\x03\x04" + bytes(200), "Archive.zip : l'archive ZIP est abîmée"),
    ],
    ids=["other-files", "damaged"],
)
def test_an_archive_without_the_referential_is_refused(
    desk: Desk, data: bytes, expected: str
) -> None:
    with pytest.raises(RomeFileError) as refused:
        import_referential(desk, [("Archive.zip", data)])
    assert expected in str(refused.value)


def test_a_file_far_larger_than_the_referential_is_refused(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real files hold about 11,000 titles (2 MB): a file of hundreds of thousands of
    lines took half a minute and a gigabyte of memory before being kept whole."""
    monkeypatch.setattr(rome, "MAX_LINES", 2)
    with pytest.raises(RomeFileError, match="codes.csv : plus de 2 lignes"):
        read_referential("codes.csv", CODES)
    monkeypatch.setattr(rome, "MAX_FILE_BYTES", 100)
    with pytest.raises(RomeFileError, match="codes.csv : le fichier pèse plus de"):
        import_referential(desk, [("codes.csv", CODES)])
