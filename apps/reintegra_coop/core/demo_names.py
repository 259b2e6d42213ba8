"""The demo cooperative speaks its site's language: its workshops, skills, products, internal
customers, shifts and housing units are written in English in the demo modules (marked with
``N_`` so they land in the catalogues) and stored in the site's language when loaded."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_

__all__ = ["N_", "in_site_language"]


def in_site_language(name: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(name)
