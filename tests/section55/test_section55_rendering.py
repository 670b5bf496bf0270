"""Rendering from the Section 55 page: the task (in-process here), progress, downloads, failures, and
signature images."""

import hashlib
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from kombu.exceptions import OperationalError

from inspections.documents import tasks as document_tasks
from inspections.documents import versions as document_services
from inspections.models import RenderedDocument, RenderStatus, Section55Response
from inspections.section55.letter import render_letter_html
from tests.section55.support import draft_data, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def peel_2022(warwickshire):
    """The 2021/22 inspection: no letter yet, and its areas for improvement have no responses."""
    return warwickshire.inspections.get(pk=3)


# --- Rendering ---------------------------------------------------------------------------------


def test_render_runs_the_task_and_the_pdf_downloads(
    client, people, peel_2022, media, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(people["opcc"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("section55_render", args=[peel_2022.pk]))
    document = RenderedDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("document", args=[document.pk])
    assert document.status == RenderStatus.DONE and document.version == 1 and document.label == "Draft", document.error
    assert document.created_by == people["opcc"] and document.file.name.startswith("documents/section55_letter/")
    status = client.get(response["Location"]).content.decode()
    assert "The PDF is ready." in status and 'http-equiv="refresh"' not in status
    client.force_login(people["viewer"])  # viewers may read what was rendered
    download = client.get(reverse("document_download", args=[document.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Type"] == "application/pdf" and content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == document.sha256 == download["X-Document-SHA256"]
    assert "attachment" in download["Content-Disposition"]
    versions = client.get(reverse("section55", args=[peel_2022.pk])).content.decode()
    assert document.sha256[:12] in versions


def test_a_queued_render_page_refreshes_itself(client, people, peel_2022, staff_user):
    document = document_services.request_render(kind="section55_letter", inspection=peel_2022, by=staff_user)
    client.force_login(people["viewer"])
    page = client.get(reverse("document", args=[document.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and "Waiting for the renderer" in page
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 404
    second = document_services.request_render(kind="section55_letter", inspection=peel_2022, by=staff_user)
    assert second.version == 2


def test_render_with_the_broker_down_says_so(
    client, people, peel_2022, django_capture_on_commit_callbacks, monkeypatch
):

    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(document_tasks.render_document, "delay", unreachable)
    client.force_login(people["opcc"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("section55_render", args=[peel_2022.pk]))
    document = RenderedDocument.objects.get()
    assert document.status == RenderStatus.FAILED and "could not be queued" in document.error


def test_a_render_without_a_letterhead_fails_with_the_reason(peel_2022, staff_user, media):
    peel_2022.force.local_policing_body.delete()
    document = document_services.request_render(kind="section55_letter", inspection=peel_2022, by=staff_user)
    document = document_services.render(document.pk)
    assert document.status == RenderStatus.FAILED
    assert "Warwickshire Police has no local policing body recorded" in document.error
    assert document_services.render(document.pk).status == RenderStatus.FAILED  # a second run changes nothing


# --- Signature images -----------------------------------------------------------------------------


def test_a_png_signature_is_stored_served_to_members_and_printed(client, people, peel_2022, media, settings):
    client.force_login(people["opcc"])
    url = reverse("section55", args=[peel_2022.pk])
    data = draft_data(signature_upload=upload("../../evil name.png", png_bytes()))
    assert client.post(url, data).status_code == 302
    saved = Section55Response.objects.get(inspection=peel_2022)
    assert saved.signature.name.startswith("section55/signatures/inspection-3-") and saved.signature.name.endswith(
        ".png"
    )
    assert (media / saved.signature.name).read_bytes().startswith(b"\x89PNG")
    client.force_login(people["viewer"])
    image = client.get(reverse("section55_signature", args=[peel_2022.pk]))
    assert (
        image.status_code == 200
        and image["Content-Type"] == "image/png"
        and image["Cache-Control"] == "private, no-store"
    )
    client.force_login(people["outsider"])
    assert client.get(reverse("section55_signature", args=[peel_2022.pk])).status_code == 404

    assert 'src="data:image/png;base64,' in render_letter_html(saved)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("sig.png", b"<svg onload=alert(1)></svg>", "Upload a PNG or JPEG image; this file is neither."),
        ("sig.gif", b"GIF89a" + b"\x00" * 40, "Upload a PNG or JPEG image; this file is neither."),
        ("sig.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "The image is damaged or not a real PNG or JPEG."),
        ("sig.jpg", png_bytes(), "Upload a PNG or JPEG image"),  # wrong name is fine: content decides
    ],
)
def test_bad_signature_uploads_are_refused_and_nothing_is_saved(
    client, people, peel_2022, media, name, content, message
):
    client.force_login(people["opcc"])
    response = client.post(
        reverse("section55", args=[peel_2022.pk]), draft_data(signature_upload=upload(name, content))
    )
    if name == "sig.jpg":  # a real PNG named .jpg is accepted, stored as .png
        assert response.status_code == 302
        assert Section55Response.objects.get(inspection=peel_2022).signature.name.endswith(".png")
        return
    assert response.status_code == 400 and message in response.content.decode()
    assert not Section55Response.objects.filter(inspection=peel_2022).exists()
    assert not list(media.rglob("*.*"))


def test_an_oversized_signature_is_refused(client, people, peel_2022, media, settings):
    settings.SECTION55_SIGNATURE_MAX_BYTES = 1024
    client.force_login(people["opcc"])
    big = png_bytes(size=(400, 400), image_format="JPEG")
    response = client.post(reverse("section55", args=[peel_2022.pk]), draft_data(signature_upload=upload("s.jpg", big)))
    assert response.status_code == 400 and "the limit is 1 KB" in response.content.decode()


def test_a_render_that_never_started_is_shown_as_stalled(client, people, peel_2022, staff_user, settings):
    with time_machine.travel(date(2024, 1, 1), tick=False):
        document = document_services.request_render(kind="section55_letter", inspection=peel_2022, by=staff_user)
    client.force_login(people["opcc"])
    page = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "seems to have stopped" in page and 'http-equiv="refresh"' not in page
