"""Evidence and letterhead uploads are judged by what the file holds, never by its name or the browser's word."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from inspections.core import uploads
from inspections.core.uploads import check_upload, sniff


def office_file(*parts, content_types=True):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if content_types:
            archive.writestr("[Content_Types].xml", "<Types/>")
        for part in parts:
            archive.writestr(part, "<x/>")
    return buffer.getvalue()


CONTENTS = {
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", uploads.PDF),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", uploads.PNG),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", uploads.JPEG),
    "gif87": (b"GIF87a\x01\x00\x01\x00", uploads.GIF),
    "gif89": (b"GIF89a\x01\x00\x01\x00", uploads.GIF),
    "word 97-2003": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 24, uploads.OLE),
    "word": (office_file("word/document.xml"), uploads.DOCX),
    "excel": (office_file("xl/workbook.xml"), uploads.XLSX),
    "powerpoint": (office_file("ppt/presentation.xml"), uploads.PPTX),
}


@pytest.mark.parametrize("kind", CONTENTS)
def test_each_kind_is_known_by_its_content_whatever_it_is_called(kind):
    content, expected = CONTENTS[kind]
    upload = SimpleUploadedFile("evidence.txt", content, content_type="text/plain")
    upload.read(3)  # a reader that has already looked at the file
    assert sniff(upload) == expected
    assert upload.tell() == 0, "the file is left at its start, ready to be stored"


@pytest.mark.parametrize(
    "content",
    [
        b"plain words, not a document",
        b"PK\x03\x04 but not really an archive",
        office_file("word/document.xml", content_types=False),  # a zip that is not an Office file
        office_file("mimetype", "content.xml"),  # an OpenDocument-like archive
        b"",
    ],
    ids=["text", "broken zip", "zip without content types", "other archive", "empty"],
)
def test_anything_else_is_not_recognised(content):
    upload = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    assert sniff(upload) is None
    assert upload.tell() == 0


def test_a_word_document_renamed_pdf_is_refused_where_only_pdfs_are_accepted():
    upload = SimpleUploadedFile("Action plan.pdf", office_file("word/document.xml"), content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        check_upload(upload, allowed=(uploads.PDF,))
    assert refused.value.messages == [
        "“Action plan.pdf” is not a file type the tracker accepts (PDF), whatever its name says."
    ]


def test_the_refusal_lists_each_accepted_kind_once():
    upload = SimpleUploadedFile("slides.pptx", office_file("ppt/presentation.xml"))
    with pytest.raises(ValidationError) as refused:
        check_upload(upload)
    assert refused.value.messages == [
        "“slides.pptx” is not a file type the tracker accepts (PDF, PNG image, JPEG image, GIF image, Word document, "
        "Excel workbook, Word or Excel (97-2003)), whatever its name says."
    ]


def test_evidence_of_each_accepted_kind_is_accepted_and_its_kind_returned():
    for kind in ("pdf", "png", "jpeg", "gif89", "word 97-2003", "word", "excel"):
        content, expected = CONTENTS[kind]
        assert check_upload(SimpleUploadedFile("evidence", content)) == expected


def test_an_empty_file_is_refused_by_name():
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("minutes.pdf", b""))
    assert refused.value.messages == ["“minutes.pdf” is empty."]


def test_a_file_without_a_name_is_called_what_the_page_calls_it():
    upload = io.BytesIO(b"")
    upload.name, upload.size = None, 0  # a file object handed over without a name
    with pytest.raises(ValidationError) as refused:
        check_upload(upload, what="signature image")
    assert refused.value.messages == ["“signature image” is empty."]


@override_settings(TRACKER_MAX_UPLOAD_BYTES=1024)
def test_the_size_limit_comes_from_the_settings_and_is_inclusive():
    at_limit = CONTENTS["pdf"][0] + b"0" * (1024 - len(CONTENTS["pdf"][0]))
    assert check_upload(SimpleUploadedFile("at-limit.pdf", at_limit)) == uploads.PDF
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("over.pdf", at_limit + b"0"))
    assert refused.value.messages == ["“over.pdf” is 1.0\xa0KB; the limit is 1.0\xa0KB."]


def test_a_page_may_set_its_own_smaller_limit():
    content = CONTENTS["png"][0] + b"0" * 100
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("logo.png", content), allowed=uploads.IMAGE_TYPES, max_bytes=50)
    assert refused.value.messages == ["“logo.png” is 116\xa0bytes; the limit is 50\xa0bytes."]
    at_limit = SimpleUploadedFile("logo.png", content)
    assert check_upload(at_limit, allowed=uploads.IMAGE_TYPES, max_bytes=116) == uploads.PNG


def test_a_nameless_file_from_a_page_that_names_nothing_is_called_the_file():
    upload = io.BytesIO(b"")
    upload.name, upload.size = None, 0
    with pytest.raises(ValidationError) as refused:
        check_upload(upload)
    assert refused.value.messages == ["“file” is empty."]
