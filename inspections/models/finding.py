"""Causes of concern, recommendations and areas for improvement: the findings a force must act on."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone

from inspections.core import timeframes
from inspections.core.status import BLUE_STATUSES, FINISHED_STATUSES, OPEN_STATUSES, OWNED_STATUSES, Rag, Status

from .inspection import GradedJudgment, Inspection, JudgmentLevel
from .organisation import GovernanceBoard, Role

_URL_PARTS = {}  # the site's address prefix -> the finding page's address either side of its number
_SAMPLE_PK = 987654321


def finding_url(pk):
    """reverse("finding_detail", args=[pk]), without the URL resolver on each row of a table (its tag cost
    about a tenth of a millisecond a row on the lists and dashboards)."""
    prefix = get_script_prefix()
    parts = _URL_PARTS.get(prefix)
    if parts is None:
        parts = _URL_PARTS[prefix] = reverse("finding_detail", args=[_SAMPLE_PK]).rsplit(str(_SAMPLE_PK), 1)
    return f"{parts[0]}{int(pk)}{parts[1]}"


class FindingKind(models.TextChoices):
    CAUSE_OF_CONCERN = "cause_of_concern", "Cause of concern"
    RECOMMENDATION = "recommendation", "Recommendation"
    AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"


def overdue_q(on):
    """Open and past its target date on the day `on`: the rule of Finding.is_overdue, as SQL for lists,
    filters and dashboards."""
    return Q(status__in=OPEN_STATUSES, due_date__lt=on)


class FindingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, on=None):
        """Open findings whose due date has passed: the same rule as Finding.is_overdue."""
        return self.filter(overdue_q(on or timezone.localdate()))

    def for_force(self, force):
        return self.filter(inspection__force=force)

    def lacking_response(self):
        """Findings whose published response is still empty (or only white space), in report order."""
        return self.filter(response__regex=r"^\s*$").order_by("order")


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=25, choices=FindingKind.choices)
    reference = models.CharField(
        max_length=30, help_text="Short reference within the inspection, e.g. CoC 1, Rec 1.2, AFI 7."
    )
    judgment = models.ForeignKey(
        GradedJudgment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name="area",
        limit_choices_to={"level": JudgmentLevel.AREA},
    )
    cause_of_concern = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="recommendations",
        limit_choices_to={"kind": FindingKind.CAUSE_OF_CONCERN},
        help_text="The cause of concern a recommendation addresses; empty for one that stands alone.",
    )
    text = models.TextField(help_text="As published.")
    context = models.TextField(blank=True, help_text="The report's paragraphs under the finding.")
    order = models.PositiveIntegerField(help_text="Position in the report.")
    time_frame = models.CharField(
        max_length=120, blank=True, help_text="As written, e.g. within six months, immediately; empty if none."
    )
    original_due_date = models.DateField(
        null=True, blank=True, help_text="From the publication date and the time frame; never revised."
    )
    due_date = models.DateField(null=True, blank=True, help_text="The current target date.")
    next_update_due = models.DateField(null=True, blank=True)
    repeats = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeated_by",
        help_text="The earlier finding this one carries over.",
    )
    accelerated = models.BooleanField(
        default=False, help_text="An accelerated cause of concern, issued before the report was published."
    )
    issued_on = models.DateField(null=True, blank=True, help_text="When an accelerated cause of concern was issued.")

    owner = models.ForeignKey(
        Role, on_delete=models.PROTECT, null=True, blank=True, related_name="findings",
        help_text="The strategic force lead.",
    )
    board = models.ForeignKey(
        GovernanceBoard, on_delete=models.PROTECT, null=True, blank=True, related_name="findings",
        verbose_name="governing board",
    )
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.AWAITING_ALLOCATION)
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    response = models.TextField("force's response", blank=True, help_text="As published in the Section 55 response.")

    closed_on = models.DateField(null=True, blank=True)
    closed_by_board = models.ForeignKey(
        GovernanceBoard, on_delete=models.PROTECT, null=True, blank=True, related_name="signed_off_findings"
    )
    closure_reason = models.TextField(blank=True)
    demonstration_ends_on = models.DateField(
        null=True, blank=True,
        help_text="Signed off with a demonstration period: the day it ends; the finding closes then unless returned.",
    )
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )

    version = models.PositiveIntegerField(default=1, help_text="Raised on every save; refuses stale edits.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "order"], name="finding_order_unique_per_inspection"),
            models.UniqueConstraint(fields=["inspection", "reference"], name="finding_reference_unique_per_inspection"),
            models.CheckConstraint(condition=Q(kind__in=FindingKind.values), name="finding_kind_valid"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="finding_status_valid"),
            models.CheckConstraint(condition=Q(rag="") | Q(rag__in=Rag.values), name="finding_rag_valid"),
            models.CheckConstraint(
                condition=Q(cause_of_concern__isnull=True) | Q(kind=FindingKind.RECOMMENDATION),
                name="only_recommendations_sit_under_a_cause_of_concern",
            ),
            models.CheckConstraint(
                condition=Q(accelerated=False) | Q(kind=FindingKind.CAUSE_OF_CONCERN, issued_on__isnull=False),
                name="accelerated_is_a_dated_cause_of_concern",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.SUPERSEDED, superseded_by__isnull=False)
                | (~Q(status=Status.SUPERSEDED) & Q(superseded_by__isnull=True)),
                name="superseded_points_at_its_successor",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.NO_LONGER_RELEVANT) | ~Q(closure_reason=""),
                name="no_longer_relevant_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | Q(closed_by_board__isnull=False),
                name="closed_by_a_board",
            ),
            models.CheckConstraint(
                condition=Q(status__in=FINISHED_STATUSES, closed_on__isnull=False)
                | (~Q(status__in=FINISHED_STATUSES) & Q(closed_on__isnull=True)),
                name="closed_on_set_exactly_when_finished",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DEMONSTRATING)
                | Q(demonstration_ends_on__isnull=False, closed_by_board__isnull=False),
                name="demonstrating_signed_off_with_an_end",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=OWNED_STATUSES) | Q(owner__isnull=False),
                name="work_in_progress_has_an_owner",
            ),
            models.CheckConstraint(
                condition=~Q(rag=Rag.BLUE) | Q(status__in=BLUE_STATUSES), name="blue_only_when_complete"
            ),
            models.CheckConstraint(condition=~Q(repeats=F("id")), name="finding_does_not_repeat_itself"),
            models.CheckConstraint(condition=~Q(superseded_by=F("id")), name="finding_not_superseded_by_itself"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="finding_status_due"),
            models.Index(fields=["owner", "status"], name="finding_owner_status"),
            models.Index(fields=["board", "status"], name="finding_board_status"),
            models.Index(fields=["due_date"], name="finding_due"),
            models.Index(fields=["kind", "status"], name="finding_kind_status"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.text[:80]}"

    def get_absolute_url(self):
        return finding_url(self.pk)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def is_overdue(self, on=None):
        """The same rule as overdue_q (FindingQuerySet.overdue)."""
        on = on or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < on

    @property
    def is_carried_over(self):
        return self.repeats_id is not None

    @property
    def due_date_revised(self):
        return self.due_date != self.original_due_date

    def computed_due_date(self):
        """The due date that follows from the report: publication date + time frame. An accelerated cause
        of concern, and its recommendations, count from the day HMICFRS issued it (before the report)."""
        issued = self.issued_on if self.accelerated else None
        if issued is None and self.cause_of_concern_id and self.cause_of_concern.accelerated:
            issued = self.cause_of_concern.issued_on
        return timeframes.due_date(issued or self.inspection.published_on, self.time_frame)

    def set_due_dates_from_report(self):
        """Fill the original due date from the report, and the target date unless it was revised."""
        computed = self.computed_due_date()
        if self.due_date is None or self.due_date == self.original_due_date:
            self.due_date = computed
        self.original_due_date = computed

    def carry_over_chain(self):
        """Every earlier finding this one repeats, oldest first."""
        chain, finding, seen = [], self.repeats, {self.pk}
        while finding is not None and finding.pk not in seen:
            seen.add(finding.pk)
            chain.append(finding)
            finding = finding.repeats
        return list(reversed(chain))

    def clean(self):
        errors = {}
        try:
            timeframes.parse(self.time_frame)
        except timeframes.TimeFrameError as error:
            errors["time_frame"] = str(error)
        inspection_id = self.inspection_id
        if self.judgment_id and inspection_id and self.judgment.inspection_id != inspection_id:
            errors["judgment"] = "The area must belong to the finding's own inspection."
        if self.judgment_id and self.judgment.level != JudgmentLevel.AREA:
            errors["judgment"] = "Attach a finding to an area, not to a pillar."
        if self.cause_of_concern_id:
            parent = self.cause_of_concern
            if self.kind != FindingKind.RECOMMENDATION:
                errors["cause_of_concern"] = "Only a recommendation sits under a cause of concern."
            elif parent.kind != FindingKind.CAUSE_OF_CONCERN:
                errors["cause_of_concern"] = "A recommendation can only sit under a cause of concern."
            elif parent.inspection_id != inspection_id:
                errors["cause_of_concern"] = "The cause of concern must belong to the same inspection."
        if self.accelerated:
            if self.kind != FindingKind.CAUSE_OF_CONCERN:
                errors["accelerated"] = "Only a cause of concern can be accelerated."
            elif not self.issued_on:
                errors["issued_on"] = "Give the date the accelerated cause of concern was issued."
            elif self.inspection.published_on and self.issued_on > self.inspection.published_on:
                errors["issued_on"] = "An accelerated cause of concern is issued before the report is published."
        if self.repeats_id:
            earlier = self.repeats
            if self.pk and earlier.pk == self.pk:
                errors["repeats"] = "A finding cannot repeat itself."
            elif earlier.inspection_id == inspection_id:
                errors["repeats"] = "A carry-over repeats a finding of an earlier inspection."
            elif earlier.inspection.force_id != self.inspection.force_id:
                errors["repeats"] = "A carry-over repeats a finding of the same force."
            elif (
                earlier.inspection.published_on
                and self.inspection.published_on
                and earlier.inspection.published_on >= self.inspection.published_on
            ):
                errors["repeats"] = "A carry-over repeats a finding of an earlier inspection."
        force_id = self.inspection.force_id if inspection_id else None
        if self.owner_id and force_id and self.owner.force_id != force_id:
            errors["owner"] = "The owner must be a role in the same force."
        if self.board_id and force_id and self.board.force_id != force_id:
            errors["board"] = "The governing board must belong to the same force."
        errors.update(self._status_errors())
        if errors:
            raise ValidationError(errors)

    def _status_errors(self):
        """The state a status needs; the moves between statuses are checked in services.workflow."""
        errors = {}
        if self.status == Status.SUPERSEDED and not self.superseded_by_id:
            errors["superseded_by"] = "A superseded finding must point at the finding that superseded it."
        if self.status != Status.SUPERSEDED and self.superseded_by_id:
            errors["superseded_by"] = "Only a superseded finding points at a successor."
        if self.status == Status.NO_LONGER_RELEVANT and not self.closure_reason.strip():
            errors["closure_reason"] = "Say why the finding is no longer relevant."
        if self.status == Status.CLOSED and not self.closed_by_board_id:
            errors["closed_by_board"] = "Only a governance board closes a finding."
        if self.status == Status.DEMONSTRATING and not (self.demonstration_ends_on and self.closed_by_board_id):
            errors["demonstration_ends_on"] = (
                "A demonstrating finding is signed off by a board, with the day its period ends."
            )
        if self.status in OWNED_STATUSES and not self.owner_id:
            errors["owner"] = f"A finding that is “{Status(self.status).label}” needs an owner."
        if self.rag == Rag.BLUE and self.status not in BLUE_STATUSES:
            errors["rag"] = "Blue means complete: use it only when pending sign-off, demonstrating or closed."
        return errors
