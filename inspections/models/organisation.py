"""Forces, their local policing bodies, the people's roles and the governance boards."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from inspections.core.labels import day_month_year


class Force(models.Model):
    name = models.CharField(max_length=120, unique=True, help_text="As HMICFRS names it, e.g. Warwickshire Police.")
    slug = models.SlugField(max_length=60, unique=True)
    demonstration_months = models.PositiveSmallIntegerField(
        "demonstration period (months)", null=True, blank=True,
        help_text="How long a signed-off finding stays “complete – demonstrating” before it closes; empty for none.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def noun(self):
        """How reports refer to the force: 'the constabulary should…' or 'the force should…'."""
        return "constabulary" if "constabulary" in self.name.lower() else "force"

    def monitoring_on(self, day=None):
        """The monitoring period in force on a day; None means routine monitoring (Scan)."""
        day = day or timezone.localdate()
        return (
            self.monitoring_periods.filter(started_on__lte=day)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
            .order_by("-started_on")
            .first()
        )


class LocalPolicingBody(models.Model):
    """The PCC (or equivalent) and their office: everything a Section 55 letterhead needs."""

    force = models.OneToOneField(Force, on_delete=models.CASCADE, related_name="local_policing_body")
    name = models.CharField(max_length=200, help_text="e.g. Police and Crime Commissioner for Warwickshire.")
    holder_name = models.CharField("commissioner's name", max_length=120)
    holder_title = models.CharField("commissioner's title", max_length=200)
    office_name = models.CharField(max_length=200, help_text="e.g. Warwickshire Office of the PCC.")
    address = models.TextField(help_text="One line of the address per line.")
    telephone = models.CharField(max_length=40, blank=True)
    email = models.EmailField()
    website = models.URLField(blank=True)

    class Meta:
        verbose_name_plural = "local policing bodies"

    def __str__(self):
        return self.name

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class MonitoringState(models.TextChoices):
    SCAN = "scan", "Scan (routine monitoring)"
    ENGAGE = "engage", "Engage (enhanced monitoring)"


class MonitoringPeriod(models.Model):
    """A period in HMICFRS's Scan or Engage monitoring; an open period has no end date."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="monitoring_periods")
    state = models.CharField(max_length=10, choices=MonitoringState.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    reasons = models.TextField(
        blank=True, help_text="Why HMICFRS moved the force, in the words of its letter (e.g. the causes of concern)."
    )
    letter_title = models.CharField(
        "HMICFRS letter", max_length=300, blank=True, help_text="The letter that moved the force, as HMICFRS titles it."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["force", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="monitoring_ends_after_start",
                violation_error_message="The end date must be on or after the start date.",
            ),
            models.CheckConstraint(condition=Q(state__in=MonitoringState.values), name="monitoring_state_valid"),
            models.UniqueConstraint(
                fields=["force"],
                condition=Q(ended_on__isnull=True),
                name="one_open_monitoring_period_per_force",
                violation_error_message="This force already has an open monitoring period; end it first.",
            ),
        ]

    def __str__(self):
        return f"{self.force}: {self.get_state_display()} from {day_month_year(self.started_on)}"

    def clean(self):
        if not self.force_id or not self.started_on:
            return
        overlapping = MonitoringPeriod.objects.filter(force_id=self.force_id).exclude(pk=self.pk)
        end = self.ended_on
        overlapping = overlapping.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=self.started_on))
        if end:
            overlapping = overlapping.filter(started_on__lte=end)
        if overlapping.exists():
            raise ValidationError({"started_on": "This period overlaps another monitoring period of the force."})


