"""The number series move to django-sequences: each NumberSeries row (prefix, year,
last_number) becomes the Sequence "PREFIX-YEAR" with the same last number, so numbering goes on
where it stopped; then the NumberSeries table goes."""

from django.db import migrations


def to_sequences(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    Sequence = apps.get_model("sequences", "Sequence")
    for series in NumberSeries.objects.all():
        Sequence.objects.update_or_create(
            name=f"{series.prefix}-{series.year}", defaults={"last": series.last_number}
        )


def to_number_series(apps, schema_editor):
    NumberSeries = apps.get_model("core", "NumberSeries")
    Sequence = apps.get_model("sequences", "Sequence")
    for sequence in Sequence.objects.all():
        prefix, _, year = sequence.name.rpartition("-")
        if prefix and year.isdigit():
            NumberSeries.objects.update_or_create(
                prefix=prefix, year=int(year), defaults={"last_number": sequence.last}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_device_reset"),
        ("sequences", "0002_alter_sequence_last"),
    ]

    operations = [
        migrations.RunPython(to_sequences, to_number_series),
        migrations.DeleteModel(name="NumberSeries"),
    ]
