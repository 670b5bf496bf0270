"""A progress update and a proposal of completion as the service writes them: what the update records,
what the finding's history says, evidence kept exactly as uploaded, and nothing kept when any part fails."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspections.core.status import Rag, Status
from inspections.findings import progress
from inspections.findings.services import StaleFindingError
from inspections.models import ChangeAction, EvidenceFile, Finding, FindingChange, ProgressUpdate
from tests.factories import FindingFactory

pytestmark = pytest.mark.django_db

MINUTES = b"%PDF-1.7\n% Minutes of the Investigations, Standards and Outcomes meeting\n" + b"0" * 200


def pdf(name="ISO minutes.pdf", content=MINUTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def finding():
    return FindingFactory(status=Status.IN_PROGRESS, rag=Rag.AMBER)


def test_an_update_records_the_narrative_rating_and_next_date_at_one_moment(finding):
    owner = finding.owner.holder
    next_date = timezone.localdate() + timedelta(days=28)
    update = progress.record_progress(
        finding, by=owner, narrative="  Kiosks installed in two hubs.  ", rag=Rag.RED, next_update_due=next_date,
        expected_version=finding.version,
    )
    update.refresh_from_db()
    assert (update.narrative, update.author, update.status, update.rag, update.next_update_due) == (
        "Kiosks installed in two hubs.", owner, Status.IN_PROGRESS, Rag.RED, next_date
    )
    saved = Finding.objects.get(pk=finding.pk)
    assert (saved.rag, saved.next_update_due, saved.version) == (Rag.RED, next_date, finding.version + 1)
    change = FindingChange.objects.get(finding=finding, field="rag")
    assert (change.action, change.before, change.after, change.changed_by) == (
        ChangeAction.PROGRESS, "Amber", "Red", owner
    )
    assert change.changed_at == update.written_at == saved.updated_at, "one moment on the timeline"
    assert FindingChange.objects.filter(finding=finding, field="next_update_due").exists()
    assert not FindingChange.objects.filter(finding=finding, field="status").exists()


@pytest.mark.parametrize("narrative", ["", "   ", None])
def test_an_update_says_what_has_happened(finding, narrative):
    with pytest.raises(ValidationError) as refused:
        progress.record_progress(finding, by=finding.owner.holder, narrative=narrative, rag=Rag.GREEN)
    assert refused.value.message_dict == {"narrative": ["Write what has happened since the last update."]}
    assert not ProgressUpdate.objects.exists() and not FindingChange.objects.exists()


def test_blue_is_not_an_update_but_a_proposal(finding):
    with pytest.raises(ValidationError) as refused:
        progress.record_progress(finding, by=finding.owner.holder, narrative="All done.", rag=Rag.BLUE)
    assert refused.value.message_dict == {"rag": ["Blue means complete: propose the finding as complete instead."]}


def test_starting_work_moves_an_allocated_finding_into_progress_and_says_so():
    waiting = FindingFactory(status=Status.AWAITING_ALLOCATION, rag="")
    update = progress.record_progress(waiting, by=waiting.owner.holder, narrative="Project board set up.",
                                      start_work=True)
    assert update.status == Status.IN_PROGRESS
    assert Finding.objects.get(pk=waiting.pk).status == Status.IN_PROGRESS
    change = FindingChange.objects.get(finding=waiting, field="status")
    assert (change.before, change.after) == ("Awaiting allocation", "In progress")


def test_an_update_without_starting_work_leaves_it_awaiting_allocation():
    waiting = FindingFactory(status=Status.AWAITING_ALLOCATION, rag="")
    update = progress.record_progress(waiting, by=waiting.owner.holder, narrative="Scoping the work.")
    assert update.status == Status.AWAITING_ALLOCATION
    assert Finding.objects.get(pk=waiting.pk).status == Status.AWAITING_ALLOCATION


def test_work_cannot_start_before_an_owner_is_allocated():
    unowned = FindingFactory(status=Status.AWAITING_ALLOCATION, rag="", owner=None)
    staff = FindingFactory().owner.holder
    with pytest.raises(ValidationError) as refused:
        progress.record_progress(unowned, by=staff, narrative="Starting.", start_work=True)
    assert refused.value.message_dict == {"start_work": ["Allocate an owner before work starts."]}
    assert Finding.objects.get(pk=unowned.pk).status == Status.AWAITING_ALLOCATION
    assert not ProgressUpdate.objects.exists()


def test_an_update_or_proposal_on_a_version_someone_else_changed_is_refused(finding):
    owner = finding.owner.holder
    read = finding.version
    progress.record_progress(finding, by=owner, narrative="First.", rag=Rag.GREEN, expected_version=read)
    with pytest.raises(StaleFindingError):
        progress.record_progress(finding, by=owner, narrative="Second.", rag=Rag.RED, expected_version=read)
    with pytest.raises(StaleFindingError):
        progress.propose_complete(finding, by=owner, reason="Done.", expected_version=read)
    assert ProgressUpdate.objects.count() == 1
    assert Finding.objects.get(pk=finding.pk).status == Status.IN_PROGRESS


def test_evidence_is_kept_byte_for_byte_with_its_name_and_fingerprint(finding, media):
    upload = pdf()
    upload.read(10)  # a form that has already looked at the file
    update = progress.record_progress(finding, by=finding.owner.holder, narrative="Minutes attached.",
                                      rag=Rag.GREEN, evidence=[upload])
    evidence = EvidenceFile.objects.get(update=update)
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "ISO minutes.pdf", "application/pdf", len(MINUTES)
    )
    assert evidence.sha256 == hashlib.sha256(MINUTES).hexdigest()
    assert evidence.uploaded_by == finding.owner.holder
    with evidence.file.open("rb") as stored:
        assert stored.read() == MINUTES
    assert evidence.file.name.startswith("evidence/") and "minutes" not in evidence.file.name, "stored under a key"


def test_a_file_that_is_not_evidence_stops_the_update_before_anything_is_written(finding, media):
    word_renamed = SimpleUploadedFile("minutes.pdf", b"not a document at all")
    with pytest.raises(ValidationError) as refused:
        progress.record_progress(
            finding, by=finding.owner.holder, narrative="Attached.", evidence=[pdf(), word_renamed]
        )
    assert list(refused.value.message_dict) == ["evidence"]
    assert "“minutes.pdf” is not a file type the tracker accepts" in refused.value.message_dict["evidence"][0]
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()
    assert not list(media.rglob("*.pdf"))


def test_files_already_stored_are_removed_when_the_update_fails_part_way(finding, media, monkeypatch):
    saved = []
    real_save = EvidenceFile.save

    def fail_on_the_second(self, *args, **kwargs):
        saved.append(self.file.name)
        if len(saved) == 2:
            raise RuntimeError("the database went away")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(EvidenceFile, "save", fail_on_the_second)
    with pytest.raises(RuntimeError):
        progress.record_progress(finding, by=finding.owner.holder, narrative="Two files.",
                                 evidence=[pdf("one.pdf"), pdf("two.pdf")])
    assert len(saved) == 2
    assert not any(default_storage.exists(name) for name in saved)
    assert not ProgressUpdate.objects.exists() and not EvidenceFile.objects.exists()


def test_a_proposal_is_an_update_with_the_reason_at_the_moment_of_the_status_change(finding, media):
    owner = finding.owner.holder
    proposed = progress.propose_complete(finding, by=owner, reason="  Audit passed; see the report.  ",
                                         evidence=[pdf()], expected_version=finding.version)
    assert proposed.status == Status.PENDING_SIGN_OFF
    update = ProgressUpdate.objects.get(finding=finding)
    assert (update.narrative, update.status, update.rag, update.author) == (
        "Audit passed; see the report.", Status.PENDING_SIGN_OFF, Rag.BLUE, owner
    )
    change = FindingChange.objects.get(finding=finding, field="status")
    assert change.action == ChangeAction.PROPOSED and change.changed_at == update.written_at
    assert EvidenceFile.objects.get(update=update).sha256 == hashlib.sha256(MINUTES).hexdigest()


def test_the_next_update_may_be_due_today_but_not_in_the_past_unless_the_user_says_so(finding):
    today = timezone.localdate()
    owner = finding.owner.holder
    update = progress.record_progress(finding, by=owner, narrative="Review booked.", next_update_due=today)
    assert update.next_update_due == today
    yesterday = today - timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        progress.record_progress(Finding.objects.get(pk=finding.pk), by=owner, narrative="Late note.",
                                 next_update_due=yesterday)
    assert list(refused.value.message_dict) == ["next_update_due"]
    assert refused.value.message_dict["next_update_due"] == [progress.past_next_update_message(yesterday)]
    kept = progress.record_progress(Finding.objects.get(pk=finding.pk), by=owner, narrative="Backdated, as minuted.",
                                    next_update_due=yesterday, keep_past_date=True)
    assert kept.next_update_due == yesterday


def test_a_long_file_name_is_kept_to_the_length_the_record_holds_with_its_extension(finding, media):
    name = "Minutes of the Investigations, Standards and Outcomes meeting " * 5 + ".pdf"
    progress.record_progress(finding, by=finding.owner.holder, narrative="Minutes attached.", evidence=[pdf(name)])
    kept = EvidenceFile.objects.get(update__finding=finding).original_name
    assert len(name) > 255 and len(kept) == 255
    assert kept.startswith("Minutes of the Investigations") and kept.endswith(".pdf")


def test_what_an_update_changes_is_recorded_without_a_reason_of_its_own(finding):
    progress.record_progress(finding, by=finding.owner.holder, narrative="Call backlog down to two days.",
                             rag=Rag.GREEN)
    change = FindingChange.objects.get(finding=finding, field="rag")
    assert (change.action, change.before, change.after, change.reason) == (ChangeAction.PROGRESS, "Amber", "Green", "")
