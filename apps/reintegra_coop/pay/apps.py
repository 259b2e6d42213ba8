from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PayConfig(AppConfig):
    name = "reintegra_coop.pay"
    label = "pay"
    verbose_name = _("Pay")

    def ready(self) -> None:
        from reintegra_coop.core.roles import Role
        from reintegra_coop.people.home import Panel, offer_needs, offer_panel
        from reintegra_coop.people.onboarding import offer_onboarding_part
        from reintegra_coop.people.stages import offer_record_check

        from . import needs, notices, onboarding, panels, record_checks

        offer_record_check(record_checks.payslips)
        offer_onboarding_part(onboarding.PART)
        offer_needs(frozenset({Role.MANAGER}), needs.needs, order=30)
        offer_panel(
            Panel(frozenset({Role.ACCOUNTANT}), "pay/_home_periods.html", panels.periods, 10)
        )
        notices.offer()
