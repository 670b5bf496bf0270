"""Dashboards for a force and for each governance board, board meetings, packs and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from inspections.boards import charts, services
from inspections.boards import pack as boardpacks
from inspections.boards import selectors as dashboard
from inspections.boards.forms import MeetingForm, decision_rows
from inspections.boards.rules import board_rules
from inspections.core import permissions
from inspections.core.forms import put_errors_on_form
from inspections.core.labels import day_month_year, plural
from inspections.core.permissions import Action
from inspections.core.status import Rag, Status
from inspections.documents import tasks as document_tasks
from inspections.documents import versions as document_services
from inspections.documents.formats import format_from_request
from inspections.findings import hmicfrs
from inspections.findings import services as finding_service
from inspections.models import BoardMeeting, DocumentKind
from inspections.monitoring import selectors as monitoring

RAG_COLOURS = {Rag.RED.label: "#d4351c", Rag.AMBER.label: "#f47738", Rag.GREEN.label: "#00703c",
               Rag.BLUE.label: "#1d70b8", "Not rated": "#b1b4b6"}


def _charts(data):
    status_bars = charts.bar_chart(data["by_status"])
    rag_bars = charts.bar_chart(data["by_rag"], colours=RAG_COLOURS)
    trend = data["trend"]
    lines = charts.line_chart(
        [row["month"] for row in trend],
        [
            ("Open", "#1d70b8", [r["open"] for r in trend]),
            ("Overdue", "#d4351c", [r["overdue"] for r in trend]),
            ("Closed in the month", "#00703c", [r["closed"] for r in trend]),
        ],
    )
    return {"status_chart": status_bars, "rag_chart": rag_bars, "trend_chart": lines,
            "status_summary": charts.bar_summary(data["by_status"]),
            "rag_summary": charts.bar_summary(data["by_rag"], noun="open finding"),
            "trend_summary": charts.trend_summary(trend)}


@login_required
def force_dashboard(request):
    forces = list(permissions.forces_for(request.user).order_by("name"))
    if not forces:
        return render(request, "boards/no_force.html")
    chosen = request.GET.get("force")
    force = next((f for f in forces if str(f.pk) == chosen), forces[0])
    data = dashboard.summary(dashboard.force_scope(force))
    boards = permissions.visible_boards(request.user).filter(force=force).select_related("parent", "chair_role")
    context = {**data, **_charts(data), "forces": forces, "force": force, "boards": boards,
               **_hmicfrs(request, force, data["scope"]),
               **_rules(request, force, data)}
    return render(request, "boards/dashboard.html", context)


def _hmicfrs(request, force, scope):
    """HMICFRS's side beside the force's own: its monitoring and the causes of concern it has closed."""
    return {
        "monitoring": monitoring.monitoring_for(force),
        "hmicfrs_closed": hmicfrs.closures_among(scope.findings),
        "can_record_monitoring": permissions.can(request.user, Action.RECORD_MONITORING, force),
    }


def _rules(request, force, data):
    """The force's RAG legend, the ratings that differ from it and the findings in their demonstration period."""
    rules = board_rules(force=force, findings=data["scope"].findings, on=data["today"])
    return {"rules": rules, "can_declare_rules": permissions.can(request.user, Action.DECLARE_RULES, force)}


def _board(request, pk):
    board = get_object_or_404(permissions.visible_boards(request.user).select_related("force", "chair_role"), pk=pk)
    permissions.require(request.user, Action.VIEW, board)
    return board


@login_required
def board_dashboard(request, pk):
    board = _board(request, pk)
    if request.method == "POST":
        return _add_meeting(request, board)
    data = dashboard.summary(dashboard.board_scope(board))
    today = timezone.localdate()
    meetings = list(board.meetings.order_by("held_on"))
    context = {
        **data, **_charts(data), "board": board, "force": board.force,
        "sub_boards": board.children.all(),
        "past_meetings": [m for m in meetings if m.held_on <= today][-6:][::-1],
        "upcoming_meetings": [m for m in meetings if m.held_on > today][:6],
        "can_manage": permissions.can(request.user, Action.MANAGE, board),
        "can_decide": permissions.can(request.user, Action.DECIDE, board),
        "meeting_form": MeetingForm(board=board),
        **_hmicfrs(request, board.force, data["scope"]),
        **_rules(request, board.force, data),
    }
    return render(request, "boards/dashboard.html", context)


def _add_meeting(request, board):
    permissions.require(request.user, Action.MANAGE, board)
    form = MeetingForm(request.POST, board=board)
    if form.is_valid():
        try:
            meeting = services.add_meeting(board=board, **form.cleaned_data)
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(request, f"Meeting on {day_month_year(meeting.held_on)} added.")
            return redirect(board.get_absolute_url())
    return render(request, "boards/meeting_form.html", {"board": board, "form": form})


def _meeting(request, board_pk, pk):
    board = _board(request, board_pk)
    return get_object_or_404(BoardMeeting.objects.select_related("board", "board__force"), board=board, pk=pk)


@login_required
def meeting_pack(request, board_pk, pk):
    meeting = _meeting(request, board_pk, pk)
    pack = boardpacks.build_pack(meeting)
    context = {
        "pack": pack,
        "can_decide": permissions.can(request.user, Action.DECIDE, meeting.board),
        "can_produce": permissions.can(request.user, Action.PRODUCE_PACK, meeting),
        "versions": document_services.versions(kind=DocumentKind.BOARD_PACK, subject=meeting),
    }
    return render(request, "boards/pack.html", context)


@login_required
@require_POST
def meeting_pack_render(request, board_pk, pk):
    """Queue a new PDF version of the pack (a Celery task; in-process in the embedded mode)."""
    meeting = _meeting(request, board_pk, pk)
    permissions.require(request.user, Action.PRODUCE_PACK, meeting)
    document = document_tasks.queue_new_version(
        kind=DocumentKind.BOARD_PACK, by=request.user, subject=meeting, format=format_from_request(request)
    )
    return redirect(document.get_absolute_url())


@login_required
def meeting_decisions(request, board_pk, pk):
    """At or after the meeting, the chair records the board's decision on each proposed item."""
    meeting = _meeting(request, board_pk, pk)
    if not permissions.can(request.user, Action.DECIDE, meeting.board):
        raise PermissionDenied("Only the board's chair or members record its decisions.")
    proposed = [f for f in boardpacks.build_pack(meeting).proposed if permissions.can(request.user, Action.DECIDE, f)]
    rows = decision_rows(proposed, request.POST if request.method == "POST" else None)
    if request.method == "POST" and all(row.form.is_valid() for row in rows):
        decisions = [row.decision() for row in rows if row.form.cleaned_data["decision"]]
        try:
            count = services.record_decisions(meeting=meeting, by=request.user, decisions=decisions)
        except finding_service.StaleFindingError as stale:
            messages.error(request, f"{stale} Nothing was recorded; reload the page and decide again.")
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
        else:
            messages.success(request, f"{plural(count, 'decision')} recorded.")
            return redirect(meeting.get_absolute_url())
    return render(request, "boards/decisions.html", {"meeting": meeting, "rows": rows, "statuses": Status})
