from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.core import permissions
from inspections.findings import selectors
from inspections.models import Publication


@login_required
def inspection_list(request):
    return render(request, "inspections/inspection_list.html", {"inspections": selectors.inspection_list(request.user)})


@login_required
def inspection_detail(request, pk):
    inspection, judgments, previous, sections = selectors.inspection_detail(request.user, pk)
    context = {
        "inspection": inspection,
        "judgments": judgments,
        "sections": sections,
        "can_manage": permissions.can(request.user, permissions.Action.MANAGE, inspection),
        # The public progress page (inspections/public/): its state, and whether the user may change it.
        "publication": Publication.objects.filter(inspection=inspection).first(),
        "can_publish": permissions.can(request.user, permissions.Action.PUBLISH, inspection),
    }
    return render(request, "inspections/inspection_detail.html", context)
