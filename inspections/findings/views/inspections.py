from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.core import permissions
from inspections.findings import selectors


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
    }
    return render(request, "inspections/inspection_detail.html", context)
