"""Shared helpers for the Section 55 page tests (tests/test_section55_pages.py, test_section55_rendering.py)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def draft_data(**overrides):
    data = {
        "version": "", "our_reference": "PCC22 10/7", "your_reference": "PEEL 2021/22", "letter_date": "2022-12-01",
        "salutation": "Dear Inspector / Minister,", "pcc_introduction": "I welcome the report.",
        "pcc_comments": "- first point\n- second point", "chief_constable_introduction": "The force accepts it.",
        "governance_summary": "Governed by the Warwickshire Assurance Board.", "pcc_response": "I will monitor it.",
        "signatory_name": "Jordan Hale", "signatory_title": "Police and Crime Commissioner",
        "comments_invited_on": "", "comments_due_on": "", "response_lead": "",
    }
    data.update(overrides)
    return data


def png_bytes(size=(120, 40), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, format=image_format)
    return buffer.getvalue()


def upload(name, content, content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)
