"""A new site gets its country's VAT rates; a manager may add or retire rates later."""

from decimal import Decimal

from django.conf import settings
from django.db import migrations

RATES = {
    "PL": [("23%", "23"), ("8%", "8"), ("5%", "5"), ("0%", "0")],
    "CZ": [("21%", "21"), ("12%", "12"), ("0%", "0")],
    "SK": [("23%", "23"), ("19%", "19"), ("5%", "5"), ("0%", "0")],
    "DE": [("19%", "19"), ("7%", "7"), ("0%", "0")],
    "AT": [("20%", "20"), ("10%", "10"), ("0%", "0")],
}


def add_rates(apps, schema_editor):
    VatRate = apps.get_model("orders", "VatRate")
    if VatRate.objects.exists():
        return
    for name, percent in RATES.get(getattr(settings, "COUNTRY", "PL"), RATES["PL"]):
        VatRate.objects.create(name=name, percent=Decimal(percent))


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]
    # Elidable: a squashed history leaves it out, as orders/vat_rates.py seeds after migrate.
    operations = [migrations.RunPython(add_rates, migrations.RunPython.noop, elidable=True)]
