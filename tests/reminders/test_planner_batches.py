"""The planner over a batch: each reminder once, in the same order every time (recipient, finding,
inspection, rule, day), a row it cannot work out listed without stopping the rest; the findings' inspections
and owners loaded once for the sweep; and which inspections the Section 55 sweep looks at."""

from datetime import date, timedelta

import pytest

from inspections.core.status import Status
from inspections.models import LetterStatus
from inspections.reminders.planner import Planner, Skipped, s55_inspections, sort_key, sweep_findings
from inspections.reminders.rules import reminder_config
from tests.factories import ForceFactory, InspectionFactory, RoleFactory, Section55ResponseFactory
from tests.reminders.support import break_the_rules_for, finding_due, opcc_staff

pytestmark = pytest.mark.django_db

DAY = date(2023, 6, 14)  # a Wednesday


def planner(**kwargs):
    return Planner(reminder_config(), first_day=DAY, last_day=DAY, **kwargs)


def test_a_batch_gives_each_reminder_once_in_recipient_then_finding_order():
    force = ForceFactory()
    owner = RoleFactory(force=force)
    inspection = InspectionFactory(force=force, published_on=DAY - timedelta(days=27))  # day 28 today
    first = finding_due(DAY + timedelta(days=7), inspection=inspection, owner=owner)
    second = finding_due(DAY + timedelta(days=1), inspection=inspection, owner=owner)
    staff = opcc_staff(force)
    candidates, skipped = planner().evaluate(findings=[second, first, second], inspections=[inspection], day=DAY)
    assert [(c.recipient, c.finding, c.inspection, c.rule, c.rule_label) for c in candidates] == [
        (owner.holder, first, inspection, "due_soon", "Due date approaching"),
        (owner.holder, second, inspection, "due_soon", "Due date approaching"),
        (staff, None, inspection, "s55_clock", "Section 55 response clock"),
    ] and skipped == []
    assert [sort_key(c) for c in candidates] == [
        (owner.holder.pk, first.pk, 0, "due_soon", DAY),
        (owner.holder.pk, second.pk, 0, "due_soon", DAY),
        (staff.pk, 0, inspection.pk, "s55_clock", DAY),
    ]


def test_an_inspection_the_rules_cannot_work_out_is_listed_and_the_rest_carry_on(monkeypatch):
    good = finding_due(DAY + timedelta(days=7))
    bad = InspectionFactory(title="PEEL 2023", published_on=DAY - timedelta(days=27))

    def broken(self, inspection, day):
        raise ValueError("corrupt row")

    monkeypatch.setattr(Planner, "for_inspection", broken)
    candidates, skipped = planner().evaluate(findings=[good], inspections=[bad], day=DAY)
    assert [(c.finding, c.rule) for c in candidates] == [(good, "due_soon")]
    assert skipped == [
        Skipped(
            force_id=bad.force_id, inspection_id=bad.pk,
            text="PEEL 2023: reminders could not be worked out (ValueError: corrupt row).",
        )
    ]
    assert skipped[0].as_dict() == {
        "force": bad.force_id, "finding": None, "inspection": bad.pk,
        "text": "PEEL 2023: reminders could not be worked out (ValueError: corrupt row).",
    }


def test_a_finding_the_rules_cannot_work_out_is_listed_by_its_finding(monkeypatch):
    bad = finding_due(DAY + timedelta(days=7))

    def broken(self, finding, day):
        raise KeyError("owner")

    monkeypatch.setattr(Planner, "for_finding", broken)
    assert planner().evaluate(findings=[bad], day=DAY) == (
        [],
        [
            Skipped(
                force_id=bad.inspection.force_id, finding_id=bad.pk,
                text=f"{bad}: reminders could not be worked out (KeyError: 'owner').",
            )
        ],
    )


def test_the_sweeps_findings_get_their_inspections_and_owners_from_what_the_planner_loaded(django_assert_num_queries):
    force = ForceFactory()
    findings = [finding_due(DAY + timedelta(days=7), inspection=InspectionFactory(force=force)) for _ in range(3)]
    loader = planner(force_ids=[force.pk])
    rows = list(sweep_findings())
    with django_assert_num_queries(2):  # the force's inspections and roles, once
        loader.attach(rows)
    with django_assert_num_queries(0):  # loaded already; and reading them costs nothing more
        loader.attach(rows)
        seen = [
            (f.inspection.title, f.inspection.force_id, f.inspection.published_on, f.owner.title, f.owner.holder.email)
            for f in rows
        ]
    assert seen == [
        (f.inspection.title, f.inspection.force_id, f.inspection.published_on, f.owner.title, f.owner.holder.email)
        for f in findings
    ]
    # A finding of another force (an import since the sweep began) is loaded on its own.
    newcomer = finding_due(DAY + timedelta(days=7))
    [row] = list(sweep_findings().filter(pk=newcomer.pk))
    with django_assert_num_queries(2):
        loader.attach([row])
    assert (row.inspection, row.owner, row.owner.holder) == (newcomer.inspection, newcomer.owner, newcomer.owner.holder)
    # A new owner in a known inspection, a new inspection without an owner: each is loaded too.
    new_owner = finding_due(DAY + timedelta(days=7), inspection=findings[0].inspection, owner=RoleFactory(force=force))
    unowned = finding_due(
        DAY + timedelta(days=7), inspection=InspectionFactory(force=force), owner=None, status="awaiting_allocation"
    )
    for finding in (new_owner, unowned):
        [row] = list(sweep_findings().filter(pk=finding.pk))
        loader.attach([row])
        assert (row.inspection, row.owner) == (finding.inspection, finding.owner)


