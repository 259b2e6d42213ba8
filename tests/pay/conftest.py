import datetime
from decimal import Decimal

import pytest

from reintegra_coop.pay.models import PayScheme, SchemeKind, StipendSetting
from reintegra_coop.work.models import WorkLog

NOVEMBER = datetime.date(2026, 11, 1)


@pytest.fixture
def stipend_setting(db):
    return StipendSetting.objects.create(
        valid_from=datetime.date(2026, 1, 1), base=Decimal("1500.00")
    )


def work(trainee, workshop, day, start=8, end=14, **fields):
    fields.setdefault("status", "approved")
    return WorkLog.objects.create(
        trainee=trainee,
        workshop=workshop,
        date=day,
        start=datetime.time(start),
        end=datetime.time(end),
        **fields,
    )


@pytest.fixture
def hourly_anna(personas):
    return PayScheme.objects.create(
        trainee=personas.trainee_anna,
        kind=SchemeKind.HOURLY,
        valid_from=datetime.date(2026, 1, 1),
        hourly_rate=Decimal("31.50"),
    )
