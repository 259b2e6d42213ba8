"""The Jinja2 environment for our pages: Django's url/static helpers and translations."""

from typing import Any

from django.contrib.messages import get_messages
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from jinja2 import Environment

from reintegra_coop.core import formatting
from reintegra_coop.core.money import format_money, format_quantity


def url(name: str, *args: Any, **kwargs: Any) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options: Any) -> Environment:
    env = Environment(**options)  # noqa: S701 - Django's backend turns autoescape on
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translation.gettext, translation.ngettext, newstyle=True
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "csrf_token_value": get_token,
            "get_messages": get_messages,
            "get_current_language": translation.get_language,
            "pgettext": translation.pgettext,
        }
    )
    env.filters.update(
        {
            # Dates and times: the reader's locale, stored moments in the site's time zone.
            "day": formatting.format_day,
            "day_in_words": formatting.format_day_in_words,
            "weekday_and_day": formatting.format_weekday_and_day,
            "short_weekday": formatting.format_short_weekday,
            "month": formatting.format_month,
            "year_and_month": formatting.format_year_and_month,
            "clock": formatting.format_clock,
            "moment": formatting.format_moment,
            "duration": formatting.format_duration,
            "hours": formatting.format_hours,
            "number": formatting.format_number,
            "amount": formatting.format_amount,
            "money": format_money,
            "quantity": format_quantity,
        }
    )
    return env
