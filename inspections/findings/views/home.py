from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from inspections.findings import selectors
from inspections.findings.starting_points import starting_point


def home(request):
    context = {}
    if request.user.is_authenticated:
        context["forces"] = selectors.home_summary(request.user)
        context["home"] = starting_point(request.user)
    return render(request, "home.html", context)


@never_cache
@require_GET
def health(request):
    """For container health checks: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
