from .finding import Finding, FindingKind
from .inspection import GradedJudgment, Inspection, InspectionKind, JudgmentLevel
from .organisation import (
    Access,
    BoardMeeting,
    Force,
    GovernanceBoard,
    LocalPolicingBody,
    Membership,
    MonitoringPeriod,
    MonitoringState,
    Role,
)
from .progress import ChangeAction, FindingChange, ProgressUpdate

__all__ = [
    "Access",
    "BoardMeeting",
    "ChangeAction",
    "Finding",
    "FindingChange",
    "FindingKind",
    "Force",
    "GovernanceBoard",
    "GradedJudgment",
    "Inspection",
    "InspectionKind",
    "JudgmentLevel",
    "LocalPolicingBody",
    "Membership",
    "MonitoringPeriod",
    "MonitoringState",
    "ProgressUpdate",
    "Role",
]
