"""How the office's documents are printed (Paramètres › Documents imprimés): read, check, save.

The settings live in one row (:class:`~movdesk.models.DocumentSettings`). A text left
empty, or equal to its default, is stored as nothing, so that the defaults written
here apply; :class:`DocumentSettingsView` always gives the text in force. The default
commitments of the contract are written for movdesk from the MOV description (seed):
what the beneficiary and the provider each undertake.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ...models import AuditAction, DocumentSettings
from ...rules.text import text_problem
from ...rules.validation import Problem
from .. import audit
from ..context import Desk
from ..errors import ValidationFailed

DEFAULT_BENEFICIARY_COMMITMENTS = """\
- Participer activement à la prestation pendant toute sa durée (180 jours au plus).
- Se présenter chaque semaine à l'entretien individuel en face à face (30 minutes au moins) \
et aux ateliers collectifs proposés ; prévenir le référent de toute absence et la justifier.
- Savoir que la prestation prend fin au-delà de 14 jours sans entretien, hors suspension \
et période en entreprise.
- Signaler sans délai une maladie (suspension de 14 jours consécutifs au plus) ou des congés \
(35 jours au plus sur toute la prestation) ; la date de fin n'est pas reportée.
- Entreprendre, avec l'appui du référent et des partenaires, les démarches qui lèveront \
ses difficultés sociales et personnelles.
- Construire ses pistes professionnelles et réaliser au moins une période en entreprise \
(d'une à six semaines).
- S'abonner aux offres d'emploi et déposer son profil en ligne sur francetravail.fr.
- Informer le référent de toute reprise d'emploi, entrée en formation ou création \
d'entreprise, et accepter le suivi de trois mois qui la suit.
- Signer les feuilles d'émargement et les bilans de la prestation."""

DEFAULT_PROVIDER_COMMITMENTS = """\
- Désigner un référent unique qui accompagne le bénéficiaire pendant toute la prestation.
- Le recevoir chaque semaine en entretien individuel d'au moins 30 minutes et lui proposer \
des ateliers collectifs.
- Identifier avec lui ses difficultés et les partenaires en mesure de les lever ; \
l'accompagner dans ses démarches, sans les faire à sa place.
- L'aider à dégager des pistes professionnelles réalistes et organiser au moins une \
période en entreprise.
- Mobiliser son réseau d'entreprises pour lui proposer des offres adaptées à son profil.
- Mettre à sa disposition des locaux, un ordinateur relié à Internet et à une imprimante, \
le téléphone, un photocopieur et une documentation professionnelle.
- Assurer un suivi de trois mois dans l'emploi ou la formation en cas d'issue positive.
- Transmettre à France Travail le contrat, le bilan intermédiaire et le bilan final, \
avec les feuilles d'émargement.
- Garder confidentielles les informations confiées, qui ne servent qu'à l'accompagnement."""

DEFAULT_CONVOCATION_ITEMS = """\
Cette convocation
Une pièce d'identité
Votre CV à jour, si vous en avez un
Les documents demandés lors du dernier entretien"""

#: Bounds of the settings, checked before saving.
MAX_BLANK_ROWS = 30
MAX_LOGO_BYTES = 10 * 1024 * 1024
#: A logo is kept at most this size (pixels): enough for 40 mm at 600 dpi, and every
#: document that embeds it stays light.
LOGO_PIXELS = (1000, 500)
MAX_TEXT = 10_000
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class DocumentSettingsView:
    """The document settings in force (defaults filled in)."""

    logo: bytes | None
    logo_name: str | None
    phone: str | None
    email: str | None
    signature_place: str | None
    beneficiary_commitments: str
    provider_commitments: str
    convocation_items: str
    interview_place: str | None
    blank_rows: int

    @property
    def items(self) -> tuple[str, ...]:
        """What a convocation asks to bring, one item per non-empty line."""
        lines = (
            line.strip().lstrip("-•*– ").strip() for line in self.convocation_items.splitlines()
        )
        return tuple(line for line in lines if line)


def _or_default(text: str | None, default: str) -> str:
    return text if text and text.strip() else default


def read_document_settings(session: Session) -> DocumentSettingsView:
    """The settings in force, in an open session (defaults before anything is saved)."""
    row = session.get(DocumentSettings, 1)
    if row is None:
        row = DocumentSettings(id=1, blank_rows=0)
    return DocumentSettingsView(
        logo=row.logo,
        logo_name=row.logo_name,
        phone=row.phone,
        email=row.email,
        signature_place=row.signature_place,
        beneficiary_commitments=_or_default(
            row.beneficiary_commitments, DEFAULT_BENEFICIARY_COMMITMENTS
        ),
        provider_commitments=_or_default(row.provider_commitments, DEFAULT_PROVIDER_COMMITMENTS),
        convocation_items=_or_default(row.convocation_items, DEFAULT_CONVOCATION_ITEMS),
        interview_place=row.interview_place,
        blank_rows=row.blank_rows or 0,
    )


def load_document_settings(desk: Desk) -> DocumentSettingsView:
    """The settings in force, in a short session."""
    return desk.read(read_document_settings)


def logo_size_problem(size: int) -> str | None:
    """Why a file of ``size`` bytes cannot be the logo (French), or None: asked before
    the file is read, so that a video chosen by mistake is not loaded."""
    if size <= MAX_LOGO_BYTES:
        return None
    weight = f"{size / (1024 * 1024):.1f}".replace(".", ",")
    return f"le logo pèse {weight} Mo ; la limite est de {MAX_LOGO_BYTES // (1024 * 1024)} Mo."


def check_logo(data: bytes) -> str | None:
    """Why ``data`` cannot be the logo (French), or None when it can."""
    too_big = logo_size_problem(len(data))
    if too_big is not None:
        return too_big
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "le logo doit être une image PNG ou JPEG."
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # the whole picture, not only its header
            width, height = image.size
    except Exception:  # noqa: BLE001 - any unreadable image gets the same answer
        return "l'image du logo est illisible (fichier endommagé ?)."
    if width < 16 or height < 16:
        return f"le logo est trop petit ({width} × {height} pixels ; 16 au moins)."
    return None


@dataclass(frozen=True)
class DocumentSettingsInput:
    """The settings as the form collects them; ``logo`` None removes the logo."""

    phone: str | None = None
    email: str | None = None
    signature_place: str | None = None
    beneficiary_commitments: str | None = None
    provider_commitments: str | None = None
    convocation_items: str | None = None
    interview_place: str | None = None
    blank_rows: int = 0
    logo: bytes | None = None
    logo_name: str | None = None


def reduced_logo(data: bytes) -> bytes:
    """The logo as kept: within :data:`LOGO_PIXELS`, as PNG (a checked image)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.width <= LOGO_PIXELS[0] and image.height <= LOGO_PIXELS[1]:
            return data
        image.thumbnail(LOGO_PIXELS)
        out = io.BytesIO()
        keep = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
        image.convert(keep).save(out, "PNG", optimize=True)
        return out.getvalue()


def _clean(text: str | None) -> str | None:
    return (text or "").strip() or None


def _custom(text: str | None, default: str) -> str | None:
    """What to store: nothing for an empty text or the default itself."""
    cleaned = _clean(text)
    if cleaned is None or " ".join(cleaned.split()) == " ".join(default.split()):
        return None
    return cleaned


def check_document_settings(data: DocumentSettingsInput) -> list[Problem]:
    """What is wrong with the settings as typed, each naming its field."""
    problems: list[Problem] = []
    lines = (("phone", "le téléphone", 40), ("email", "l'adresse", 200))
    lines += (("signature_place", "le lieu", 100), ("logo_name", "le nom du logo", 255))
    for field, label, longest in lines:
        why = text_problem((getattr(data, field) or "").strip(), max_length=longest, label=label)
        if why is not None:
            problems.append(Problem(field, why))
    email_refused = any(problem.field == "email" for problem in problems)
    if data.email and not email_refused and not _EMAIL.match(data.email.strip()):
        problems.append(
            Problem("email", f"« {data.email.strip()} » n'est pas une adresse électronique.")
        )
    if not 0 <= data.blank_rows <= MAX_BLANK_ROWS:
        problems.append(
            Problem(
                "blank_rows",
                f"le nombre de lignes vierges va de 0 à {MAX_BLANK_ROWS} (ici {data.blank_rows}).",
            )
        )
    for field in (
        "beneficiary_commitments",
        "provider_commitments",
        "convocation_items",
        "interview_place",
    ):
        why = text_problem(getattr(data, field) or "", max_length=MAX_TEXT, multiline=True)
        if why is not None:
            problems.append(Problem(field, why))
    if data.logo is not None:
        reason = check_logo(data.logo)
        if reason:
            problems.append(Problem("logo", reason))
    return problems


def save_document_settings(desk: Desk, data: DocumentSettingsInput) -> None:
    """Check and save the document settings, audited like the office settings."""
    problems = check_document_settings(data)
    if problems:
        raise ValidationFailed(problems)
    with desk.action("Enregistrer les paramètres des documents") as work:
        row = work.session.get(DocumentSettings, 1)
        created = row is None
        if row is None:
            row = DocumentSettings(id=1, blank_rows=0)
            work.session.add(row)
            work.session.flush()
        before = audit.snapshot(row)
        row.phone = _clean(data.phone)
        row.email = _clean(data.email)
        row.signature_place = _clean(data.signature_place)
        row.beneficiary_commitments = _custom(
            data.beneficiary_commitments, DEFAULT_BENEFICIARY_COMMITMENTS
        )
        row.provider_commitments = _custom(data.provider_commitments, DEFAULT_PROVIDER_COMMITMENTS)
        row.convocation_items = _custom(data.convocation_items, DEFAULT_CONVOCATION_ITEMS)
        row.interview_place = _clean(data.interview_place)
        row.blank_rows = data.blank_rows
        row.logo = reduced_logo(data.logo) if data.logo is not None else None
        row.logo_name = _clean(data.logo_name) if data.logo is not None else None
        work.log(
            AuditAction.CREATE if created else AuditAction.UPDATE,
            row,
            case_id=None,
            summary="Paramètres des documents imprimés",
            before=None if created else before,
        )
