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
from .reminders import (
    EmailKind,
    EmailStatus,
    OutgoingEmail,
    Reminder,
    ReminderRule,
    ReminderRun,
    email_kind_for,
)
from .section55 import SECTION_55_DAYS, Section55Response, section55_deadline

__all__ = [
    "Access",
    "BoardMeeting",
    "ChangeAction",
    "EmailKind",
    "EmailStatus",
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
    "OutgoingEmail",
    "ProgressUpdate",
    "Reminder",
    "ReminderRule",
    "ReminderRun",
    "Role",
    "SECTION_55_DAYS",
    "Section55Response",
    "email_kind_for",
    "section55_deadline",
]
