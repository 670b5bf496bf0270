from .accounts import SignInMethod, SingleSignOnIdentity, UserSession
from .documents import DocumentFormat, DocumentKind, RenderedDocument, RenderStatus
from .evidence import EvidenceFile
from .exports import Export, ExportFormat, ExportStatus
from .finding import Finding, FindingKind, overdue_q
from .hmicfrs import HmicfrsDecision, HmicfrsOutcome
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
    OversightGroupMeeting,
    Role,
)
from .progress import ChangeAction, FindingChange, ProgressUpdate
from .publication import Publication
from .reminders import (
    EmailKind,
    EmailStatus,
    OutgoingEmail,
    Reminder,
    ReminderRule,
    ReminderRun,
    email_kind_for,
)
from .rules import CONDITION_ORDER, ExtensionRequest, ExtensionStatus, RagCondition, RagRule
from .section55 import DEFAULT_SALUTATION, LetterStatus, Section55Response

__all__ = [
    "Access",
    "BoardMeeting",
    "ChangeAction",
    "CONDITION_ORDER",
    "ExtensionRequest",
    "ExtensionStatus",
    "RagCondition",
    "RagRule",
    "DEFAULT_SALUTATION",
    "DocumentFormat",
    "DocumentKind",
    "EvidenceFile",
    "Export",
    "ExportFormat",
    "ExportStatus",
    "EmailKind",
    "EmailStatus",
    "Finding",
    "FindingChange",
    "FindingKind",
    "overdue_q",
    "Force",
    "GovernanceBoard",
    "GradedJudgment",
    "HmicfrsDecision",
    "HmicfrsOutcome",
    "Inspection",
    "InspectionKind",
    "JudgmentLevel",
    "LetterStatus",
    "LocalPolicingBody",
    "Membership",
    "MonitoringPeriod",
    "MonitoringState",
    "OutgoingEmail",
    "OversightGroupMeeting",
    "ProgressUpdate",
    "Publication",
    "RenderedDocument",
    "RenderStatus",
    "Reminder",
    "ReminderRule",
    "ReminderRun",
    "ReportImport",
    "ReportImportStatus",
    "Role",
    "Section55Response",
    "SignInMethod",
    "SingleSignOnIdentity",
    "email_kind_for",
    "TrackerColumnMapping",
    "TrackerImport",
    "TrackerImportStatus",
    "UserSession",
]
