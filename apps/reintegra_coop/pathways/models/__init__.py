from .jobs import Opening, OpeningSkill, OpeningStatus
from .partners import (
    PATHWAY_ROLES,
    Agreement,
    Contact,
    EmployerTie,
    Organisation,
    OrganisationKind,
    Referral,
    ReferralAnswer,
    ReferralDirection,
)
from .placements import (
    PLACEMENT_MONTHS,
    FeedbackPoint,
    PayTerms,
    Placement,
    PlacementFeedback,
    PlacementStatus,
)

__all__ = [
    "PATHWAY_ROLES",
    "PLACEMENT_MONTHS",
    "Agreement",
    "Contact",
    "EmployerTie",
    "FeedbackPoint",
    "Opening",
    "OpeningSkill",
    "OpeningStatus",
    "Organisation",
    "OrganisationKind",
    "PayTerms",
    "Placement",
    "PlacementFeedback",
    "PlacementStatus",
    "Referral",
    "ReferralAnswer",
    "ReferralDirection",
]
