"""Publishing an inspection's progress on the public pages, and unpublishing it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from inspections.models import Inspection, Publication

SLUG_LENGTH = 100


def _free_slug(inspection):
    """A slug from the title, unique across the public pages (a number is added if it is taken)."""
    base = slugify(inspection.title)[:SLUG_LENGTH].strip("-") or f"inspection-{inspection.pk}"
    slug, number = base, 2
    while Publication.objects.filter(slug=slug).exclude(inspection=inspection).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def publish(*, inspection, by):
    """Make the inspection's public page live (again). The slug, once given, is kept, so links made
    to the page go on working after an unpublish and a publish."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    publication = Publication.objects.filter(inspection=inspection).first()
    if publication is not None and publication.is_public:
        return publication
    if publication is None:
        publication = Publication(inspection=inspection, slug=_free_slug(inspection))
    publication.published_at = timezone.now()
    publication.published_by = by
    publication.withdrawn_at = None
    publication.withdrawn_by = None
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def unpublish(*, inspection, by):
    """Take the inspection off the public pages; the record of who published and withdrew it stays."""
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    publication = Publication.objects.filter(inspection=inspection).first()
    if publication is None or not publication.is_public:
        raise ValidationError("This inspection is not published on the public pages.")
    publication.withdrawn_at = timezone.now()
    publication.withdrawn_by = by
    publication.full_clean()
    publication.save()
    return publication
