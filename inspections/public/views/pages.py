"""The public pages: read-only, no sign-in, the same for everyone, and cacheable.

Each page is built from inspections/public/selectors.py, which reads only what OPCC staff published;
anything else is a 404. inspections/public/middleware.py keeps sessions and cookies out of these pages.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from inspections.public import downloads, selectors


def _cacheable(response):
    """Public, and kept by browsers and shared caches for a few minutes (an unpublished inspection
    leaves every cache within TRACKER_PUBLIC_MAX_AGE seconds)."""
    patch_cache_control(response, public=True, max_age=settings.TRACKER_PUBLIC_MAX_AGE)
    return response


@require_safe
def forces(request):
    return _cacheable(render(request, "public/forces.html", {"forces": selectors.published_forces()}))


@require_safe
def force(request, force_slug):
    page = selectors.force_page(force_slug)
    if page is None:
        raise Http404("Nothing is published for this force.")
    return _cacheable(render(request, "public/force.html", page))


def _inspection(force_slug, slug):
    page = selectors.inspection_page(force_slug, slug)
    if page is None:
        raise Http404("No such published inspection.")
    return page


@require_safe
def inspection(request, force_slug, slug):
    return _cacheable(render(request, "public/inspection.html", _inspection(force_slug, slug)))


@require_safe
def inspection_data(request, force_slug, slug, fmt):
    page = _inspection(force_slug, slug)
    if fmt == "csv":
        response = HttpResponse(downloads.csv_bytes(page), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(downloads.json_bytes(page), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{force_slug}-{slug}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: an OPCC's own website may read it
    return _cacheable(response)


@require_safe
def letter(request, force_slug, slug):
    """The Section 55 letter the PCC published, as the stored PDF; nothing else is ever served here."""
    document = selectors.published_letter(force_slug, slug)
    if document is None:
        raise Http404("No published Section 55 letter.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("The published letter is missing from storage.") from error
    response = FileResponse(handle, filename=f"{slug}-section-55-response.pdf", content_type="application/pdf")
    response["ETag"] = f'"{document.sha256}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _cacheable(response)
