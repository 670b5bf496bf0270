"""Images uploaded for documents (a signature), checked by their content, never by name or browser type."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

from inspections.core import uploads

# What each accepted format starts with, and the extension we store it under.
SIGNATURES = {
    "PNG": (uploads.PNG_MAGIC, uploads.PNG.extension, uploads.PNG.content_type),
    "JPEG": (uploads.JPEG_MAGIC, uploads.JPEG.extension, uploads.JPEG.content_type),
}
MAX_PIXELS = 4000 * 4000


def read_upload(upload):
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def check_image(data, *, max_bytes=None):
    """The image's format ("PNG" or "JPEG"), or ValidationError saying what is wrong with it."""
    max_bytes = max_bytes or settings.SECTION55_SIGNATURE_MAX_BYTES
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > max_bytes:
        raise ValidationError(f"The image is {len(data) // 1024} KB; the limit is {max_bytes // 1024} KB.")
    declared = format_of(data)
    if declared is None:
        raise ValidationError("Upload a PNG or JPEG image; this file is neither.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != declared:
                raise ValidationError("The file's content does not match its format.")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(f"The image is {width} × {height} pixels; make it smaller.")
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError("The image is damaged or not a real PNG or JPEG.") from error
    return declared


def validate_signature_upload(upload):
    """A model/form field validator: the file is a real PNG or JPEG within the size limit."""
    if upload is None or not hasattr(upload, "read"):
        return
    if getattr(upload, "_committed", False):
        return  # already stored, and checked when it was uploaded
    check_image(read_upload(upload))


def extension_for(image_format):
    return SIGNATURES[image_format][1]


def mime_type_for(image_format):
    return SIGNATURES[image_format][2]


def format_of(data):
    return next((name for name, (magic, _, _) in SIGNATURES.items() if data.startswith(magic)), None)
