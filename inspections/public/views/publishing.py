"""Publishing an inspection on the public pages, and unpublishing it: OPCC staff, from the inspection page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from inspections.core import permissions
from inspections.core.permissions import Action
from inspections.public import services


def _inspection(request, pk):
    # Another force's inspection: as if it did not exist.
    inspection = get_object_or_404(permissions.visible_inspections(request.user), pk=pk)
    permissions.require(request.user, Action.PUBLISH, inspection)
    return inspection


@login_required
@require_POST
def publish(request, pk):
    inspection = _inspection(request, pk)
    try:
        services.publish(inspection=inspection, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Published on the public progress pages.")
    return redirect(inspection)


@login_required
@require_POST
def unpublish(request, pk):
    inspection = _inspection(request, pk)
    try:
        services.unpublish(inspection=inspection, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Unpublished: the public pages no longer show this inspection.")
    return redirect(inspection)
