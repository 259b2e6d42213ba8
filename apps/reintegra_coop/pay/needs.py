"""What waits in pay for a manager: earlier months whose pay period is not closed yet."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .models import CLOSED_STATES, PayPeriod


def needs(request: HttpRequest) -> list[Need]:
    this_month = timezone.localdate().replace(day=1)
    open_before = (
        scope(PayPeriod.objects.filter(month__lt=this_month), request.user)
        .exclude(state__in=CLOSED_STATES)
        .count()
    )
    text = ngettext("earlier month is not closed", "earlier months are not closed", open_before)
    return [Need(open_before, text, reverse("pay:periods"))]
