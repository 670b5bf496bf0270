"""Who may do what: every permission rule of the tracker, object by object, in one place.

Kinds of user (Membership.access, per force):
- OPCC staff read and update every finding of their force, reassign, revise dates, edit responses,
  prepare letters and board papers, run imports, and see reminders.
- Force leads read everything of their force and update the findings whose owner role they hold;
  they propose those findings as complete and draft their responses.
- Board chairs and members read everything of their force; they decide (sign off or return) the
  findings governed by their board or a board below it, and approve or refuse their extension requests.
- OPCC staff and a finding's owner ask for more time (an extension request); OPCC staff declare the
  force's RAG rules and demonstration periods.
- Viewers read, never write.
A user sees only the forces they are a member of; a superuser sees all but is held to the same
write rules as OPCC staff.
"""

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from inspections.core.status import OPEN_STATUSES, Status
from inspections.models import (
    Access,
    BoardMeeting,
    Export,
    ExtensionRequest,
    Finding,
    FindingKind,
    Force,
    GovernanceBoard,
    Inspection,
    Membership,
    RenderedDocument,
)


class Action(StrEnum):
    VIEW = "view"
    ADD_UPDATE = "add_update"  # a progress update: narrative, RAG, next update due, evidence
    PROPOSE_COMPLETE = "propose_complete"
    DECIDE = "decide"  # sign off, or return to the owner, as the governing board
    CLOSE_OTHERWISE = "close_otherwise"  # superseded, or no longer relevant
    REASSIGN = "reassign"  # owner or governing board
    REVISE_DUE_DATE = "revise_due_date"
    EDIT_RESPONSE = "edit_response"
    MANAGE = "manage"  # inspections of a force: Section 55 letters, imports, exports, board packs
    # Rendered documents (RenderedDocument) follow their inspection's (or subject's) force: VIEW to
    # download a version, MANAGE on the inspection to render one.
    SEE_REMINDERS = "see_reminders"  # the force's reminder preview, log and problems
    PRODUCE_PACK = "produce_pack"  # render a board's pack as a PDF: OPCC staff, and the board's chair and members
    # Publish an inspection on the public pages (/public/), or unpublish it: OPCC staff only. What the
    # public pages show is fixed in inspections/public/selectors.py; nothing there needs a permission.
    PUBLISH = "publish"
    # HMICFRS's side, recorded by the OPCC from its letters (inspections/monitoring, findings/hmicfrs.py):
    RECORD_MONITORING = "record_monitoring"  # a force's Scan or Engage, and its oversight group meetings
    RECORD_HMICFRS_DECISION = "record_hmicfrs_decision"  # on a cause of concern or recommendation, at any status
    REQUEST_CLOSURE = "request_closure"  # the closure-request pack of a finding the board has signed off
    REQUEST_EXTENSION = "request_extension"  # ask the governing board for a later target date
    DECIDE_EXTENSION = "decide_extension"  # approve or refuse an extension request, as the deciding board
    DECLARE_RULES = "declare_rules"  # a force's RAG rules and demonstration periods


OPCC_ACTIONS = {
    Action.ADD_UPDATE, Action.CLOSE_OTHERWISE, Action.REASSIGN, Action.REVISE_DUE_DATE, Action.EDIT_RESPONSE,
    Action.MANAGE, Action.SEE_REMINDERS, Action.PUBLISH, Action.REQUEST_EXTENSION, Action.DECLARE_RULES,
}
OWNER_ACTIONS = {Action.ADD_UPDATE, Action.PROPOSE_COMPLETE, Action.EDIT_RESPONSE, Action.REQUEST_EXTENSION}
# A board decides on a finding proposed for sign-off, and may return one during its demonstration period.
DECIDABLE_STATUSES = (Status.PENDING_SIGN_OFF, Status.DEMONSTRATING)


def _accesses(user):
    """{force id: access} for the user, cached on the user object for the request."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_tracker_accesses", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("force_id", "access"))
        user._tracker_accesses = cached
    return cached


def access_for(user, force):
    """The user's access to a force (an Access value), or None. Superusers act as OPCC staff."""
    force_id = force if isinstance(force, int) else force.pk  # pragma: no mutate (a Force filters as its key)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Access.OPCC_STAFF
    return _accesses(user).get(force_id)


def forces_for(user):
    if not user.is_authenticated or not user.is_active:
        return Force.objects.none()
    if user.is_superuser:
        return Force.objects.all()
    return Force.objects.filter(pk__in=list(_accesses(user)))


def visible_inspections(user):
    return Inspection.objects.filter(force__in=forces_for(user))


def visible_findings(user):
    return Finding.objects.filter(inspection__force__in=forces_for(user))


def visible_boards(user):
    return GovernanceBoard.objects.filter(force__in=forces_for(user))


def force_of(obj):
    if isinstance(obj, Force):
        return obj.pk
    if isinstance(obj, Inspection | GovernanceBoard):
        return obj.force_id
    if isinstance(obj, Finding):
        return obj.inspection.force_id
    if isinstance(obj, BoardMeeting):
        return obj.board.force_id
    if isinstance(obj, ExtensionRequest):
        return obj.finding.inspection.force_id
    if isinstance(obj, RenderedDocument):
        # A rendered letter or paper belongs to its inspection's force, or to its subject's.
        if obj.inspection_id:
            return obj.inspection.force_id
        if obj.subject is not None:
            return force_of(obj.subject)
        raise TypeError("A rendered document without a subject has no force.")
    raise TypeError(f"No permission rules for {type(obj).__name__}.")


