"""One-time login codes a member of staff prints (as a QR code) for a trainee's own phone."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mix up
VALID_FOR = datetime.timedelta(hours=24)


class LoginCode(models.Model):
    user = models.ForeignKey(
        "auth.User", verbose_name=_("login"), on_delete=models.CASCADE, related_name="login_codes"
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    created_by = models.ForeignKey(
        "auth.User", verbose_name=_("printed by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time login code")
        verbose_name_plural = _("one-time login codes")

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @classmethod
    def issue(cls, user: Any, by: Any) -> LoginCode:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        return cls.objects.create(
            user=user, code=code, created_by=by, expires_at=timezone.now() + VALID_FOR
        )

    @classmethod
    def redeem(cls, code: str) -> Any:
        """The user the code logs in, once; None if it is unknown, used or expired."""
        with transaction.atomic():
            found = (
                cls.objects.select_for_update()
                .filter(
                    code=code.strip().upper(), used_at__isnull=True, expires_at__gt=timezone.now()
                )
                .select_related("user")
                .first()
            )
            if found is None:
                return None
            found.used_at = timezone.now()
            found.save(update_fields=["used_at"])
            return found.user
