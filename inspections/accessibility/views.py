from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import statement


@require_GET
def accessibility_statement(request):
    """Served to anyone, signed in or not: people must be able to read it before they can sign in."""
    found = statement.contacts()
    context = {
        "contacts": found,
        "operator": statement.operator(found),
        "site_url": request.build_absolute_uri("/"),
        "response_days": settings.TRACKER_ACCESSIBILITY["RESPONSE_DAYS"],
        "prepared_on": statement.PREPARED_ON,
        "tested_on": statement.TESTED_ON,
        "reviewed_on": statement.reviewed_on(),
    }
    return render(request, "accessibility/statement.html", context)
