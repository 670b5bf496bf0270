"""What the import pages share: the forces a user may import into, the forged-force check, and
discarding an import."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect

from inspections.core.permissions import Action, can, forces_for
from inspections.models import Force


def manageable_forces(user):
    """The forces whose inspections the user manages (imports, exports)."""
    return Force.objects.filter(pk__in=[f.pk for f in forces_for(user) if can(user, Action.MANAGE, f)])


def forces_to_import_into(request, what):
    """The forces the user may import into, on an upload page (a user who manages none is refused);
    a posted force outside them is a forged request."""
    forces = manageable_forces(request.user)
    if not forces.exists():
        raise PermissionDenied(f"Only OPCC staff of a force import its {what}.")
    if request.method == "POST":
        forbid_forged_force(request, forces)
    return forces


def forbid_forged_force(request, forces):
    """A posted force the user does not manage is a forged request: 403, not a form error."""
    posted = request.POST.get("force")
    forged = posted and posted.isdigit() and Force.objects.filter(pk=posted).exists()
    if forged and not forces.filter(pk=posted).exists():
        raise PermissionDenied("You do not manage that force's inspections.")


def discard(request, *, discard_with, item, back_to, done):
    """Discard a draft import through its service and go back to the list; if the service refuses
    (it was accepted meanwhile), say why on the import's own page."""
    try:
        discard_with(item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back_to)
    messages.success(request, done)
    return redirect("imports")
