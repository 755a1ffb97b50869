"""movdesk — the case desk of a provider office running the MOV service.

"Mobilisation vers l'emploi" (MOV) is an intensive accompaniment of job seekers
ordered by France Travail / Pôle emploi. movdesk keeps one case file per beneficiary
from the order letter (lettre de commande) to the end of the in-job follow-up.
"""

__version__ = "0.1.0"
