"""Writes to the Section 55 response: the draft letter, its signature, final, sent and published.

Each write is one transaction, refuses a stale edit (optimistic locking on Section55Response.version)
and validates with full_clean. The findings' responses are not edited here: they belong to the
findings (services.findings.edit_response), so the letter and the tracker never disagree.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from inspections.core.labels import day_month_year
from inspections.documents import images
from inspections.models import Inspection, LetterStatus, Section55Response
from inspections.section55.letter import default_response
from inspections.section55.parts import governance_summary_for

# What a user may change in the draft; everything else has its own service.
DRAFT_FIELDS = (
    "our_reference", "your_reference", "letter_date", "salutation", "pcc_introduction", "pcc_comments",
    "chief_constable_introduction", "governance_summary", "pcc_response", "include_report_context",
    "signatory_name", "signatory_title", "comments_invited_on", "comments_due_on", "response_lead",
)


class StaleResponseError(Exception):
    """Someone else saved the letter after the user opened it."""

    def __init__(self, response):
        self.response = response
        user = response.updated_by
        by = (user.get_full_name() or user.username) if user else "Someone"
        local = timezone.localtime(response.updated_at) if response.updated_at else None
        when = f"{day_month_year(local.date())} at {local:%H:%M}" if local else ""
        super().__init__(
            f"{by} saved this letter{' on ' + when if when else ''} while you were editing it. "
            "Your changes have not been saved; review theirs below and make yours again."
        )


def _locked(inspection, expected_version):
    """The saved response, locked for update, or a new unsaved default; refuse a stale version."""
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()  # one creator at a time
    response = Section55Response.objects.select_for_update().filter(inspection=inspection).first()
    if response is None:
        return default_response(inspection)
    if expected_version is not None and response.version != expected_version:
        raise StaleResponseError(response)
    return response


def _save(response, *, by):
    response.updated_by = by
    response.updated_at = timezone.now()
    response.full_clean()
    # The row is locked (select_for_update in _locked), so raising the version here is safe.
    response.version = 1 if response.pk is None else response.version + 1
    response.save()
    return response


def _editable(response):
    if response.is_final:
        raise ValidationError("The letter is final. Reopen it as a draft to change it.")


@transaction.atomic
def save_draft(*, inspection, by, expected_version=None, signature=None, remove_signature=False,
               regenerate_governance=False, **changes):
    """Save the draft letter's fields (keyword arguments named in DRAFT_FIELDS), and optionally a new
    signature image (checked by content first), the removal of the current one, or a governance summary
    generated afresh from the findings' owners and boards. All or nothing."""
    unknown = set(changes) - set(DRAFT_FIELDS)
    if unknown:
        raise TypeError(f"Not fields of the draft: {', '.join(sorted(unknown))}")
    data = images.read_upload(signature) if signature else None
    image_format = images.check_image(data) if data is not None else None
    response = _locked(inspection, expected_version)
    _editable(response)
    for name, value in changes.items():
        setattr(response, name, value.strip() if isinstance(value, str) else value)
    if regenerate_governance:
        response.governance_summary = governance_summary_for(inspection)
    old, storage = (response.signature.name if response.signature else ""), response.signature.storage
    if remove_signature and data is None:
        response.signature = ""
    response.full_clean()  # before any file is written
    if data is None:
        saved = _save(response, by=by)
    else:
        response.signature.save(f"signature.{images.extension_for(image_format)}", ContentFile(data), save=False)
        new = response.signature.name
        try:
            saved = _save(response, by=by)
        except Exception:
            storage.delete(new)  # nothing is half-saved
            raise
    current = saved.signature.name if saved.signature else ""
    if old and old != current:
        transaction.on_commit(lambda: storage.delete(old))
    return saved


def final_problems(response):
    """Why the letter cannot be marked final yet: one sentence per problem (empty when it can)."""
    problems = []
    missing = list(response.recommendations_lacking_response().values_list("reference", flat=True))
    if missing:
        problems.append(
            "Section 55(5B) requires a response to every recommendation; these have none yet: "
            + ", ".join(missing)
            + "."
        )
    if not response.letter_date:
        problems.append("Give the date of the letter.")
    if not response.signatory_name.strip() or not response.signatory_title.strip():
        problems.append("Give the signatory's name and title.")
    if not response.inspection.published_on:
        problems.append("Record the report's publication date on the inspection.")
    return problems


@transaction.atomic
def mark_final(*, inspection, by, expected_version=None):
    response = _locked(inspection, expected_version)
    if response.pk is None:
        raise ValidationError("Save the draft letter first.")
    if response.is_final:
        return response
    problems = final_problems(response)
    if problems:
        raise ValidationError(problems)
    response.status = LetterStatus.FINAL
    response.finalised_at = timezone.now()
    response.finalised_by = by
    return _save(response, by=by)


@transaction.atomic
def reopen(*, inspection, by, expected_version=None):
    response = _locked(inspection, expected_version)
    if response.pk is None or not response.is_final:
        return response
    if response.is_sent:
        raise ValidationError("The letter has been sent; it stays as it was sent. Render the versions to see it.")
    response.status = LetterStatus.DRAFT
    response.finalised_at = None
    response.finalised_by = None
    return _save(response, by=by)


@transaction.atomic
def mark_sent(*, inspection, sent_on, by, expected_version=None):
    response = _locked(inspection, expected_version)
    if response.pk is None or not response.is_final:
        raise ValidationError({"sent_on": "Mark the letter final before recording that it was sent."})
    if sent_on is None:
        raise ValidationError({"sent_on": "Give the date the letter was sent."})
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date the letter was sent cannot be in the future."})
    response.sent_on = sent_on
    return _save(response, by=by)


@transaction.atomic
def mark_published(*, inspection, published_on, published_url, by, expected_version=None):
    response = _locked(inspection, expected_version)
    if response.pk is None or not response.is_sent:
        raise ValidationError({"published_on": "Record when the letter was sent before it is published."})
    if published_on is None:
        raise ValidationError({"published_on": "Give the date the response was published."})
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": "The publication date cannot be in the future."})
    if not (published_url or "").strip():
        raise ValidationError({"published_url": "Give the address where the response is published."})
    response.published_on = published_on
    response.published_url = published_url.strip()
    return _save(response, by=by)
