"""Nothing but what the OPCC published can be reached from the public pages, whatever the URL.

Secrets are planted with unique markers: the names of owners and every other user, progress narratives,
evidence file names, reasons given for changes and closures, an unpublished inspection (and one
published and then withdrawn), another force's unpublished inspection, and another force's published
inspection whose Section 55 response is still a draft (draft responses, a draft letter's text, and a
draft PDF). Then, signed out: every link reachable from /public/ is followed, and a list of guessed
addresses is tried (the ids and slugs of everything unpublished, other forces' slugs, the letter of
every inspection, every signed-in page of the tracker with real ids). No marker may appear anywhere:
HTML, CSV, JSON, PDF text or headers; the signed-in pages only ever send the visitor to sign in.
"""

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.text import slugify

from inspections.core.status import Status
from inspections.findings import progress
from inspections.findings import services as finding_services
from inspections.models import (
    EvidenceFile,
    Finding,
    Force,
    GradedJudgment,
    Inspection,
    LetterStatus,
    ProgressUpdate,
    RenderedDocument,
    Role,
    Section55Response,
)
from inspections.public import services
from tests.factories import FindingFactory, InspectionFactory, JudgmentFactory
from tests.pdf_support import pdf_text
from tests.public.support import (
    DRAFT,
    SLUG_2019,
    TITLE_2017,
    TITLE_2019,
    TITLE_2021,
    body,
    inspection,
    publish,
    render_final_letter,
    stored_letter,
)

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def marker(name):
    return f"Zq{name}Secret7x"


MARKERS = {}


def secret(name):
    MARKERS[name] = marker(name)
    return MARKERS[name]


def plant_secrets(people):
    """Every kind of thing the public must never see, each carrying its own marker."""
    opcc = people.opcc
    y2019, y2021 = inspection(TITLE_2019), inspection(TITLE_2021)

    # Owners and every other person: names, user names and email addresses.
    for index, user in enumerate(get_user_model().objects.all()):
        user.first_name, user.last_name = secret(f"FirstName{index}"), secret(f"LastName{index}")
        user.email = f"{secret(f'Email{index}').lower()}@example.org"
        user.save()
    Role.objects.filter(title="Head of Digital Forensics").update(holder=people.lead)

    # Progress on a published finding: a narrative with evidence, a revised date with its reason.
    owned = Finding.objects.get(inspection=y2019, reference="Rec 1.3")
    evidence = SimpleUploadedFile(f"{secret('EvidenceName')}.pdf", PDF_BYTES, content_type="application/pdf")
    progress.record_progress(owned, by=people.lead, narrative=secret("Narrative"), rag="amber", evidence=[evidence])
    owned = Finding.objects.get(pk=owned.pk)
    finding_services.revise_due_date(owned, due_date=date(2027, 3, 31), by=opcc,
                                             reason=secret("DueDateReason"))
    # A published finding closed as no longer relevant, with its reason; another proposed with a reason.
    closed = Finding.objects.get(inspection=y2019, reference="AFI 3")
    finding_services.close_otherwise(closed, by=opcc, outcome="no_longer_relevant", reason=secret("ClosureReason"))
    proposed = Finding.objects.get(inspection=y2019, reference="AFI 4")
    progress.propose_complete(proposed, by=opcc, reason=secret("ProposalReason"))

    # The 2021/22 inspection is not published: its title, a finding's text and response.
    Inspection.objects.filter(pk=y2021.pk).update(title=f"PEEL 2021/22 {secret('UnpublishedTitle')}")
    Finding.objects.filter(inspection=y2021, reference="AFI 1").update(
        text=secret("UnpublishedText"), response=secret("UnpublishedResponse")
    )
    first_area = GradedJudgment.objects.filter(inspection=y2021).order_by("order").first()
    GradedJudgment.objects.filter(pk=first_area.pk).update(name=secret("UnpublishedArea"))
    # The 2017 inspection was published once and withdrawn (its report date is filled in to allow it).
    Inspection.objects.filter(title=TITLE_2017).update(published_on=date(2017, 3, 2))
    withdrawn = inspection(TITLE_2017)
    services.publish(inspection=withdrawn, by=opcc)
    services.unpublish(inspection=withdrawn, by=opcc)
    Finding.objects.filter(inspection=withdrawn).update(text=secret("WithdrawnText"))

    # Another force: one inspection unpublished, one published whose Section 55 response is a draft.
    elsewhere = Force.objects.get(slug="elsewhere")
    hidden = InspectionFactory(force=elsewhere, title=f"Elsewhere {secret('OtherForceTitle')}")
    FindingFactory(inspection=hidden, text=secret("OtherForceText"), response=secret("OtherForceResponse"))
    shown = InspectionFactory(force=elsewhere, title="Elsewhere Constabulary: PEEL 2023", published_on=date(2023, 6, 1))
    area = JudgmentFactory(inspection=shown, name="Responding to the public")
    FindingFactory(inspection=shown, judgment=area, text="The force should answer 999 calls promptly.",
                   response=secret("DraftResponse"), owner__title=secret("OtherForceOwnerRole"))
    Section55Response.objects.create(inspection=shown, status=LetterStatus.DRAFT,
                                     pcc_introduction=secret("DraftLetterText"))
    stored_letter(shown, label=DRAFT, content=b"%PDF-1.7 " + secret("DraftPdf").encode(), on=date(2023, 7, 1))
    services.publish(inspection=shown, by=people.outsider)
    # A draft of the 2019 letter, stored before its final version.
    stored_letter(y2019, label=DRAFT, content=b"%PDF-1.7 " + secret("DraftPdf2019").encode(),
                  on=date(2019, 11, 1))
    return {"hidden": hidden, "shown": shown, "withdrawn": withdrawn, "y2021": y2021}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.found.append(value)


