"""The embedded demo's public progress page: the 2019 Warwickshire inspection published (load_demo)."""

from inspections.documents import versions as document_versions
from inspections.models import DocumentKind, Publication, RenderStatus
from inspections.public import services as public_services


def publish_demo_inspection(force, opcc):
    """The 2019 inspection, whose Section 55 response was published, on the public pages (/public/), with
    its final letter rendered once so that the public page offers the PDF. Running it again changes nothing."""
    inspection = force.inspections.get(title__contains="Integrated PEEL Assessment 2019")
    if not Publication.objects.filter(inspection=inspection).exists():
        public_services.publish(inspection=inspection, by=opcc)
    letters = inspection.rendered_documents.filter(kind=DocumentKind.SECTION55_LETTER, status=RenderStatus.DONE)
    if not letters.exists():
        document = document_versions.request_render(kind=DocumentKind.SECTION55_LETTER, by=opcc, inspection=inspection)
        document_versions.render(document.pk)
