"""Paramètres › Documents imprimés: defaults, custom texts, logo, checks, audit."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import AuditEntry, DocumentSettings
from movdesk.services.context import Desk
from movdesk.services.documents.settings import (
    DEFAULT_BENEFICIARY_COMMITMENTS,
    DocumentSettingsInput,
    load_document_settings,
    save_document_settings,
)
from movdesk.services.errors import ValidationFailed


def _png(width: int = 64, height: int = 32) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 80, 160)).save(out, "PNG")
    return out.getvalue()


def test_defaults_before_anything_is_saved(desk: Desk) -> None:
    settings = load_document_settings(desk)
    assert settings.beneficiary_commitments == DEFAULT_BENEFICIARY_COMMITMENTS
    assert settings.items[0] == "Cette convocation"
    assert settings.blank_rows == 0 and settings.logo is None


def test_a_text_equal_to_its_default_is_stored_as_nothing(
    desk: Desk, session_factory: sessionmaker[Session]
) -> None:
    save_document_settings(
        desk,
        DocumentSettingsInput(
            beneficiary_commitments=DEFAULT_BENEFICIARY_COMMITMENTS + "\n",
            provider_commitments="- Notre propre texte",
            convocation_items="- Carte Vitale\n\n• Attestation CAF",
            blank_rows=5,
            phone=" 03 20 00 00 00 ",
            logo=_png(),
            logo_name="logo.png",
        ),
    )
    with session_factory() as session:
        row = session.get(DocumentSettings, 1)
        assert row.beneficiary_commitments is None
        assert row.provider_commitments == "- Notre propre texte"
        assert row.phone == "03 20 00 00 00"
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "document_settings")
        ).one()
        # The log says the logo changed without holding a copy of it.
        assert entry.changes["logo"][1].endswith(tuple("0123456789abcdef"))
        assert "octets, sha256" in entry.changes["logo"][1]
    settings = load_document_settings(desk)
    assert settings.items == ("Carte Vitale", "Attestation CAF")
    assert settings.logo is not None and settings.blank_rows == 5


@pytest.mark.parametrize(
    ("field", "data", "message"),
    [
        ("email", DocumentSettingsInput(email="pas une adresse"), "adresse électronique"),
        ("blank_rows", DocumentSettingsInput(blank_rows=31), "de 0 à 30"),
        ("logo", DocumentSettingsInput(logo=b"GIF89a..."), "PNG ou JPEG"),
        ("logo", DocumentSettingsInput(logo=b"\x89PNG\r\n\x1a\nbroken"), "illisible"),
        ("logo", DocumentSettingsInput(logo=_png(8, 8)), "trop petit"),
        (
            "provider_commitments",
            DocumentSettingsInput(provider_commitments="x" * 10_001),
            "au plus",
        ),
    ],
)
def test_bad_settings_are_refused_field_by_field(
    desk: Desk, session_factory: sessionmaker[Session], field: str, data, message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message) as refused:
        save_document_settings(desk, data)
    assert refused.value.problems[0].field == field
    with session_factory() as session:
        assert session.get(DocumentSettings, 1) is None


def test_a_large_logo_is_kept_small_and_a_broken_one_refused(
    desk: Desk, session_factory: sessionmaker[Session]
) -> None:
    save_document_settings(desk, DocumentSettingsInput(logo=_png(3000, 900), logo_name="grand.png"))
    with session_factory() as session:
        kept = session.get(DocumentSettings, 1).logo
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (1000, 300)
    truncated = _png(400, 200)[:-40]
    with pytest.raises(ValidationFailed, match="illisible"):
        save_document_settings(desk, DocumentSettingsInput(logo=truncated))


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (DocumentSettingsInput(phone="03\x1b[31m20"), "phone"),
        (DocumentSettingsInput(signature_place="Lille\u202e"), "signature_place"),
        (DocumentSettingsInput(convocation_items="Carte\x00Vitale"), "convocation_items"),
    ],
)
def test_control_characters_are_refused(desk: Desk, data, field: str) -> None:
    with pytest.raises(ValidationFailed, match="Caractère interdit dans") as refused:
        save_document_settings(desk, data)
    assert refused.value.problems[0].field == field
