"""The pay run becomes the month's pay period (open → in review → approved → paid, or
reopened); payslips keep their versions (approved figures stay when a period is rerun) and
what they earned in the month (for late entries' differences)."""

from decimal import Decimal

from django.db import migrations, models

EARNING_CODES = (
    "hourly_wage",
    "piece_rate",
    "stipend_base",
    "trial_share",
    "unexcused_absence",
    "unexcused_limit",
    "sick_day",
    "sick_day_over_limit",
    "day_off_over_limit",
    "floor",
    "motivation_bonus",
)


def states_from_statuses(apps, schema_editor):
    PayPeriod = apps.get_model("pay", "PayPeriod")
    for period in PayPeriod.objects.all():
        if period.state == "draft":
            period.state = "reopened" if period.reopen_reason else "in_review"
        period.save(update_fields=["state"])
    Payslip = apps.get_model("pay", "Payslip")
    PayslipLine = apps.get_model("pay", "PayslipLine")
    for payslip in Payslip.objects.all():
        earned = PayslipLine.objects.filter(
            payslip=payslip, code__in=EARNING_CODES, informational=False
        ).aggregate(total=models.Sum("amount"))["total"]
        payslip.earnings = earned or Decimal("0.00")
        if payslip.period.state in ("approved", "paid"):
            payslip.approved_at = payslip.period.approved_at
        payslip.save(update_fields=["earnings", "approved_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("pay", "0004_plausible_dates"),
        ("housing", "0004_plausible_dates"),
        ("people", "0006_plausible_dates_and_login_rules"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="payrun", name="one_pay_run_a_month"),
        migrations.RemoveConstraint(model_name="payslip", name="one_payslip_per_run"),
        migrations.RenameModel("PayRun", "PayPeriod"),
        migrations.RenameField("payperiod", "status", "state"),
        migrations.RenameField("payperiod", "reopened_reason", "reopen_reason"),
        migrations.AlterField(
            model_name="payperiod",
            name="state",
            field=models.CharField(
                choices=[
                    ("open", "Open"),
                    ("in_review", "In review"),
                    ("approved", "Approved"),
                    ("paid", "Paid"),
                    ("reopened", "Reopened"),
                ],
                default="open",
                max_length=12,
                verbose_name="state",
            ),
        ),
        migrations.RenameField("payslip", "run", "period"),
        migrations.AddField(
            model_name="payslip",
            name="earnings",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0.00"), max_digits=12,
                verbose_name="earned in the month",
            ),
        ),
        migrations.AddField(
            model_name="payslip",
            name="approved_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="approved at"),
        ),
        migrations.RunPython(states_from_statuses, migrations.RunPython.noop),
        migrations.RemoveField(model_name="payslip", name="needs_recalculation"),
    ]
