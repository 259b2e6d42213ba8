import pytest

from reintegra_coop.care.models import TherapyPlan
from reintegra_coop.core.roles import Role
from tests.factories import (
    NOVEMBER,
    DiagnosisFactory,
    NotificationFactory,
    PaySchemeFactory,
    StaffMemberFactory,
    work,
)


@pytest.fixture
def clinical_notes():
    """What Anna's therapy plan says: care data, for care leads' eyes only."""
    return "Relapse risk after the court hearing"


@pytest.fixture
def care_lead(personas):
    """A care lead with Anna in her caseload."""
    return StaffMemberFactory(
        user__username="care.lead",
        role=Role.CARE_WORKER,
        care_lead=True,
        caseload=[personas.trainee_anna],
    ).user


@pytest.fixture
def anna_record(personas, clinical_notes):
    """Anna's record across areas: a work log, a paid month, a therapy plan, a diagnosis, a
    notice about her to the manager."""
    from reintegra_coop.pay import period

    anna = personas.trainee_anna
    work(anna, personas.garden, NOVEMBER.replace(day=2), note="Planted leeks")
    PaySchemeFactory(trainee=anna)
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    TherapyPlan.objects.create(trainee=anna, clinical_notes=clinical_notes, goals="Stay abstinent")
    DiagnosisFactory(trainee=anna, summary="Motivated")
    NotificationFactory(
        recipient=personas.manager, code="work.disputed", params={"trainee": anna.full_name}
    )
    return anna
