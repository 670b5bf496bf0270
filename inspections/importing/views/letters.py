"""The review page of an HMICFRS letter (the import's review address, for a letter).

Each cause of concern the letter decides on is shown beside the force's causes of concern most like
it, with their similarity and shared words; staff confirm or change the match and HMICFRS's decision,
and accepting records the decisions. For an accelerated cause of concern, staff check its text and
recommendations and choose the inspection it joins. The import's permission check (Action.MANAGE on
its force) is made by the view that calls `review`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from inspections.importing import letters, report_imports
from inspections.importing.extraction import Extraction
from inspections.importing.forms.letters import (
    AcceleratedFindingFormSet,
    AcceleratedForm,
    DecisionFormSet,
    LetterForm,
)
from inspections.importing.pipeline import set_due_dates
from inspections.models import Finding, FindingKind, Inspection


def _finding_choices(force):
    findings = (
        Finding.objects.filter(
            inspection__force=force, kind__in=[FindingKind.CAUSE_OF_CONCERN, FindingKind.RECOMMENDATION]
        )
        .select_related("inspection")
        .order_by("-inspection__published_on", "inspection__title", "order")
    )
    return [(f.pk, f"{f.inspection.title} · {f.reference}: {f.text[:90]}") for f in findings]


def _inspection_choices(force):
    return [(i.pk, i.title) for i in Inspection.objects.filter(force=force).order_by("-created_at")]


def _initial(draft, report_import):
    letter = draft.letter
    return {
        "title": draft.title, "sent_on": draft.published_on, "url": letter.url if letter else "",
        "draft_version": report_import.draft_version,
    }


def review(request, report_import, draft):
    accelerated = letters.is_accelerated(draft)
    force = report_import.force
    causes = [item for item in draft.items if item.decision is not None]
    finding_choices = _finding_choices(force)
    if request.method == "POST":
        letter_form = LetterForm(request.POST)
        accelerated_form = (
            AcceleratedForm(request.POST, inspections=_inspection_choices(force)) if accelerated else None
        )
        if accelerated:
            rows = AcceleratedFindingFormSet(request.POST, prefix="findings")
        else:
            rows = DecisionFormSet(request.POST, prefix="decisions", form_kwargs={"finding_choices": finding_choices})
        forms_valid = letter_form.is_valid() and rows.is_valid()
        if accelerated_form is not None:
            forms_valid = accelerated_form.is_valid() and forms_valid
        if forms_valid:
            return _save(request, report_import, draft, letter_form, accelerated_form, rows)
        messages.error(request, "Some of what you entered needs correcting; nothing was saved yet.")
    else:
        letter_form = LetterForm(initial=_initial(draft, report_import))
        accelerated_form = None
        if accelerated:
            accelerated_form = AcceleratedForm(
                inspections=_inspection_choices(force),
                initial={
                    "inspection": draft.letter.inspection,
                    "new_inspection_title": draft.letter.new_inspection_title,
                },
            )
            rows = AcceleratedFindingFormSet(
                prefix="findings",
                initial=[{"key": i.key, "text": i.text, "time_frame": i.time_frame} for i in draft.items],
            )
        else:
            rows = DecisionFormSet(
                prefix="decisions",
                form_kwargs={"finding_choices": finding_choices},
                initial=[
                    {
                        "key": i.key,
                        "finding": i.decision.chosen,
                        "outcome": i.decision.outcome,
                        "summary": i.decision.summary,
                        "next_steps": i.decision.next_steps,
                    }
                    for i in causes
                ],
            )
    items = draft.items if accelerated else causes
    pairs = [
        (form, item, [r for r in draft.items if r.parent == item.key], FindingKind(item.kind).label)
        for form, item in zip(rows.forms, items, strict=False)
    ]
    context = {
        "report_import": report_import,
        "draft": draft,
        "letter_form": letter_form,
        "accelerated_form": accelerated_form,
        "rows": rows,
        "pairs": pairs,
        "accelerated": accelerated,
        "problems": letters.problems(draft),
    }
    return render(request, "importing/letter_review.html", context)


def _save(request, report_import, draft, letter_form, accelerated_form, rows):
    data = draft.to_dict()
    data["title"] = letter_form.cleaned_data["title"].strip()
    data["published_on"] = letter_form.cleaned_data["sent_on"].isoformat()
    data["letter"]["url"] = letter_form.cleaned_data["url"]
    by_key = {item["key"]: item for item in data["items"]}
    if accelerated_form is not None:
        data["letter"]["inspection"] = accelerated_form.cleaned_data.get("inspection")
        data["letter"]["new_inspection_title"] = (
            accelerated_form.cleaned_data.get("new_inspection_title") or ""
        ).strip()
        dropped = set()
        for form in rows.forms:
            item = by_key.get(form.cleaned_data.get("key"))
            if item is None:
                continue
            if form.cleaned_data.get("drop"):
                dropped.add(item["key"])
                continue
            item["text"], item["time_frame"] = form.cleaned_data["text"].strip(), form.cleaned_data["time_frame"]
        data["items"] = [i for i in data["items"] if i["key"] not in dropped and i.get("parent") not in dropped]
    else:
        for form in rows.forms:
            item = by_key.get(form.cleaned_data.get("key"))
            if item is None or not item.get("decision"):
                continue
            item["decision"].update(
                chosen=form.cleaned_data.get("finding"), outcome=form.cleaned_data["outcome"],
                summary=form.cleaned_data["summary"].strip(), next_steps=form.cleaned_data["next_steps"].strip(),
            )
    edited = Extraction.from_dict(data)
    set_due_dates(edited)  # an accelerated cause of concern's due dates follow the letter's date
    try:
        saved = report_imports.save_draft(
            report_import, draft=edited, by=request.user, expected_version=letter_form.cleaned_data["draft_version"]
        )
    except report_imports.StaleDraftError as error:
        messages.error(request, str(error))
        return redirect("report_import_review", pk=report_import.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report_import", pk=report_import.pk)
    if request.POST.get("action") != "accept":
        messages.success(request, "Your changes were saved. Nothing is recorded until you accept the letter.")
        return redirect("report_import_review", pk=report_import.pk)
    try:
        inspection = report_imports.accept(saved, by=request.user, expected_version=saved.draft_version)
    except ValidationError as error:
        messages.error(request, "Your changes were saved but the letter was not accepted: " + " ".join(error.messages))
        return redirect("report_import_review", pk=report_import.pk)
    if letters.is_accelerated(edited):
        done = f"The accelerated cause of concern is now tracked in {inspection.title}."
    else:
        count = sum(1 for i in edited.items if i.decision and i.decision.chosen)
        what = "decision is" if count == 1 else f"{count} decisions are"
        done = f"HMICFRS's {what} recorded from “{edited.title}”, in each finding's history."
    messages.success(request, done)
    return redirect("report_import", pk=report_import.pk)
