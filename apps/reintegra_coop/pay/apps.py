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

        from . import needs, notices, onboarding, panels

        offer_onboarding_part(onboarding.PART)
        offer_needs(frozenset({Role.MANAGER}), needs.needs, order=30)
        offer_panel(
            Panel(frozenset({Role.ACCOUNTANT}), "pay/_home_periods.html", panels.periods, 10)
        )
        notices.offer()