class OversightGroupMeeting(models.Model):
    """A Policing Performance Oversight Group (PPOG) meeting about a force in Engage: HMICFRS reviews
    the force's progress against its causes of concern and decides what happens next."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="oversight_meetings")
    held_on = models.DateField()
    decided = models.TextField("what was decided", help_text="The group's decision, as HMICFRS wrote it.")
    next_steps = models.TextField(blank=True, help_text="What the force must do next, and by when.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["force", "-held_on"]
        verbose_name = "Policing Performance Oversight Group meeting"
        constraints = [
            models.UniqueConstraint(
                fields=["force", "held_on"],
                name="one_oversight_meeting_per_force_per_day",
                violation_error_message="A meeting of the oversight group on this day is already recorded.",
            ),
            models.CheckConstraint(condition=~Q(decided=""), name="oversight_meeting_says_what_was_decided"),
        ]

    def __str__(self):
        return f"{self.force}: oversight group meeting of {day_month_year(self.held_on)}"

    def clean(self):
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError({"held_on": "Record the meeting once it has been held: the date is in the future."})


class Role(models.Model):
    """A named post in the force, such as "Head of Digital Forensics", held by a user.

    Findings are owned by roles, not people, so an owner can change without losing the history.
    """

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=150)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
        help_text="The person in the post now; leave empty while the post is vacant.",
    )

    class Meta:
        ordering = ["force", "title"]
        constraints = [models.UniqueConstraint(fields=["force", "title"], name="role_title_unique_per_force")]

    def __str__(self):
        return self.title


class GovernanceBoard(models.Model):
    """A board or meeting that scrutinises findings; boards nest under a parent board."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="boards")
    name = models.CharField(max_length=200)
    chair_role = models.ForeignKey(Role, on_delete=models.PROTECT, null=True, blank=True, related_name="chaired_boards")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    meeting_frequency = models.CharField(
        max_length=200, blank=True, help_text="As the force describes it, e.g. monthly for the first six months."
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="boards")
    demonstration_months = models.PositiveSmallIntegerField(
        "demonstration period (months)", null=True, blank=True,
        help_text="Overrides the force's period for findings this board signs off; empty to follow the force, "
        "0 for none.",
    )

    class Meta:
        ordering = ["force", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "name"], name="board_name_unique_per_force"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="board_not_its_own_parent"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("board_dashboard", args=[self.pk])

    @property
    def demonstration_period(self):
        """Months a finding this board signs off is demonstrated for (the board's, else the force's); 0 for none."""
        months = self.demonstration_months if self.demonstration_months is not None else self.force.demonstration_months
        return months or 0

    @property
    def chair(self):
        return self.chair_role.holder if self.chair_role_id else None

    def has_seat(self, user):
        """Whether the user chairs this board or sits on it: who may record its decisions."""
        if user is None or not user.is_active:
            return False
        if self.chair_role_id and self.chair_role.holder_id == user.pk:
            return True
        return self.members.filter(pk=user.pk).exists()

    def clean(self):
        errors = {}
        if self.parent_id and self.force_id and self.parent.force_id != self.force_id:
            errors["parent"] = "The parent board must belong to the same force."
        if self.chair_role_id and self.force_id and self.chair_role.force_id != self.force_id:
            errors["chair_role"] = "The chair's role must belong to the same force."
        if self.parent_id and self.pk and self.pk in {board.pk for board in self.parent.lineage()}:
            errors["parent"] = "A board cannot sit under itself or one of its own sub-boards."
        if errors:
            raise ValidationError(errors)

    def lineage(self):
        """This board and every board above it, nearest first."""
        board, seen = self, []
        while board is not None and board.pk not in {b.pk for b in seen}:
            seen.append(board)
            board = board.parent
        return seen

    def descendant_ids(self):
        """The ids of this board and every board below it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(
                GovernanceBoard.objects.filter(parent_id__in=frontier).exclude(pk__in=ids).values_list("pk", flat=True)
            )
            ids.update(frontier)
        return ids


class BoardMeeting(models.Model):
    board = models.ForeignKey(GovernanceBoard, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)
    # The pack as a paper on the meeting's agenda: its item number and who presents it.
    agenda_item = models.CharField("agenda item", max_length=20, blank=True, help_text="For example 6 or 4.2.")
    presented_by = models.CharField(
        max_length=200, blank=True, help_text="Who presents the paper, for example the OPCC's Head of Assurance."
    )

    class Meta:
        ordering = ["board", "held_on"]
        constraints = [models.UniqueConstraint(fields=["board", "held_on"], name="one_meeting_per_board_per_day")]

    def __str__(self):
        return f"{self.board} on {day_month_year(self.held_on)}"

    def get_absolute_url(self):
        """The meeting's pack: what the board reviews at it."""
        return reverse("meeting_pack", kwargs={"board_pk": self.board_id, "pk": self.pk})


class Access(models.TextChoices):
    OPCC_STAFF = "opcc_staff", "OPCC staff"
    FORCE_LEAD = "force_lead", "Force lead"
    BOARD_MEMBER = "board_member", "Board chair or member"
    VIEWER = "viewer", "Read-only viewer"


class Membership(models.Model):
    """A user's access to one force. A user sees only the forces they are a member of."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="memberships")
    access = models.CharField(max_length=20, choices=Access.choices)

    class Meta:
        ordering = ["force", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "force"], name="one_membership_per_user_per_force"),
            models.CheckConstraint(condition=Q(access__in=Access.values), name="membership_access_valid"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_access_display()} – {self.force}"
