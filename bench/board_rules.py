"""The board's rules at national scale: a force dashboard and a board pack with the force's RAG rules
declared (the legend, and the ratings that differ from the rules, computed in SQL), against the same
pages before the rules are declared and against the time of their own SQL run directly; and the daily
close of demonstration periods over every synthetic force's signed-off findings.

    createdb -h 127.0.0.1 -U postgres tracker_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tracker_bench .venv/bin/python bench/board_rules.py

It declares rules on one synthetic force and closes up to 2,000 findings: run it on a bench database
(`manage.py generate_data --replace` rebuilds the data set).
"""

import time

from _setup import national_data, replay, timed

national_data()

from datetime import timedelta  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from inspections.core.status import Status  # noqa: E402
from inspections.devdata.synthetic import synthetic_forces  # noqa: E402
from inspections.findings import demonstration, rag_rules  # noqa: E402
from inspections.models import BoardMeeting, Finding, GovernanceBoard, RagCondition, RagRule  # noqa: E402

User = get_user_model()
user, _ = User.objects.get_or_create(username="bench-superuser", defaults={"is_superuser": True, "is_staff": True})
client = Client()
client.force_login(user)

force = synthetic_forces().order_by("slug").first()
board = GovernanceBoard.objects.filter(force=force, parent__isnull=True).first()
meeting, _ = BoardMeeting.objects.get_or_create(board=board, held_on=timezone.localdate())
pages = {
    f"force dashboard ({force.name})": f"{reverse('dashboard')}?force={force.pk}",
    f"board pack ({board.name})": reverse("meeting_pack", args=[board.pk, meeting.pk]),
}
RULES = {
    RagCondition.PAST_TARGET: {"rag": "red"},
    RagCondition.DUE_SOON: {"rag": "amber", "within_days": 30},
    RagCondition.NOT_STARTED: {"rag": "amber"},
    RagCondition.ON_TRACK: {"rag": "green"},
}


def measure(label, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]

    def page():
        client.get(url)

    def sql():
        replay(statements)

    page_median, _ = timed(page, repeat=9)
    sql_median, _ = timed(sql, repeat=9)
    print(f"  {label}: {len(statements)} queries; page {page_median:.0f} ms median; SQL alone {sql_median:.0f} ms; "
          f"page/SQL ratio {page_median / sql_median:.1f}")


print(f"data: {Finding.objects.count()} findings in {synthetic_forces().count() + 1} forces; "
      f"{Finding.objects.filter(inspection__force=force).count()} in {force.name}")
RagRule.objects.filter(force=force).delete()
print("without RAG rules:")
for label, url in pages.items():
    measure(label, url)
rag_rules.declare_rules(force=force, rules=RULES, demonstration_months=3, board_months={})
differing = rag_rules.differing(Finding.objects.filter(inspection__force=force), rag_rules.rules_for(force),
                                timezone.localdate()).count()
print(f"with RAG rules ({differing} findings rated otherwise):")
for label, url in pages.items():
    measure(label, url)

# The daily close: every synthetic force's open findings with an owner and a board, signed off into a
# period that has ended (written directly: this measures the close, not the sign-off).
ended = timezone.localdate() - timedelta(days=1)
candidates = Finding.objects.filter(status=Status.IN_PROGRESS, owner__isnull=False, board__isnull=False)
ids = list(candidates.values_list("pk", flat=True)[:2000])
Finding.objects.filter(pk__in=ids).update(
    status=Status.DEMONSTRATING, rag="blue", demonstration_ends_on=ended, closed_by_board=F("board")
)
started = time.perf_counter()
outcome = demonstration.close_ended(on=timezone.localdate())
seconds = time.perf_counter() - started
print(f"daily close of demonstration periods: {len(outcome.closed)} closed, {len(outcome.failed)} failed in "
      f"{seconds:.1f} s ({seconds * 1000 / max(len(ids), 1):.1f} ms a finding); a second run closes "
      f"{len(demonstration.close_ended(on=timezone.localdate()).closed)}")
