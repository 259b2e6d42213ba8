"""Query parameters (``?date=…``, ``?period=…``) are read through a form, like any input: a
wrong one is answered with 400 and a message naming the field, never with a stack trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .dates import DayField, MonthField


class BadQueryError(Exception):
    def __init__(self, form: forms.Form) -> None:
        super().__init__(form.errors.as_text())
        self.form = form


def read_query(request: HttpRequest, form_class: type[forms.Form], **kwargs: Any) -> dict[str, Any]:
    """The cleaned query parameters, or BadQueryError (a 400 page naming each field)."""
    form = form_class(request.GET, **kwargs)
    if not form.is_valid():
        raise BadQueryError(form)
    return form.cleaned_data


class DayQuery(forms.Form):
    date = DayField(label=_("Date"), required=False)


class MonthQuery(forms.Form):
    period = MonthField(label=_("Month"), required=False)


class BadQueryMiddleware:
    """Turns a BadQueryError raised by a view into a 400 page listing what was wrong."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, BadQueryError):
            return None
        problems = [
            (exception.form.fields[name].label if name in exception.form.fields else name, error)
            for name, errors in exception.form.errors.items()
            for error in errors
        ]
        return render(request, "400.html", {"problems": problems}, status=400)
