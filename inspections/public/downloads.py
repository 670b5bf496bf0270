"""The public data of one inspection as CSV and JSON: the same dicts the public page shows."""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder

from inspections.importing.spreadsheets import FORMULA_PREFIXES

CSV_HEADINGS = [
    "Force", "Inspection", "Report published", "Reference", "Kind", "Area", "Area grade", "Finding", "Status",
    "Published response", "Last updated",
]


def _cell(value):
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text  # never run as a formula


def csv_bytes(page):
    """One row per finding, in report order, with its area's grade."""
    inspection = page["inspection"]
    grades = {grade["name"]: grade["grade"] for grade in page["grades"]}
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(CSV_HEADINGS)
    for finding in page["findings"]:
        writer.writerow([_cell(value) for value in (
            page["force"]["name"], inspection["title"], inspection["published_on"], finding["reference"],
            finding["kind"], finding["area"], grades.get(finding["area"], ""), finding["text"], finding["status"],
            finding["response"], inspection["last_updated"],
        )])
    return ("\ufeff" + stream.getvalue()).encode("utf-8")  # the BOM makes Excel read UTF-8


def json_bytes(page):
    inspection = page["inspection"]
    data = {
        "force": page["force"],
        "inspection": {
            "title": inspection["title"],
            "kind": inspection["kind"],
            "report_published_on": inspection["published_on"],
            "report_url": inspection["report_url"],
            "last_updated": inspection["last_updated"],
        },
        "section55_response": inspection["section55"],
        "grades": page["grades"],
        "findings": page["findings"],
    }
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")
