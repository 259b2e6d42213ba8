"""What every area shares: a base model that records who changed a row and when. (The
per-site numbering series, ORD-2026-00042, are django-sequences rows: core/numbering.py.)"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedModel(models.Model):
    """Base for domain records: created/modified at and by."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,  # set by the code that saves, never typed into a form
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def stamp(self, by: Any) -> None:
        """Record who is saving this row; call before save() wherever a person acts. ``by`` may
        also be ``roles.COMMAND_LINE`` (the server's administrator), which is no user."""
        self._acting_user = by  # read by rules that depend on who acts (granting a role)
        if by is None or not getattr(by, "pk", None):
            return
        if self._state.adding and self.created_by_id is None:
            self.created_by = by
        self.modified_by = by
        self._history_user = by  # read by django-simple-history where a model keeps history


class Notification(models.Model):
    """Something that happened that a person should know about (a log disputed, a milestone
    reached). It is stored as a code and its parameters, and put into words in the reader's
    language when shown (core/notifications.py); ``key`` names the event, so telling a person
    about the same event again adds nothing."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    code = models.CharField(_("code"), max_length=50)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link_name = models.CharField(_("page"), max_length=100, blank=True)
    link_args = models.JSONField(_("page arguments"), default=list, blank=True)
    key = models.CharField(_("event"), max_length=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="one_notice_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.recipient_id}"


class DeviceReset(models.Model):
    """A staff login's authenticator app taken away (a lost phone): who did it and when. The
    login sets up a new one at its next login (core/two_factor.py)."""

    login = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.CASCADE,
        related_name="device_resets",
    )
    reset_by = models.ForeignKey(  # empty: the server's administrator, on the command line
        settings.AUTH_USER_MODEL,
        verbose_name=_("reset by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reset_at = models.DateTimeField(_("reset at"), auto_now_add=True)

    class Meta:
        verbose_name = _("two-factor reset")
        verbose_name_plural = _("two-factor resets")
        ordering = ["-reset_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.login} ({self.reset_at:%Y-%m-%d %H:%M}, {self.reset_by or '-'})"


class BackgroundJob(models.Model):
    """A job a person started from a page (all payslips of a month as PDFs), run by the worker
    (core/background_jobs.py): its state and progress for the page that started it, and the
    file it made. ``subject`` names what it is about (``pay-period:2026-11``), so the page finds
    the latest job for its record."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=50)
    subject = models.CharField(_("about"), max_length=100)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default="queued")
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("of"), default=0)
    #: the file made, relative to the site's files folder (MEDIA_ROOT)
    file = models.CharField(_("file"), max_length=255, blank=True)
    #: what went wrong, for the person who started it (no traceback: that is in the log)
    message = models.CharField(_("message"), max_length=255, blank=True)
    #: what the kind of job needs to remember (what the file was made from)
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "subject"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} ({self.state})"


class NightlyRun(models.Model):
    """One nightly job on one site-local day (bench/nightly.py). The unique pair is the guard:
    two workers that both find the job due try to write the same row, and only one can."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    job = models.CharField(_("job"), max_length=50)
    day = models.DateField(_("day"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default="queued"
    )
    summary = models.CharField(_("summary"), max_length=255, blank=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("nightly run")
        verbose_name_plural = _("nightly runs")
        ordering = ["-day", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "day"], name="one_nightly_run_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.day} ({self.outcome})"
