"""The Warwickshire data with the 2019 inspection published on the public pages, as OPCC staff do it."""

import hashlib
from datetime import datetime, time

from django.core.files.base import ContentFile
from django.utils import timezone

from inspections.documents import versions as document_versions
from inspections.models import DocumentKind, Inspection, LetterStatus, RenderedDocument, RenderStatus
from inspections.public import services

TITLE_2017 = "PEEL 2017: Police effectiveness, efficiency and legitimacy"
TITLE_2019 = "Warwickshire Police: Integrated PEEL Assessment 2019"
TITLE_2021 = "PEEL 2021/22: An inspection of Warwickshire Police"
SLUG_2019 = "warwickshire-police-integrated-peel-assessment-2019"


def inspection(title):
    return Inspection.objects.get(title=title)


def publish(title, by):
    return services.publish(inspection=inspection(title), by=by)


def page_url(title=TITLE_2019, force="warwickshire"):
    return f"/public/{force}/{inspection(title).publication.slug}/"


def render_final_letter(target, by):
    """A real render of the letter as it stands (final, for the 2019 inspection)."""
    document = document_versions.request_render(kind=DocumentKind.SECTION55_LETTER, by=by, inspection=target)
    return document_versions.render(document.pk)


def stored_letter(target, *, label, content, on, by=None, version=None):
    """A rendered letter stored as it would be, with a PDF of our own making and a given date."""
    latest = RenderedDocument.objects.filter(inspection=target, kind=DocumentKind.SECTION55_LETTER).count()
    document = RenderedDocument(
        kind=DocumentKind.SECTION55_LETTER, inspection=target, version=version or latest + 1, label=label,
        status=RenderStatus.DONE, created_by=by, filename="letter.pdf", sha256=hashlib.sha256(content).hexdigest(),
        size=len(content), page_count=1,
        created_at=timezone.make_aware(datetime.combine(on, time(12))),
    )
    document.file.save("letter.pdf", ContentFile(content), save=False)
    document.save()
    return document


FINAL = LetterStatus.FINAL.label
DRAFT = LetterStatus.DRAFT.label


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content
