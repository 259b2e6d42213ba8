"""The pathway's links on a trainee's page (people/facts.py offers the place): their best job
openings, their placements, and the exit with its destination and follow-ups."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.facts import TraineeLink
from reintegra_coop.people.models import Stage

from .models import Exit
from .placements import IN_PROGRAMME


def pathway_links(trainee: Any, user: Any) -> list[TraineeLink]:
    links = []
    if trainee.stage in IN_PROGRAMME and may_open(user, "pathways:trainee_openings", trainee.pk):
        url = reverse("pathways:trainee_openings", args=[trainee.pk])
        links.append(TraineeLink(gettext("Best job openings"), url))
    if trainee.stage != Stage.EXITED and may_open(user, "pathways:exit_trainee", trainee.pk):
        url = reverse("pathways:exit_trainee", args=[trainee.pk])
        links.append(TraineeLink(gettext("Exit with where they go"), url))
    if may_open(user, "pathways:participant_profile", trainee.pk):
        url = reverse("pathways:participant_profile", args=[trainee.pk])
        links.append(TraineeLink(gettext("Characteristics for the funder"), url))
    exit_record = scope(Exit.objects.filter(trainee=trainee), user).first()
    if exit_record is not None:
        url = reverse("pathways:exit", args=[exit_record.pk])
        links.append(TraineeLink(gettext("Exit and follow-up contacts"), url))
    return links
