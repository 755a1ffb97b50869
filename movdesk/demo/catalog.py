"""Fixed fictitious material of the demo data: people, places, jobs, partners, wordings.

Everything here is invented for the demonstration except what must be real to be
useful: town names with their postcodes, and the ROME codes (répertoire des métiers of
France Travail), so that a demo job target reads like a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.enums import BarrierCategory, PartnerKind

#: The office's eight referents (référents dédiés), by full name.
REFERENTS: tuple[str, ...] = (
    "Claire Martin",
    "Julien Lefort",
    "Nadia Benali",
    "Thomas Vasseur",
    "Sandrine Caron",
    "Karim Haddad",
    "Élodie Marchand",
    "Sébastien Delcourt",
)


@dataclass(frozen=True)
class Agency:
    """A France Travail agency, its counsellors and the towns it serves (postcode, town)."""

    name: str
    counsellors: tuple[str, ...]
    towns: tuple[tuple[str, str], ...]


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "Agence Lille Centre",
        ("M. Bernard", "Mme Lefebvre", "Mme Duhamel"),
        (("59000", "Lille"), ("59800", "Lille"), ("59110", "La Madeleine"),
         ("59130", "Lambersart")),
    ),
    Agency(
        "Agence Lille Sud",
        ("Mme Dupuis", "M. Lemaire"),
        (("59000", "Lille"), ("59155", "Faches-Thumesnil"), ("59120", "Loos"),
         ("59139", "Wattignies")),
    ),
    Agency(
        "Agence Roubaix",
        ("M. Vandenberghe", "Mme Salhi", "M. Catteau"),
        (("59100", "Roubaix"), ("59150", "Wattrelos"), ("59170", "Croix"), ("59510", "Hem")),
    ),
    Agency(
        "Agence Tourcoing",
        ("Mme Delannoy", "M. Verhaeghe"),
        (("59200", "Tourcoing"), ("59420", "Mouvaux"), ("59250", "Halluin")),
    ),
    Agency(
        "Agence Villeneuve-d'Ascq",
        ("Mme Gheysens", "M. Dubois"),
        (("59650", "Villeneuve-d'Ascq"), ("59491", "Villeneuve-d'Ascq"),
         ("59370", "Mons-en-Barœul"), ("59260", "Lezennes")),
    ),
    Agency(
        "Agence Lens",
        ("M. Kaczmarek", "Mme Lefranc"),
        (("62300", "Lens"), ("62800", "Liévin"), ("62210", "Avion")),
    ),
    Agency(
        "Agence Douai",
        ("Mme Wallart", "M. Petitprez"),
        (("59500", "Douai"), ("59450", "Sin-le-Noble"), ("59119", "Waziers")),
    ),
)


@dataclass(frozen=True)
class Job:
    """A job title and its real ROME code."""

    title: str
    rome: str


@dataclass(frozen=True)
class Trade:
    """A kind of fictitious employer: how its name is built, its sector and its jobs."""

    name_pattern: str
    sector: str
    jobs: tuple[Job, ...]


TRADES: tuple[Trade, ...] = (
    Trade("Boulangerie {name}", "Commerce alimentaire",
          (Job("Vendeur en boulangerie", "D1106"),)),
    Trade("Supérette {name}", "Commerce de détail",
          (Job("Employé de libre-service", "D1507"), Job("Hôte de caisse", "D1505"))),
    Trade("{name} Propreté Services", "Nettoyage",
          (Job("Agent de propreté", "K2204"),)),
    Trade("Logistique {name}", "Transport et logistique",
          (Job("Préparateur de commandes", "N1103"), Job("Manutentionnaire", "N1105"))),
    Trade("Conserverie {name}", "Industrie agroalimentaire",
          (Job("Conducteur de ligne de production alimentaire", "H2102"),
           Job("Opérateur de conditionnement", "H3302"))),
    Trade("Restaurant Chez {name}", "Restauration",
          (Job("Commis de cuisine", "G1602"), Job("Serveur en restauration", "G1803"),
           Job("Employé polyvalent de restauration", "G1603"))),
    Trade("EHPAD Les Tilleuls de {town}", "Santé et médico-social",
          (Job("Aide-soignant", "J1501"), Job("Agent de service hospitalier", "K2204"))),
    Trade("Aide à domicile {name}", "Services à la personne",
          (Job("Auxiliaire de vie", "K1302"), Job("Aide ménager", "K1304"),
           Job("Garde d'enfants à domicile", "K1303"))),
    Trade("Transports {name} et Fils", "Transport routier",
          (Job("Chauffeur-livreur", "N4105"),)),
    Trade("{name} Bâtiment", "Bâtiment",
          (Job("Maçon", "F1703"), Job("Électricien du bâtiment", "F1602"))),
    Trade("Jardins de {town}", "Espaces verts",
          (Job("Ouvrier paysagiste", "A1203"),)),
    Trade("Cabinet {name}", "Services aux entreprises",
          (Job("Agent administratif", "M1602"), Job("Secrétaire", "M1607"),
           Job("Aide-comptable", "M1203"))),
    Trade("{name} Sécurité", "Sécurité privée",
          (Job("Agent de sécurité", "K2503"),)),
    Trade("Résidence {name} Habitat", "Gestion immobilière",
          (Job("Agent de maintenance des bâtiments", "I1203"),)),
)


@dataclass(frozen=True)
class Employer:
    """One fictitious employer of the demo network."""

    name: str
    sector: str
    jobs: tuple[Job, ...]
    town: tuple[str, str]


@dataclass(frozen=True)
class PartnerEntry:
    """One local partner of the directory (annuaire des partenaires)."""

    name: str
    kind: PartnerKind
    contact_name: str
    town: tuple[str, str]


PARTNERS: tuple[PartnerEntry, ...] = (
    PartnerEntry("CCAS de Lille", PartnerKind.CCAS, "Mme Hennebelle", ("59000", "Lille")),
    PartnerEntry("CCAS de Roubaix", PartnerKind.CCAS, "M. Bouchaïb", ("59100", "Roubaix")),
    PartnerEntry("CCAS de Tourcoing", PartnerKind.CCAS, "Mme Vanhove", ("59200", "Tourcoing")),
    PartnerEntry("CAF du Nord — accueil de Lille", PartnerKind.CAF, "Mme Ricquier",
                 ("59000", "Lille")),
    PartnerEntry("CPAM de Lille-Douai", PartnerKind.CPAM, "M. Desmet", ("59000", "Lille")),
    PartnerEntry("MDPH du Nord", PartnerKind.MDPH, "Mme Lecomte", ("59000", "Lille")),
    PartnerEntry("Service social départemental — UTPAS Roubaix",
                 PartnerKind.SOCIAL_SERVICES, "Mme Taleb", ("59100", "Roubaix")),
    PartnerEntry("Association Mobilité Solidaire", PartnerKind.ASSOCIATION, "M. Florin",
                 ("59650", "Villeneuve-d'Ascq")),
    PartnerEntry("Association Point Budget Familles", PartnerKind.ASSOCIATION,
                 "Mme Beaucamp", ("59000", "Lille")),
    PartnerEntry("Association Lire et Écrire Ensemble", PartnerKind.ASSOCIATION,
                 "Mme Moreau", ("59200", "Tourcoing")),
    PartnerEntry("Espace Numérique Solidaire", PartnerKind.ASSOCIATION, "M. Ouali",
                 ("59100", "Roubaix")),
    PartnerEntry("Crèche associative Les Petits Pas", PartnerKind.ASSOCIATION,
                 "Mme Carlier", ("62300", "Lens")),
    PartnerEntry("Point d'accès au droit de Lille", PartnerKind.OTHER, "M. Leclercq",
                 ("59000", "Lille")),
    PartnerEntry("Foyer d'hébergement Le Relais", PartnerKind.ASSOCIATION, "M. Bracq",
                 ("59500", "Douai")),
    PartnerEntry("Centre de formation Horizon Compétences", PartnerKind.TRAINING_BODY,
                 "Mme Delval", ("59000", "Lille")),
    PartnerEntry("Institut régional des métiers de service", PartnerKind.TRAINING_BODY,
                 "M. Pruvost", ("59200", "Tourcoing")),
    PartnerEntry("Centre médico-psychologique de Lens", PartnerKind.OTHER, "Dr Fontaine",
                 ("62300", "Lens")),
)

#: Which partner kinds take each barrier category.
BARRIER_PARTNER_KINDS: dict[BarrierCategory, tuple[PartnerKind, ...]] = {
    BarrierCategory.HEALTH: (PartnerKind.CPAM, PartnerKind.OTHER),
    BarrierCategory.DISABILITY: (PartnerKind.MDPH,),
    BarrierCategory.DEBT: (PartnerKind.ASSOCIATION, PartnerKind.SOCIAL_SERVICES),
    BarrierCategory.HOUSING: (PartnerKind.CCAS, PartnerKind.ASSOCIATION),
    BarrierCategory.FAMILY: (PartnerKind.CAF, PartnerKind.ASSOCIATION),
    BarrierCategory.MOBILITY: (PartnerKind.ASSOCIATION,),
    BarrierCategory.LANGUAGE: (PartnerKind.ASSOCIATION, PartnerKind.TRAINING_BODY),
    BarrierCategory.DIGITAL: (PartnerKind.ASSOCIATION,),
    BarrierCategory.LEGAL: (PartnerKind.OTHER, PartnerKind.SOCIAL_SERVICES),
    BarrierCategory.OTHER: (PartnerKind.SOCIAL_SERVICES,),
}

#: How a barrier is described, and the step-1 action that answers it.
BARRIER_WORDING: dict[BarrierCategory, tuple[tuple[str, str], ...]] = {
    BarrierCategory.HEALTH: (
        ("Problèmes de dos limitant le port de charges",
         "Rendez-vous avec le médecin traitant et bilan de santé CPAM"),
        ("Suivi médical en cours, rendez-vous fréquents",
         "Organiser les rendez-vous médicaux en dehors des temps de recherche"),
    ),
    BarrierCategory.DISABILITY: (
        ("Reconnaissance de travailleur handicapé à demander",
         "Constituer le dossier RQTH avec la MDPH"),
    ),
    BarrierCategory.DEBT: (
        ("Dettes de loyer et d'énergie",
         "Rendez-vous budget et dossier de surendettement si nécessaire"),
    ),
    BarrierCategory.HOUSING: (
        ("Hébergé chez un tiers, sans logement stable",
         "Demande de logement social et orientation vers le CCAS"),
        ("Logement insalubre, démarches en cours",
         "Accompagnement à la demande de relogement"),
    ),
    BarrierCategory.FAMILY: (
        ("Deux enfants en bas âge, pas de solution de garde",
         "Recherche d'une place en crèche et aide à la garde (CAF)"),
        ("Parent isolé, horaires contraints",
         "Mise en place d'une garde périscolaire"),
    ),
    BarrierCategory.MOBILITY: (
        ("Pas de permis de conduire, zones d'activité mal desservies",
         "Inscription au permis de conduire solidaire"),
        ("Pas de véhicule, trajets longs en transports en commun",
         "Demande d'aide à la mobilité et location de scooter solidaire"),
    ),
    BarrierCategory.LANGUAGE: (
        ("Difficultés à l'écrit en français",
         "Atelier de savoirs de base deux demi-journées par semaine"),
    ),
    BarrierCategory.DIGITAL: (
        ("Pas d'ordinateur, peu à l'aise avec les démarches en ligne",
         "Ateliers numériques et accès à un poste en libre-service"),
    ),
    BarrierCategory.LEGAL: (
        ("Titre de séjour à renouveler",
         "Accompagnement au renouvellement du titre de séjour"),
        ("Procédure de divorce en cours",
         "Rendez-vous au point d'accès au droit"),
    ),
    BarrierCategory.OTHER: (
        ("Perte de confiance après une longue période sans emploi",
         "Atelier collectif de confiance en soi"),
    ),
}

#: Step-3 actions (accompagnement vers l'emploi), in the order a referent plans them.
JOB_SEARCH_ACTIONS: tuple[str, ...] = (
    "Mise à jour du CV et d'une lettre de motivation type",
    "Abonnement aux offres d'emploi sur le site de France Travail",
    "Création du profil de compétences en ligne",
    "Candidatures spontanées auprès des entreprises du réseau",
    "Préparation aux entretiens d'embauche (simulation)",
    "Participation à un job dating",
)

#: What a referent writes on an interview, now and then.
INTERVIEW_NOTES: tuple[str, ...] = (
    "Point sur les candidatures de la semaine",
    "Travail sur le CV",
    "Retour sur la période en entreprise",
    "Préparation d'un entretien d'embauche",
    "Point sur les démarches de logement",
    "Recherche d'offres sur le site de France Travail",
    "Bilan de la phase de diagnostic",
)

#: Training titles of training exits: (title, organisation).
TRAININGS: tuple[tuple[str, str], ...] = (
    ("Titre professionnel Agent de propreté et d'hygiène",
     "Centre de formation Horizon Compétences"),
    ("Titre professionnel Préparateur de commandes en entrepôt",
     "Institut régional des métiers de service"),
    ("Titre professionnel Assistant de vie aux familles",
     "Institut régional des métiers de service"),
    ("CAP Cuisine (parcours adultes)", "Centre de formation Horizon Compétences"),
)
