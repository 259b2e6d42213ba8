"""One-time login codes a manager prints (as a QR code) for a trainee's own phone.

The rules (DESIGN.md, "Who may hold and grant a role"): codes are for trainee logins only, printed
by managers (and by care leads where the site allows it, for their caseload); a new code voids
the trainee's older ones; a code works once, within ``LOGIN_CODE_HOURS`` (24 by default), and is
used by pressing a button (a POST), so a link preview cannot use it up."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.sites import site_setting
from reintegra_coop.people.logins import may_print_login_codes
from reintegra_coop.people.models import Trainee, trainee_login_problem

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mix up


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
    def issue(cls, trainee: Trainee, by: Any) -> LoginCode:
        """A new code for the trainee's login; the trainee's older codes stop working."""
        if not may_print_login_codes(by):
            raise PermissionDenied(gettext("Only a manager prints login codes."))
        user = trainee.user
        if user is None or trainee_login_problem(user):
            raise PermissionDenied(gettext("Login codes are only for a trainee's own login."))
        now = timezone.now()
        with transaction.atomic():
            cls.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(
                expires_at=now
            )
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
            valid_for = datetime.timedelta(hours=site_setting("LOGIN_CODE_HOURS"))
            return cls.objects.create(
                user=user, code=code, created_by=by, expires_at=now + valid_for
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
            if (
                trainee_login_problem(found.user)
                or not Trainee.objects.filter(user_id=found.user_id).exists()
            ):
                return None  # only a trainee's own login, even for a code made before the rules
            found.used_at = timezone.now()
            found.save(update_fields=["used_at"])
            return found.user
