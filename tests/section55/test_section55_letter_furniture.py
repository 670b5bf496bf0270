"""The letter's furniture as a PCC would send it: no "Your Ref: –", the PCC's name once in the
letterhead, no empty section 3, the signatory who signed a past letter, and a slot for the OPCC's logo."""

import pytest

from inspections.models import Inspection
from inspections.section55 import letter
from inspections.section55.letter import render_letter_html, response_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def ipa_2019(warwickshire):
    return Inspection.objects.get(force=warwickshire, title__contains="2019")


def letterhead(html):
    return html[html.index('<header class="letterhead">'):html.index("</header>")]


def test_an_empty_reference_is_left_out_not_printed_as_a_dash(ipa_2019):
    response = response_for(ipa_2019)
    response.your_reference = ""
    html = render_letter_html(response)
    assert "Your Ref:" not in html and "<dd>–</dd>" not in html
    if response.our_reference:
        assert "Our Ref:" in html


def test_the_pccs_name_is_printed_once_in_the_letterhead(ipa_2019):
    response = response_for(ipa_2019)
    body = ipa_2019.force.local_policing_body
    assert letterhead(render_letter_html(response)).count(response.signatory_name or body.holder_name) == 1


def test_no_comments_on_the_chief_constables_means_no_empty_section_3(ipa_2019):
    response = response_for(ipa_2019)
    response.pcc_response = ""
    html = render_letter_html(response)
    assert "3. ANY COMMENTS FROM THE LOCAL POLICING BODY" not in html
    assert "This response will be published on the website" in html  # the statement stays
    response.pcc_response = "I will hold the Chief Constable to account for each recommendation."
    assert "3. ANY COMMENTS FROM THE LOCAL POLICING BODY" in render_letter_html(response)


def test_a_past_letter_keeps_the_pcc_who_signed_it_after_an_election(ipa_2019):
    response = response_for(ipa_2019)
    response.signatory_name, response.signatory_title = "Philip Seccombe", "Police and Crime Commissioner"
    body = ipa_2019.force.local_policing_body
    body.holder_name = "A Newly Elected Commissioner"
    body.save()
    ipa_2019.force.refresh_from_db()
    html = render_letter_html(response)
    assert "A Newly Elected Commissioner" not in html
    assert letterhead(html).count("Philip Seccombe") == 1 and 'content="Philip Seccombe, Police and Crime' in html
    assert 'class="signatory"><strong>Philip Seccombe</strong>' in html


def test_the_letterhead_has_a_slot_for_the_opccs_logo(ipa_2019, monkeypatch):
    assert 'class="letterhead__logo"' not in render_letter_html(response_for(ipa_2019))  # none installed
    slug = ipa_2019.force.slug
    monkeypatch.setattr(letter.finders, "find", lambda path: path == f"letterheads/{slug}.png")
    html = render_letter_html(response_for(ipa_2019))
    assert f'src="/static/letterheads/{slug}.png"' in html and 'class="letterhead__logo"' in html
