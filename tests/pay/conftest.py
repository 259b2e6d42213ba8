import pytest

from tests.factories import PaySchemeFactory, StipendSettingFactory


@pytest.fixture
def stipend_setting(db):
    """A stipend base of 1,500.00 from 1 January 2026."""
    return StipendSettingFactory()


@pytest.fixture
def hourly_anna(personas):
    """Anna on an hourly wage of 31.50 from 1 January 2026."""
    return PaySchemeFactory(trainee=personas.trainee_anna)
