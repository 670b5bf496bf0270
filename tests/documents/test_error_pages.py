"""Refusals and missing pages in the tracker's own style, and a rendered pack's page in a pack's words."""

from django.template.loader import render_to_string
from django.urls import reverse

from inspections.documents import versions as document_services
from inspections.models import BoardMeeting, DocumentKind, GovernanceBoard
from tests.factories import BoardMeetingFactory


def test_a_lead_is_refused_the_imports_in_words_and_is_not_offered_them(client, people):
    client.force_login(people.lead)
    response = client.get(reverse("imports"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do this" in page and "Only OPCC staff import reports and trackers." in page
    assert 'class="site-header"' in page  # the tracker's own page, not a bare "403 Forbidden"
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("imports")}"' not in home


def test_opcc_staff_are_offered_the_imports(client, people):
    client.force_login(people.opcc)
    assert f'href="{reverse("imports")}"' in client.get(reverse("home")).content.decode()
    assert client.get(reverse("imports")).status_code == 200


def test_a_missing_page_is_styled_and_says_what_to_do(client, people):
    client.force_login(people.viewer)
    response = client.get("/findings/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page and 'class="site-header"' in page


def test_the_server_error_page_renders_without_a_request():
    page = render_to_string("500.html")
    assert "Sorry, there is a problem with the tracker" in page and "Nothing you entered" in page


def test_a_board_packs_render_page_calls_itself_a_board_pack(client, people, media):
    board = GovernanceBoard.objects.filter(force=people.force, parent__isnull=True).first()
    meeting = BoardMeeting.objects.filter(board=board).first() or BoardMeetingFactory(board=board)
    document = document_services.request_render(kind=DocumentKind.BOARD_PACK, by=people.opcc, subject=meeting)
    client.force_login(people.chair)
    page = client.get(reverse("document", args=[document.pk])).content.decode()
    assert "Section 55" not in page
    assert "Back to the board pack" in page and "State of the pack" in page
    assert reverse("meeting_pack", args=[board.pk, meeting.pk]) in page
