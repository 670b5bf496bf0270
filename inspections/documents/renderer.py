"""HTML to PDF with WeasyPrint, reaching nothing but the project's static files and data: URLs.

Templates link their stylesheets with {% static %} as any page does; the HTML is given a base URL on
a reserved host (DOCUMENT_BASE_URL), so "/static/css/x.css" becomes a URL the fetcher maps back to a
file under STATICFILES_DIRS or STATIC_ROOT. Every other URL (http, https, file, ftp, a path outside
those folders) is refused, so a document can never be made to fetch an internal address or read a
file from the server (see CISO Assistant's _safe_url_fetcher for the same idea). Images that belong
to a document (a signature) are passed in as data: URLs.

Fonts are the system's (DejaVu, Liberation) through fontconfig; there are no network fonts.

Every PDF is tagged, as PDF/UA-1 (ISO 14289-1): a structure tree of headings, paragraphs, lists and
tables with their header cells, the language from <html lang> (en-GB) and the title shown in the
reader's title bar, so that screen readers can read it (the Public Sector Bodies Accessibility
Regulations apply to published documents too).
"""

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from inspections.core import textguard

logger = logging.getLogger(__name__)

# Tagged PDF for accessibility (see the docstring).
PDF_VARIANT = "pdf/ua-1"
# A reserved name (RFC 2606): nothing can ever answer on it.
DOCUMENT_BASE_URL = "https://documents.invalid/"
ALLOWED_STATIC_SUFFIXES = {".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".woff", ".woff2", ".ttf", ".otf"}


class RefusedURL(ValueError):
    """WeasyPrint catches this, logs it and leaves the resource out; the render goes on."""


def static_roots():
    roots = [Path(folder) for folder in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots if root.exists()]


def static_path_for(url):
    """The file a document URL stands for, or None when it is not one of our static files."""
    parts = urlsplit(url)
    base = urlsplit(DOCUMENT_BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    # pragma below: any set of strip characters holding "/" gives the same prefix for a real STATIC_URL.
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"  # pragma: no mutate
    if not parts.path.startswith(static_prefix):
        return None
    relative = unquote(parts.path[len(static_prefix) :])
    if not relative or "\x00" in relative:
        return None
    for root in static_roots():
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            if candidate.suffix.lower() not in ALLOWED_STATIC_SUFFIXES:
                return None
            return candidate
    return None


class StaticOnlyURLFetcher(URLFetcher):
    """Serves data: URLs and the project's static files; refuses everything else."""

    def __init__(self):
        # Defence in depth: only data: URLs ever reach the parent's fetch (fetch below), so these limits
        # cannot be seen to act (make mutation counts their mutants as equivalent).
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=5)  # pragma: no mutate
        self.refused = []

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # pragma: no mutate (a data: URL has no headers to send)
        path = static_path_for(url)
        if path is None:
            self.refused.append(url)
            logger.warning("Document render refused to fetch %s", url[:200])
            raise RefusedURL(f"Documents may only use the tracker's static files and data: URLs, not {url[:200]}")
        # Every allowed suffix has a known type; the fallback is for a system whose table lacks one.
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"  # pragma: no mutate
        headers = {"Content-Type": mime_type}  # pragma: no mutate (header names are read in any case)
        return URLFetcherResponse(url, path.read_bytes(), headers)


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int
    refused_urls: tuple[str, ...]


def html_to_pdf(html, *, title=""):
    """Render HTML (a whole document) to a PDF; A4, page numbers and fonts come from its stylesheets."""
    fetcher = StaticOnlyURLFetcher()
    # Whatever reached the database by another way, a letter prints the characters in the order typed:
    # text-direction overrides and other invisible controls are dropped (inspections/core/textguard.py).
    html = textguard.strip(html)
    # The variant is given to layout as well as to the writer, as WeasyPrint's documentation does; the
    # writer's alone already tags the file (tests/documents), so a mutant of this one is equivalent.
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT  # pragma: no mutate
    )
    if title:
        document.metadata.title = title
    content = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(content=content, page_count=len(document.pages), refused_urls=tuple(fetcher.refused))
