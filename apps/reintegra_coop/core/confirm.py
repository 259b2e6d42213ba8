"""Irreversible steps ask first: the step's POST without ``confirmed=yes`` answers a page with
the question, a "Yes" that posts the same form again, confirmed, and a way back. It works
without JavaScript, and nothing happens until the second post."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirmed") == "yes"


def ask_first(
    request: HttpRequest, question: str, yes: str, back: str, danger: bool = False
) -> HttpResponse:
    """The page that asks ``question``; "Yes" resends what was posted (a reason, say)."""
    carried = [  # every value of a repeated field (ticked logs, say)
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirmed")
        for value in values
    ]
    return render(
        request,
        "core/confirm.html",
        {
            "question": question,
            "yes": yes,
            "back": back,
            "danger": danger,
            "action": request.get_full_path(),
            "carried": carried,
        },
    )
