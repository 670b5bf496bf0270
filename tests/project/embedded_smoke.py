"""Run by tests/test_embedded_mode.py in a subprocess under the embedded settings of `make run`
(SQLite, tasks in-process, the demo data): every page and every task works there too.

Prints one line per check; exits non-zero on the first failure.
"""

import os
import sys

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tracker.settings.embedded"
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from inspections.models import Finding, GovernanceBoard, Inspection, RenderedDocument, ReportImport  # noqa: E402
from tests.paths import DATA  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
call_command("load_demo", verbosity=0)
User = get_user_model()


def client_for(username):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    return client


def check(client, url, status=200, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    if response.status_code != status:
        print(f"FAIL {method.upper()} {url}: {response.status_code}")
        sys.exit(1)
    print(f"ok {method.upper()} {url} {response.status_code}")
    return response


opcc, chair = client_for("opcc"), client_for("chair")
ipa = Inspection.objects.get(title__contains="2019")
finding = Finding.objects.get(inspection=ipa, reference="Rec 1.3")
wab = GovernanceBoard.objects.get(name="Warwickshire Assurance Board")
meeting = wab.meetings.order_by("held_on").last()
for url in ["/", "/inspections/", f"/inspections/{ipa.pk}/", "/findings/", "/findings/?q=digital+evidence&sort=-due",
            f"/findings/{finding.pk}/", "/findings/export.csv", "/findings/export.xlsx", "/dashboard/",
            f"/boards/{wab.pk}/", f"/boards/{wab.pk}/meetings/{meeting.pk}/pack/",
            f"/inspections/{ipa.pk}/section55/", f"/inspections/{ipa.pk}/section55/preview/",
            f"/inspections/{ipa.pk}/export.xlsx", "/profile/", "/reminders/warwickshire/", "/imports/",
            "/accessibility/", "/forces/warwickshire/monitoring/", f"/findings/{finding.pk}/hmicfrs/"]:
    check(opcc, url)
if opcc.get("/findings/?q=digital+evidence").context["total"] != 1:
    print("FAIL the SQLite search")
    sys.exit(1)
check(opcc, f"/findings/{finding.pk}/update/", 302, "post",
      {"narrative": "Kiosks installed.", "rag": "green", "version": finding.version})
check(opcc, f"/inspections/{ipa.pk}/section55/render/", 302, "post")
check(chair, f"/boards/{wab.pk}/meetings/{meeting.pk}/pack/pdf/", 302, "post")
# The Word copies, and the closure request of the cause of concern the demo board signed off.
check(opcc, f"/inspections/{ipa.pk}/section55/render/", 302, "post", {"format": "docx"})
check(chair, f"/boards/{wab.pk}/meetings/{meeting.pk}/pack/pdf/", 302, "post", {"format": "docx"})
signed_off = Finding.objects.get(inspection=ipa, reference="CoC 1")
check(opcc, f"/findings/{signed_off.pk}/closure-request/", 302, "post")
check(opcc, f"/findings/{signed_off.pk}/closure-request/", 302, "post", {"format": "docx"})
check(opcc, "/forces/warwickshire/monitoring/oversight/", 302, "post",
      {"held_on": "2024-02-13", "decided": "The force remains in Engage."})
rendered = list(RenderedDocument.objects.values_list("kind", "format", "status"))
kinds = ("board_pack", "closure_request", "section55_letter")
# (the demo renders the 2019 letter once more, for the public pages)
expected = [(kind, fmt, "done") for kind in kinds for fmt in ("docx", "pdf")]
expected = sorted([*expected, ("section55_letter", "pdf", "done")])
if sorted(rendered) != expected:
    print(f"FAIL documents rendered in-process: {rendered}")
    sys.exit(1)
print("ok documents rendered in-process")

# The public pages, signed out: the published 2019 inspection, its data and its letter, and nothing else.
public = Client(HTTP_HOST="127.0.0.1")
page_2019 = f"/public/warwickshire/{ipa.publication.slug}/"
for url in ["/public/", "/public/warwickshire/", page_2019, page_2019[:-1] + ".csv", page_2019[:-1] + ".json",
            page_2019 + "section-55-response.pdf"]:
    check(public, url)
listed = check(public, "/public/warwickshire/").content.decode()
if ipa.title not in listed or "PEEL 2021/22" in listed or "PEEL 2017" in listed:
    print("FAIL the public pages show the 2019 inspection and nothing else")
    sys.exit(1)
print("ok public pages")

call_command("send_reminders", "--date", "2022-12-05", "--dry-run")
print("ok send_reminders --dry-run")
report = DATA / "warwickshire-peel-2021-22-report.txt"
upload = check(opcc, "/imports/reports/new/", 302, "post",
               {"force": ipa.force_id, "text": report.read_text(), "published_on": "2022-10-14"})
draft = ReportImport.objects.get()
if draft.status != "ready":
    print(f"FAIL the report import ran in-process: {draft.status} {draft.error}")
    sys.exit(1)
check(opcc, f"/imports/reports/{draft.pk}/review/")
print("ok report import read in-process")

# The board's rules on the demo data: the legend in the pack, the waiting extension approved by the
# chair, and the finding that passed its demonstration period (closed by the daily task, in-process).
from inspections.findings import tasks as finding_tasks  # noqa: E402
from inspections.models import ExtensionRequest  # noqa: E402

pack = check(chair, f"/boards/{wab.pk}/meetings/{meeting.pk}/pack/").content.decode()
if "Outstanding and past its target date" not in pack:
    print("FAIL the RAG legend in the pack")
    sys.exit(1)
check(opcc, f"/forces/{ipa.force_id}/rules/")
waiting = ExtensionRequest.objects.get(status="requested")
check(chair, f"/extension-requests/{waiting.pk}/decide/", 302, "post", {"decision": "approve", "reason": "Agreed."})
if ExtensionRequest.objects.get(pk=waiting.pk).status != "approved":
    print("FAIL the chair's approval of the extension")
    sys.exit(1)
if not Finding.objects.filter(changes__action="demonstration_ended", status="closed").exists():
    print("FAIL a finding passed its demonstration period")
    sys.exit(1)
print(f"ok the board's rules: {finding_tasks.close_ended_demonstrations.delay().get()}")

# A long export, written in-process (no worker in this mode): the link leads to its page, ready at once.
from django.test import override_settings  # noqa: E402

from inspections.models import Export  # noqa: E402

with override_settings(TRACKER_EXPORT_BACKGROUND_ROWS=10):
    queued = check(opcc, "/findings/export.xlsx", 302)
export = Export.objects.get()
if queued.url != f"/exports/{export.pk}/" or export.status != "ready" or export.rows_done != Finding.objects.count():
    print(f"FAIL the long export ran in-process: {export.status} {export.error} {export.rows_done}")
    sys.exit(1)
check(opcc, f"/exports/{export.pk}/")
check(opcc, f"/exports/{export.pk}/download")
check(chair, f"/exports/{export.pk}/download", 404)
print("ok long export written in-process")
