from .finding import Finding, FindingKind
from .importing import (
    ReportImport,
    ReportImportStatus,
    TrackerColumnMapping,
    TrackerImport,
    TrackerImportStatus,
)
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
from .section55 import SECTION_55_DAYS, Section55Response, section55_deadline

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
    "ReportImport",
    "ReportImportStatus",
    "Role",
    "SECTION_55_DAYS",
    "Section55Response",
    "section55_deadline",
    "TrackerColumnMapping",
    "TrackerImport",
    "TrackerImportStatus",
]
