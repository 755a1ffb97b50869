"""Every closed list of the MOV contract, as string enums.

The values are the stable codes written in the database and in the JSON exchange
format (EXCHANGE.md); ``label`` gives the French wording shown to users.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a French label."""

    _labels: dict[str, str]

    @property
    def label(self) -> str:
        return type(self)._labels.get(self.value, self.value)  # type: ignore[attr-defined]


def _labelled(cls: type[LabelledEnum], labels: dict[str, str]) -> None:
    missing = {m.value for m in cls} - labels.keys()
    assert not missing, f"{cls.__name__}: missing labels for {missing}"
    cls._labels = labels  # type: ignore[misc]


class Civility(LabelledEnum):
    MME = "Mme"
    M = "M."


_labelled(Civility, {"Mme": "Madame", "M.": "Monsieur"})


class CaseStatus(LabelledEnum):
    """Lifecycle of a case (MOV-RULES.md section 2)."""

    ORDERED = "ordered"
    NO_SHOW = "no_show"
    REFUSED = "refused"
    ACTIVE = "active"
    FOLLOW_UP = "follow_up"
    ENDED_TERM = "ended_term"
    INTERRUPTED = "interrupted"
    CLOSED = "closed"


_labelled(
    CaseStatus,
    {
        "ordered": "Commandée",
        "no_show": "Non présenté",
        "refused": "Refus",
        "active": "En cours",
        "follow_up": "Suivi dans l'emploi",
        "ended_term": "Fin à terme",
        "interrupted": "Interrompue",
        "closed": "Clôturée",
    },
)


class ContractingResult(LabelledEnum):
    """Outcome of the contracting interview (entretien de contractualisation)."""

    SIGNED = "signed"
    REFUSED = "refused"
    NO_SHOW = "no_show"


_labelled(
    ContractingResult,
    {"signed": "Contrat signé", "refused": "Non-signature", "no_show": "Absent"},
)


class InterviewKind(LabelledEnum):
    CONTRACTING = "contracting"
    INDIVIDUAL = "individual"
    GROUP = "group"
    PHONE = "phone"
    FOLLOW_UP = "follow_up"


_labelled(
    InterviewKind,
    {
        "contracting": "Entretien de contractualisation",
        "individual": "Entretien individuel en face à face",
        "group": "Regroupement / atelier collectif",
        "phone": "Entretien téléphonique",
        "follow_up": "Suivi dans l'emploi ou la formation",
    },
)


class InterviewStatus(LabelledEnum):
    PLANNED = "planned"
    ATTENDED = "attended"
    ABSENT = "absent"
    EXCUSED = "excused"


_labelled(
    InterviewStatus,
    {"planned": "Prévu", "attended": "Réalisé", "absent": "Absent", "excused": "Excusé"},
)


class BarrierCategory(LabelledEnum):
    """Kinds of barrier to employment (freins)."""

    HEALTH = "health"
    DISABILITY = "disability"
    DEBT = "debt"
    HOUSING = "housing"
    FAMILY = "family"
    MOBILITY = "mobility"
    LANGUAGE = "language"
    DIGITAL = "digital"
    LEGAL = "legal"
    OTHER = "other"


_labelled(
    BarrierCategory,
    {
        "health": "Santé",
        "disability": "Handicap",
        "debt": "Surendettement",
        "housing": "Logement / hébergement",
        "family": "Contraintes familiales / garde d'enfants",
        "mobility": "Mobilité",
        "language": "Langue et savoirs de base",
        "digital": "Numérique",
        "legal": "Juridique / administratif",
        "other": "Autre",
    },
)


class BarrierStatus(LabelledEnum):
    IDENTIFIED = "identified"
    IN_PROGRESS = "in_progress"
    LIFTED = "lifted"


_labelled(
    BarrierStatus,
    {"identified": "Identifié", "in_progress": "En cours de traitement", "lifted": "Levé"},
)


class PartnerKind(LabelledEnum):
    CCAS = "ccas"
    CAF = "caf"
    CPAM = "cpam"
    MDPH = "mdph"
    SOCIAL_SERVICES = "social_services"
    ASSOCIATION = "association"
    TRAINING_BODY = "training_body"
    OTHER = "other"


_labelled(
    PartnerKind,
    {
        "ccas": "CCAS",
        "caf": "CAF",
        "cpam": "CPAM",
        "mdph": "MDPH",
        "social_services": "Services sociaux",
        "association": "Association",
        "training_body": "Organisme de formation",
        "other": "Autre",
    },
)


class ActionStep(LabelledEnum):
    """The three steps of the action plan (phase 2)."""

    SOCIAL = "social"
    TARGETS = "targets"
    JOB_SEARCH = "job_search"


_labelled(
    ActionStep,
    {
        "social": "Étape 1 — Solutions aux difficultés sociales et personnelles",
        "targets": "Étape 2 — Cibles professionnelles",
        "job_search": "Étape 3 — Accompagnement vers l'emploi",
    },
)


