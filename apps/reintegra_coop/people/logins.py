"""Trainees log in with a username or the number on their card, and a PIN set by staff."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import HttpRequest


class UsernameOrCardNumberBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = self._find_user(username.strip())
        if user is None:
            # Spend the same time as a real check, so a wrong name cannot be told apart.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def _find_user(self, login: str) -> User | None:
        from reintegra_coop.people.models import Trainee

        users = get_user_model()._default_manager
        user = users.filter(username__iexact=login).first()
        if user is not None:
            return user
        trainee = Trainee.objects.filter(card_number__iexact=login).select_related("user").first()
        return trainee.user if trainee is not None else None
