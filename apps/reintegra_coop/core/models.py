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
