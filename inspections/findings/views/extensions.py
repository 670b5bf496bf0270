"""Extension requests on a finding's page, and the board's decision on one (at a meeting or between)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from inspections.core import permissions
from inspections.core.forms import TrackerFormMixin, put_errors_on_form
from inspections.core.permissions import Action
from inspections.findings import extensions, rag_rules
from inspections.models import BoardMeeting, ExtensionRequest, ExtensionStatus


def extension_context(user, finding):
    """What the finding's page shows of extension requests and of the force's RAG rule."""
    requests = list(
        finding.extension_requests.select_related("requested_by", "decided_by", "deciding_board", "meeting")
    ) if getattr(finding, "has_extension_requests", True) else []
    for request in requests:
        request.may_decide = request.is_open and permissions.can(user, Action.DECIDE_EXTENSION, request)
    waiting = any(request.is_open for request in requests)
    rule = rag_rules.suggest_rag(finding) if getattr(finding, "force_has_rag_rules", True) else None
    return {
        "extension_requests": requests,
        "may_request_extension": not waiting and permissions.can(user, Action.REQUEST_EXTENSION, finding),
        "rag_rule": rule,
        "rag_differs": bool(rule and finding.rag and rule.rag != finding.rag),
    }


class ExtensionDecisionForm(TrackerFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="The board's decision",
        choices=[("approve", "Approve: revise the target date"), ("refuse", "Refuse: keep the target date")],
        widget=forms.RadioSelect,
    )
    meeting = forms.ModelChoiceField(
        queryset=BoardMeeting.objects.none(), required=False, label="Decided at",
        empty_label="Between meetings", help_text="The board meeting the decision was taken at, if any.",
    )
    reason = forms.CharField(
        label="Reason", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when the request is refused; recorded in the finding's timeline.",
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = BoardMeeting.objects.filter(board=board).order_by("-held_on")


@login_required
def decide(request, pk):
    """The chair or a member of the deciding board approves or refuses an extension request."""
    extension = get_object_or_404(
        ExtensionRequest.objects.select_related("finding__inspection__force", "finding__board", "requested_by")
        .filter(finding__in=permissions.visible_findings(request.user)),
        pk=pk,
    )
    finding = extension.finding
    if extension.status != ExtensionStatus.REQUESTED:
        messages.info(request, f"This request was already {extension.get_status_display().lower()}.")
        return redirect(finding.get_absolute_url())
    permissions.require(request.user, Action.DECIDE_EXTENSION, extension)
    board = permissions.deciding_board(request.user, finding)
    form = ExtensionDecisionForm(request.POST or None, board=board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            extensions.decide_extension(
                extension, by=request.user, approve=data["decision"] == "approve", reason=data["reason"],
                meeting=data["meeting"],
            )
        except ValidationError as error:
            put_errors_on_form(form, error)
        else:
            messages.success(
                request,
                "The extension is approved and the target date revised; the original date is kept beside it."
                if data["decision"] == "approve" else "The extension is refused; the target date is unchanged.",
            )
            return redirect(finding.get_absolute_url())
    context = {"finding": finding, "extension": extension, "board": board, "form": form}
    return render(request, "findings/extension_decide.html", context)
