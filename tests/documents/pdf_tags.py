"""Reading a tagged PDF's accessibility back: its structure tree (the tags a screen reader follows),
its language, its title and whether it declares PDF/UA."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass
class Tag:
    name: str  # "H1", "P", "Table", "TH", ...
    attributes: dict
    children: list


@dataclass
class TaggedPdf:
    lang: str
    title: str
    xmp_title: str
    shows_title: bool  # the reader's title bar shows the title, not the file name
    marked: bool
    ua_part: str  # "1" for PDF/UA-1
    root: Tag | None

    def walk(self, tag=None):
        """Every tag, depth first, in reading order."""
        tag = tag or self.root
        if tag is None:
            return
        yield tag
        for child in tag.children:
            yield from self.walk(child)

    def named(self, *names):
        return [tag for tag in self.walk() if tag.name in names]

    def heading_levels(self):
        return [int(tag.name[1]) for tag in self.walk() if re.fullmatch(r"H[1-6]", tag.name)]


def _tag(element):
    element = element.get_object()
    kids = element.get("/K")
    kids = kids if isinstance(kids, ArrayObject) else [] if kids is None else [kids]
    children = []
    for kid in kids:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            children.append(_tag(kid))
    attributes = element.get("/A")
    attributes = attributes.get_object() if attributes is not None else {}
    extra = {key: element[key] for key in ("/ID", "/Alt") if key in element}
    return Tag(str(element["/S"]).lstrip("/"), {**dict(attributes), **extra}, children)


def read_tags(content):
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode() if "/Metadata" in catalog else ""
    ua = re.search(r'pdfuaid:part(?:="|>)(\d)', xmp)
    tree = catalog.get("/StructTreeRoot")
    root = None
    if tree is not None:
        documents = tree.get_object()["/K"]
        documents = documents if isinstance(documents, ArrayObject) else [documents]
        root = Tag("StructTreeRoot", {}, [_tag(document) for document in documents])
    xmp_title = reader.xmp_metadata.dc_title.get("x-default", "") if reader.xmp_metadata else ""
    return TaggedPdf(
        lang=str(catalog.get("/Lang", "")),
        title=str((reader.metadata or {}).get("/Title", "")),
        xmp_title=xmp_title,
        shows_title=bool(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        marked=bool(catalog.get("/MarkInfo", {}).get("/Marked")),
        ua_part=ua.group(1) if ua else "",
        root=root,
    )