def readable(response):
    """Everything a visitor receives, as text: headers, and the body (a PDF's text and its bytes)."""
    content = body(response)
    headers = " ".join(f"{key}: {value}" for key, value in response.items())
    text = content.decode("utf-8", errors="replace")
    if content.startswith(b"%PDF"):
        try:
            text += " " + pdf_text(content)[1]
        except Exception as error:  # noqa: BLE001  (a stored PDF of our own making is only its bytes)
            text += f" (not a readable PDF: {type(error).__name__})"
    return headers + "\n" + text


def crawl(client, start="/public/"):
    """{url: response text} for every same-site address linked from the public pages, following the
    links of every page under /public/."""
    seen, queue, found = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        found[url] = (response.status_code, readable(response))
        if not url.startswith("/public/") or "html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for link in parser.found:
            parts = urlsplit(urljoin(url, link))
            if parts.netloc and parts.netloc != "testserver":
                continue  # the HMICFRS report, the PCC's website
            address = parts.path + (f"?{parts.query}" if parts.query else "")
            if not address.startswith("/static/"):
                queue.append(address)
    return found


def route_templates(patterns=None, prefix=""):
    """Every route of the site outside the admin, as a template such as "findings/<int:pk>/update/"."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from route_templates(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def fill(template, value):
    """A route template filled with a value in every parameter (regular expressions: their choices)."""
    path = re.sub(r"<(int|slug|str|path):\w+>", str(value), template)
    path = re.sub(r"\(\?P<fmt>([a-z]+)\|[^)]*\)", r"\1", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", str(value), path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\.", ".")


# Pages anyone may open signed out: none of them shows force data.
OPEN_TO_ALL = ("/", "/healthz", "/accessibility/", "/accounts/")


def test_nothing_but_what_was_published_can_be_reached_from_the_public_pages(client, people, media):
    publish(TITLE_2019, people.opcc)
    render_final_letter(inspection(TITLE_2019), people.opcc)  # the letter as published, before any secret
    planted = plant_secrets(people)
    assert len(MARKERS) >= 20 and EvidenceFile.objects.exists() and ProgressUpdate.objects.exists()

    reached = crawl(client)
    published_page = f"/public/warwickshire/{SLUG_2019}/"
    assert {published_page, f"/public/warwickshire/{SLUG_2019}.csv", f"/public/warwickshire/{SLUG_2019}.json",
            published_page + "section-55-response.pdf", "/public/elsewhere/"} <= set(reached)

    # Guessed addresses: everything unpublished, by id and by slug, under every force; every letter.
    slugs = {slugify(i.title)[:100] for i in Inspection.objects.all()} | {str(i.pk) for i in Inspection.objects.all()}
    slugs |= {SLUG_2019, "elsewhere-constabulary-peel-2023", f"{SLUG_2019}-2", "..", "%2e%2e"}
    guessed = []
    for force_slug in ["warwickshire", "elsewhere", "nowhere", *[str(f.pk) for f in Force.objects.all()]]:
        guessed.append(f"/public/{force_slug}/")
        for slug in slugs:
            base = f"/public/{force_slug}/{slug}"
            guessed += [base + "/", base + ".csv", base + ".json", base + "/section-55-response.pdf", base]
    guessed += ["/public/../inspections/", f"/public/warwickshire/{SLUG_2019}/../../../findings/",
                "/public/?force=elsewhere", f"/public/warwickshire/{SLUG_2019}.xlsx"]
    for url in guessed:
        response = client.get(url)
        reached[url] = (response.status_code, readable(response))

    # The signed-in pages, with the ids of the secrets: only ever a way to sign in.
    ids = {
        planted["y2021"].pk, planted["hidden"].pk, planted["shown"].pk, inspection(TITLE_2019).pk,
        Finding.objects.get(inspection=inspection(TITLE_2019), reference="Rec 1.3").pk,
        EvidenceFile.objects.get().pk, ProgressUpdate.objects.first().pk,
        *RenderedDocument.objects.values_list("pk", flat=True),
    }
    signed_in_only = []
    for template in route_templates():
        if template.startswith("public/") or template.startswith("^public/"):
            continue
        for value in ids if "<" in template or "(?P" in template else [None]:
            url = fill(template, value)
            response = client.get(url)
            reached[url] = (response.status_code, readable(response))
            if url in OPEN_TO_ALL or url.startswith("/accounts/"):
                continue
            signed_in_only.append(url)
            assert response.status_code in (302, 404, 405), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), (url, response["Location"])
    assert len(signed_in_only) > 100

    # A guessed address made from a secret comes back in a redirect's Location: that is the guess, not a leak.
    leaks = [f"{name} at {url} ({status})" for url, (status, text) in reached.items()
             for name, value in MARKERS.items() if value.lower() in text.lower().replace(url.lower(), "")]
    assert not leaks, "\n".join(leaks)

    # What was published is there (the test would pass vacuously otherwise).
    assert reached[published_page][0] == 200 and "Rec 1.3" in reached[published_page][1]
    assert reached["/public/elsewhere/"][0] == 200
    assert "The force should answer 999 calls promptly." in reached[
        "/public/elsewhere/elsewhere-constabulary-peel-2023/"][1]
    letter = reached[published_page + "section-55-response.pdf"]
    assert letter[0] == 200 and "Police and Crime Commissioner" in letter[1]


def test_the_leak_check_finds_a_marker_that_does_reach_a_page(client, people):
    """The check itself: a marker put into a published finding's text is found on the crawled pages."""
    publish(TITLE_2019, people.opcc)
    Finding.objects.filter(inspection=inspection(TITLE_2019), reference="CoC 1").update(text=marker("Visible"))
    reached = crawl(client)
    assert {url for url, (_, text) in reached.items() if marker("Visible") in text} == {
        f"/public/warwickshire/{SLUG_2019}/", f"/public/warwickshire/{SLUG_2019}.csv",
        f"/public/warwickshire/{SLUG_2019}.json",
    }


def test_a_finding_superseded_by_an_unpublished_one_shows_only_its_own_status(client, people):
    publish(TITLE_2019, people.opcc)
    superseded = Finding.objects.filter(inspection=inspection(TITLE_2019), status=Status.SUPERSEDED).first()
    successor = superseded.superseded_by
    Finding.objects.filter(pk=successor.pk).update(text=marker("Successor"))
    page = client.get(f"/public/warwickshire/{SLUG_2019}/").content.decode()
    assert "<dd>Superseded</dd>" in page and marker("Successor") not in page