def test_a_finding_without_an_owner_is_attached_its_inspection_alone():
    unowned = finding_due(DAY + timedelta(days=7), owner=None, status="awaiting_allocation")
    [row] = planner().attach(list(sweep_findings().filter(pk=unowned.pk)))
    assert (row.inspection, row.owner_id) == (unowned.inspection, None)


# Which inspections the Section 55 sweep of a day reads ---------------------------------------------

def in_sweep(first_day=DAY, last_day=DAY):
    return set(s55_inspections(first_day=first_day, last_day=last_day).values_list("title", flat=True))


def test_inspections_published_up_to_77_days_before_and_14_days_after_the_day_are_read():
    # 77 = the clock's last reminder day (63) plus the longest break (14) the sweep can carry.
    for title, published_on in [
        ("too old", DAY - timedelta(days=78)),
        ("oldest", DAY - timedelta(days=77)),
        ("newest", DAY + timedelta(days=14)),
        ("too new", DAY + timedelta(days=15)),
    ]:
        InspectionFactory(title=title, published_on=published_on)
    InspectionFactory(title="unpublished", published_on=None)
    assert in_sweep() == {"oldest", "newest"}


def published(inspection, on):
    Section55ResponseFactory(
        inspection=inspection, status=LetterStatus.FINAL, sent_on=on, published_on=on, published_url="https://x.test/"
    )


def test_a_response_published_by_the_day_takes_its_inspection_out():
    published(InspectionFactory(title="published today", published_on=DAY - timedelta(days=20)), DAY)
    published(InspectionFactory(title="published tomorrow", published_on=DAY - timedelta(days=20)), DAY + timedelta(1))
    Section55ResponseFactory(inspection=InspectionFactory(title="draft", published_on=DAY - timedelta(days=20)))
    InspectionFactory(title="not started", published_on=DAY - timedelta(days=20))
    assert in_sweep() == {"published tomorrow", "draft", "not started"}


def test_an_old_report_stays_in_while_the_chief_constables_comments_are_still_to_come():
    old = DAY - timedelta(days=200)
    for title, due in [("comments due today", DAY), ("comments were due", DAY - timedelta(days=1))]:
        Section55ResponseFactory(inspection=InspectionFactory(title=title, published_on=old), comments_due_on=due)
    assert in_sweep() == {"comments due today"}


def test_a_sweep_over_several_days_reads_from_the_first_to_the_last():
    InspectionFactory(title="early", published_on=DAY - timedelta(days=77))
    InspectionFactory(title="late", published_on=DAY + timedelta(days=24))
    assert in_sweep(DAY, DAY + timedelta(days=10)) == {"early", "late"}
    assert in_sweep(DAY + timedelta(days=1), DAY + timedelta(days=10)) == {"late"}


def test_a_bad_row_at_the_head_of_a_batch_is_logged_and_every_row_after_it_is_still_planned(monkeypatch, caplog):
    """One bad row never stops a batch: the rows after it are planned, and the log names the row."""
    bad, good = finding_due(DAY + timedelta(days=7)), finding_due(DAY + timedelta(days=7))
    later = InspectionFactory(title="PEEL 2023", published_on=DAY - timedelta(days=27))
    staff = opcc_staff(later.force)
    break_the_rules_for(monkeypatch, bad)
    with caplog.at_level("ERROR", logger="inspections.reminders.planner"):
        candidates, skipped = planner().evaluate(findings=[bad, good], inspections=[later], day=DAY)
    assert [(c.recipient, c.finding, c.rule) for c in candidates] == [
        (good.owner.holder, good, "due_soon"), (staff, None, "s55_clock")
    ]
    assert [entry.finding_id for entry in skipped] == [bad.pk]
    assert [record.getMessage() for record in caplog.records] == [f"Reminder rules failed for {bad!r}"]


def test_a_finding_of_an_inspection_imported_after_the_sweep_began_is_still_planned():
    loader = planner()
    first = finding_due(DAY + timedelta(days=7))
    loader.attach([first])  # the sweep has loaded what there was
    # A new report, one of its findings not yet allocated to anyone.
    imported = finding_due(DAY + timedelta(days=7), owner=None, status=Status.AWAITING_ALLOCATION)
    imported_owned = finding_due(DAY + timedelta(days=7), inspection=imported.inspection, owner=first.owner)
    rows = [row for row in sweep_findings() if row.pk in (imported.pk, imported_owned.pk)]
    attached = loader.attach(rows)
    assert {row.inspection.title for row in attached} == {imported.inspection.title}
    assert [row.owner for row in attached if row.owner_id] == [first.owner]
