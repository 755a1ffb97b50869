"""The office and its directories: settings, referents, partners, employers, contacts.

Names of partners and employers are not unique: two companies may share a name in two
towns. What makes two entries the same (same SIRET, or same name and town with accents
and case ignored) is :mod:`movdesk.services.directory`'s to say, when an entry is typed.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped, enum_column
from .enums import PartnerKind


class OfficeSettings(Timestamped, Base):
    """The provider office (prestataire, titulaire du marché). A single row, id 1."""

    __tablename__ = "office_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("price_per_case_cents >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    name: Mapped[str] = mapped_column(String(200), default="", nullable=False)
    address: Mapped[str | None] = mapped_column(Text)
    siret: Mapped[str | None] = mapped_column(String(14))
    market_number: Mapped[str | None] = mapped_column(String(100))
    #: Prix de la prestation in euro cents, HT: the basis of every payment tranche.
    #: Money is kept in integer cents so that no tranche is ever off by a rounding error.
    price_per_case_cents: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    #: Alsace-Moselle adds two public holidays (Good Friday, 26 December).
    alsace_moselle: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    #: True once the first-run assistant has been completed.
    configured: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)


class Referent(Timestamped, Base):
    """A staff member (référent dédié), the single contact of a beneficiary."""

    __tablename__ = "referent"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), unique=True, nullable=False)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)

    def __repr__(self) -> str:
        return f"Referent({self.full_name!r})"


class Partner(Timestamped, Base):
    """A local partner (partenaire local: CCAS, CAF, CPAM, MDPH, associations…)."""

    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[PartnerKind] = mapped_column(
        enum_column(PartnerKind, "partner_kind"), default=PartnerKind.OTHER, nullable=False
    )
    #: The main contact; others are :class:`DirectoryContact` rows.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    #: Street lines; the postcode and the town have their own columns.
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    siret: Mapped[str | None] = mapped_column(String(14))
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(100))


class Employer(Timestamped, Base):
    """A company of the office's network (entreprise du réseau)."""

    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    siret: Mapped[str | None] = mapped_column(String(14))
    sector: Mapped[str | None] = mapped_column(String(200))
    #: The main contact; others are :class:`DirectoryContact` rows.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    #: Street lines; the postcode and the town have their own columns.
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    town: Mapped[str | None] = mapped_column(String(100))


class DirectoryContact(Timestamped, Base):
    """A person to call at an employer or a partner (besides the entry's main contact)."""

    __tablename__ = "directory_contact"
    __table_args__ = (
        CheckConstraint("(employer_id IS NULL) <> (partner_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employer.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    #: Function at the employer or partner (tutrice, conseillère, responsable RH…).
    role: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
