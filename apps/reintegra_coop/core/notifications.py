"""Telling people what happened: each area notifies through ``notify`` (or ``send`` for a
batch) with a code, its parameters and the page to open; the words come from the renderer the
area offered for the code at start-up (``offer_notice`` in its AppConfig.ready), in the language
of whoever reads them, so no sentence is stored.

An event has a key (``dispute:42:2026-11-23T10:00``): telling a person about the same event
again adds nothing, so a producer may run twice. Staff with an e-mail address also get an
e-mail where the site has a mail server (``NOTIFY_BY_EMAIL``); trainees never do, and a mail
server that fails never fails the change that caused the notice."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from .models import Notification
from .roles import STAFF_ROLES, role_of
from .sites import mail_connection, site_setting

logger = logging.getLogger(__name__)

Params = dict[str, Any]
Render = Callable[[Params], str]
_renderers: dict[str, Render] = {}


@dataclass(frozen=True)
class Link:
    """A page by its URL name and arguments, resolved when the notice is opened."""

    name: str
    args: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Notice:
    recipient_id: int
    code: str
    key: str
    link: Link
    params: Params = field(default_factory=dict)


def offer_notice(code: str, render: Render) -> None:
    """An area says how a notice of ``code`` reads (called at start-up)."""
    _renderers[code] = render


def text_of(notification: Notification) -> str:
    """The notice in the active language."""
    render = _renderers.get(notification.code)
    if render is None:
        return gettext("Something changed that concerns you.")
    try:
        return render(notification.params)
    except (KeyError, TypeError, ValueError):  # a notice older than its renderer's parameters
        logger.warning("Notice %s cannot be read with %r", notification.pk, notification.params)
        return gettext("Something changed that concerns you.")


def url_of(notification: Notification) -> str:
    try:
        return reverse(notification.link_name, args=notification.link_args)
    except NoReverseMatch:
        return reverse("core:notifications")


def notify(
    users: Iterable[Any], code: str, params: Params, link: Link, key: str
) -> list[Notification]:
    """Tell each of ``users`` (users or their ids) about the event ``key``."""
    ids = {getattr(user, "pk", user) for user in users}
    return send(Notice(pk, code, key, link, params) for pk in ids if pk)


def send(notices: Iterable[Notice]) -> list[Notification]:
    """Store the notices whose recipients were not told of their event yet; returns those."""
    wanted = {(n.recipient_id, n.key): n for n in notices}
    if not wanted:
        return []
    told = set(
        Notification.objects.filter(
            recipient_id__in={pk for pk, _key in wanted}, key__in={key for _pk, key in wanted}
        ).values_list("recipient_id", "key")
    )
    new = [
        Notification(
            recipient_id=n.recipient_id,
            code=n.code,
            params=n.params,
            link_name=n.link.name,
            link_args=list(n.link.args),
            key=n.key[:100],
        )
        for pair, n in wanted.items()
        if pair not in told
    ]
    # ignore_conflicts: a producer running at the same moment told them already
    Notification.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    if new and site_setting("NOTIFY_BY_EMAIL"):
        transaction.on_commit(lambda: mail(new))
    return new


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def mark_read(notifications: Any) -> int:
    """Mark the given notifications (a query of one person's) read."""
    return int(notifications.filter(read_at__isnull=True).update(read_at=timezone.now()))


def mail(notifications: list[Notification]) -> None:
    """E-mail each notice to its recipient, if staff with an address, in the site's language.
    Runs after the change was committed; a mail server that fails is logged, nothing more."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.in_bulk({n.recipient_id for n in notifications})
    site_url = site_setting("SITE_URL").rstrip("/")
    connection = mail_connection()
    with translation.override(site_setting("LANGUAGE_CODE")):
        for notification in notifications:
            user = users.get(notification.recipient_id)
            if user is None or not user.email or role_of(user) not in STAFF_ROLES:
                continue
            text = text_of(notification)
            link = f"{site_url}{url_of(notification)}" if site_url else ""
            try:
                send_mail(
                    text[:150],
                    f"{text}\n\n{link}".strip(),
                    site_setting("DEFAULT_FROM_EMAIL"),
                    [user.email],
                    fail_silently=False,
                    connection=connection,
                )
            except Exception:  # any failure of the mail server: the notice stays in the list
                logger.exception("Could not e-mail notice %s", notification.pk)
