from .exits import (
    ContractKind,
    Exit,
    FollowUp,
    FollowUpPoint,
    HousingStatus,
    WorkStatus,
)
from .funding import FundingProject, ParticipantProfile, Sex
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
    "ContractKind",
    "EmployerTie",
    "Exit",
    "FeedbackPoint",
    "FollowUp",
    "FollowUpPoint",
    "FundingProject",
    "HousingStatus",
    "Opening",
    "OpeningSkill",
    "OpeningStatus",
    "Organisation",
    "OrganisationKind",
    "ParticipantProfile",
    "PayTerms",
    "Placement",
    "PlacementFeedback",
    "PlacementStatus",
    "Referral",
    "ReferralAnswer",
    "ReferralDirection",
    "Sex",
    "WorkStatus",
]
