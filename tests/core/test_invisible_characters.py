"""Text-direction overrides and other invisible characters: removed from every form with a message, and
never obeyed in a printed letter (inspections/core/textguard.py)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import inspections
from inspections.boards.forms import MeetingForm
from inspections.core import textguard
from inspections.core.forms import TrackerFormMixin
from inspections.documents import renderer
from inspections.models import Finding, FindingKind, Section55Response
from inspections.section55.letter import render_letter_html, response_for
from tests.factories import FindingFactory, InspectionFactory
from tests.pdf_support import pdf_text
from tests.section55.test_section55_hostile import letterhead

# Typed in this order, the override makes it display as "…has not approved the plan".
TYPED = "The board has \u202edevorppa ton\u202c the plan."


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2067", "\u200f", "\u200b", "\u2060", "\x07",
                                  "\U000e0041", "\ufeff", "\u061c"])
def test_every_kind_is_found_and_named(char):
    cleaned = textguard.clean(f"a{char}b")
    assert cleaned.text == "ab" and cleaned.changed and f"U+{ord(char):04X}" in cleaned.describe()


def test_ordinary_text_of_any_script_is_kept():
    kept = ["Café – “quoted” … £5", "Cymraeg: Heddlu Gogledd Cymru", "שלום עולם", "مرحبا", "line one\nline two\ttab"]
    for text in kept:
        assert textguard.clean(text) == textguard.Cleaned(text, ())


def test_a_form_removes_them_says_so_and_saves_nothing_until_resubmitted(client, people):
    finding = Finding.objects.filter(inspection__force=people.force, owner__isnull=False).first()
    client.force_login(people.opcc)
    url = reverse("finding_response", args=[finding.pk])
    before = finding.response
    page = client.post(url, {"version": finding.version, "response": TYPED})
    assert page.status_code == 200
    body = page.content.decode()
    assert "We removed 2 kinds of invisible character" in body and "U+202E RIGHT-TO-LEFT OVERRIDE" in body
    assert "The board has devorppa ton the plan." in body  # the form shows what will be saved
    finding.refresh_from_db()
    assert finding.response == before
    response = client.post(url, {"version": finding.version, "response": page.context["form"].data["response"]})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.response == "The board has devorppa ton the plan."


def form_modules():
    """Every module of forms in the app: each capability's forms.py or forms/ package, and the filters."""
    names = [info.name for info in pkgutil.walk_packages(inspections.__path__, "inspections.")
             if ".forms" in info.name or info.name.endswith(".filters")]
    return [importlib.import_module(name) for name in names if "migrations" not in name]


def test_every_form_of_the_tracker_does_it_through_the_shared_mixin(db):
    modules = form_modules()
    bases = {"ForceChoiceForm", "ItemFields", "MappingFields", "VersionMixin"}  # fields shared by the forms below
    found = {cls for module in modules for _, cls in inspect.getmembers(module, inspect.isclass)
             if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__}
    found = {cls for cls in found if cls.__name__ not in bases}
    assert len(found) >= 20
    assert [cls.__name__ for cls in found if not issubclass(cls, TrackerFormMixin)] == []
    form = MeetingForm(data={"held_on": "2025-01-01", "note": "Extra\u202e meeting"}, board=None)
    form.fields.pop("held_on")
    assert not form.is_valid() and "invisible character" in " ".join(form.errors["note"])
    assert form.data["note"] == "Extra meeting"


@pytest.mark.django_db
def test_the_letter_prints_what_was_typed_even_if_an_override_reached_the_database():
    inspection = InspectionFactory(title="PEEL 2025")
    letterhead(inspection.force)
    FindingFactory(inspection=inspection, kind=FindingKind.AREA_FOR_IMPROVEMENT, response=TYPED)
    Section55Response.objects.create(inspection=inspection, pcc_comments=TYPED)  # as if written by the admin
    pdf = renderer.html_to_pdf(render_letter_html(response_for(inspection)))
    _, printed = pdf_text(pdf.content)
    assert printed.count("devorppa ton") == 2 and "not approved" not in printed
    assert "\u202e" not in printed

