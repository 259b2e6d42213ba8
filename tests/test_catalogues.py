"""The Polish and Czech catalogues are complete: every string marked in the code (Python and
Jinja2) is in them, translated, with no fuzzy guess left and every plural form filled — a new
string without its translation fails here, not in front of a trainee (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "apps" / "reintegra_coop" / "locale"
# The same keywords `make update-messages` extracts with.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "gettext_lazy": None,
    "ngettext": (1, 2),
    "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2),
}


def catalogue(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        return read_po(po, locale=language)


def marked_in_the_code() -> set[tuple[str | None, str]]:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for folder in ("apps", "config"):
        for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map, options, keywords={**KEYWORDS}
        ):
            found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


@pytest.mark.parametrize("language", ["pl", "cs"])
def test_every_string_has_a_translation_and_none_is_fuzzy(language):
    untranslated, fuzzy = [], []
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            untranslated.append(message.id)
        if message.fuzzy:
            fuzzy.append(message.id)
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", ["pl", "cs"])
def test_every_string_marked_in_the_code_is_in_the_catalogue(language):
    known = {
        (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)
        for message in catalogue(language)
        if message.id
    }
    missing = sorted(str(message) for message in marked_in_the_code() - known)
    assert missing == [], "run `make update-messages` and translate: " + "; ".join(missing)


def test_the_check_finds_a_string_that_is_not_in_the_catalogue():
    known = {(message.context, message.id) for message in catalogue("pl") if message.id}
    assert (None, "A string nobody has translated yet") not in known
    assert (None, "Cooperative") in known  # it does read the catalogue


def test_polish_never_speaks_to_a_reader_as_a_man_only():
    """Trainees and staff are women and men: no "you did" in the masculine ("Napisałeś")
    without its feminine; write "Twoja wiadomość" or "Wystawił(a)" instead."""
    masculine_you = re.compile(r"\b\w+łeś\b(?!\s*\/)")
    found = []
    for message in catalogue("pl"):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found += [text for text in strings if text and masculine_you.search(text)]
    assert found == []
    assert masculine_you.search("Napisałeś:")  # the check does catch the form