def is_owner(user, finding):
    return bool(finding.owner_id) and finding.owner.holder_id == user.pk


def boards_deciding(finding):
    """The boards whose decision signs the finding off or returns it: its governing board and every
    board above it, nearest first."""
    return finding.board.lineage() if finding.board_id else []


def deciding_board(user, finding):
    """The nearest of those boards that the user chairs or sits on, or None: who decides on a finding."""
    return next((board for board in boards_deciding(finding) if board.has_seat(user)), None)


def decides_for(user, finding):
    """The user chairs or sits on the finding's governing board or a board above it."""
    return deciding_board(user, finding) is not None


def can(user, action, obj):
    """Whether the user may take the action on the object (a force, inspection, board or finding)."""
    action = Action(action)
    access = access_for(user, force_of(obj))
    if access is None:
        return False
    if action == Action.VIEW:
        return True
    if access == Access.VIEWER:
        return False
    if isinstance(obj, GovernanceBoard | BoardMeeting) and action in (Action.DECIDE, Action.PRODUCE_PACK):
        board = obj if isinstance(obj, GovernanceBoard) else obj.board
        if action == Action.PRODUCE_PACK and access == Access.OPCC_STAFF:
            return True
        return any(b.has_seat(user) for b in board.lineage())
    if action in HMICFRS_ACTIONS:
        return access == Access.OPCC_STAFF and _hmicfrs_applies(action, obj)
    if isinstance(obj, ExtensionRequest):
        return (
            action == Action.DECIDE_EXTENSION and obj.is_open and obj.finding.is_open
            and decides_for(user, obj.finding)
        )
    if not isinstance(obj, Finding):
        return _force_level(access, action)
    finding = obj
    if action == Action.DECIDE:
        return finding.status in DECIDABLE_STATUSES and decides_for(user, finding)
    if finding.status not in OPEN_STATUSES and action != Action.EDIT_RESPONSE:
        return False  # finished findings are kept as they were signed off
    if action == Action.PROPOSE_COMPLETE:
        return finding.status == Status.IN_PROGRESS and is_owner(user, finding)
    if access == Access.OPCC_STAFF and action in OPCC_ACTIONS:
        return True
    return action in OWNER_ACTIONS and is_owner(user, finding)


HMICFRS_ACTIONS = {Action.RECORD_MONITORING, Action.RECORD_HMICFRS_DECISION, Action.REQUEST_CLOSURE}


def _hmicfrs_applies(action, obj):
    """What HMICFRS's side is recorded on: monitoring on a force; decisions on a cause of concern or a
    recommendation, whatever the board has done (HMICFRS decides for itself); a closure request only on
    a finding the board has signed off."""
    if action == Action.RECORD_MONITORING:
        return isinstance(obj, Force)
    if not isinstance(obj, Finding):
        return False
    if action == Action.RECORD_HMICFRS_DECISION:
        return obj.kind in (FindingKind.CAUSE_OF_CONCERN, FindingKind.RECOMMENDATION)
    return obj.status == Status.CLOSED and obj.closed_by_board_id is not None


def _force_level(access, action):
    """An action on a force, inspection or board (not on one finding), for a kind of member."""
    return action == Action.VIEW or (access == Access.OPCC_STAFF and action in OPCC_ACTIONS)


def can_in_any_force(user, action):
    """Whether the user may take a force-level action in at least one of their forces (for navigation)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return _force_level(Access.OPCC_STAFF, Action(action))
    return any(_force_level(access, Action(action)) for access in _accesses(user).values())


def runs_imports(user):
    """Whether the user may use the imports pages at all: OPCC staff of at least one force (for the
    navigation, and the imports list, which is refused to everyone else)."""
    return can_in_any_force(user, Action.MANAGE)


def require_imports(user):
    if not runs_imports(user):
        raise PermissionDenied("Only OPCC staff import reports and trackers.")


def require(user, action, obj):
    """Raise PermissionDenied (HTTP 403) unless the user may take the action."""
    if not can(user, action, obj):
        raise PermissionDenied(f"You do not have permission to {Action(action).value.replace('_', ' ')} here.")


def may_see_export(user, export):
    """Whether the user may see a background export's page and download its file: only whoever asked for
    it (it was written with their visibility, which is not anyone else's), and superusers."""
    if not isinstance(export, Export) or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or (export.requested_by_id is not None and export.requested_by_id == user.pk)


def kinds_of_access(user):
    """The kinds of access (Access values) the user has in any force: for rules that follow the kind, such
    as who must use a second factor to sign in (inspections/accounts/mfa.py)."""
    return set(_accesses(user).values())


def may_unlock(user, locked_user):
    """Whether the user may lift a sign-in lockout of another user: a superuser, anyone's; OPCC staff, the
    users of the forces where they are OPCC staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    theirs = {force for force, access in _accesses(user).items() if access == Access.OPCC_STAFF}
    return bool(theirs) and locked_user.memberships.filter(force__in=theirs).exists()


def unlocks_accounts(user):
    """Whether the user may see the locked-out accounts page at all."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Access.OPCC_STAFF in kinds_of_access(user)

