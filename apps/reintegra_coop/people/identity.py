"""A trainee's national id, checked by the site's country: the Polish PESEL and the Czech birth
number (rodné číslo) carry a check digit and the date of birth (python-stdnum knows both)."""

from __future__ import annotations

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from stdnum.cz import rc
from stdnum.exceptions import ValidationError as NumberError
from stdnum.pl import pesel

from reintegra_coop.core.sites import site_setting

CHECKERS = {"PL": pesel, "CZ": rc}


def normalised(national_id: str) -> str:
    """Without spaces or the Czech slash, in plain digits (a full-width ５ becomes 5)."""
    return "".join(unicodedata.normalize("NFKC", national_id).split()).replace("/", "")


def national_id_problem(national_id: str, date_of_birth: datetime.date | None) -> str | None:
    """Why ``national_id`` cannot be right for someone born on ``date_of_birth``, or None."""
    national_id = normalised(national_id)
    checker = CHECKERS.get(site_setting("COUNTRY", ""))
    if not national_id or checker is None:
        return None
    if not national_id.isascii() or not national_id.isdigit():
        return gettext("This national id is not valid: check its digits.")
    try:
        checker.validate(national_id)
    except NumberError:
        return gettext("This national id is not valid: check its digits.")
    if date_of_birth is not None and checker.get_birth_date(national_id) != date_of_birth:
        return gettext("This national id belongs to someone born on another date.")
    return None


def plausible_birth_date(value: datetime.date) -> None:
    """Someone working with us was born after 1900 and is at least 15 years old."""
    latest = timezone.localdate().replace(month=1, day=1) - datetime.timedelta(days=365 * 15)
    if not datetime.date(1900, 1, 1) <= value <= latest:
        raise ValidationError(
            gettext("Give a date of birth between %(first)s and %(last)s.")
            % {"first": "1900-01-01", "last": latest.isoformat()},
            code="implausible_birth_date",
        )
