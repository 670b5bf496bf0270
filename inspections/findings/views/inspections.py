from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from inspections.core import permissions
from inspections.findings import hmicfrs, selectors
from inspections.models import Publication
from inspections.monitoring import selectors as monitoring


@login_required
def inspection_list(request):
    return render(request, "inspections/inspection_list.html", {"inspections": selectors.inspection_list(request.user)})


@login_required
def inspection_detail(request, pk):
    inspection, judgments, previous, sections = selectors.inspection_detail(request.user, pk)
    force_monitoring = monitoring.monitoring_for(inspection.force)
    context = {
        "inspection": inspection,
        "judgments": judgments,
        "sections": sections,
        "can_manage": permissions.can(request.user, permissions.Action.MANAGE, inspection),
        # The public progress page (inspections/public/): its state, and whether the user may change it.
        "publication": Publication.objects.filter(inspection=inspection).first(),
        "can_publish": permissions.can(request.user, permissions.Action.PUBLISH, inspection),
        # HMICFRS's side: the force's monitoring now and when the report came out, and its closures.
        "monitoring": force_monitoring,
        "published_state": force_monitoring.state_on(inspection.published_on),
        "hmicfrs_closed": hmicfrs.closures_among(inspection.findings.all()),
        "can_record_monitoring": permissions.can(request.user, permissions.Action.RECORD_MONITORING, inspection.force),
    }
    return render(request, "inspections/inspection_detail.html", context)
