"""The job titles the office knows, with their ROME code (répertoire des métiers).

Two sources: the open-data referential of France Travail, imported in Paramètres (it
replaces the previous import as a whole), and the titles typed in a form, remembered so
that the next form proposes them. ``title_key`` is the title folded (lower case, no
accents) for the search as you type.
"""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped, enum_column
from .enums import RomeSource


class RomeJob(Timestamped, Base):
    """One job title (appellation or fiche métier) and its ROME code."""

    __tablename__ = "rome_job"
    __table_args__ = (UniqueConstraint("code", "title_key", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: One capital letter and four digits (ex. D1106).
    code: Mapped[str] = mapped_column(String(5), index=True, nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    title_key: Mapped[str] = mapped_column(String(200), index=True, nullable=False)
    source: Mapped[RomeSource] = mapped_column(
        enum_column(RomeSource, "rome_source"), nullable=False
    )

    def __repr__(self) -> str:
        return f"RomeJob({self.code!r}, {self.title!r})"