class ActionStatus(LabelledEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


_labelled(
    ActionStatus,
    {"planned": "Prévue", "in_progress": "En cours", "done": "Réalisée", "cancelled": "Annulée"},
)


class SuspensionKind(LabelledEnum):
    SICKNESS = "sickness"
    LEAVE = "leave"


_labelled(SuspensionKind, {"sickness": "Maladie", "leave": "Congés"})


class ExitReason(LabelledEnum):
    """Why a case ended (sortie)."""

    EMPLOYMENT = "employment"
    TRAINING = "training"
    BUSINESS = "business"
    TERM = "term"
    RULE_14_DAYS = "rule_14_days"
    ABANDON = "abandon"
    MOVED = "moved"
    HEALTH = "health"
    OTHER = "other"

    @property
    def is_interruption(self) -> bool:
        return self in INTERRUPTION_REASONS

    @property
    def is_placement(self) -> bool:
        """A job, training or business entry, whose details decide a positive exit."""
        return self in (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS)


_labelled(
    ExitReason,
    {
        "employment": "Reprise d'emploi",
        "training": "Entrée en formation",
        "business": "Création ou reprise d'entreprise",
        "term": "Fin à terme",
        "rule_14_days": "Interruption — plus de 14 jours sans entretien",
        "abandon": "Interruption — abandon",
        "moved": "Interruption — déménagement",
        "health": "Interruption — santé",
        "other": "Interruption — autre motif",
    },
)

INTERRUPTION_REASONS = frozenset(
    {
        ExitReason.RULE_14_DAYS,
        ExitReason.ABANDON,
        ExitReason.MOVED,
        ExitReason.HEALTH,
        ExitReason.OTHER,
    }
)


class ContractType(LabelledEnum):
    CDI = "CDI"
    CDD = "CDD"
    INTERIM = "interim"
    SUBSIDISED = "subsidised"


_labelled(
    ContractType,
    {
        "CDI": "CDI",
        "CDD": "CDD",
        "interim": "Intérim",
        "subsidised": "Contrat aidé (PEC, CUI, insertion…)",
    },
)


class Tranche(LabelledEnum):
    """Payment tranches (modalités de paiement, MOV-RULES.md section 5)."""

    T1 = "T1"
    T2 = "T2"
    T3 = "T3"
    EARLY = "early"


_labelled(
    Tranche,
    {
        "T1": "Tranche 1 — 30 %",
        "T2": "Tranche 2 — 60 %",
        "T3": "Tranche 3 — 10 % (maintien à 3 mois)",
        "early": "Sortie positive anticipée — jusqu'à 90 %",
    },
)


class DocumentKind(LabelledEnum):
    """Documents printed, signed, sent or held for a case (pièces justificatives)."""

    ORDER_LETTER = "order_letter"
    CONTRACT = "contract"
    CONVOCATION = "convocation"
    INTERMEDIATE_REPORT = "intermediate_report"
    INTERMEDIATE_ATTENDANCE = "intermediate_attendance"
    FINAL_REPORT = "final_report"
    FINAL_ATTENDANCE = "final_attendance"
    EMPLOYMENT_CONTRACT = "employment_contract"
    HIRING_PROMISE = "hiring_promise"
    PAYSLIP_OR_PRESENCE = "payslip_or_presence"
    BUSINESS_CREATION_PROOF = "business_creation_proof"
    BUSINESS_SURVIVAL_PROOF = "business_survival_proof"
    TRAINING_ENTRY_CERTIFICATE = "training_entry_certificate"
    OTHER = "other"
    #: An attendance sheet printed on its own, for a period or a group session.
    ATTENDANCE = "attendance"


_labelled(
    DocumentKind,
    {
        "order_letter": "Lettre de commande signée (original et copie)",
        "contract": "Contrat d'accompagnement signé",
        "convocation": "Convocation",
        "intermediate_report": "Bilan intermédiaire",
        "intermediate_attendance": "Feuille d'émargement du bilan intermédiaire",
        "final_report": "Bilan final",
        "final_attendance": "Feuille d'émargement du bilan final",
        "employment_contract": "Copie du contrat de travail",
        "hiring_promise": "Promesse d'embauche",
        "payslip_or_presence": "Bulletin de salaire ou certificat de présence",
        "business_creation_proof": "Justificatif de création ou reprise d'entreprise",
        "business_survival_proof": "Justificatif de survie de l'entreprise",
        "training_entry_certificate": "Attestation d'entrée en stage",
        "other": "Autre document",
        "attendance": "Feuille d'émargement",
    },
)


class ReportKind(LabelledEnum):
    """The two reports (bilans) whose free texts a referent writes before printing."""

    INTERMEDIATE = "intermediate"
    FINAL = "final"


_labelled(ReportKind, {"intermediate": "Bilan intermédiaire", "final": "Bilan final"})


class AuditAction(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


_labelled(AuditAction, {"create": "Création", "update": "Modification", "delete": "Suppression"})


class TargetDecision(LabelledEnum):
    """What the end-of-period evaluation decides about the job target tried."""

    CONFIRMED = "confirmed"
    CHANGED = "changed"
    ABANDONED = "abandoned"


_labelled(
    TargetDecision,
    {
        "confirmed": "Projet professionnel confirmé",
        "changed": "Projet professionnel modifié",
        "abandoned": "Projet professionnel abandonné",
    },
)


class RomeSource(LabelledEnum):
    """Where a known job title with its ROME code comes from."""

    #: The open-data referential of France Travail, imported in Paramètres.
    IMPORTED = "imported"
    #: Typed in a form before (or besides) the referential, and remembered.
    TYPED = "typed"


_labelled(RomeSource, {"imported": "Référentiel ROME importé", "typed": "Saisi au bureau"})
