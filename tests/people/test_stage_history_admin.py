"""The back office's stage history of a trainee shows an undone change as undone, with who
undid it, when and why, instead of as if it still stood."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.people.models import Stage
from tests.factories import TraineeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def test_the_stage_history_inline_marks_an_undone_change_with_its_reason(client, personas):
    trainee = TraineeFactory(stage=Stage.PARTICIPANT, stage_since=datetime.date(2026, 9, 1))
    trainee.move_to(Stage.GRADUATE, datetime.date(2026, 11, 2), by=personas.manager)
    trainee.move_to(
        Stage.EXITED, datetime.date(2026, 11, 20), by=personas.manager, exit_reason="employment"
    )
    trainee.undo_stage_change(personas.manager, "The job offer fell through")
    client.force_login(personas.manager)
    page = client.get(reverse("admin:people_trainee_change", args=[trainee.pk])).content.decode()
    assert "Undone at" in page  # the column
    assert "The job offer fell through" in page
    rows = page.split('id="stage_changes-')[1:]
    undone = [row for row in rows if "The job offer fell through" in row]
    assert len(undone) == 1 and "Exited" in undone[0] and "manager" in undone[0]
    standing = [row for row in rows if "Graduate" in row and "Exited" not in row]
    assert len(standing) == 1 and "fell through" not in standing[0]
